"""Commands judged by the same rules as labels: who may give one is who may make its move.

A decision (`/beslut`) and a projektägare (`/projektägare`) start a project between them: when the
second of them is recorded, the need moves on in the same run. Every command is read once (the
record keeps its comment's id); an edited comment is never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date

from intake.domain.lifecycle.authority import INITIATOR, holds, holds_any_role, may_move
from intake.domain.lifecycle.commands import USAGE, Command, Malformed, read_command, vocabulary
from intake.domain.lifecycle.comments import Comment
from intake.domain.lifecycle.notes import Note
from intake.domain.lifecycle.record import (
    Appointment,
    Assessment,
    Correction,
    Decision,
    Record,
    Registration,
)
from intake.domain.lifecycle.requirements import requirement_missing
from intake.domain.lifecycle.timeline import Move
from intake.domain.text.personnummer import redact
from intake.model.process import REGISTRAR, Process

Reaction = tuple[int, str]  # (comment id, GitHub's reaction content)


def _meeting(process: Process, day: date) -> date | None:
    earlier = [m for m in process.council.meetings if m <= day]
    return max(earlier) if earlier else None


class CommandOutcome:
    """What reading the new commands did: the record, the notes, the reactions, the last move."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.notes: list[Note] = []
        self.reactions: list[Reaction] = []
        self.accepted: Move | None = None
        self.attached: Set[str] | None = None


def read_commands(
    process: Process,
    record: Record,
    remarks: list[Comment],
    *,
    complete: bool,
    initiator: str,
    attached: Set[str] | None = None,
) -> CommandOutcome:
    """Judge every command not read before, oldest first; `attached`: the linked forms the need
    has (None: unknown)."""
    outcome = CommandOutcome(record)
    outcome.attached = attached
    words = vocabulary(process)
    for remark in remarks:
        comment_id = remark.id
        if comment_id is None or outcome.record.is_handled(comment_id, remark.at):
            continue
        command = read_command(remark.body, words)
        if command is None:
            continue
        holder = holds_any_role(process, outcome.record, remark.author, initiator)
        outcome.record = outcome.record.with_handled(comment_id, remark.at, remember=holder)
        if remark.edited or not holder:
            continue  # an edited comment is never run; a stranger's costs nothing, not even a word
        _judge(process, outcome, remark, comment_id, command, complete, initiator)
    return outcome


def _refuse(
    process: Process, outcome: CommandOutcome, who: str, comment_id: int, note: Note, initiator: str
) -> None:
    outcome.reactions.append((comment_id, "-1"))
    if holds_any_role(process, outcome.record, who, initiator):
        outcome.notes.append(note)


def _entitled(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    initiator: str,
    roles: Iterable[str],
    command: str,
) -> bool:
    """Whether the command's author holds one of `roles`; if not, the command is refused."""
    if holds(process, outcome.record, remark.author, roles, initiator):
        return True
    note = Note(kind="command_refused", to=remark.author, role=command)
    _refuse(process, outcome, remark.author, comment_id, note, initiator)
    return False


def _recorded(outcome: CommandOutcome, comment_id: int, field: str, entry: object) -> None:
    """Add the entry to one of the record's lists and acknowledge the command with 👍."""
    entries = [*getattr(outcome.record, field), entry]
    outcome.record = outcome.record.model_copy(update={field: entries})
    outcome.reactions.append((comment_id, "+1"))


def _judge(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    command: Command | Malformed,
    complete: bool,
    initiator: str,
) -> None:
    who = remark.author
    if isinstance(command, Malformed):
        note = Note(kind="command_help", to=who, usage=command.usage)
        _refuse(process, outcome, who, comment_id, note, initiator)
        return
    record = outcome.record
    source = record.stage or process.first_stage.id
    if command.kind in ("beslut", "steg", "aterkalla", "dubblett"):
        target = command.target or ""
        if process.move(source, target) is None:
            note = Note(kind="no_move", to=who, source=source, target=target)
            _refuse(process, outcome, who, comment_id, note, initiator)
            return
        if not may_move(process, record, who, source, target, initiator):
            note = Note(kind="command_refused", to=who, source=source, target=target)
            _refuse(process, outcome, who, comment_id, note, initiator)
            return
    if command.kind == "diarienummer":
        _register(process, outcome, remark, comment_id, command, initiator)
    elif command.kind == "bedomning":
        _assess(process, outcome, remark, comment_id, command, initiator)
    elif command.kind == "ratta":
        _correct(process, outcome, remark, comment_id, command, initiator)
    elif command.kind == "ateruppta":
        _resume(process, outcome, remark, comment_id, initiator)
    elif command.kind == "beslut":
        _decide(process, outcome, remark, comment_id, command, complete, source)
    elif command.kind == "steg":
        _move(process, outcome, remark, comment_id, command.target or "", complete, source, None)
    elif command.kind in ("aterkalla", "dubblett"):
        reason = command.motivering
        _move(process, outcome, remark, comment_id, command.target or "", complete, source, reason)
    else:
        _appoint(process, outcome, remark, comment_id, command, complete, source, initiator)


def _assess(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    command: Command,
    initiator: str,
) -> None:
    assessors = process.scoring.by
    if not _entitled(process, outcome, remark, comment_id, initiator, assessors, "bedomning"):
        return
    assessment = Assessment(
        values=command.values,
        login=remark.author,
        user_id=remark.author_id,
        at=remark.at,
        url=remark.url,
    )
    _recorded(outcome, comment_id, "assessments", assessment)
    outcome.notes.append(Note(kind="recorded", to=remark.author, entry="bedomning"))


def _register(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    command: Command,
    initiator: str,
) -> None:
    """Record the diarienummer a registrar gives; in any stage, a later one replaces it."""
    registrars = [REGISTRAR]
    if not _entitled(process, outcome, remark, comment_id, initiator, registrars, "diarienummer"):
        return
    registration = Registration(
        diarienummer=command.diarienummer or "",
        login=remark.author,
        user_id=remark.author_id,
        at=remark.at,
        url=remark.url,
    )
    _recorded(outcome, comment_id, "registrations", registration)
    value = registration.diarienummer
    outcome.notes.append(Note(kind="recorded", to=remark.author, entry="diarienummer", value=value))


def _correct(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    command: Command,
    initiator: str,
) -> None:
    """Correct an entry (a diarienummer, a decision's paragraph): recorded like any entry, with
    what it was before; the entry itself stays as it was given."""
    roles = [process.council.role] + ([REGISTRAR] if command.field == "diarienummer" else [])
    if not _entitled(process, outcome, remark, comment_id, initiator, roles, "ratta"):
        return
    record = outcome.record
    decision = record.decision
    if command.field == "paragraf" and decision is None:
        note = Note(kind="command_help", to=remark.author, usage=USAGE["ratta"])
        _refuse(process, outcome, remark.author, comment_id, note, initiator)
        return
    previous = record.diarienummer if command.field == "diarienummer" else None
    if decision is not None and command.field == "paragraf":
        previous = record.paragraph(decision)
    correction = Correction(
        field="paragraf" if command.field == "paragraf" else "diarienummer",
        value=command.value or "",
        previous=previous,
        reason=redact(command.motivering),
        login=remark.author,
        user_id=remark.author_id,
        at=remark.at,
        url=remark.url,
    )
    _recorded(outcome, comment_id, "corrections", correction)
    outcome.notes.append(
        Note(kind="recorded", to=remark.author, entry=correction.field, value=correction.value)
    )


def _resume(
    process: Process, outcome: CommandOutcome, remark: Comment, comment_id: int, initiator: str
) -> None:
    """`/återuppta`: the initiator opens their own withdrawn need again, where it was."""
    record = outcome.record
    stage = process.stage(record.stage) if record.stage else None
    last = record.moves[-1] if record.moves else None
    allowed = stage is not None and INITIATOR in stage.reopen_by and bool(initiator)
    own = allowed and initiator.casefold() == remark.author.casefold()
    if not own or last is None or last.target != record.stage or last.source is None:
        note = Note(kind="not_reopenable", to=remark.author, source=record.stage)
        _refuse(process, outcome, remark.author, comment_id, note, initiator)
        return
    move = Move(
        source=record.stage,
        target=last.source,
        login=remark.author,
        user_id=remark.author_id,
        at=remark.at,
    )
    outcome.record = record.model_copy(
        update={"stage": move.target, "moves": [*record.moves, move]}
    )
    outcome.accepted = move
    outcome.notes.append(Note(kind="moved", source=move.source, target=move.target))
    outcome.reactions.append((comment_id, "+1"))


def _decide(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    command: Command,
    complete: bool,
    source: str,
) -> None:
    at = remark.at
    decision = Decision(
        target=command.target or "",
        paragraph=command.paragraph,
        motivering=redact(command.motivering),  # masked text never reaches the record
        meeting=_meeting(process, at.date()),
        login=remark.author,
        user_id=remark.author_id,
        at=at,
        url=remark.url,
    )
    _recorded(outcome, comment_id, "decisions", decision)
    if decision.target in process.project_stages and not outcome.record.appointed("projektagare"):
        outcome.notes.append(Note(kind="decided", source=source, target=decision.target))
        return
    _move(
        process, outcome, remark, comment_id, decision.target, complete, source, command.motivering
    )


def _appoint(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    command: Command,
    complete: bool,
    source: str,
    initiator: str,
) -> None:
    who = remark.author
    owner = outcome.record.appointed("projektagare")
    # The council appoints both; a projektägare appoints their projektledare.
    appointers = [process.council.role]
    if command.kind == "projektledare":
        appointers.append("projektagare")
    allowed = holds(process, outcome.record, who, appointers)
    if not allowed:
        note = Note(kind="command_refused", to=who, role=command.kind)
        _refuse(process, outcome, who, comment_id, note, initiator)
        return
    if command.kind == "projektledare" and owner is None:
        note = Note(kind="needs_owner", to=who)
        _refuse(process, outcome, who, comment_id, note, initiator)
        return
    appointment = Appointment(
        role=command.kind,
        login=command.login or "",
        by=who,
        by_id=remark.author_id,
        at=remark.at,
        url=remark.url,
    )
    _recorded(outcome, comment_id, "appointments", appointment)
    outcome.notes.append(Note(kind="appointed", role=command.kind, login=appointment.login))
    decision = outcome.record.decision
    starts = (
        command.kind == "projektagare" and decision and decision.target in process.project_stages
    )
    if starts and decision and process.move(source, decision.target) is not None:
        _move(process, outcome, remark, comment_id, decision.target, complete, source, None)


def _move(
    process: Process,
    outcome: CommandOutcome,
    remark: Comment,
    comment_id: int,
    target: str,
    complete: bool,
    source: str,
    reason: str | None,
) -> None:
    """Move the need by command, when the move's preconditions hold."""
    who = remark.author
    missing = requirement_missing(
        process, outcome.record, source, target, complete, outcome.attached
    )
    if missing is not None:
        outcome.notes.append(Note(kind=missing, to=who, source=source, target=target))
        return
    move = Move(
        source=outcome.record.stage,
        target=target,
        login=who,
        user_id=remark.author_id,
        at=remark.at,
        reason=redact(reason) if reason else None,
    )
    outcome.record = outcome.record.model_copy(
        update={"stage": target, "moves": [*outcome.record.moves, move]}
    )
    outcome.accepted = move
    outcome.notes.append(Note(kind="moved", source=move.source, target=target, reason=reason))
    if (comment_id, "+1") not in outcome.reactions:
        outcome.reactions.append((comment_id, "+1"))
