"""Our own model of a GitHub issue; the adapters convert GitHub's shapes into it at the boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.record import Record
from intake.domain.lifecycle.timeline import Change


class Issue(BaseModel):
    """An issue as the domain sees it; `history`: its label changes, oldest first, when known."""

    model_config = ConfigDict(frozen=True)

    repository: str  # owner/name: an issue is known by its repository and number
    number: int
    title: str
    body: str | None
    state: Literal["open", "closed"]
    labels: tuple[str, ...]
    author: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    html_url: str
    history: tuple[Change, ...] = ()
    record: Record | None = None  # the bot's trusted record of accepted moves, when read

    @property
    def key(self) -> str:
        """`owner/name#number`: the issue's name across repositories."""
        return f"{self.repository}#{self.number}"
