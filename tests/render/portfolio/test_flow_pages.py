"""The flow and index pages: every chart an accessible SVG with a table beside it, every reading
one sentence made from the numbers."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from intake.adapters.snapshot import read_snapshot
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.schema import Portfolio
from intake.model.load import load_process
from intake.model.process import Process
from intake.render.portfolio.export import render_csv, render_json
from intake.render.portfolio.flow import age_reading, render_flow, throughput_reading, time_reading
from intake.render.portfolio.yearindex import render_index
from tests.paths import REPOSITORY, SAMPLES

UPDATED = date(2026, 11, 20)


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


@pytest.fixture(scope="module")
def samples(process: Process) -> Portfolio:
    return build_portfolio(process, read_snapshot(SAMPLES, REPOSITORY), UPDATED)


def figures(page: str) -> list[str]:
    return re.findall(r'<figure class="portfolj-diagram">.*?</figure>\n\n<table', page, re.DOTALL)


def test_every_chart_has_a_title_a_description_and_a_table(
    process: Process, samples: Portfolio
) -> None:
    pages = {**render_flow(process, samples), **render_index(process, samples, [])}
    assert set(pages) == {"flode/index.md", "digitaliseringsindex/index.md"}
    for page in pages.values():
        charts = page.count("<svg")
        assert charts >= 1
        assert len(figures(page)) == charts
        assert page.count('role="img"') == page.count("<title id=") == charts
        assert page.count("<desc id=") == charts


def test_the_readings_come_from_the_numbers(process: Process, samples: Portfolio) -> None:
    flow = samples.flow
    assert flow is not None
    assert time_reading(process, flow).startswith("Längst tid stannar behoven i Utveckla:")
    assert "flest behov in i Behov (14)" in throughput_reading(process, flow)
    assert age_reading(process, flow).endswith("finns i Utveckla, där det har varit i 528 dagar.")


def test_without_needs_the_readings_say_so(process: Process) -> None:
    flow = build_portfolio(process, [], UPDATED).flow
    assert flow is not None
    assert time_reading(process, flow).startswith("Inget behov har lämnat något steg")
    assert throughput_reading(process, flow).startswith("Inget behov gick in i")
    assert age_reading(process, flow) == "Inget öppet behov finns i något steg just nu."


def test_the_index_page_shows_missing_parts_as_missing(
    process: Process, samples: Portfolio
) -> None:
    page = render_index(process, samples, [])["digitaliseringsindex/index.md"]
    assert 'data-label="Nytta" class="tal">saknas</td>' in page
    assert 'data-label="Index" class="tal">ofullständigt</td>' in page
    assert ">0</td>" not in page
    # 2026: two of the four benefits the samples' follow-ups measured reached their target.
    assert 'data-label="Nytta" class="tal">5</td>' in page
    assert 'data-label="Nådda mål av uppföljda nyttor" class="tal">2 av 4</td>' in page
    assert "Nytta saknas tills vidare" not in page


def test_without_follow_ups_nytta_is_missing_every_year(
    process: Process, samples: Portfolio
) -> None:
    needs = [need.model_copy(update={"realised": []}) for need in samples.needs]
    page = render_index(process, samples.model_copy(update={"needs": needs}), [])
    text = page["digitaliseringsindex/index.md"]
    assert 'data-label="Nytta" class="tal">5</td>' not in text
    assert "Nytta saknas tills vidare" in text


def test_the_exports_carry_the_measures(process: Process, samples: Portfolio) -> None:
    data = json.loads(render_json(samples))
    assert data["schema_version"] == 3
    assert [s["stage"] for s in data["flow"]["stages"]] == [s.id for s in process.stages]
    three = next(n for n in data["needs"] if n["number"] == 3)
    assert three["stage_days"] == {
        "behov": 14,
        "bereda": 28,
        "prioritera": 23,
        "utveckla": 209,
        "forvalta": 177,
    }
    rows = list(
        csv.reader(io.StringIO(render_csv(process, samples).decode("utf-8-sig")), delimiter=";")
    )
    heads = [f"Dagar i {s.name} (lämnat)" for s in process.stages]
    first = rows[0].index(heads[0])
    days = slice(first, first + len(heads))
    assert rows[0][days] == heads
    # Version 3's columns come after the link: the förvaltning's two, then these.
    assert rows[0][first - 3 : first] == ["Länk", "Förvaltning", "Diarienummer"]
    row = next(r for r in rows[1:] if r[1] == "3")
    assert row[days] == ["14", "28", "23", "209", "", "177", ""]
