"""Numbers with units, points in time and benefit slots read from Swedish answers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.domain.need.benefits import (
    PlannedBenefit,
    benefit_findings,
    need_number,
    planned_of,
    reached,
    realised_of,
    slots,
)
from intake.domain.text.quantity import Quantity, parse_quantity, parse_when
from intake.model.load import load_process

PROCESS = load_process()
CANVAS = PROCESS.form("projektcanvas")
FOLLOW_UP = PROCESS.form("nyttouppfoljning")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1 200 timmar", 1200, "timmar"),
        ("1\u00a0200 timmar", 1200, "timmar"),
        ("35 %", 35, "%"),
        ("2,5 mnkr", 2.5, "mnkr"),
        ("ca 4 veckor", 4, "veckor"),
        ("4–6 veckor", 4, "veckor"),
        ("1.200 kr per år", 1200, "kr per år"),
        ("300", 300, ""),
    ],
)
def test_numbers_are_read_as_swedes_write_them(text: str, value: float, unit: str) -> None:
    assert parse_quantity(text) == Quantity(value=value, unit=unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [("-5 timmar", -5), ("−  5 timmar", -5), ("– \u00a05", -5), ("ca -\n3", -3), ("5-3", 5)],
)
def test_a_sign_before_the_digits_counts_across_spaces(text: str, value: float) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == value


def test_the_issues_attack_is_read_as_it_was() -> None:
    """A dash, 24,000 spaces and a letter: no number (it once took 21 s in the portfolio)."""
    assert parse_quantity("-" + " " * 24_000 + "a") is None
    assert parse_quantity("-" + " " * 24_000 + "7 dagar") == Quantity(value=-7, unit="dagar")


@pytest.mark.parametrize("text", ["", "mycket bättre", None, "vet inte än"])
def test_text_without_a_number_is_none(text: str | None) -> None:
    assert parse_quantity(text) is None


@given(st.text(max_size=200))
def test_no_text_crashes_the_readers(text: str) -> None:
    parse_quantity(text)
    parse_when(text)


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["timmar", "kr", "%"]))
def test_a_shown_quantity_reads_back(value: int, unit: str) -> None:
    quantity = Quantity(value=value, unit=unit)
    assert parse_quantity(quantity.show()) == quantity


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2027-06-30", date(2027, 6, 30)),
        ("2027-06", date(2027, 6, 1)),
        ("juni 2027", date(2027, 6, 1)),
        ("30 nov 2027", date(2027, 11, 30)),
        ("2027", date(2027, 1, 1)),
        ("snart", None),
        ("2027-13", None),
    ],
)
def test_points_in_time(text: str, when: date | None) -> None:
    assert parse_when(text) == when


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        ("#12", 12),
        ("behov 12", 12),
        ("Behov  nr.  12 .", 12),
        ("\t # 12\r\n", 12),
        ("behov12", 12),
    ],
)
def test_need_numbers(text: str, number: int) -> None:
    assert need_number(text) == number


def test_a_need_number_in_prose_is_none() -> None:
    assert need_number("det om bygglov") is None


def test_both_forms_have_three_slots() -> None:
    assert list(slots(CANVAS)) == [1, 2, 3]
    assert set(slots(FOLLOW_UP)[2]) == {"typ", "varde", "matdatum"}


def test_a_half_filled_slot_and_unreadable_numbers_are_problems() -> None:
    answers = {"behovsnummer": "12", "nytta2_typ": "tid", "nytta2_mal": "mycket"}
    codes = {(f.field, f.code) for f in benefit_findings(CANVAS, answers)}
    assert codes == {("nytta2_matt", "benefit_incomplete"), ("nytta2_mal", "not_a_number")}


def test_planned_and_realised_benefits_are_read_slot_by_slot() -> None:
    [planned] = planned_of(
        CANVAS, {"nytta1_typ": "tid", "nytta1_matt": "Väntan", "nytta1_mal": "4 veckor"}
    )
    weeks = Quantity(value=4, unit="veckor")
    assert (planned.slot, planned.type, planned.target) == (1, "tid", weeks)
    [realised] = realised_of(FOLLOW_UP, {"nytta3_varde": "5 veckor", "nytta3_matdatum": "2028"})
    assert (realised.slot, realised.measured) == (3, date(2028, 1, 1))


def _plan(baseline: str | None, target: str) -> PlannedBenefit:
    return PlannedBenefit(
        slot=1,
        type="tid",
        measure="x",
        baseline=parse_quantity(baseline),
        target=parse_quantity(target),
        by=None,
    )


def test_a_target_below_the_baseline_is_reached_from_below() -> None:
    plan = _plan("10 veckor", "4 veckor")
    assert reached(plan, parse_quantity("3 veckor")) is True
    assert reached(plan, parse_quantity("5 veckor")) is False
    assert reached(plan, parse_quantity("5 dagar")) is None
    assert reached(_plan(None, "1 200 timmar"), parse_quantity("1 300")) is True
