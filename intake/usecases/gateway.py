"""What the use cases need from GitHub, as a protocol that intake/adapters/github.py meets."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.triage import TriageView
from intake.model.process import LabelSpec

CommentResult = Literal["created", "updated", "unchanged"]


class GitHubError(Exception):
    """GitHub could not be reached or answered wrongly, even after bounded retries."""


class RateLimitError(GitHubError):
    """GitHub's hourly limit of requests is spent; it answers again at `reset` (UTC)."""

    def __init__(self, message: str, reset: datetime | None = None) -> None:
        super().__init__(message, reset)
        self.reset = reset

    def __str__(self) -> str:
        return str(self.args[0])


class IssueGoneError(GitHubError):
    """The issue is not there: never filed, or deleted since (GitHub answers 404 or 410)."""


class RepositoryHiddenError(GitHubError):
    """The repository does not exist, or the token may not read it (GitHub answers alike)."""


class Gateway(Protocol):
    """Issues, comments and labels of one repository."""

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far, retries included."""
        ...

    @property
    def bot(self) -> str:
        """The login the gateway writes as (the bot's)."""
        ...

    def triage_view(self, number: int) -> TriageView:
        """The need, its timeline and the bot's comments with their edit histories."""
        ...

    def issue(self, number: int) -> Issue:
        """The issue as it is now."""
        ...

    def find_issue(self, number: int) -> Issue | None:
        """The issue as it is now; None when the repository has no issue with this number."""
        ...

    def close_issue(self, number: int) -> None:
        """Close the issue as completed."""
        ...

    def apply_labels(self, number: int, change: LabelChange) -> LabelChange:
        """Add and remove labels; returns what actually changed."""
        ...

    def upsert_comment(self, number: int, marker: str, body: str) -> CommentResult:
        """Make the bot's one comment carrying `marker` read `body`."""
        ...

    def issues_after(self, number: int) -> list[Issue]:
        """The issues numbered above `number`, newest first: one request, at most 100."""
        ...

    def sync_labels(self, specs: list[LabelSpec], *, dry_run: bool = False) -> list[str]:
        """Create missing labels and update changed ones; returns what changed."""
        ...
