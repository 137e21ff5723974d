"""Commands judged by the same rules as labels: who may give one is who may make its move.

A decision (`/beslut`) and a projektägare (`/projektägare`) start a project between them: when the
second of them is recorded, the need moves on in the same run. Every command is read once (the
record keeps its comment's id); an edited comment is never read.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date

from intake.domain.lifecycle.commands import Command, Malformed, fold, read_command
from intake.domain.lifecycle.notes import Note
from intake.domain.lifecycle.record import (
    AcceptedMove,
    Appointment,
    Assessment,
    Decision,
    Record,
    Registration,
    Remark,
)
from intake.domain.lifecycle.requirements import may_move, requirement_missing
from intake.model.process import REGISTRAR, Process

START = ("utveckla", "avveckla")  # decisions that wait for a projektägare before the move
Reaction = tuple[int, str]  # (comment id, GitHub's reaction content)


def criterion_names(process: Process) -> dict[str, str]:
    """Each criterion's id and name, folded, → its id (for `/bedömning`)."""
    names = {fold(c.name): c.id for c in process.scoring.criteria}
    return names | {fold(c.id): c.id for c in process.scoring.criteria}


def stage_names(process: Process) -> dict[str, str]:
    """Each stage's and outcome's name and id, folded, → its id (for `/steg`)."""
    names = {fold(s.name): s.id for s in process.all_stages}
    return names | {fold(s.id): s.id for s in process.all_stages}


def _meeting(process: Process, day: date) -> date | None:
    earlier = [m for m in process.council.meetings if m <= day]
    return max(earlier) if earlier else None


def role_holders(process: Process, record: Record, initiator: str) -> set[str]:
    """Everyone who holds a role on this need: an answer to them, only a reaction to others."""
    people = {p.casefold() for role in process.roles for p in process.people(role.id)}
    appointed = {record.appointed("projektagare"), record.appointed("projektledare"), initiator}
    return people | {p.casefold() for p in appointed if p}


class CommandOutcome:
    """What reading the new commands did: the record, the notes, the reactions, the last move."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.notes: list[Note] = []
        self.reactions: list[Reaction] = []
        self.accepted: AcceptedMove | None = None
        self.attached: Set[str] | None = None


def read_commands(
    process: Process,
    record: Record,
    remarks: list[Remark],
    *,
    complete: bool,
    initiator: str,
    attached: Set[str] | None = None,
) -> CommandOutcome:
    """Judge every command not read before, oldest first; `attached`: the linked forms the need
    has (None: unknown)."""
    outcome = CommandOutcome(record)
    outcome.attached = attached
    names = stage_names(process)
    criteria = criterion_names(process)
    for remark in remarks:
        comment_id = remark.id
        body = remark.body
        if comment_id is None or comment_id in outcome.record.handled:
            continue
        command = read_command(body, names, criteria, process.scoring.scale)
        if command is None:
            continue
        outcome.record = outcome.record.model_copy(
            update={"handled": [*outcome.record.handled, comment_id][-500:]}
        )
        if remark.edited:
            continue  # an edited comment is never executed
        _judge(process, outcome, remark, comment_id, command, complete, initiator)
    return outcome


def _refuse(
    process: Process, outcome: CommandOutcome, who: str, comment_id: int, note: Note, initiator: str
) -> None:
    outcome.reactions.append((comment_id, "-1"))
    if who.casefold() in role_holders(process, outcome.record, initiator):
        outcome.notes.append(note)


def _entitled(
    process: Process,
    outcome: CommandOutcome,
    remark: Remark,
    comment_id: int,
    initiator: str,
    people: Set[str],
    role: str,
) -> bool:
    """Whether the command's author is among `people`; if not, the command is refused."""
    if remark.author.casefold() in {p.casefold() for p in people}:
        return True
    note = Note(kind="command_refused", to=remark.author, role=role)
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
    remark: Remark,
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
    remark: Remark,
    comment_id: int,
    command: Command,
    initiator: str,
) -> None:
    assessors = {p for role in process.scoring.by for p in process.people(role)}
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


def _register(
    process: Process,
    outcome: CommandOutcome,
    remark: Remark,
    comment_id: int,
    command: Command,
    initiator: str,
) -> None:
    """Record the diarienummer a registrar gives; in any stage, a later one replaces it."""
    registrars = set(process.people(REGISTRAR))
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


def _decide(
    process: Process,
    outcome: CommandOutcome,
    remark: Remark,
    comment_id: int,
    command: Command,
    complete: bool,
    source: str,
) -> None:
    at = remark.at
    decision = Decision(
        target=command.target or "",
        paragraph=command.paragraph,
        motivering=command.motivering,
        meeting=_meeting(process, at.date()),
        login=remark.author,
        user_id=remark.author_id,
        at=at,
        url=remark.url,
    )
    _recorded(outcome, comment_id, "decisions", decision)
    if decision.target in START and not outcome.record.appointed("projektagare"):
        outcome.notes.append(Note(kind="decided", source=source, target=decision.target))
        return
    _move(
        process, outcome, remark, comment_id, decision.target, complete, source, command.motivering
    )


def _appoint(
    process: Process,
    outcome: CommandOutcome,
    remark: Remark,
    comment_id: int,
    command: Command,
    complete: bool,
    source: str,
    initiator: str,
) -> None:
    who = remark.author
    council = {p.casefold() for p in process.people(process.council.role)}
    owner = outcome.record.appointed("projektagare")
    allowed = who.casefold() in council or (
        command.kind == "projektledare" and owner is not None and owner.casefold() == who.casefold()
    )
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
    starts = command.kind == "projektagare" and decision and decision.target in START
    if starts and decision and process.move(source, decision.target) is not None:
        _move(process, outcome, remark, comment_id, decision.target, complete, source, None)


def _move(
    process: Process,
    outcome: CommandOutcome,
    remark: Remark,
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
    move = AcceptedMove(
        source=outcome.record.stage,
        target=target,
        login=who,
        user_id=remark.author_id,
        at=remark.at,
        reason=reason,
    )
    outcome.record = outcome.record.model_copy(
        update={"stage": target, "moves": [*outcome.record.moves, move]}
    )
    outcome.accepted = move
    outcome.notes.append(Note(kind="moved", source=move.source, target=target, reason=reason))
    if (comment_id, "+1") not in outcome.reactions:
        outcome.reactions.append((comment_id, "+1"))
