"""The real site, built once per test session by each tool and shared by every site test.

Under pytest-xdist the workers share one build of each tool: the first to need it builds it
while holding a lock, the others wait for it and then read the same folder.
"""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from tests.site.build import build, copy_project


@pytest.fixture(scope="session")
def built_sites(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, Path]:
    """Tool ("mkdocs", "zensical") → the folder of the site it built, lazily, once each."""
    base = tmp_path_factory.getbasetemp()
    worker = hasattr(request.config, "workerinput")  # set in pytest-xdist's workers only
    shared = base.parent if worker else base  # one folder for all workers of the session
    return _LazySites(shared / "sites")


class _LazySites(dict[str, Path]):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder

    def __missing__(self, tool: str) -> Path:
        project = self._folder / tool
        project.mkdir(parents=True, exist_ok=True)
        with (self._folder / f"{tool}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            done = project / "built"
            if done.exists():
                site = Path(done.read_text(encoding="utf-8"))
            else:
                site, _ = build(copy_project(project), tool)
                done.write_text(str(site), encoding="utf-8")
        self[tool] = site
        return site
