"""One archived issue as its JSON file holds it (`schema_version` 1, docs/underhall.md).

Everything GitHub showed of the issue the last night it was read, and everything an earlier night
saw that GitHub no longer shows: earlier titles and texts, deleted comments and revisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

# GitHub's answer for an issue or comment no longer shown: 410 Gone (deleted), 404 Not Found,
# 301 Moved Permanently (transferred to another repository).
Answer = Literal["410", "404", "301"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Gone(_Model):
    """GitHub no longer shows it."""

    since: date
    """The night the archive first found it missing."""
    answer: Answer
    """GitHub's answer when asked for it."""
    moved_to: str | None = None
    """Where a transferred issue went (its address on GitHub)."""


class Edit(_Model):
    """One revision in GitHub's edit history of a text."""

    editor: str
    at: datetime | None = None
    text: str | None = None
    """The revision's text, as GitHub's history keeps it."""
    deleted_at: datetime | None = None
    """When someone deleted the revision from the history (GitHub keeps that it was there)."""
    deleted_by: str | None = None


class Earlier(_Model):
    """A text an earlier night archived that has changed since."""

    text: str | None
    seen: date
    """The last night this text was read from GitHub."""


class Comment(_Model):
    """A comment on the issue."""

    id: int
    url: str | None = None
    author: str
    created_at: datetime
    updated_at: datetime | None = None
    body: str
    editor: str | None = None
    """Who last edited it, when someone did."""
    last_edited_at: datetime | None = None
    edits: list[Edit] = []
    earlier: list[Earlier] = []
    gone: Gone | None = None


EventKind = Literal["labeled", "unlabeled", "closed", "reopened", "renamed", "transferred"]


class Event(_Model):
    """A change in the issue's timeline: a label, closing, reopening, a new title, a transfer."""

    id: str | None = None
    kind: EventKind
    at: datetime
    actor: str
    actor_id: int | None = None
    label: str | None = None
    previous: str | None = None
    """The earlier title (renamed), or the repository it came from (transferred)."""
    current: str | None = None
    """The new title (renamed)."""


class BotRecord(_Model):
    """The bot's record of the need, as its status comment keeps it."""

    trusted: bool
    """The bot's newest status comment is one nobody but the bot ever changed."""
    record: dict[str, Any] | None = None
    """The record the bot and the portfolio trust (intake/domain/lifecycle/tamper.py), with the
    tampering GitHub showed; None when there is none to trust."""


class AttachedFile(_Model):
    """A file attached in the form's attachment field: its name, where GitHub keeps it, and the
    archive's own copy (`files/<sha256>`) or why there is none."""

    name: str
    url: str
    sha256: str | None = None
    """The SHA-256 of the kept file, which lies in the archive as `files/<sha256>`."""
    size: int | None = None
    """The kept file's size in bytes."""
    kept: date | None = None
    """The night the archive first kept the file."""
    not_kept: str | None = None
    """Why the archive could not keep the file (the last night it tried)."""


class ArchivedIssue(_Model):
    """An issue, its comments, history and the bot's record."""

    schema_version: Literal[1] = 1
    """Raised when a field changes meaning or goes away (docs/underhall.md, "Arkivet")."""
    repository: str
    number: int
    url: str
    title: str
    titles: list[str] = []
    """Earlier titles, oldest first."""
    body: str | None
    earlier_bodies: list[Earlier] = []
    body_edits: list[Edit] = []
    author: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    state: Literal["open", "closed"]
    state_reason: str | None = None
    """GitHub's close reason: completed, not_planned, reopened, duplicate."""
    labels: list[str] = []
    comments: list[Comment] = []
    events: list[Event] = []
    record: BotRecord | None = None
    attachments: list[AttachedFile] = []
    archived: date
    """The night it was last read from GitHub."""
    gone: Gone | None = None

    @property
    def key(self) -> str:
        """`owner/name#number`: the issue's name across repositories."""
        return issue_key(self.repository, self.number)


def issue_key(repository: str, number: int) -> str:
    """`owner/name#number`."""
    return f"{repository}#{number}"


def issue_path(repository: str, number: int, suffix: str) -> str:
    """Where an issue's file lies in the archive: `issues/<owner>/<name>/<number>.<suffix>`."""
    return f"issues/{repository.casefold()}/{number}.{suffix}"


def attachment_path(digest: str) -> str:
    """Where a kept attachment lies in the archive: `files/<sha256>`."""
    return f"files/{digest}"
