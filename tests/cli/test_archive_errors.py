"""`intake archive` and `intake portfolio --archive` answer a broken archive with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.cli.main import main
from tests.paths import ROOT

CLOSED = "http://127.0.0.1:9"  # the discard port: nothing answers


def broken(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / "arkiv"
    if case == "a-file":
        folder.write_text("inte en mapp", encoding="utf-8")
    elif case == "no-index":
        folder.mkdir()
    elif case == "broken-index":
        folder.mkdir()
        (folder / "index.json").write_bytes(b'{"issues": [1, 2]')
    elif case == "binary-index":
        folder.mkdir()
        (folder / "index.json").write_bytes(bytes(range(256)))
    elif case == "broken-issue":
        (folder / "issues" / "kommun" / "behov").mkdir(parents=True)
        (folder / "index.json").write_text(
            '{"issues": {"kommun/behov#1": {"updated_at": "2026-01-01T00:00:00Z", '
            '"comments": 0, "files": {}}}}',
            encoding="utf-8",
        )
        (folder / "issues" / "kommun" / "behov" / "1.json").write_text("{}", encoding="utf-8")
    return folder


CASES = ["missing", "a-file", "no-index", "broken-index", "binary-index", "broken-issue"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["due", "thin", "portfolio"])
def test_a_broken_archive_ends_in_one_line(
    tmp_path: Path, case: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = broken(tmp_path, case)
    out = tmp_path / "out"
    arguments = {
        "due": ["archive", "--due", str(folder)],
        "thin": ["archive", "--thin", "KS 2026/1", str(folder)],
        "portfolio": ["portfolio", "--archive", str(folder), "--out", str(out)],
    }[command]
    code = main(["--root", str(ROOT), *arguments], env={})
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("fel: ")
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["archive"], "ange arkivets mapp"),
        (["archive", "--full", "arkiv"], "--full hör till --verify"),
        (["archive", "--decided", "2026-01-01", "arkiv"], "--decided hör till --thin"),
        (["archive", "--thin", "  ", "arkiv"], "diarienummer"),
        (["archive", "--thin", "KS 1", "--decided", "i går", "arkiv"], "inget datum"),
    ],
)
def test_wrong_options_end_in_one_line(
    tmp_path: Path, arguments: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "arkiv").mkdir()
    (tmp_path / "arkiv" / "index.json").write_text("{}", encoding="utf-8")
    args = [a.replace("arkiv", str(tmp_path / "arkiv")) if a == "arkiv" else a for a in arguments]
    assert main(["--root", str(ROOT), *args], env={}) == 2
    err = capsys.readouterr().err
    assert said in err
    assert len(err.strip().splitlines()) == 1


def test_github_out_of_reach_ends_in_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import FAST

    env = {"GITHUB_REPOSITORY": "kommun/behov", "GITHUB_TOKEN": "x", "GITHUB_API_URL": CLOSED}
    folder = tmp_path / "arkiv"
    assert main(["--root", str(ROOT), "archive", str(folder)], env=env, pacing=FAST) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert not folder.exists()


def test_the_target_is_the_process_files_archive_repository(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--root", str(ROOT), "archive", "--target"], env={}) == 0
    assert capsys.readouterr().out == "exempelkommun/digitaliseringsarkiv\n"
