"""What the bot tells people about a need: kinds of notes, rendered to Swedish elsewhere."""

from __future__ import annotations

from typing import Literal

from intake.model.base import Model

NoteKind = Literal[
    "moved",  # to the initiator: the need moved (with the reason of a rejection)
    "no_move",  # to a person: the process has no such move
    "not_yours",  # to a person: the move is someone else's to make
    "incomplete",  # to a person: the need must be complete first
    "no_reason",  # to a person: a rejection needs a reason written first
    "one_at_a_time",  # to a person: two stage labels at once
    "no_outcome",  # to the person who closed the issue without an outcome
    "reopen_refused",  # to a person who may not reopen it
    "needs_decision",  # to a person: the move needs a decision and a projektägare first
    "command_help",  # to a person: a command that could not be read, and how to write it
    "command_refused",  # to a person: a command that is someone else's to give
    "no_motivering",  # to a person: a decision needs its motivering
    "needs_owner",  # to a person: a projektledare only after a projektägare
    "decided",  # to the initiator: the council decided (and is waiting for a projektägare)
    "appointed",  # to the initiator: a projektägare or projektledare was appointed
    "form_missing",  # to a person: the move needs a linked form (a projektcanvas) first
    "recorded",  # to a person: their assessment, diarienummer or correction is in the record
    "handover",  # to the role that receives the need in its new stage (an arena's owner)
    "not_reopenable",  # to the initiator: /återuppta works only on their own withdrawn need
]


class Note(Model):
    """Something to tell someone in a new comment; rendering turns it into plain Swedish."""

    kind: NoteKind
    to: str | None = None  # a login; None: the initiator (the author)
    source: str | None = None  # stage ids the note speaks of
    target: str | None = None
    reason: str | None = None  # the reason a person gave (untrusted text)
    login: str | None = None  # a person appointed
    role: str | None = None  # the role a command appoints (projektagare, projektledare)
    usage: str | None = None  # how to write a command
    entry: str | None = None  # what a `recorded` note records: assessment, diarienummer, field
    value: str | None = None  # the recorded value (a diarienummer, a paragraph)
