"""The council's agenda on a fixed data set: which needs, in which order, with what; its chart."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from intake.adapters.rest import issue_from_rest
from intake.domain.lifecycle.record import Appointment, Assessment, Decision, Record
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.scoring import score
from intake.model.load import load_process
from intake.render.portfolio.agenda import awaiting, meeting_csv, render_agenda
from tests.paths import REPOSITORY

PROCESS = load_process()
UPDATED = date(2027, 2, 1)  # after the meeting of 20 January 2027
AT = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def need(number: int, stage: str, created: str = "2026-10-01T08:00:00Z", **record: Any) -> Any:
    data = {
        "number": number,
        "title": f"Behov: nummer {number}",
        "body": None,
        "state": "open",
        "labels": [{"name": PROCESS.stage(stage).label}],
        "user": {"login": "anna-exempel"},
        "created_at": created,
        "updated_at": "2027-02-01T08:00:00Z",
        "closed_at": None,
        "html_url": f"https://github.com/exempelkommun/digitaliseringsprocessen/issues/{number}",
    }
    issue = issue_from_rest(data, REPOSITORY)
    return issue.model_copy(update={"record": Record(stage=stage, **record)})


def assessed(**values: int) -> list[Assessment]:
    return [Assessment(values=values, login="it-chef-exempel", user_id=1, at=AT)]


def test_the_score_combines_each_assessors_latest_assessment() -> None:
    first = Assessment(values={"nytta": 1}, login="a", user_id=1, at=AT)
    later = Assessment(values={"nytta": 5, "insats": 1, "risk": 1}, login="a", user_id=1, at=AT)
    other = Assessment(values={"nytta": 3}, login="b", user_id=2, at=AT)
    result = score(PROCESS, [first, other, later])
    assert result.values == {"nytta": 4.0, "insats": 1.0, "risk": 1.0}
    assert result.assessors == 2
    # nytta (4-1)/4 = 0.75, weight 3; insats and risk at the best end, weights 2 and 1
    assert result.total == round(100 * (3 * 0.75 + 2 * 1 + 1 * 1) / 6)
    assert score(PROCESS, []).total is None


def test_the_agenda_lists_the_right_needs_in_the_right_order() -> None:
    decided = Decision(
        target="utveckla", motivering="Bra.", login="o", user_id=1, at=AT, meeting=date(2027, 1, 20)
    )
    issues = [
        need(1, "prioritera", assessments=assessed(nytta=2, insats=4, risk=3)),
        need(2, "prioritera", assessments=assessed(nytta=5, insats=1, risk=1)),
        need(3, "prioritera", created="2026-06-01T08:00:00Z"),  # not assessed, waited longest
        need(4, "prioritera"),  # not assessed
        need(5, "bereda", assessments=assessed(nytta=5, insats=1, risk=1)),  # not the council's
        need(6, "prioritera", decisions=[decided]),  # decided, no projektägare yet
        need(
            7,
            "utveckla",
            decisions=[decided],
            appointments=[Appointment(role="projektagare", login="p", by="o", by_id=1, at=AT)],
        ),
    ]
    portfolio = build_portfolio(PROCESS, issues, UPDATED)
    assert [n.number for n in awaiting(PROCESS, portfolio.needs)] == [2, 1, 3, 4, 6]
    page = render_agenda(PROCESS, portfolio)["dagordning/index.md"]
    assert page.index('href="../behov/digitaliseringsprocessen/2/"') < page.index(
        'href="../behov/digitaliseringsprocessen/1/"'
    )
    assert "möts nästa gång den 2027-03-17" in page
    assert "sedan förra mötet den 2027-01-20" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert "behov 2: insats 1.0, nytta 5.0" in page  # the chart's text alternative


def test_each_past_meeting_gets_its_decisions_as_a_page_and_a_spreadsheet() -> None:
    decided = Decision(
        target="avslagen", paragraph="§7", motivering="=Ryms inte.", login="o", user_id=1, at=AT,
        meeting=date(2027, 1, 20),
    )  # fmt: skip
    portfolio = build_portfolio(PROCESS, [need(8, "avslagen", decisions=[decided])], UPDATED)
    pages = render_agenda(PROCESS, portfolio)
    assert "Beslut vid mötet 2027-01-20" in pages["moten/2027-01-20/index.md"]
    table = meeting_csv(PROCESS, portfolio, date(2027, 1, 20)).decode("utf-8-sig")
    assert table.splitlines()[1].split(";")[5:7] == ["§7", "'=Ryms inte."]  # no formula runs
