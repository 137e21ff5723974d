"""Runs of eight words a page shares with a source text are found; named quotations are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.cli.main import main
from intake.usecases.overlap import shared_runs, source_runs
from tests.paths import ROOT

SOURCE = "Ett projekt har en tillfällig organisation som ska nå ett visst resultat inom given tid."
RUNS = source_runs({"kalla.txt": SOURCE})
SEEDS = ROOT.parent / "shared" / "seeds"


def page(*lines: str) -> str:
    return "---\ntitle: Sida\n---\n\n# Sida\n\n" + "\n".join(lines) + "\n"


def test_eight_shared_words_are_found_with_their_line_and_source() -> None:
    [found] = shared_runs(
        page("Text.", "Vi har en TILLFÄLLIG organisation, som ska nå ett visst mål."), RUNS
    )
    assert (found.line, found.source) == (8, "kalla.txt")
    assert found.words == "har en tillfällig organisation som ska nå ett visst"


def test_seven_shared_words_are_fine() -> None:
    assert (
        shared_runs(page("Här: tillfällig organisation som ska nå ett visst, men annat."), RUNS)
        == []
    )


def test_a_longer_run_is_reported_once_whole() -> None:
    [found] = shared_runs(
        page("Ett projekt har en tillfällig organisation som ska nå ett visst"), RUNS
    )
    assert len(found.words.split()) == 11


def test_a_quotation_naming_its_source_is_exempt_and_one_without_is_not() -> None:
    quoted = page("> en tillfällig organisation som ska nå ett visst resultat", ">", "> — Källan")
    assert shared_runs(quoted, RUNS) == []
    unnamed = page("> en tillfällig organisation som ska nå ett visst resultat")
    assert len(shared_runs(unnamed, RUNS)) == 1


def test_code_and_link_targets_do_not_count() -> None:
    code = page("```", "en tillfällig organisation som ska nå ett visst resultat", "```")
    assert shared_runs(code, RUNS) == []
    link = page("[Läs](https://a.se/en-tillfällig-organisation-som-ska-nå-ett-visst-resultat)")
    assert shared_runs(link, RUNS) == []


def test_the_check_fails_naming_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "kalla.txt").write_text(SOURCE, encoding="utf-8")
    text = "---\ntitle: A\ndescription: B\nansvarig: C\ngranskad: 2026-11-29\n---\n\n"
    text += SOURCE + '\n\n--8<-- "gemensamt.md"\n'
    (tmp_path / "docs" / "sida.md").write_text(text, encoding="utf-8")
    assert (
        main(
            ["--root", str(tmp_path), "docs", "check", "--sources", str(tmp_path / "sources")],
            env={},
        )
        == 1
    )
    assert (
        "fel: docs/sida.md: rad 8 delar 15 ord i följd med källan kalla.txt"
        in capsys.readouterr().err
    )
    assert main(["--root", str(tmp_path), "docs", "check"], env={}) == 0
    assert "Jämförelsen med källtexterna hoppades över" in capsys.readouterr().out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts lie beside the checkout only")
def test_no_page_of_the_site_shares_eight_words_with_the_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--root", str(ROOT), "docs", "check", "--sources", str(SEEDS)], env={}) == 0
    assert "jämfördes med 5 källtexter" in capsys.readouterr().out
