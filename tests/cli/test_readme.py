"""Every `intake` example in the README runs as written."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from intake.cli.main import main
from tests.paths import ROOT

EXAMPLES = re.findall(r"^\.venv/bin/intake (.+)$", (ROOT / "README.md").read_text("utf-8"), re.M)


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("example", EXAMPLES)
def test_a_readme_example_runs_as_written(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a copy of what the examples read, so that they write nothing into the work tree.
    for folder in ("intake/samples", ".github/ISSUE_TEMPLATE"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "intake" / "process.yml", tmp_path / "intake" / "process.yml")
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(example), env={}) == 0
