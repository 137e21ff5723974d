"""Who may file which linked form for a need, and who is a need's initiator."""

from __future__ import annotations

from datetime import UTC, datetime

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.ownership import initiator_of, may_file
from intake.domain.lifecycle.record import Appointment, Record
from intake.model.process import Process
from tests.paths import FIXTURES

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
BODY = (FIXTURES / "parse" / "complete" / "body.md").read_text(encoding="utf-8")  # owner: Bygglov


def need(author: str = "anna-exempel", body: str = BODY) -> Issue:
    return Issue(
        repository="exempelkommun/digitaliseringsprocessen",
        number=3,
        title="Behov: Snabbare bygglov",
        body=body,
        state="open",
        labels=("steg: bereda",),
        author=author,
        created_at=AT,
        updated_at=AT,
        html_url="https://github.com/exempelkommun/digitaliseringsprocessen/issues/3",
    )


def owner(login: str) -> Record:
    appointed = Appointment(
        role="projektagare", login=login, by="ordforande-exempel", by_id=1, at=AT
    )
    return Record(stage="utveckla", appointments=[appointed])


def test_the_canvas_is_filed_by_the_needs_own_people(process: Process) -> None:
    canvas = process.form("projektcanvas")
    assert may_file(process, canvas, "anna-exempel", need(), None)  # the initiator
    assert may_file(process, canvas, "Chef-Bygglov", need(), owner("chef-bygglov"))
    assert may_file(process, canvas, "beredning-exempel", need(), None)  # a role's person
    assert may_file(process, canvas, "bygglov-exempel", need(), None)  # the owning unit's
    assert not may_file(process, canvas, "chef-bygglov", need(), None)  # not appointed here
    assert not may_file(process, canvas, "nagon-annan", need(), owner("chef-bygglov"))


def test_an_imported_need_has_no_initiator_on_github(process: Process) -> None:
    imported = need(author="github-actions[bot]")
    assert initiator_of(process, imported) == ""
    assert initiator_of(process, need()) == "anna-exempel"
    canvas = process.form("projektcanvas")
    assert not may_file(process, canvas, "github-actions[bot]", imported, None)


def test_another_units_people_may_not_file_for_this_need(process: Process) -> None:
    other = BODY.replace("\nBygglov\n", "\nHemtjänst\n")
    assert other != BODY
    follow_up = process.form("nyttouppfoljning")
    assert not may_file(process, follow_up, "bygglov-exempel", need(body=other), None)
    assert may_file(process, follow_up, "bygglov-exempel", need(), None)
