"""What a test does to the fake GitHub as people would (file, label, comment, close), and what it
reads back; mixed into FakeGitHub."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from intake.domain.lifecycle.record import Record, record_block
from intake.domain.lifecycle.triage import STATUS_MARKER
from intake.fakegithub.history import edit
from intake.fakegithub.state import BOT, Comment, Issue, Repository, Shapes
from intake.fakegithub.wire import Fault, Request


class Arrange:
    """State changes and observations for tests; every one takes the server's lock."""

    # Provided by FakeGitHub and its handlers (annotations only: nothing here shadows them).
    repo: Repository
    lock: threading.RLock
    requests: list[Request]
    faults: list[Fault]
    if TYPE_CHECKING:

        @property
        def api_url(self) -> str: ...

    _comment: Callable[[int, str, str], Comment]
    comments_of: Callable[[int], list[Comment]]

    # -- arranging state (as people would do it in the web UI) -----------------------------------

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
    ) -> int:
        """Open an issue; returns its number."""
        with self.lock:
            issue = self.repo.add_issue(
                title,
                body,
                number=number,
                user=user,
                labels=labels,
                state=state,
                created_at=created_at,
                pull_request=pull_request,
            )
            return issue.number

    def add_rest_issue(self, data: Mapping[str, Any]) -> int:
        """Load a REST issue object (e.g. from intake/samples/issues.json) with its `timeline`."""
        with self.lock:
            issue = self.repo.add_issue(
                data["title"],
                data.get("body"),
                number=data["number"],
                user=(data.get("user") or {}).get("login", "ghost"),
                created_at=datetime.fromisoformat(data["created_at"]),
                pull_request="pull_request" in data,
            )
            for label in data.get("labels", []):  # the repository's labels, with colours
                if self.repo.label(label["name"]) is None:
                    created = self.repo.ensure_label(label["name"])
                    created.color = label.get("color") or created.color
                    created.description = label.get("description")
            events = sorted(data.get("timeline", []), key=lambda e: str(e["created_at"]))
            for event in events:
                at = datetime.fromisoformat(event["created_at"])
                actor = (event.get("actor") or {}).get("login", "beredning-exempel")
                if isinstance((event.get("actor") or {}).get("id"), int):
                    self.repo.user_ids[actor] = event["actor"]["id"]
                if event["event"] == "labeled":
                    self.repo.add_labels(issue, [event["label"]["name"]], actor, at)
                elif event["event"] == "unlabeled":
                    self.repo.remove_label(issue, event["label"]["name"], actor, at)
            # The current labels are authoritative; one the timeline did not add has no event.
            issue.labels = [label["name"] for label in data.get("labels", [])]
            issue.state = data["state"]
            issue.closed_at = (
                datetime.fromisoformat(data["closed_at"]) if data.get("closed_at") else None
            )
            if "record" in data:  # the bot's record, kept as its status comment keeps it
                record = Record.model_validate(data["record"])
                self._comment(issue.number, f"{STATUS_MARKER}\n{record_block(record)}", BOT)
            issue.updated_at = datetime.fromisoformat(data["updated_at"])
            return issue.number

    def edit_issue(self, number: int, *, body: str | None = None, title: str | None = None) -> None:
        """Change an issue's text as its author would."""
        with self.lock:
            issue = self.repo.issues[number]
            issue.body = body if body is not None else issue.body
            issue.title = title if title is not None else issue.title
            issue.updated_at = self.repo.tick()

    def set_state(
        self, number: int, state: str, *, actor: str = "anna-exempel", reason: str | None = None
    ) -> None:
        """Close or reopen an issue as a person would."""
        with self.lock:
            issue = self.repo.issues[number]
            self.repo.set_state(issue, state, actor, self.repo.tick(), reason)

    def unlabel_issue(self, number: int, name: str, *, actor: str = "beredning-exempel") -> None:
        """Remove a label as a person with triage rights would."""
        with self.lock:
            self.repo.remove_label(self.repo.issues[number], name, actor, self.repo.tick())

    def edit_comment(self, comment_id: int, body: str, *, editor: str) -> None:
        """Edit a comment as a person with write access may, also the bot's."""
        with self.lock:
            comment = self.repo.comments[comment_id]
            edit(comment, editor, body, self.repo.tick(), self.repo.next_id())

    @property
    def dispatches(self) -> list[dict[str, Any]]:
        """The workflow runs asked for, oldest first: {"workflow": file, "ref": …}."""
        with self.lock:
            return list(self.repo.dispatches)

    def label_issue(self, number: int, *names: str, actor: str = "beredning-exempel") -> None:
        """Add labels as a person with triage rights would."""
        with self.lock:
            self.repo.add_labels(self.repo.issues[number], list(names), actor, self.repo.tick())

    def add_comment(self, number: int, body: str, user: str = "anna-exempel") -> int:
        """Comment as a person would; returns the comment id."""
        with self.lock:
            return self._comment(number, body, user).id

    def create_label(
        self, name: str, color: str = "ededed", description: str | None = None
    ) -> None:
        """Create a repository label."""
        with self.lock:
            label = self.repo.ensure_label(name)
            label.color, label.description = color, description

    def inject(self, fault: Fault) -> Fault:
        """Fail the next matching requests (see `Fault`)."""
        with self.lock:
            self.faults.append(fault)
            return fault

    # -- observing state ----------------------------------------------------------------------

    def labels_of(self, number: int) -> set[str]:
        """The label names on an issue."""
        with self.lock:
            return set(self.repo.issues[number].labels)

    def bot_comments(self, number: int) -> list[Comment]:
        """The comments written through the API (by the workflow's bot)."""
        return [c for c in self.comments_of(number) if c.user == BOT]

    def issue(self, number: int) -> Issue:
        """The issue's recorded state."""
        return self.repo.issues[number]

    @property
    def writes(self) -> list[Request]:
        """Every request that asked to change something."""
        with self.lock:
            return [r for r in self.requests if r.is_write]

    def count(self, method: str | None = None, path: str | None = None) -> int:
        """Requests received, optionally of one method and matching a path regex."""
        with self.lock:
            return sum(
                1
                for r in self.requests
                if (method is None or r.method == method)
                and (path is None or re.search(path, r.path))
            )

    def snapshot(self) -> list[dict[str, Any]]:
        """Every issue in the REST shape, with a `timeline` of label events (like the samples)."""
        with self.lock:
            shapes = Shapes(self.repo, self.api_url)
            return [
                shapes.issue(i)
                | {
                    "timeline": [
                        {
                            "event": e.action,
                            "label": {"name": e.label},
                            "created_at": t,
                            "actor": shapes.user(e.actor),
                        }
                        for e in i.history
                        if e.action in ("labeled", "unlabeled")
                        for t in [e.at.strftime("%Y-%m-%dT%H:%M:%SZ")]
                    ]
                }
                for i in sorted(self.repo.issues.values(), key=lambda i: i.number)
            ]
