"""Flow measures: time in stage, throughput and the age of open needs, from the needs' histories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.domain.lifecycle.stages import StageVisit
from intake.domain.portfolio.flow import (
    days_per_stage,
    flow_measures,
    months_up_to,
    percentile,
    stays,
)
from intake.model.load import load_process
from intake.model.process import Process

PROCESS = load_process()
UNTIL = date(2026, 11, 20)
STAGES = [s.id for s in PROCESS.stages]


@dataclass(frozen=True)
class FakeNeed:
    """What the measures and the index read of a need."""

    history: list[StageVisit]
    state: Literal["open", "closed"] = "open"
    stage: str | None = None
    days_in_stage: int = 0
    closed: date | None = None


def visit(stage: str, entered: date, left: date | None = None, known: bool = True) -> StageVisit:
    return StageVisit(stage=stage, entered=entered, left=left, known=known)


@pytest.fixture(scope="module")
def process() -> Process:
    return PROCESS


# --- properties ---------------------------------------------------------------------------------

values = st.lists(st.integers(min_value=0, max_value=2000).map(float), min_size=1, max_size=40)
shares = st.floats(min_value=0, max_value=1)


@given(st.integers(min_value=0, max_value=5000).map(float), shares)
def test_a_percentile_of_one_value_is_that_value(value: float, share: float) -> None:
    assert percentile([value], share) == value


@given(values, shares)
def test_a_percentile_lies_between_the_smallest_and_the_largest_value(
    data: list[float], share: float
) -> None:
    result = percentile(data, share)
    assert result is not None
    assert min(data) <= result <= max(data)


@given(values, shares, shares)
def test_a_higher_share_never_gives_a_lower_percentile(
    data: list[float], one: float, other: float
) -> None:
    low, high = sorted([one, other])
    assert percentile(data, low) <= percentile(data, high)  # type: ignore[operator]


@given(values)
def test_the_median_of_a_list_and_its_reverse_agree(data: list[float]) -> None:
    assert percentile(data, 0.5) == percentile(list(reversed(data)), 0.5)


stage_ids = st.sampled_from(STAGES)
days = st.integers(min_value=0, max_value=700)


@given(stage_ids, days)
def test_a_need_that_never_left_its_stage_adds_no_time_in_stage(stage: str, ago: int) -> None:
    entered = UNTIL - timedelta(days=ago)
    need = FakeNeed([visit(stage, entered)], stage=stage, days_in_stage=ago)
    measures = flow_measures(PROCESS, [need], UNTIL)
    assert all(s.left == 0 and s.median_days is None for s in measures.stages)
    assert days_per_stage(PROCESS, need.history) == {}
    here = next(s for s in measures.stages if s.stage == stage)
    assert (here.open_needs, here.open_oldest_age, here.open_median_age) == (1, ago, ago)


@given(st.lists(st.tuples(stage_ids, days, days, st.booleans()), max_size=12))
def test_time_in_stage_is_the_sum_of_the_known_stays_that_ended(
    parts: list[tuple[str, int, int, bool]],
) -> None:
    history = [
        visit(stage, UNTIL - timedelta(days=start + length), UNTIL - timedelta(days=start), known)
        for stage, start, length, known in parts
    ]
    totals = days_per_stage(PROCESS, history)
    assert sum(totals.values()) == sum(length for _, _, length, known in parts if known)
    measures = flow_measures(PROCESS, [FakeNeed(history, state="closed")], UNTIL)
    assert sum(s.left for s in measures.stages) == sum(known for *_, known in parts)
    assert all(s.open_needs == 0 for s in measures.stages)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_the_throughput_covers_twelve_consecutive_months_up_to_the_day(until: date) -> None:
    months = months_up_to(until)
    assert len(months) == 12
    assert months[-1] == f"{until.year:04d}-{until.month:02d}"
    assert months == sorted(months)
    assert len(set(months)) == 12


# --- examples ------------------------------------------------------------------------------------


def test_outcomes_are_no_stages_and_add_no_stay(process: Process) -> None:
    history = [
        visit("behov", date(2026, 1, 1), date(2026, 1, 15)),
        visit("avslagen", date(2026, 1, 15)),
    ]
    assert [s.stage for s in stays(process, history)] == ["behov"]
    assert days_per_stage(process, history) == {"behov": 14}


def test_a_second_stay_in_a_stage_counts_on_its_own(process: Process) -> None:
    history = [
        visit("behov", date(2026, 1, 1), date(2026, 1, 11)),
        visit("bereda", date(2026, 1, 11), date(2026, 1, 21)),
        visit("behov", date(2026, 1, 21), date(2026, 2, 20)),
    ]
    measures = flow_measures(process, [FakeNeed(history, state="closed")], UNTIL)
    behov = measures.stages[0]
    assert (behov.left, behov.median_days, behov.p85_days) == (2, 20.0, 27.0)
    assert days_per_stage(process, history) == {"behov": 40, "bereda": 10}


def test_median_and_85th_percentile_interpolate_like_excel(process: Process) -> None:
    needs = [
        FakeNeed([visit("bereda", date(2026, 1, 1), date(2026, 1, 1) + timedelta(days=n))])
        for n in (10, 20, 30, 40)
    ]
    bereda = flow_measures(process, needs, UNTIL).stages[1]
    # PERCENTILE.INC({10,20,30,40}; 0,5) = 25 and (…; 0,85) = 35,5
    assert (bereda.median_days, bereda.p85_days) == (25.0, 35.5)


def test_a_stay_with_an_unknown_start_gives_no_time_but_its_need_is_waiting(
    process: Process,
) -> None:
    guessed = FakeNeed(
        [visit("bereda", date(2026, 9, 1), known=False)], stage="bereda", days_in_stage=80
    )
    measures = flow_measures(process, [guessed], UNTIL)
    bereda = measures.stages[1]
    assert (bereda.left, bereda.open_needs, bereda.open_oldest_age) == (0, 1, 80)
    assert sum(m.entered for m in bereda.months) == 0


def test_entered_and_left_count_in_their_months(process: Process) -> None:
    history = [
        visit("behov", date(2026, 3, 30), date(2026, 4, 2)),
        visit("bereda", date(2026, 4, 2)),
    ]
    measures = flow_measures(process, [FakeNeed(history, stage="bereda", days_in_stage=232)], UNTIL)
    by_month = {m.month: (m.entered, m.left) for m in measures.stages[0].months}
    assert by_month["2026-03"] == (1, 0)
    assert by_month["2026-04"] == (0, 1)
    assert {m.month: m.entered for m in measures.stages[1].months}["2026-04"] == 1


def test_a_closed_need_is_not_waiting(process: Process) -> None:
    need = FakeNeed([visit("utveckla", date(2026, 1, 1))], state="closed", stage="utveckla")
    assert all(s.open_needs == 0 for s in flow_measures(process, [need], UNTIL).stages)


def test_no_needs_give_empty_measures(process: Process) -> None:
    measures = flow_measures(process, [], UNTIL)
    assert [s.stage for s in measures.stages] == STAGES
    assert all(s.median_days is None and s.open_oldest_age is None for s in measures.stages)
