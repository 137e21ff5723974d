"""The bot's record of a need: the moves it accepted, kept where GitHub shows who last edited it."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from intake.domain.lifecycle.timeline import Change, Move, replay
from intake.model.base import Model
from intake.model.process import Process

BURST_SECONDS = 600  # one person's label changes this close together are one change of mind
_RECORD_START = "<!-- intake:record "
_RECORD_END = " -->"  # the record's JSON never holds `-->` (see `record_block`)


class Remark(Model):
    """A comment on the issue by a person: a reason for a rejection, or a command."""

    author: str
    body: str
    at: datetime
    id: int | None = None  # GitHub's database id of the comment
    author_id: int | None = None
    url: str | None = None
    edited: bool = False  # edited after it was written: never read as a command


class Decision(BaseModel):
    """A decision given with `/beslut`: what, why, at which meeting, by whom, where."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str  # the stage or outcome it moves the need to
    paragraph: str | None = None
    motivering: str
    meeting: date | None = None  # the latest meeting on or before the day of the decision
    login: str
    user_id: int | None
    at: datetime
    url: str | None = None


class Appointment(BaseModel):
    """A projektägare or projektledare appointed with a command; a later one replaces it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["projektagare", "projektledare"]
    login: str  # the person appointed
    by: str
    by_id: int | None
    at: datetime
    url: str | None = None


class Assessment(BaseModel):
    """One person's assessment with `/bedömning`; their latest one counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: dict[str, int]  # criterion id → value on the process's scale
    login: str
    user_id: int | None
    at: datetime
    url: str | None = None


class Registration(BaseModel):
    """A diarienummer a registrar gave with `/diarienummer`; a later one replaces it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    diarienummer: str
    login: str
    user_id: int | None
    at: datetime
    url: str | None = None


class Record(BaseModel):
    """The bot's record of a need: its accepted stage and moves, its decisions and appointments,
    the commands it has handled and what it already asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    stage: str | None
    moves: list[Move] = []
    decisions: list[Decision] = []
    appointments: list[Appointment] = []
    assessments: list[Assessment] = []
    registrations: list[Registration] = []  # diarienummer given with /diarienummer, oldest first
    handled: list[int] = []  # the comments whose commands were read (their database ids)
    asked: str | None = None  # the close event the bot asked the closer about

    def appointed(self, role: str) -> str | None:
        """The login now holding a role on this need (the latest appointment)."""
        found = [a.login for a in self.appointments if a.role == role]
        return found[-1] if found else None

    @property
    def diarienummer(self) -> str | None:
        """The need's diarienummer: the latest one a registrar gave."""
        return self.registrations[-1].diarienummer if self.registrations else None

    @property
    def decision(self) -> Decision | None:
        """The latest decision: a later one supersedes the earlier ones, which stay recorded."""
        return self.decisions[-1] if self.decisions else None


class StatusComment(Model):
    """The bot's status comment; `trusted` when nobody but the bot ever edited it."""

    body: str
    trusted: bool


def record_of(status: StatusComment | None) -> Record | None:
    """The record kept in a trusted status comment; None when there is none to trust."""
    if status is None or not status.trusted:
        return None
    # Plain finds, not a lazy regex: a body of many starts without an end stays linear.
    start = status.body.find(_RECORD_START)
    end = status.body.find(_RECORD_END, start + len(_RECORD_START)) if start >= 0 else -1
    data = status.body[start + len(_RECORD_START) : end] if end >= 0 else ""
    if not (data.startswith("{") and data.endswith("}")):
        return None
    try:
        return Record.model_validate(json.loads(data))
    except (ValueError, ValidationError):
        return None


def record_block(record: Record) -> str:
    """The record as a hidden block of the status comment (no `-->` can end it early)."""
    data = json.dumps(record.model_dump(mode="json", by_alias=True), ensure_ascii=False)
    safe = data.replace("-->", "--\\u003e")  # only inside a JSON string: a valid escape of >
    return "<!-- intake:record " + safe + " -->"


def initial_record(
    process: Process, labels: tuple[str, ...], changes: list[Change], bot: str, *, adopt: bool
) -> Record:
    """A record for a need the bot has none for: its stage before the latest change.

    The latest change is the trailing burst of stage-label changes one person made; `adopt`
    takes the need as it is now instead (the nightly reconciliation of needs filed before the
    bot kept records). Every earlier stage change counts as accepted.
    """
    stage_changes = [
        c
        for c in changes
        if c.kind in ("labeled", "unlabeled") and c.label and process.stage_of_label(c.label)
    ]
    human = [c for c in stage_changes if c.actor.login.casefold() != bot.casefold()]
    cut = len(stage_changes)
    if not adopt and human:
        last = human[-1]
        start = last
        for change in reversed(human[:-1]):
            same = change.actor.login.casefold() == last.actor.login.casefold()
            if not same or (start.at - change.at).total_seconds() > BURST_SECONDS:
                break
            start = change
        cut = stage_changes.index(start)
    moves, present = replay(process, stage_changes[:cut])
    if adopt or not stage_changes:
        now = [s.id for s in process.stages_labelled(labels)]
        stage = now[-1] if len(now) == 1 else (present[-1] if present else None)
    else:
        stage = present[-1] if present else None
    return Record(stage=stage, moves=moves)
