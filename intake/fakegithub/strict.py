"""What the fake GitHub does that code written against a lenient fake gets wrong: issues deleted
by an admin (410 Gone), the hourly limit running out, and the workflow runs a dispatch started.
Mixed into FakeGitHub."""

from __future__ import annotations

import threading
import time

from intake.fakegithub.state import Repository, Run

PRIMARY_LIMIT = 5000  # requests an hour: GitHub's for an installation (GITHUB_TOKEN has 1,000)
PRIMARY = (
    "API rate limit exceeded for installation ID 4242. If you reach out to GitHub Support for "
    "help, please include the request ID."
)


class Strict:
    """The limits and deletions of one fake; every change takes the server's lock."""

    repo: Repository
    lock: threading.RLock

    def __init__(self) -> None:
        self.remaining = {"core": PRIMARY_LIMIT, "graphql": PRIMARY_LIMIT}
        self.reset_at = int(time.time()) + 3600  # when the hour's limit starts again (epoch s)

    def delete_issue(self, number: int) -> None:
        """Delete an issue as an admin would: from then on GitHub answers 410 Gone for it."""
        with self.lock:
            issue = self.repo.issues.pop(number)
            self.repo.deleted[number] = issue
            for comment_id in [c.id for c in self.repo.comments.values() if c.issue == number]:
                del self.repo.comments[comment_id]

    def set_rate_limit(
        self, remaining: int, *, resource: str = "core", reset_at: int | None = None
    ) -> None:
        """Leave `remaining` requests of the hour's limit (counting down with each request)."""
        with self.lock:
            self.remaining[resource] = remaining
            self.reset_at = reset_at if reset_at is not None else self.reset_at

    @property
    def runs(self) -> list[Run]:
        """The workflow runs dispatches started, oldest first."""
        with self.lock:
            return list(self.repo.runs)
