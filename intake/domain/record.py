"""The bot's record of a need: the moves it accepted, kept where GitHub shows who last edited it."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class AcceptedMove(BaseModel):
    """A move the bot accepted: from which stage (None: none yet) to which, by whom, when."""

    source: str | None = Field(alias="from")
    target: str = Field(alias="to")
    login: str
    user_id: int | None
    at: datetime
    reason: str | None = None  # what the person wrote, for a rejection

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Record(BaseModel):
    """The bot's record of a need: its accepted stage and moves, and what it already asked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    stage: str | None
    moves: list[AcceptedMove] = []
    asked: str | None = None  # the close event the bot asked the closer about
