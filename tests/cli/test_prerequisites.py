"""The Förutsättningar file beside the process file: read by `intake portfolio`, checked by
`intake check`, every mistake named in one line with its file, year and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from intake.cli.main import main
from intake.model.load import BUNDLED_PROCESS
from tests.conftest import FAST
from tests.paths import ROOT, SAMPLES


def process_with(tmp_path: Path, prerequisites: str | None) -> Path:
    """A copy of the bundled process file, with `prerequisites` as its Förutsättningar file."""
    process = tmp_path / "process.yml"
    shutil.copy(BUNDLED_PROCESS, process)
    if prerequisites is not None:
        (tmp_path / "forutsattningar.yml").write_text(prerequisites, encoding="utf-8")
    return process


def run(process: Path, *arguments: str) -> int:
    return main(["--root", str(ROOT), "--process", str(process), *arguments], env={}, pacing=FAST)


BAD = "2025:\n  mognad: 12\n"


def test_check_names_a_wrong_value_with_file_year_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(process_with(tmp_path, BAD), "check") == 1
    err = capsys.readouterr().err
    assert "forutsattningar.yml: år 2025, fältet mognad: 12 ligger utanför skalan 0–10" in err
    assert "Traceback" not in err


def test_check_names_a_file_that_is_no_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(process_with(tmp_path, "2025: [mognad: 5\n"), "check") == 1
    assert "filen går inte att läsa som YAML" in capsys.readouterr().err


def test_check_passes_without_the_file(tmp_path: Path) -> None:
    assert run(process_with(tmp_path, None), "check") == 0


def test_the_portfolio_refuses_a_wrong_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "portfolj"
    code = run(
        process_with(tmp_path, BAD), "portfolio", "--snapshot", str(SAMPLES), "--out", str(out)
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("fel: ")
    assert len(err.strip().splitlines()) == 1
    assert "år 2025, fältet mognad" in err
    assert not out.exists()


def test_the_index_page_shows_the_years_of_the_file_and_the_others_as_missing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "portfolj"
    process = process_with(tmp_path, "2026:\n  mognad: 8\n  tilltro: 7\n  teknik:\n")
    assert run(process, "portfolio", "--snapshot", str(SAMPLES), "--out", str(out)) == 0
    page = (out / "digitaliseringsindex" / "index.md").read_text(encoding="utf-8")
    cell = '</td><td role="cell" data-label="Förutsättningar" class="tal">'
    assert f"2026 &#40;hittills&#41;{cell}7,5</td>" in page
    assert f">2025{cell}saknas</td>" in page
