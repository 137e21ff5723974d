"""Judging label changes: who may move a need where, settled from the issue as it is now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from intake.domain.lifecycle.comments import Comment
from intake.domain.lifecycle.record import Record, initial_record
from intake.domain.lifecycle.timeline import Actor, Change
from intake.domain.lifecycle.triage import Settlement, settle
from intake.model.load import load_process

PROCESS = load_process()
BOT = "github-actions[bot]"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
BEREDNING = Actor(login="beredning-exempel", id=11)
RAD = Actor(login="ordforande-exempel", id=12)
STRANGER = Actor(login="nagon-annan", id=13)
COUNTER = iter(range(1000))


def change(kind: str, label: str | None, actor: Actor, minutes: int) -> Change:
    return Change(
        id=f"E{next(COUNTER)}",
        kind=kind,
        label=label,
        actor=actor,
        at=T0 + timedelta(minutes=minutes),
    )


def label(stage: str) -> str:
    return PROCESS.stage(stage).label


def run(
    labels: list[str],
    record: Record,
    changes: list[Change],
    *,
    state: Literal["open", "closed"] = "open",
    complete: bool = True,
    remarks: list[Comment] | None = None,
) -> Settlement:
    return settle(
        PROCESS,
        labels=tuple(labels),
        state=state,
        complete=complete,
        changes=changes,
        remarks=remarks or [],
        record=record,
        bot=BOT,
        created=T0,
    )


def again(first: Settlement, changes: list[Change], **kwargs: object) -> Settlement:
    """Settle the issue as the first settlement left it: nothing more may happen."""
    labels = [first.stage.label] if first.stage else []
    return run(labels, first.record, changes, state=first.state, **kwargs)  # type: ignore[arg-type]


IN_BEHOV = Record(stage="behov")


def test_an_allowed_move_by_an_allowed_person_is_accepted() -> None:
    changes = [change("labeled", label("bereda"), BEREDNING, 5)]
    done = run([label("behov"), label("bereda")], IN_BEHOV, changes)
    assert done.stage is not None
    assert done.stage.id == "bereda"
    assert done.accepted is not None
    assert (done.accepted.source, done.accepted.target, done.accepted.login) == (
        "behov",
        "bereda",
        "beredning-exempel",
    )
    assert done.accepted.user_id == 11
    assert [n.kind for n in done.notes] == ["moved"]
    assert done.record.stage == "bereda"
    rerun = again(done, changes)
    assert (rerun.notes, rerun.accepted, rerun.record) == ([], None, done.record)


def test_a_skipped_stage_is_undone_with_what_is_allowed() -> None:
    changes = [change("labeled", label("prioritera"), BEREDNING, 5)]
    done = run([label("behov"), label("prioritera")], IN_BEHOV, changes)
    assert done.stage is not None
    assert done.stage.id == "behov"
    [note] = done.notes
    assert (note.kind, note.to, note.source, note.target) == (
        "no_move",
        "beredning-exempel",
        "behov",
        "prioritera",
    )
    assert done.record == IN_BEHOV


def test_a_move_by_someone_without_the_role_is_undone() -> None:
    for who in (RAD, STRANGER):
        changes = [change("labeled", label("bereda"), who, 5)]
        done = run([label("behov"), label("bereda")], IN_BEHOV, changes)
        assert done.stage is not None
        assert done.stage.id == "behov"
        assert [(n.kind, n.to) for n in done.notes] == [("not_yours", who.login)]


def test_an_incomplete_need_cannot_reach_bereda_but_can_be_rejected() -> None:
    changes = [change("labeled", label("bereda"), BEREDNING, 5)]
    done = run([label("bereda")], Record(stage=None), changes, complete=False)
    assert done.stage is None
    assert [n.kind for n in done.notes] == ["incomplete"]
    reason = Comment(author="beredning-exempel", body="Hör hemma i HR-processen.", at=T0)
    rejected = run(
        [label("avslagen")],
        Record(stage=None),
        [change("labeled", label("avslagen"), BEREDNING, 6)],
        complete=False,
        remarks=[reason],
    )
    assert rejected.stage is not None
    assert (rejected.stage.id, rejected.state, rejected.close_reason) == (
        "avslagen",
        "closed",
        "not_planned",
    )


def test_a_rejection_needs_a_reason_written_in_the_current_stage() -> None:
    changes = [change("labeled", label("avslagen"), BEREDNING, 30)]
    old = Comment(author="beredning-exempel", body="Gammal kommentar.", at=T0 - timedelta(days=1))
    other = Comment(
        author="nagon-annan", body="Jag tycker inte det.", at=T0 + timedelta(minutes=20)
    )
    done = run([label("behov"), label("avslagen")], IN_BEHOV, changes, remarks=[old, other])
    assert done.stage is not None
    assert done.stage.id == "behov"
    assert done.state == "open"
    assert [n.kind for n in done.notes] == ["no_reason"]
    said = Comment(author="beredning-exempel", body="Finns redan i e-tjänsten.", at=T0)
    done = run([label("behov"), label("avslagen")], IN_BEHOV, changes, remarks=[said])
    assert (done.state, done.close_reason) == ("closed", "not_planned")
    [note] = done.notes
    assert (note.kind, note.to, note.reason) == ("moved", None, "Finns redan i e-tjänsten.")
    assert again(done, changes, remarks=[said]).notes == []


def test_two_stage_labels_at_once_are_both_refused() -> None:
    changes = [
        change("labeled", label("bereda"), BEREDNING, 5),
        change("labeled", label("avslagen"), BEREDNING, 5),
    ]
    done = run([label("behov"), label("bereda"), label("avslagen")], IN_BEHOV, changes)
    assert done.stage is not None
    assert done.stage.id == "behov"
    assert [(n.kind, n.to) for n in done.notes] == [("one_at_a_time", "beredning-exempel")]


def test_the_first_of_two_clicks_is_put_back_silently() -> None:
    changes = [change("unlabeled", label("behov"), BEREDNING, 5)]
    done = run([], IN_BEHOV, changes)
    assert done.stage is not None
    assert done.stage.id == "behov"
    assert done.notes == []


def test_both_clicks_before_a_run_are_judged_as_one_move() -> None:
    changes = [
        change("unlabeled", label("behov"), BEREDNING, 5),
        change("labeled", label("bereda"), BEREDNING, 5),
    ]
    done = run([label("bereda")], IN_BEHOV, changes)
    assert done.stage is not None
    assert done.stage.id == "bereda"
    assert [n.kind for n in done.notes] == ["moved"]


def test_closing_without_an_outcome_asks_the_closer_once() -> None:
    closing = change("closed", None, RAD, 5)
    done = run([label("prioritera")], Record(stage="prioritera"), [closing], state="closed")
    assert done.state == "closed"
    assert [(n.kind, n.to) for n in done.notes] == [("no_outcome", "ordforande-exempel")]
    assert again(done, [closing]).notes == []


def _rejected(by: Actor) -> Settlement:
    said = Comment(author="ordforande-exempel", body="Ryms inte i budgeten.", at=T0)
    moved = change("labeled", label("avslagen"), RAD, 5)
    closed = run(
        [label("prioritera"), label("avslagen")],
        Record(stage="prioritera"),
        [moved],
        remarks=[said],
    )
    assert closed.state == "closed"
    reopened = change("reopened", None, by, 60)
    return run([label("avslagen")], closed.record, [moved, reopened], state="open")


def test_reopening_by_the_council_restores_the_last_stage() -> None:
    done = _rejected(RAD)
    assert done.stage is not None
    assert (done.stage.id, done.state) == ("prioritera", "open")
    assert done.record.stage == "prioritera"
    assert [m.target for m in done.record.moves] == ["avslagen", "prioritera"]


def test_reopening_by_anyone_else_closes_the_need_again() -> None:
    done = _rejected(STRANGER)
    assert done.stage is not None
    assert (done.stage.id, done.state, done.close_reason) == ("avslagen", "closed", "not_planned")
    assert [(n.kind, n.to) for n in done.notes] == [("reopen_refused", "nagon-annan")]


def test_the_bots_own_changes_are_never_judged() -> None:
    changes = [change("labeled", label("prioritera"), Actor(login=BOT), 5)]
    done = run([label("behov"), label("prioritera")], IN_BEHOV, changes)
    assert done.stage is not None
    assert done.stage.id == "behov"
    assert done.notes == []


def test_a_need_without_a_record_starts_from_its_stage_before_the_change() -> None:
    history = [
        change("labeled", label("behov"), Actor(login=BOT), 0),
        change("unlabeled", label("behov"), BEREDNING, 60),
        change("labeled", label("bereda"), BEREDNING, 60),
        change("unlabeled", label("bereda"), RAD, 24 * 60),
        change("labeled", label("utveckla"), RAD, 24 * 60),
    ]
    record = initial_record(PROCESS, (label("utveckla"),), history, BOT, adopt=False)
    assert record.stage == "bereda"
    assert [(m.source, m.target) for m in record.moves] == [(None, "behov"), ("behov", "bereda")]
    adopted = initial_record(PROCESS, (label("utveckla"),), history, BOT, adopt=True)
    assert adopted.stage == "utveckla"
