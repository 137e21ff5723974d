"""Who may act on a need: make a move, give a command, reopen it. The one answer for all three.

A person acts by a role: one the process file gives them (per repository), one the need appointed
them to (its projektägare, say), or the initiator's, which the issue's author holds on their need.
"""

from __future__ import annotations

from collections.abc import Iterable

from intake.domain.lifecycle.record import Record
from intake.model.process import Process

INITIATOR = "initiativtagare"  # the role the author holds on their own need


def holds(
    process: Process, record: Record, who: str, roles: Iterable[str], initiator: str = ""
) -> bool:
    """Whether a person holds one of these roles on this need (logins compare case-blind)."""
    login = who.casefold()
    for role in roles:
        if login in {p.casefold() for p in process.people(role)}:
            return True
        if role == INITIATOR and initiator and initiator.casefold() == login:
            return True
        appointed = record.appointed(role)
        if appointed and appointed.casefold() == login:
            return True
    return False


def holds_any_role(process: Process, record: Record, who: str, initiator: str = "") -> bool:
    """Whether a person holds any role on this need: the bot answers them, and reacts to others."""
    return holds(process, record, who, [role.id for role in process.roles], initiator)


def may_move(
    process: Process, record: Record, who: str, source: str, target: str, initiator: str = ""
) -> bool:
    """Whether a person may make a move on this need: a role the move's `by` names."""
    move = process.move(source, target)
    return move is not None and holds(process, record, who, move.by, initiator)
