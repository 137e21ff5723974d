"""Triage through labels: judge each change to a need's stage since the bot's record, and settle it.

Pure: the issue as it is now, its changes with who made them, and the record in; what the issue
should look like, the new record and what to tell whom out. Running it on its own result changes
nothing: the labels then match the accepted stage, and every question asked is remembered.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import datetime
from typing import Literal

from intake.domain.lifecycle.authority import holds, may_move
from intake.domain.lifecycle.command_rules import read_commands
from intake.domain.lifecycle.comments import Comment, by_bot, is_bots, trusted
from intake.domain.lifecycle.expected import LINK_PREFIX, expected_forms, linked_form_ids
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.notes import Note
from intake.domain.lifecycle.record import Record, StatusComment
from intake.domain.lifecycle.requirements import requirement_missing
from intake.domain.lifecycle.tamper import newest_trusted
from intake.domain.lifecycle.timeline import Change, Move, moved
from intake.domain.text.personnummer import redact
from intake.model.base import Model
from intake.model.process import Process, Stage

STATUS_MARKER = "<!-- intake:status -->"  # the bot's status comment, which holds the record


class TriageView(Model):
    """What the bot sees of a need: the issue now, its timeline and its status comment."""

    issue: Issue
    changes: list[Change]
    remarks: list[Comment]
    status: StatusComment | None
    attached: list[str] | None = None  # ids of the linked forms the bot linked (None: unknown)
    comments: list[Comment] = []  # every comment the bot wrote, with its edit history


def status_comment(comments: Iterable[Comment], bot: str) -> StatusComment | None:
    """The bot's newest status comment that nobody else ever changed: the one that counts.
    Older or tampered ones stay where they are, as evidence."""
    return newest_trusted(list(comments), bot, STATUS_MARKER)


def triage_view(
    issue: Issue, changes: list[Change], comments: list[Comment], bot: str
) -> TriageView:
    """What triage sees of a need: its status comment, the forms the bot's untouched link
    comments name, and every comment a person wrote."""
    links = (c.body for c in comments if is_bots(c, bot, LINK_PREFIX) and trusted(c, bot))
    remarks = [c for c in comments if not by_bot(c, bot)]
    return TriageView(
        issue=issue,
        changes=changes,
        remarks=remarks,
        status=status_comment(comments, bot),
        attached=sorted(linked_form_ids(links)),
        comments=[c for c in comments if by_bot(c, bot)],
    )


class Settlement(Model):
    """What the issue should look like now, and what to record and say."""

    stage: Stage | None  # the process label the issue should carry (None: none)
    state: Literal["open", "closed"]
    close_reason: Literal["completed", "not_planned"] | None = None
    record: Record
    notes: list[Note] = []
    accepted: Move | None = None
    reactions: list[tuple[int, str]] = []  # (comment id, reaction) on the commands read
    expected: list[str] = []  # ids of linked forms expected in the stage that the need lacks


def _latest(changes: list[Change], kind: str, stage: Stage | None = None) -> Change | None:
    """The latest change of a kind (to `stage`'s label, when given)."""
    found = [
        c for c in changes if c.kind == kind and (stage is None or stage.named_by(c.label or ""))
    ]
    return found[-1] if found else None


def _entered(record: Record, created: datetime) -> datetime:
    """When the need entered its accepted stage."""
    if record.moves and record.moves[-1].target == record.stage:
        return record.moves[-1].at
    return created


def _reason(remarks: list[Comment], login: str, since: datetime) -> str | None:
    said = [r for r in remarks if r.author.casefold() == login.casefold() and r.at >= since]
    text = redact(said[-1].body.strip()) if said else ""  # masked text never reaches the record
    return text or None


def settle(
    process: Process,
    *,
    labels: tuple[str, ...],
    state: Literal["open", "closed"],
    complete: bool,
    changes: list[Change],
    remarks: list[Comment],
    record: Record,
    bot: str,
    created: datetime,
    initiator: str = "",
    attached: Set[str] | None = None,
) -> Settlement:
    """Judge what changed since the record (labels, then commands) and say how the issue should
    be. `attached`: the ids of the linked forms the need has (None: unknown, not checked)."""
    human = [c for c in changes if c.actor.login.casefold() != bot.casefold()]
    accepted_stage = record.stage
    new = [s for s in process.stages_labelled(labels) if s.id != accepted_stage]
    notes: list[Note] = []
    accepted: Move | None = None
    if len(new) >= 2:
        last = max(
            (c for s in new if (c := _latest(human, "labeled", s))),
            key=lambda c: c.at,
            default=None,
        )
        notes.append(
            Note(kind="one_at_a_time", to=last.actor.login if last else None, source=accepted_stage)
        )
    elif len(new) == 1:
        change = _latest(human, "labeled", new[0])
        entry = _latest(changes, "labeled", new[0])
        target = new[0].id
        if change is None and entry is not None and _is_entry(process, record, target, complete):
            # The bot itself let a complete need without a stage into the first stage.
            accepted = moved(None, target, entry)
            record = record.model_copy(update={"stage": target, "moves": [*record.moves, accepted]})
        elif change is not None:
            verdict = _judge(
                process, record, target, change, complete, remarks, created, initiator, attached
            )
            if isinstance(verdict, Move):
                accepted = verdict
                record = record.model_copy(
                    update={"stage": verdict.target, "moves": [*record.moves, verdict]}
                )
                notes.append(
                    Note(
                        kind="moved",
                        source=verdict.source,
                        target=verdict.target,
                        reason=verdict.reason,
                    )
                )
            else:
                notes.append(verdict)
    commands = read_commands(
        process, record, remarks, complete=complete, initiator=initiator, attached=attached
    )
    record = commands.record
    notes += commands.notes
    accepted = commands.accepted or accepted
    stage = process.stage(record.stage) if record.stage else None
    close_reason: Literal["completed", "not_planned"] | None = None
    wanted: Literal["open", "closed"] = state
    if stage is not None and stage in process.outcomes:
        wanted, close_reason = "closed", stage.close_reason
        if state == "open" and accepted is None:
            record, stage, wanted, close_reason = _reopened(process, record, stage, human, notes)
            accepted = record.moves[-1] if stage not in process.outcomes else None
    elif state == "closed" and accepted is not None and _from_outcome(process, accepted):
        wanted = "open"  # opened again by command (/återuppta), where it was
    elif state == "closed":
        closing = _latest(human, "closed")
        if closing is not None and record.asked != closing.id:
            notes.append(Note(kind="no_outcome", to=closing.actor.login, source=record.stage))
            record = record.model_copy(update={"asked": closing.id})
    elif record.asked is not None:
        record = record.model_copy(update={"asked": None})
    if accepted is not None and stage is not None and stage.handover_to:
        notes.append(Note(kind="handover", role=stage.handover_to, target=stage.id))
    return Settlement(
        stage=stage,
        state=wanted,
        close_reason=close_reason,
        record=record,
        notes=notes,
        accepted=accepted,
        reactions=commands.reactions,
        expected=_expected(process, stage, attached),
    )


def _from_outcome(process: Process, move: Move) -> bool:
    return any(move.source == o.id for o in process.outcomes)


def _expected(process: Process, stage: Stage | None, attached: Set[str] | None) -> list[str]:
    """The linked forms expected in the need's stage that it lacks; none when unknown."""
    if attached is None or stage is None or stage in process.outcomes:
        return []
    return [f.id for f in expected_forms(process, stage.id, attached)]


def _is_entry(process: Process, record: Record, stage: str, complete: bool) -> bool:
    return record.stage is None and stage == process.first_stage.id and complete


def _judge(
    process: Process,
    record: Record,
    target: str,
    change: Change,
    complete: bool,
    remarks: list[Comment],
    created: datetime,
    initiator: str,
    attached: Set[str] | None = None,
) -> Move | Note:
    """Accept a move to `target`, or say to the person who made it why not."""
    current = record.stage
    source = current or process.first_stage.id  # a need without a stage is judged from the first
    who = change.actor.login
    move = process.move(source, target)
    if move is None:
        return Note(kind="no_move", to=who, source=source, target=target)
    if not may_move(process, record, who, source, target, initiator):
        return Note(kind="not_yours", to=who, source=source, target=target)
    missing = requirement_missing(process, record, source, target, complete, attached)
    if missing is not None:
        return Note(kind=missing, to=who, source=source, target=target)
    reason = None
    if process.stage(target).close_reason == "not_planned":
        reason = _reason(remarks, who, _entered(record, created))
        if reason is None:
            return Note(kind="no_reason", to=who, source=source, target=target)
    return moved(current, target, change, reason)


def _reopened(
    process: Process, record: Record, outcome: Stage, human: list[Change], notes: list[Note]
) -> tuple[Record, Stage, Literal["open", "closed"], Literal["completed", "not_planned"] | None]:
    """A need with an outcome was opened again: restore its last stage, or close it again."""
    reopening = _latest(human, "reopened")
    previous = (
        record.moves[-1].source if record.moves and record.moves[-1].target == outcome.id else None
    )
    if reopening is not None and previous is not None:
        who = reopening.actor.login
        if may_move(process, record, who, previous, outcome.id) or holds(
            process, record, who, [process.council.role]
        ):
            move = moved(outcome.id, previous, reopening)
            notes.append(Note(kind="moved", source=outcome.id, target=previous))
            restored = record.model_copy(
                update={"stage": previous, "moves": [*record.moves, move], "asked": None}
            )
            return restored, process.stage(previous), "open", None
    if reopening is not None:
        notes.append(
            Note(
                kind="reopen_refused", to=reopening.actor.login, source=previous, target=outcome.id
            )
        )
    return record, outcome, "closed", outcome.close_reason
