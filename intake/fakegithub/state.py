"""What the fake GitHub remembers about one repository, and how it shows it in GitHub's shapes."""

from __future__ import annotations

import base64
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from intake.fakegithub.graphql import GraphQLError

BOT = "github-actions[bot]"
START = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def timestamp(moment: datetime) -> str:
    """GitHub's ISO 8601 form: seconds, Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str | None = None


@dataclass
class Comment:
    id: int
    issue: int
    body: str
    user: str
    created_at: datetime
    updated_at: datetime
    editors: list[str] = field(default_factory=list)  # who edited it, oldest first
    reactions: list[str] = field(default_factory=list)  # the bot's reactions, oldest first
    history: list[Any] = field(default_factory=list)  # every version (history.Revision)


@dataclass
class LabelEvent:
    action: str  # "labeled" | "unlabeled" | "closed" | "reopened"
    label: str  # "" for closed and reopened
    actor: str
    at: datetime
    id: int = 0  # a database id, for the event's node id
    previous: str = ""  # renamed: the earlier title; transferred: the repository it came from
    current: str = ""  # renamed: the new title


@dataclass
class Issue:
    number: int
    title: str
    body: str | None
    user: str
    created_at: datetime
    updated_at: datetime
    state: str = "open"
    closed_at: datetime | None = None
    state_reason: str | None = None
    labels: list[str] = field(default_factory=list)  # names, in the order they were added
    history: list[LabelEvent] = field(default_factory=list)
    pull_request: bool = False
    revisions: list[Any] = field(default_factory=list)  # the body's versions (history.Revision)


@dataclass
class Run:
    """A workflow run started through the API (workflow_dispatch)."""

    id: int
    workflow: str  # the workflow's file name
    ref: str
    inputs: dict[str, Any]
    created_at: datetime
    actor: str = BOT


class Repository:
    """The state of one repository; every mutation goes through a method here."""

    def __init__(self, owner: str, name: str) -> None:
        self.owner = owner
        self.name = name
        self.issues: dict[int, Issue] = {}
        self.comments: dict[int, Comment] = {}
        self.labels: dict[str, Label] = {}  # by casefolded name: GitHub's names are case-blind
        self.dispatches: list[dict[str, Any]] = []  # workflow runs asked for through the API
        self.runs: list[Run] = []  # the runs those dispatches started, oldest first
        self.lagging: dict[int, int] = {}  # comment id → listings it stays out of (GitHub lags)
        self.user_ids: dict[str, int] = {}  # ids of users loaded from REST objects, by login
        # Issues no longer here: deleted (GitHub answers 410 Gone), or transferred (301 to the
        # issue's API address in its new repository).
        self.deleted: dict[int, Issue] = {}
        self.moved: dict[int, str] = {}
        self._ids = 1000
        self._clock = START

    @property
    def full_name(self) -> str:
        """owner/name"""
        return f"{self.owner}/{self.name}"

    def tick(self) -> datetime:
        """A deterministic clock: one minute per change."""
        self._clock += timedelta(minutes=1)
        return self._clock

    def next_id(self) -> int:
        """A fresh database id."""
        self._ids += 1
        return self._ids

    def label(self, name: str) -> Label | None:
        """The repository label of this name, if any."""
        return self.labels.get(name.casefold())

    def ensure_label(self, name: str) -> Label:
        """The label, created with GitHub's default colour when missing (as adding one does)."""
        found = self.label(name)
        if found is None:
            found = Label(self.next_id(), name)
            self.labels[name.casefold()] = found
        return found

    def add_issue(
        self,
        title: str,
        body: str | None,
        *,
        number: int | None = None,
        user: str = "anna-exempel",
        labels: tuple[str, ...] = (),
        state: str = "open",
        created_at: datetime | None = None,
        pull_request: bool = False,
    ) -> Issue:
        """Open an issue (or pull request) as a person would."""
        number = number or max([*self.issues, *self.deleted], default=0) + 1  # never reused
        created = created_at or self.tick()
        issue = Issue(number, title, body, user, created, created, pull_request=pull_request)
        self.issues[number] = issue
        for name in labels:
            self.add_labels(issue, [name], actor=user, at=created)
        if state == "closed":
            issue.state, issue.closed_at = "closed", created
        return issue

    def add_labels(self, issue: Issue, names: list[str], actor: str, at: datetime) -> None:
        """Add labels that are not there yet, recording the events."""
        for name in names:
            label = self.ensure_label(name)
            if label.name.casefold() not in {n.casefold() for n in issue.labels}:
                issue.labels.append(label.name)
                issue.history.append(LabelEvent("labeled", label.name, actor, at, self.next_id()))
                issue.updated_at = at

    def set_state(
        self, issue: Issue, state: str, actor: str, at: datetime, reason: str | None = None
    ) -> None:
        """Close or reopen an issue, recording who did it."""
        if state == issue.state:
            issue.state_reason = reason if state == "closed" and reason else issue.state_reason
            return
        issue.state = state
        issue.closed_at = at if state == "closed" else None
        issue.state_reason = (reason or "completed") if state == "closed" else "reopened"
        kind = "closed" if state == "closed" else "reopened"
        issue.history.append(LabelEvent(kind, "", actor, at, self.next_id()))
        issue.updated_at = at

    def remove_label(self, issue: Issue, name: str, actor: str, at: datetime) -> bool:
        """Remove a label; False when the issue did not carry it."""
        for present in issue.labels:
            if present.casefold() == name.casefold():
                issue.labels.remove(present)
                issue.history.append(LabelEvent("unlabeled", present, actor, at, self.next_id()))
                issue.updated_at = at
                return True
        return False


class Shapes:
    """GitHub's REST and GraphQL shapes, with every URL on the fake's own host and port."""

    def __init__(self, repo: Repository, base: str) -> None:
        self.repo = repo
        self.base = base
        self.api = f"{base}/repos/{repo.full_name}"
        self.web = f"{base}/{repo.full_name}"

    def user_id(self, login: str) -> int:
        """A user's database id."""
        return self.repo.user_ids.get(login, 10_000 + sum(map(ord, login)))

    def user(self, login: str) -> dict[str, Any]:
        """A simple-user."""
        url = f"{self.base}/users/{urllib.parse.quote(login)}"
        return {
            "login": login,
            "id": self.user_id(login),
            "node_id": "U_" + base64.b64encode(login.encode()).decode(),
            "avatar_url": f"{self.base}/avatars/{urllib.parse.quote(login)}",
            "gravatar_id": "",
            "url": url,
            "html_url": f"{self.base}/{urllib.parse.quote(login)}",
            "followers_url": f"{url}/followers",
            "following_url": f"{url}/following{{/other_user}}",
            "gists_url": f"{url}/gists{{/gist_id}}",
            "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{url}/subscriptions",
            "organizations_url": f"{url}/orgs",
            "repos_url": f"{url}/repos",
            "events_url": f"{url}/events{{/privacy}}",
            "received_events_url": f"{url}/received_events",
            "type": "Bot" if login.endswith("[bot]") else "User",
            "site_admin": False,
        }

    def label(self, label: Label) -> dict[str, Any]:
        """A label."""
        return {
            "id": label.id,
            "node_id": f"LA_{label.id}",
            "url": f"{self.api}/labels/{urllib.parse.quote(label.name, safe='')}",
            "name": label.name,
            "color": label.color,
            "default": False,
            "description": label.description,
        }

    def issue(self, issue: Issue) -> dict[str, Any]:
        """An issue (or pull request) as the issues API returns it."""
        url = f"{self.api}/issues/{issue.number}"
        comments = sum(1 for c in self.repo.comments.values() if c.issue == issue.number)
        data: dict[str, Any] = {
            "id": 500_000 + issue.number,
            "node_id": f"I_{issue.number}",
            "url": url,
            "repository_url": self.api,
            "labels_url": f"{url}/labels{{/name}}",
            "comments_url": f"{url}/comments",
            "events_url": f"{url}/events",
            "html_url": f"{self.web}/{'pull' if issue.pull_request else 'issues'}/{issue.number}",
            "number": issue.number,
            "state": issue.state,
            "state_reason": issue.state_reason,
            "title": issue.title,
            "body": issue.body,
            "user": self.user(issue.user),
            "labels": [self.label(self.repo.ensure_label(name)) for name in issue.labels],
            "assignee": None,
            "assignees": [],
            "milestone": None,
            "locked": False,
            "active_lock_reason": None,
            "comments": comments,
            "closed_at": timestamp(issue.closed_at) if issue.closed_at else None,
            "created_at": timestamp(issue.created_at),
            "updated_at": timestamp(issue.updated_at),
            "closed_by": None,
            "author_association": "NONE",
            "timeline_url": f"{url}/timeline",
            "performed_via_github_app": None,
        }
        if issue.pull_request:
            pull = f"{self.api}/pulls/{issue.number}"
            data["pull_request"] = {
                "url": pull,
                "html_url": f"{self.web}/pull/{issue.number}",
                "diff_url": f"{self.web}/pull/{issue.number}.diff",
                "patch_url": f"{self.web}/pull/{issue.number}.patch",
                "merged_at": None,
            }
        return data

    def comment(self, comment: Comment) -> dict[str, Any]:
        """An issue comment."""
        return {
            "id": comment.id,
            "node_id": f"IC_{comment.id}",
            "url": f"{self.api}/issues/comments/{comment.id}",
            "html_url": f"{self.web}/issues/{comment.issue}#issuecomment-{comment.id}",
            "issue_url": f"{self.api}/issues/{comment.issue}",
            "body": comment.body,
            "user": self.user(comment.user),
            "created_at": timestamp(comment.created_at),
            "updated_at": timestamp(comment.updated_at),
            "author_association": "NONE" if comment.user == BOT else "MEMBER",
            "performed_via_github_app": None,
        }

    def rate_limit(self, core: int, graphql: int, reset: int) -> dict[str, Any]:
        """The rate-limit overview, from what remains of each limit."""

        def resource(limit: int, remaining: int) -> dict[str, int]:
            used = limit - remaining
            return {"limit": limit, "remaining": remaining, "reset": reset, "used": used}

        overview = resource(5000, core)
        return {
            "resources": {
                "core": overview,
                "graphql": resource(5000, graphql),
                "search": resource(30, 30),
            },
            "rate": overview,
        }


def cursor(index: int) -> str:
    """An opaque cursor for a position in a list."""
    return base64.b64encode(f"cursor:v2:{index}".encode()).decode()


def _position(cursor_text: str) -> int:
    return int(base64.b64decode(cursor_text).decode().rsplit(":", 1)[1])


def connection(
    nodes: Sequence[Any],
    args: dict[str, Any],
    make: Callable[[Any], Any] | None = None,
    name: str = "nodes",
) -> dict[str, Any]:
    """A GraphQL connection page (first/after or last/before); like GitHub, it refuses a page
    without `first` or `last`, or of more than 100 (`name`: the connection, for the error)."""
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the `{name}` "
            "connection.",
            "MISSING_PAGINATION_BOUNDARIES",
        )
    for word, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= int(value) <= 100:
            raise GraphQLError(
                f"Requesting {value} records on the `{name}` connection exceeds the `{word}` "
                "limit of 100 records.",
                "EXCESSIVE_PAGINATION",
            )
    start = _position(args["after"]) + 1 if args.get("after") else 0
    stop = _position(args["before"]) if args.get("before") else len(nodes)
    if first is not None:
        stop = min(stop, start + int(first))
    elif last is not None:
        start = max(start, stop - int(last))
    page = nodes[start:stop]
    end = start + len(page) - 1
    return {
        "__typename": "Connection",
        "totalCount": len(nodes),
        "nodes": [make(n) for n in page] if make else list(page),
        "pageInfo": {
            "__typename": "PageInfo",
            "hasNextPage": stop < len(nodes),
            "endCursor": cursor(end) if page else None,
            "hasPreviousPage": start > 0,
            "startCursor": cursor(start) if page else None,
        },
    }
