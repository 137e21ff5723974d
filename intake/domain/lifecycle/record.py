"""The bot's record of a need: the moves it accepted, kept where GitHub shows who last edited it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from intake.domain.lifecycle.timeline import Change, Move, replay
from intake.model.base import Model
from intake.model.process import Process

BURST_SECONDS = 600  # one person's label changes this close together are one change of mind
# A comment committed late can carry a lower id than one already read: comments written this long
# before the newest one read are still judged, unless their id is among those read.
GRACE = timedelta(minutes=10)
RECENT_KEPT = 50  # commands of people with a role kept whole; beyond, those in the window
_RECORD_START = "<!-- intake:record "
_RECORD_END = " -->"  # the record's JSON never holds `-->` (see `record_block`)


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


class Correction(BaseModel):
    """An entry corrected with `/rätta`: which field, to what, from what, by whom and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: Literal["diarienummer", "paragraf"]
    value: str
    previous: str | None = None
    reason: str = ""
    login: str
    user_id: int | None
    at: datetime
    url: str | None = None


class Link(BaseModel):
    """A projektcanvas or nyttouppföljning the bot linked to the need: its form and issue number."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    form: str
    number: int


class Handled(BaseModel):
    """A command read within the grace window: its comment's id and when it was written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    at: datetime


class Tamper(BaseModel):
    """Someone other than the bot changed one of its comments: which, how, who and when (None:
    GitHub no longer says)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comment: int  # the comment's database id
    what: Literal["status", "note", "link"]
    action: Literal["edited", "deleted", "revision_deleted"]
    login: str | None = None
    at: datetime | None = None


class Record(BaseModel):
    """The bot's record of a need: its accepted stage and moves, its decisions and appointments,
    the commands it has handled and what it already asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    revision: int = 0  # counts the record's changes: the newest trusted copy has the highest
    stage: str | None
    moves: list[Move] = []
    decisions: list[Decision] = []
    appointments: list[Appointment] = []
    assessments: list[Assessment] = []
    registrations: list[Registration] = []  # diarienummer given with /diarienummer, oldest first
    corrections: list[Correction] = []  # entries corrected with /rätta, oldest first
    links: list[Link] = []  # the canvases and follow-ups the bot linked, by their owners only
    # Commands are judged once, ever: every comment up to `handled_up_to` (a database id) was
    # read. A read can miss a comment with a lower id committed late, so comments written within
    # the grace window before `handled_at` are read again unless `recent` names them; `recent`
    # holds only commands of people with a role, so strangers cannot push anything out.
    handled_up_to: int = 0
    handled_at: datetime | None = None
    recent: list[Handled] = []
    handled: list[int] = []  # before the mark: every id read (read into the mark, then emptied)
    asked: str | None = None  # the close event the bot asked the closer about
    tampering: list[Tamper] = []  # changes others made to the bot's comments, as found

    @model_validator(mode="after")
    def _mark(self) -> Record:
        """Records written before the mark listed every handled id: the highest is the mark."""
        if self.handled:
            object.__setattr__(self, "handled_up_to", max(self.handled_up_to, *self.handled))
            object.__setattr__(self, "handled", [])
        return self

    def is_handled(self, comment: int, at: datetime) -> bool:
        """Whether a comment (its id and when it was written) was read before."""
        if comment > self.handled_up_to or any(h.id == comment for h in self.recent):
            return comment <= self.handled_up_to
        return self.handled_at is None or at < self.handled_at - GRACE

    def with_handled(self, comment: int, at: datetime, *, remember: bool) -> Record:
        """The record with one more comment read; `remember` keeps its id through the grace
        window (for commands of people with a role)."""
        newest = max(self.handled_at or at, at)
        kept = list(self.recent)
        if len(kept) >= RECENT_KEPT:  # then only those still in the grace window
            kept = [h for h in kept if h.at >= newest - GRACE]
        if remember:
            kept.append(Handled(id=comment, at=at))
        return self.model_copy(
            update={
                "handled_up_to": max(self.handled_up_to, comment),
                "handled_at": newest,
                "recent": kept,
            }
        )

    def appointed(self, role: str) -> str | None:
        """The login now holding a role on this need (the latest appointment)."""
        found = [a.login for a in self.appointments if a.role == role]
        return found[-1] if found else None

    @property
    def diarienummer(self) -> str | None:
        """The need's diarienummer: the latest one a registrar gave or a correction set."""
        given = [(r.at, r.diarienummer) for r in self.registrations]
        given += [(c.at, c.value) for c in self.corrections if c.field == "diarienummer"]
        return max(given, key=lambda pair: pair[0])[1] if given else None

    def paragraph(self, decision: Decision) -> str | None:
        """A decision's paragraph, as corrected since."""
        fixed = [c.value for c in self.corrections if c.field == "paragraf" and c.at >= decision.at]
        return fixed[-1] if fixed else decision.paragraph

    @property
    def decision(self) -> Decision | None:
        """The latest decision: a later one supersedes the earlier ones, which stay recorded."""
        return self.decisions[-1] if self.decisions else None


class StatusComment(Model):
    """The bot's status comment; `trusted` when nobody but the bot ever edited it."""

    body: str
    trusted: bool
    id: int | None = None  # its database id, to edit it and nothing else


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
    return "<!-- intake:record " + hidden_json(data) + " -->"


def hidden_json(data: str) -> str:
    """JSON safe inside an HTML comment: no `<` or `>` anywhere (they occur only inside strings,
    where \\u003c and \\u003e are valid escapes), so nothing can end the comment or show."""
    return data.replace("<", "\\u003c").replace(">", "\\u003e")


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
