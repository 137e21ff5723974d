"""The real site, built once per test session by each tool and shared by every site test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.build import build, copy_project


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tool ("mkdocs", "zensical") → the folder of the site it built, lazily, once each."""
    return _LazySites(tmp_path_factory)


class _LazySites(dict[str, Path]):
    def __init__(self, factory: pytest.TempPathFactory) -> None:
        super().__init__()
        self._factory = factory

    def __missing__(self, tool: str) -> Path:
        site, _ = build(copy_project(self._factory.mktemp(tool)), tool)
        self[tool] = site
        return site
