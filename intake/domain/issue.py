"""Our own model of a GitHub issue, converted from GitHub's REST shape at the boundary."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class LabelEvent(BaseModel):
    """A label added to or removed from an issue."""

    model_config = ConfigDict(frozen=True)

    action: Literal["labeled", "unlabeled"]
    label: str
    at: datetime


class Issue(BaseModel):
    """An issue as the domain sees it; `history`: its label events, oldest first, when known."""

    model_config = ConfigDict(frozen=True)

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
    history: tuple[LabelEvent, ...] = ()


def issue_from_rest(data: dict[str, Any]) -> Issue:
    """Convert a REST issue object; an optional `timeline` key holds REST label events."""
    events = [
        LabelEvent(action=e["event"], label=e["label"]["name"], at=e["created_at"])
        for e in data.get("timeline", [])
        if e.get("event") in ("labeled", "unlabeled")
    ]
    return Issue(
        number=data["number"],
        title=data["title"],
        body=data.get("body"),
        state=data["state"],
        labels=tuple(label["name"] for label in data.get("labels", [])),
        author=(data.get("user") or {}).get("login", "ghost"),
        created_at=data["created_at"],
        updated_at=data["updated_at"],
        closed_at=data.get("closed_at"),
        html_url=data["html_url"],
        history=tuple(sorted(events, key=lambda e: e.at)),
    )


def is_pull_request(data: dict[str, Any]) -> bool:
    """Whether a REST issue object is really a pull request."""
    return "pull_request" in data
