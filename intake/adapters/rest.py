"""GitHub's REST issue objects converted into our own model: the one conversion path."""

from __future__ import annotations

from typing import Any

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.timeline import Actor, Change

_API_REPOS = "/repos/"


def repository_of(data: dict[str, Any], default: str) -> str:
    """The owner/name of a REST issue object, from its `repository_url`; else `default`."""
    url = data.get("repository_url")
    if isinstance(url, str) and _API_REPOS in url:
        owner_name = url.split(_API_REPOS, 1)[1].strip("/")
        if owner_name.count("/") == 1:
            return owner_name
    return default


def issue_from_rest(data: dict[str, Any], repository: str) -> Issue:
    """Convert a REST issue object; an optional `timeline` key holds REST label events.

    `repository` is used when the object does not name its own (`repository_url`).
    """
    events = [
        Change(
            kind=e["event"],
            label=e["label"]["name"],
            at=e["created_at"],
            actor=Actor(
                login=(e.get("actor") or {}).get("login") or "ghost",
                id=(e.get("actor") or {}).get("id"),
            ),
        )
        for e in data.get("timeline", [])
        if e.get("event") in ("labeled", "unlabeled")
    ]
    return Issue(
        repository=repository_of(data, repository),
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
