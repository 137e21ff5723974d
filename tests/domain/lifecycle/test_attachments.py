"""Canvases and follow-ups in the portfolio: linked to their need, judged, and overdue in time."""

from __future__ import annotations

from datetime import date, datetime

from intake.domain.lifecycle.attachments import add_months, benefits_in_year
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.timeline import Actor, Change
from intake.domain.need.benefits import RealisedBenefit
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.domain.portfolio.build import build_portfolio
from intake.domain.text.quantity import Quantity
from intake.model.load import load_process
from tests.paths import FIXTURES, REPOSITORY
from tests.usecases.test_linking import CANVAS, FOLLOW_UP

PROCESS = load_process()
NEED_BODY = (FIXTURES / "parse" / "complete" / "body.md").read_text(encoding="utf-8")
EFFEKTER = "steg: ta hem effekter"


def _issue(
    number: int, body: str, *, labels: tuple[str, ...] = (), day: str = "2026-01-05"
) -> Issue:
    at = datetime.fromisoformat(f"{day}T10:00:00+00:00")
    history = tuple(
        Change(kind="labeled", label=label, at=at, actor=Actor(login="beredning-exempel"))
        for label in labels
    )
    return Issue(
        repository=REPOSITORY,
        number=number,
        title=f"Ärende {number}",
        body=body,
        state="open",
        labels=labels,
        author="anna-exempel",
        created_at=at,
        updated_at=at,
        html_url=f"https://github.com/{REPOSITORY}/issues/{number}",
        history=history,
    )


def _form(form_id: str, answers: dict[str, str], number: int, need: int) -> Issue:
    body = render_body(
        issue_form(PROCESS, PROCESS.form(form_id)), {**answers, "behovsnummer": str(need)}
    )
    return _issue(number, body)


def test_a_need_gets_its_canvas_and_follow_up_and_they_are_no_needs() -> None:
    issues = [
        _issue(1, NEED_BODY, labels=(EFFEKTER,)),
        _form("projektcanvas", CANVAS, 2, 1),
        _form("nyttouppfoljning", FOLLOW_UP, 3, 1),
    ]
    portfolio = build_portfolio(PROCESS, issues, date(2026, 12, 1))
    [need] = portfolio.needs
    assert [a.number for a in need.canvases] == [2]
    assert [a.number for a in need.followups] == [3]
    [planned] = need.planned
    assert planned.target == Quantity(value=4, unit="veckor")
    [realised] = need.realised
    assert realised.reached is False  # 5 weeks against a target of 4, down from 10
    assert need.followup_overdue is False


def test_a_need_in_the_follow_up_stage_too_long_without_one_is_overdue() -> None:
    issues = [_issue(1, NEED_BODY, labels=(EFFEKTER,), day="2026-01-05")]
    months = PROCESS.benefits.followup_months
    due = add_months(date(2026, 1, 5), months)
    [before] = build_portfolio(PROCESS, issues, due.replace(day=4)).needs
    [after] = build_portfolio(PROCESS, issues, due).needs
    assert (before.followup_due, before.followup_overdue) == (due, False)
    assert after.followup_overdue is True


def test_an_incomplete_follow_up_does_not_stop_the_overdue_warning() -> None:
    issues = [
        _issue(1, NEED_BODY, labels=(EFFEKTER,), day="2025-01-05"),
        _form("nyttouppfoljning", {**FOLLOW_UP, "lardomar": ""}, 2, 1),
    ]
    [need] = build_portfolio(PROCESS, issues, date(2026, 12, 1)).needs
    assert [a.complete for a in need.followups] == [False]
    assert need.followup_overdue is True


def test_months_are_added_to_the_last_day_of_a_short_month() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)


def _realised(measured: date | None, reached: bool | None) -> RealisedBenefit:
    return RealisedBenefit(slot=1, type="tid", value=None, measured=measured, reached=reached)


def test_benefits_in_a_year_count_what_was_measured_that_year_and_what_reached_its_target() -> None:
    benefits = [
        _realised(date(2026, 3, 1), True),
        _realised(date(2026, 9, 1), False),
        _realised(date(2026, 10, 1), None),
        _realised(date(2025, 12, 31), True),
        _realised(None, True),
    ]
    assert benefits_in_year(benefits, 2026) == (3, 1)
    assert benefits_in_year(benefits, 2025) == (1, 1)
    assert benefits_in_year(benefits, 2024) == (0, 0)
    assert benefits_in_year([], 2026) == (0, 0)
