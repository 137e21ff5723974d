"""`intake docs check`: required front matter, review age, LIX and glossary terms per page."""

import argparse
import datetime as dt
import shutil
from pathlib import Path

import pytest

from intake.cli.main import main
from intake.render.glossary import Term
from intake.usecases.docs_check import check_page, command, plain_text, readability
from intake.model.process import load_process

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
TODAY = dt.date(2026, 11, 24)


def _check(case: str, today: dt.date = TODAY, generated: bool = False) -> list[str]:
    text = (FIXTURES / case).read_bytes().decode("utf-8")
    report = check_page(f"docs/{case}", text, today, [], generated=generated)
    return [f"error: {e}" for e in report.errors] + [f"warning: {w}" for w in report.warnings]


def test_complete_page_passes() -> None:
    assert _check("complete.md") == []


def test_missing_owner_is_an_error() -> None:
    assert _check("missing-owner.md") == ["error: front matter lacks ansvarig"]


def test_page_without_front_matter_lacks_everything() -> None:
    assert _check("no-front-matter.md") == [
        "error: front matter lacks title, description, ansvarig, granskad"
    ]


def test_page_must_end_with_the_glossary_include() -> None:
    assert _check("no-glossary.md") == [
        'error: lacks the line --8<-- "abbreviations.md" (the glossary on hover)'
    ]


def test_review_date_must_be_a_date() -> None:
    assert _check("bad-date.md") == ["error: granskad 'i våras' is not a date (YYYY-MM-DD)"]


def test_review_older_than_twelve_months_warns() -> None:
    assert _check("complete.md", today=dt.date(2027, 5, 2)) == []
    assert _check("complete.md", today=dt.date(2027, 5, 3)) == [
        "warning: last reviewed 2026-05-02, more than twelve months ago"
    ]


def test_generated_page_needs_no_review_date() -> None:
    assert _check("missing-owner.md", generated=True) == ["error: front matter lacks ansvarig"]
    assert _check("no-front-matter.md", generated=True) == [
        "error: front matter lacks title, description, ansvarig"
    ]


def test_lix_of_a_simple_text() -> None:
    # 7 words, 2 sentences, no long word: 7 / 2 + 0
    assert readability(["Jag har en katt.", "Den är liten."]).lix == 3.5


def test_hard_guidance_page_warns_above_forty() -> None:
    findings = _check("long-sentences.md")
    assert len(findings) == 1
    assert findings[0].startswith("warning: LIX ")
    assert findings[0].endswith("is above 40; shorter sentences help")


def test_markup_code_comments_and_addresses_do_not_count() -> None:
    text = (FIXTURES / "markup.md").read_text(encoding="utf-8")
    blocks = plain_text(text)
    assert blocks == [
        "Rubrik utan punkt",
        "Se sidan t.ex. i dag.",
        "Steg",
        "Vem",
        "Bereda",
        "Gruppen",
        "Ett val",
    ]
    counts = readability(blocks)
    # "t.ex." ends no sentence; a heading, a cell and a list item each end one
    assert (counts.words, counts.sentences, counts.long_words) == (15, 7, 1)


def test_glossary_terms_on_a_page_are_reported() -> None:
    text = (FIXTURES / "complete.md").read_text(encoding="utf-8")
    report = check_page(
        "docs/roller.md", text, TODAY, [Term("Katt", "Ett djur."), Term("Hund", "")]
    )
    assert report.terms == ["Katt"]


def _docs(tmp_path: Path, *cases: str) -> Path:
    for case in cases:
        (tmp_path / "docs").mkdir(exist_ok=True)
        shutil.copy(FIXTURES / case, tmp_path / "docs" / case)
    return tmp_path


def test_command_fails_naming_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docs(tmp_path, "complete.md", "missing-owner.md")
    assert main(["--root", str(root), "docs", "check"]) == 1
    out = capsys.readouterr().out
    assert "::error file=docs/missing-owner.md::" in out
    assert "docs/complete.md" in out
    assert "2 pages, 1 errors" in out


def test_command_warns_but_passes_relative_to_the_given_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _docs(tmp_path, "complete.md")
    args = argparse.Namespace(root=root, today=dt.date(2028, 1, 1))
    assert command(args, load_process()) == 0
    assert "::warning file=docs/complete.md::" in capsys.readouterr().out


def test_snippets_templates_and_portfolio_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _docs(tmp_path, "complete.md")
    for folder in ("includes", "overrides", "portfolj"):
        (root / "docs" / folder).mkdir()
        shutil.copy(FIXTURES / "no-front-matter.md", root / "docs" / folder / "x.md")
    args = argparse.Namespace(root=root, today=TODAY)
    assert command(args, load_process()) == 0
    assert "1 pages, 0 errors, 0 warnings" in capsys.readouterr().out
