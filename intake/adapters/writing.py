"""The writes that are not idempotent, each made once: a new comment, issue, label or run.

Each carries a key: a hidden marker in a comment, the import's reference in an issue, the name of
a label, a key in a workflow run's title. When a write's fate is unknown (a 5xx, a timeout, a
dropped connection or a broken answer after sending it), the key is read back before the write is
ever sent again. A write just made may not show in a listing yet: what was written again after a
read-back found nothing is remembered, and its later copies are removed at the end of the run.
"""

from __future__ import annotations

import hashlib
import urllib.parse
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from github import GithubException
from github.GithubException import UnknownObjectException
from github.Repository import Repository
from github.Requester import Requester

from intake.adapters.rest import issue_from_rest
from intake.adapters.settings import Settings
from intake.adapters.transport import Transport, UncertainWriteError
from intake.domain.lifecycle.issue import Issue
from intake.model.process import LabelSpec

T = TypeVar("T")

KEY = "<!-- intake:key {} -->"  # the hidden key of a comment the bot wrote once


def without_key(body: str) -> str:
    """A comment's text as the bot meant it: without the hidden key its write added at the end
    (the key serves the write only; readers compare and judge the text)."""
    start = body.rfind("\n\n" + KEY.split("{}")[0])
    if start >= 0 and body.endswith(" -->") and "\n" not in body[start + 2 :]:
        return body[:start]
    return body


def comment_key(body: str) -> str:
    """A key for one comment of one call: its text's digest and a nonce."""
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    return f"{digest}-{uuid.uuid4().hex[:8]}"


class WriteOnce:
    """Writes of one repository that are never repeated without reading back first."""

    def __init__(
        self, settings: Settings, requester: Requester, repo: Repository, transport: Transport
    ) -> None:
        self._settings = settings
        self._requester = requester
        self._repo = repo
        self._transport = transport
        self._url = f"{settings.api_url}/repos/{settings.repository}"
        self._repeated: list[tuple[int, str]] = []  # (issue, key) of comments written twice

    def write(self, write: Callable[[], T], find: Callable[[], T | None]) -> T:
        """Write; when its fate is unknown, read back whether it happened before writing it
        again, as often as the retries and the budget allow."""
        for attempt in range(self._transport.pacing.retries + 1):
            try:
                return write()
            except UncertainWriteError as uncertain:
                found = find()
                if found is not None:
                    return found
                self._transport.retry_write(attempt, uncertain)
        raise AssertionError("unreachable")  # pragma: no cover

    def comment(self, number: int, text: str, key: str) -> None:
        """A new comment carrying `key` (which `text` holds), written once."""
        url = f"{self._url}/issues/{number}/comments"
        missed = False

        def find() -> bool | None:
            nonlocal missed
            found = self.has_comment(number, key)
            missed = not found
            return True if found else None

        def write() -> bool:
            self._requester.requestJsonAndCheck("POST", url, input={"body": text})
            return True

        self.write(write, find)
        if missed:  # written again after reading back found nothing: it may show up twice
            self._repeated.append((number, key))

    def has_comment(self, number: int, key: str) -> bool:
        """Whether one of the bot's comments on the issue carries `key` (every page)."""
        return any(self.ours(c, key) for c in self._repo.get_issue(number).get_comments())

    def ours(self, comment: Any, key: str) -> bool:
        """Whether a listed comment is the bot's and carries `key`. Only the bot's: anyone can
        comment, and a key is no secret. (Attributes, not raw_data: raw_data of a listed object
        fetches it again.)"""
        login = str(comment.user.login)
        return key in (comment.body or "") and login.casefold() == self._settings.bot.casefold()

    def remove_duplicates(self) -> int:
        """Delete the later copies of the comments written again this run; returns how many."""
        removed = 0
        for number, key in sorted(set(self._repeated)):
            ours = [c for c in self._repo.get_issue(number).get_comments() if self.ours(c, key)]
            for duplicate in ours[1:]:
                duplicate.delete()
            removed += len(ours[1:])
        self._repeated.clear()
        return removed

    def issue(self, title: str, body: str, same: Callable[[Issue], bool]) -> int:
        """A new issue, filed once: `same` recognises it among the newest issues."""
        url = f"{self._url}/issues"

        def find() -> int | None:
            newest = {"state": "all", "sort": "created", "direction": "desc", "per_page": 100}
            _, listed = self._requester.requestJsonAndCheck("GET", url, parameters=newest)
            for data in listed if isinstance(listed, list) else []:
                issue = issue_from_rest(data, self._settings.repository)
                if "pull_request" not in data and same(issue):
                    return issue.number
            return None

        def write() -> int:
            payload = {"title": title, "body": body}
            _, created = self._requester.requestJsonAndCheck("POST", url, input=payload)
            return int(created["number"])

        return self.write(write, find)

    def dispatch(self, workflow: str, ref: str) -> None:
        """A workflow run, asked for once: its key is an input the run's title shows."""
        key = uuid.uuid4().hex[:12]
        workflows = f"{self._url}/actions/workflows/{workflow}"

        def find() -> bool | None:
            wanted = {"event": "workflow_dispatch", "branch": ref, "per_page": 20}
            _, listed = self._requester.requestJsonAndCheck(
                "GET", f"{workflows}/runs", parameters=wanted
            )
            found = any(key in str(r.get("display_title")) for r in listed["workflow_runs"])
            return True if found else None

        def write() -> bool:
            payload = {"ref": ref, "inputs": {"key": key}}
            self._requester.requestJsonAndCheck("POST", f"{workflows}/dispatches", input=payload)
            return True

        self.write(write, find)

    def label(self, spec: LabelSpec) -> None:
        """A new label, created once: one already there (GitHub answers 422) is done."""
        url = f"{self._url}/labels"

        def find() -> bool | None:
            named = f"{url}/{urllib.parse.quote(spec.name, safe='')}"
            try:
                self._requester.requestJsonAndCheck("GET", named)
            except UnknownObjectException:
                return None
            return True

        def write() -> bool:
            payload = {"name": spec.name, "color": spec.color, "description": spec.description}
            try:
                self._requester.requestJsonAndCheck("POST", url, input=payload)
            except GithubException as error:
                if error.status != 422 or find() is None:
                    raise
            return True

        self.write(write, find)
