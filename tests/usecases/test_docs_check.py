"""`intake docs check`: required front matter, review age, LIX and glossary terms per page."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from intake.cli.main import main
from intake.render.site.glossary import Term
from intake.usecases.docs_check import check_page, plain_text, readability
from tests.paths import FIXTURES, ROOT

PAGES = FIXTURES / "pages"
TODAY = dt.date(2026, 11, 24)


def _check(case: str, today: dt.date = TODAY, generated: bool = False) -> list[str]:
    text = (PAGES / case).read_bytes().decode("utf-8")
    report = check_page(f"docs/{case}", text, today, [], generated=generated)
    return [f"error: {e}" for e in report.errors] + [f"warning: {w}" for w in report.warnings]


def test_complete_page_passes() -> None:
    assert _check("complete.md") == []


def test_missing_owner_is_an_error() -> None:
    assert _check("missing-owner.md") == ["error: sidhuvudet (front matter) saknar ansvarig"]


def test_page_without_front_matter_lacks_everything() -> None:
    assert _check("no-front-matter.md") == [
        "error: sidhuvudet (front matter) saknar title, description, ansvarig, granskad"
    ]


def test_page_must_end_with_the_glossary_include() -> None:
    assert _check("no-glossary.md") == [
        'error: sista raden --8<-- "gemensamt.md" saknas (ordlistan och kommunens länkar)'
    ]


def test_review_date_must_be_a_date() -> None:
    assert _check("bad-date.md") == ["error: granskad 'i våras' är inget datum (ÅÅÅÅ-MM-DD)"]


def test_review_older_than_twelve_months_warns() -> None:
    assert _check("complete.md", today=dt.date(2027, 5, 2)) == []
    assert _check("complete.md", today=dt.date(2027, 5, 3)) == [
        "warning: granskades senast 2026-05-02, för mer än tolv månader sedan"
    ]


def test_generated_page_needs_no_review_date() -> None:
    assert _check("missing-owner.md", generated=True) == [
        "error: sidhuvudet (front matter) saknar ansvarig"
    ]
    assert _check("no-front-matter.md", generated=True) == [
        "error: sidhuvudet (front matter) saknar title, description, ansvarig"
    ]


def test_lix_of_a_simple_text() -> None:
    # 7 words, 2 sentences, no long word: 7 / 2 + 0
    assert readability(["Jag har en katt.", "Den är liten."]).lix == 3.5


def test_hard_guidance_page_warns_above_forty() -> None:
    findings = _check("long-sentences.md")
    assert len(findings) == 1
    assert findings[0].startswith("warning: LIX ")
    assert findings[0].endswith("är över 40; kortare meningar och ord hjälper")


def test_markup_code_comments_and_addresses_do_not_count() -> None:
    text = (PAGES / "markup.md").read_text(encoding="utf-8")
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
    text = (PAGES / "complete.md").read_text(encoding="utf-8")
    report = check_page(
        "docs/roller.md", text, TODAY, [Term("Katt", "Ett djur."), Term("Hund", "")]
    )
    assert report.terms == ["Katt"]


def _docs(tmp_path: Path, *cases: str) -> Path:
    for case in cases:
        (tmp_path / "docs").mkdir(exist_ok=True)
        shutil.copy(PAGES / case, tmp_path / "docs" / case)
    return tmp_path


def test_command_fails_naming_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _docs(tmp_path, "complete.md", "missing-owner.md")
    assert main(["--root", str(root), "docs", "check", "--lix"], env={}) == 1
    out, err = capsys.readouterr()
    assert "fel: docs/missing-owner.md: sidhuvudet (front matter) saknar ansvarig" in err
    assert "docs/complete.md" in out  # the LIX table, asked for
    assert "2 sidor: 1 fel" in out
    assert main(["--root", str(root), "docs", "check"], env={"GITHUB_ACTIONS": "true"}) == 1
    out = capsys.readouterr().out
    assert "::error file=docs/missing-owner.md::" in out
    assert "docs/complete.md " not in out  # no table unless asked for


def test_command_warns_but_passes_relative_to_the_given_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _docs(tmp_path, "complete.md")
    page = root / "docs" / "complete.md"
    page.write_text(page.read_text("utf-8").replace("2026-05-02", "2020-01-01"), "utf-8")
    assert main(["--root", str(root), "docs", "check"], env={}) == 0
    assert "varning: docs/complete.md: granskades senast 2020-01-01" in capsys.readouterr().out


def test_snippets_templates_and_portfolio_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _docs(tmp_path, "complete.md")
    for folder in ("includes", "overrides", "portfolj"):
        (root / "docs" / folder).mkdir()
        shutil.copy(PAGES / "no-front-matter.md", root / "docs" / folder / "x.md")
    assert main(["--root", str(root), "docs", "check"], env={}) == 0
    assert "1 sidor: 0 fel, 0 varningar" in capsys.readouterr().out


def test_a_count_of_steps_or_outcomes_written_by_hand_is_an_error() -> None:
    text = (PAGES / "complete.md").read_text(encoding="utf-8")
    page = text.replace(
        "# ", "Livscykeln har sex steg.\n\nEtt behov kan sluta på tre sätt.\n\n# ", 1
    )
    report = check_page("docs/x.md", page, TODAY, [])
    assert len(report.errors) == 2
    assert "(”sex steg”)" in report.errors[0]
    assert "(”sluta på tre sätt”)" in report.errors[1]
    assert "livscykelns-steg.md eller utfall.md" in report.errors[0]
    ordinary = text.replace("# ", "Det finns två sätt att anmäla. Välj steg 3.\n\n# ", 1)
    assert check_page("docs/x.md", ordinary, TODAY, []).errors == []
    assert check_page("docs/x.md", page, TODAY, [], generated=True).errors == []


def test_lix_is_computed_on_the_page_as_read_with_its_includes() -> None:
    text = (PAGES / "complete.md").read_text(encoding="utf-8")
    page = text.replace("# ", '--8<-- "svar.md"\n\n# ', 1)
    hard = (PAGES / "long-sentences.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert check_page("docs/x.md", page, TODAY, [], includes={}).warnings == []
    warned = check_page("docs/x.md", page, TODAY, [], includes={"svar.md": hard}).warnings
    assert len(warned) == 1
    assert warned[0].startswith("LIX ")


def _fork_without_dubblett(root: Path) -> Path:
    """The repository's pages and process file, with the outcome Dubblett taken out."""
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("portfolj"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "intake").mkdir()
    text = (ROOT / "intake" / "process.yml").read_text(encoding="utf-8")
    start = text.index("  - id: dubblett\n")
    end = text.index("\n\n", start)
    text = text[:start].rstrip("\n") + text[end:]
    text = text.replace("    dubblett: {by: [beredningsgrupp]}\n", "")
    text = text.replace("  duplicate: dubblett\n", "")  # /dubblett is then not offered
    (root / "intake" / "process.yml").write_text(text, encoding="utf-8")
    return root


def test_counts_follow_a_changed_process_and_a_hand_written_one_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _fork_without_dubblett(tmp_path)
    assert main(["--root", str(root), "generate"], env={}) == 0
    outcomes = (root / "docs" / "includes" / "utfall.md").read_text(encoding="utf-8")
    assert "på fyra sätt" in outcomes
    assert "Dubblett" not in outcomes
    assert main(["--root", str(root), "docs", "check"], env={}) == 0
    page = root / "docs" / "livscykeln" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("\n# Livscykeln\n", "\n# Livscykeln\n\nDe fem utfallen.\n"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--root", str(root), "docs", "check"], env={}) == 1
    err = capsys.readouterr().err
    assert "docs/livscykeln/index.md: rad 10 skriver antalet steg eller utfall för hand" in err
    assert "(”fem utfallen”)" in err


def test_every_real_page_reads_at_lix_40_or_below_with_its_includes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--root", str(ROOT), "docs", "check"], env={}) == 0
    out = capsys.readouterr().out
    assert "LIX" not in out
    assert " 0 varningar" in out
