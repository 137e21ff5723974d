"""The label page lists every label the process defines, grouped, with its meaning."""

import pytest

from intake.model.load import load_process
from intake.model.process import Process
from intake.render.site.labelpage import LABEL_PAGE_PATH, render_label_page
from intake.usecases.docs_check import front_matter
from tests.paths import ROOT

ROOT = ROOT


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


def test_every_label_is_on_the_page_once(process: Process) -> None:
    page = render_label_page(process)
    for spec in process.labels():
        assert page.count(f"| `{spec.name}` |") == 1


def test_groups_follow_the_lifecycle_order(process: Process) -> None:
    headings = [line for line in render_label_page(process).splitlines() if line.startswith("## ")]
    assert headings == [
        "## Steg",
        "## Utfall",
        "## Status",
        "## Enhet och objekt",
        "## Typ",
        "## Omfattning",
        "## Formulär",
        "## Vem får flytta vad?",
    ]


def test_meanings_are_plain_swedish_with_links_to_the_stage_pages(process: Process) -> None:
    page = render_label_page(process)
    assert "| `steg: bereda` | Beredningsgruppen kontrollerar" in page
    assert "[Bereda](livscykeln/bereda.md)" in page
    assert "| `enhet: bygglov` | Ägs av Bygglov. |" in page
    assert "| `typ: idé` | Svaret på frågan ”Vad är det för slags behov?” är ”Idé”. |" in page


def test_front_matter_marks_the_page_as_generated(process: Process) -> None:
    meta = front_matter(render_label_page(process))
    assert meta["title"] == "Etiketter"
    assert meta["genererad"] == "intake/process.yml"
    assert "granskad" not in meta


def test_committed_page_is_current(process: Process) -> None:
    committed = (ROOT / LABEL_PAGE_PATH).read_text(encoding="utf-8")
    assert committed == render_label_page(process)
