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


def rest_of_issue(issue: Issue) -> dict[str, Any]:
    """The inverse of `issue_from_rest`: the REST object (with its label `timeline`) a snapshot
    file holds for an issue."""
    return {
        "number": issue.number,
        "title": issue.title,
        "body": issue.body,
        "state": issue.state,
        "labels": [{"name": name} for name in issue.labels],
        "user": {"login": issue.author},
        "created_at": issue.created_at.isoformat(),
        "updated_at": issue.updated_at.isoformat(),
        "closed_at": issue.closed_at.isoformat() if issue.closed_at else None,
        "html_url": issue.html_url,
        "repository_url": f"https://api.github.com/repos/{issue.repository}",
        "timeline": [
            {
                "event": change.kind,
                "label": {"name": change.label},
                "created_at": change.at.isoformat(),
                "actor": {"login": change.actor.login, "id": change.actor.id},
            }
            for change in issue.history
        ],
    }


def is_pull_request(data: dict[str, Any]) -> bool:
    """Whether a REST issue object is really a pull request."""
    return "pull_request" in data
