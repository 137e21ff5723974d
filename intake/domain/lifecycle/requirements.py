"""What must hold before a move: the preconditions the process file names for it."""

from __future__ import annotations

from collections.abc import Set

from intake.domain.lifecycle.expected import forms_required
from intake.domain.lifecycle.notes import NoteKind
from intake.domain.lifecycle.record import Record
from intake.model.process import Process


def requirement_missing(
    process: Process,
    record: Record,
    source: str,
    target: str,
    complete: bool,
    attached: Set[str] | None = None,
) -> NoteKind | None:
    """The note that says what a move still needs; None when it may be made now.

    `attached`: the ids of the linked forms the need has; None when unknown (not checked).
    """
    move = process.move(source, target)
    needs = move.requires if move else []
    if "complete" in needs and not complete:
        return "incomplete"
    decided = record.decision is not None and record.decision.target == target
    if ("decision" in needs and not decided) or (
        "projektagare" in needs and record.appointed("projektagare") is None
    ):
        return "needs_decision"
    if attached is not None and forms_required(process, target, attached):
        return "form_missing"
    return None
