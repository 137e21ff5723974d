"""The municipality's own index: Förutsättningar from its file, Resultat from the portfolio."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.adapters.rest import issue_from_rest
from intake.domain.lifecycle.stages import StageVisit
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.yearindex import (
    PrerequisiteYear,
    benefit_counts,
    decided_stages,
    index_years,
    read_prerequisites,
    results_counts,
)
from intake.model.load import load_process
from intake.model.process import Process
from tests.domain.portfolio.test_flow import FakeNeed
from tests.paths import REPOSITORY

FILE = "intake/forutsattningar.yml"
PROCESS = load_process()  # loaded once: a property test runs many examples


@pytest.fixture(scope="module")
def process() -> Process:
    return PROCESS


def need(number: int, moves: list[tuple[str, str]], **changes: Any) -> dict[str, Any]:
    """A REST issue whose label history moves it through the stages (label, day)."""
    timeline = []
    for index, (label, at) in enumerate(moves):
        if index:
            timeline.append(
                {"event": "unlabeled", "label": {"name": moves[index - 1][0]}, "created_at": at}
            )
        timeline.append({"event": "labeled", "label": {"name": label}, "created_at": at})
    data: dict[str, Any] = {
        "number": number,
        "title": f"Behov: Behov {number}",
        "body": None,
        "state": "open",
        "labels": [{"name": moves[-1][0]}],
        "user": {"login": "anna-exempel"},
        "created_at": moves[0][1],
        "updated_at": moves[-1][1],
        "closed_at": None,
        "html_url": f"https://github.com/{REPOSITORY}/issues/{number}",
        "timeline": timeline,
    }
    return data | changes


# --- the Förutsättningar file --------------------------------------------------------------------


def test_a_year_s_prerequisites_are_the_mean_of_the_measures_given() -> None:
    years, problems = read_prerequisites(
        {2025: {"mognad": 6, "tilltro": 7.5, "teknik": None, "kalla": "Enkät"}}, FILE
    )
    assert problems == []
    assert years == [
        PrerequisiteYear(year=2025, values={"mognad": 6.0, "tilltro": 7.5}, source="Enkät")
    ]
    assert years[0].value == 6.8


def test_a_year_without_measures_is_missing_not_zero() -> None:
    years, problems = read_prerequisites({2026: None}, FILE)
    assert problems == []
    assert years[0].value is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({2025: {"mognad": 11}}, f"{FILE}: år 2025, fältet mognad: 11 ligger utanför skalan 0–10"),
        ({2025: {"mognad": -1}}, f"{FILE}: år 2025, fältet mognad: -1 ligger utanför skalan 0–10"),
        (
            {2025: {"tilltro": "hög"}},
            f"{FILE}: år 2025, fältet tilltro: ”hög” är inget tal; skriv till exempel 6.5",
        ),
        (
            {2025: {"tilltro": True}},
            f"{FILE}: år 2025, fältet tilltro: ”True” är inget tal; skriv till exempel 6.5",
        ),
        (
            {2025: {"glädje": 5}},
            f"{FILE}: år 2025, fältet glädje: okänt fält; de som finns är "
            "kalla, kompetens, mognad, teknik, tilltro",
        ),
        ({"förra året": {}}, f"{FILE}: ”förra året” är inget år; skriv året med fyra siffror"),
        ({2025: [6, 7]}, f"{FILE}: år 2025: skriv måtten som ”namn: värde” på egna rader"),
        (["2025"], f"{FILE}: filen ska vara en lista med år, till exempel ”2025:” på en egen rad"),
    ],
)
def test_a_wrong_value_is_named_with_file_year_and_field(data: object, message: str) -> None:
    assert read_prerequisites(data, FILE)[1] == [message]


def test_every_problem_is_reported_at_once() -> None:
    _, problems = read_prerequisites({2025: {"mognad": 12, "teknik": "bra"}, 1: {}}, FILE)
    assert len(problems) == 3


def test_an_empty_file_has_no_years() -> None:
    assert read_prerequisites(None, FILE) == ([], [])


# --- Resultat and the index ---------------------------------------------------------------------


def test_the_council_s_stages_come_from_the_process(process: Process) -> None:
    assert decided_stages(process) == {"utveckla", "avveckla"}


def test_resultat_counts_needs_in_work_and_those_delivered_each_year(process: Process) -> None:
    issues = [
        issue_from_rest(item, REPOSITORY)
        for item in [
            # in Utveckla over New Year, delivered in 2026
            need(1, [("steg: prioritera", "2025-10-01T08:00:00Z"),
                     ("steg: utveckla", "2025-11-01T08:00:00Z"),
                     ("steg: förvalta", "2026-03-01T08:00:00Z")]),
            # delivered in 2025
            need(2, [("steg: utveckla", "2025-02-01T08:00:00Z"),
                     ("steg: förvalta", "2025-06-01T08:00:00Z")]),
            # still in Avveckla
            need(3, [("steg: avveckla", "2026-05-01T08:00:00Z")]),
            # never decided on
            need(4, [("steg: bereda", "2025-05-01T08:00:00Z")]),
        ]
    ]  # fmt: skip
    portfolio = build_portfolio(process, issues, date(2026, 11, 20))
    assert results_counts(process, portfolio.needs, 2025, portfolio.updated) == (2, 1)
    assert results_counts(process, portfolio.needs, 2026, portfolio.updated) == (2, 1)
    rows = index_years(process, portfolio, [PrerequisiteYear(year=2025, values={"mognad": 7.0})])
    assert [(r.year, r.prerequisites, r.results, r.nytta, r.total, r.partial) for r in rows] == [
        (2025, 7.0, 5.0, None, None, False),
        (2026, None, 5.0, None, None, True),
    ]


def test_a_year_without_needs_in_work_has_no_resultat(process: Process) -> None:
    portfolio = build_portfolio(process, [], date(2026, 11, 20))
    (row,) = index_years(process, portfolio, [])
    assert (row.year, row.in_work, row.results, row.prerequisites) == (2026, 0, None, None)


def test_nytta_is_missing_until_benefits_are_followed_up(process: Process) -> None:
    portfolio = build_portfolio(process, [], date(2026, 11, 20))
    assert benefit_counts(portfolio, 2026) is None


stays = st.lists(
    st.tuples(
        st.sampled_from(["behov", "bereda", "prioritera", "utveckla", "avveckla", "forvalta"]),
        st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 11, 20)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
    ),
    max_size=5,
)


@given(st.lists(stays, max_size=8), st.integers(min_value=2024, max_value=2026))
def test_delivered_needs_are_a_part_of_those_in_work(
    histories: list[list[tuple[str, date, int | None]]], year: int
) -> None:
    process = PROCESS
    until = date(2026, 11, 20)
    needs = [
        FakeNeed(
            [
                StageVisit(
                    stage=stage,
                    entered=entered,
                    left=None if length is None else min(until, entered + timedelta(days=length)),
                )
                for stage, entered, length in history
            ]
        )
        for history in histories
    ]
    in_work, delivered = results_counts(process, needs, year, until)
    assert 0 <= delivered <= in_work <= len(needs)
    outside = [n for n in needs if not {v.stage for v in n.history} & decided_stages(process)]
    assert in_work <= len(needs) - len(outside)  # a need never decided on is never in work
