"""The archive's reads from GitHub (intake/usecases/archive.py), mixed into the one gateway
(intake/adapters/github.py), whose requests, retries and errors they share."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from github import GithubException

from intake.adapters.archive_graphql import (
    BATCH,
    LISTING_QUERY,
    MORE_COMMENTS_QUERY,
    MORE_TIMELINE_QUERY,
    archived_from_graphql,
    issues_query,
    listed_from_graphql,
)
from intake.adapters.rest import repository_of
from intake.domain.archive.index import Listed
from intake.domain.archive.schema import Answer, ArchivedIssue

if TYPE_CHECKING:
    from github import Github

    from intake.adapters.settings import Settings

T = TypeVar("T")


class ArchiveReads:
    """Every issue listed cheaply, issues read whole, and GitHub's answer for what went."""

    # Provided by the gateway (annotations only: nothing here shadows them).
    _settings: Settings
    _github: Github
    if TYPE_CHECKING:

        def _attempt(self, what: str, operation: Callable[[], T]) -> T: ...

        def _graphql(self, query: str, variables: dict[str, Any]) -> dict[str, Any]: ...

    def archive_listing(self, repository: str) -> list[Listed]:
        """Every issue of a repository with only what tells a change: 100 a request."""
        return self._attempt(
            f"list the issues of {repository}", lambda: self._archive_listing(repository)
        )

    def comments_edited_since(self, repository: str, since: datetime) -> dict[int, datetime]:
        """Issue number → the latest update of its comments written or edited since `since`
        (REST lists a repository's comments by update: one request when nothing changed)."""

        def read() -> dict[int, datetime]:
            found: dict[int, datetime] = {}
            comments = self._github.get_repo(repository).get_issues_comments(
                sort="updated", direction="asc", since=since
            )
            for comment in comments:
                number = int(comment.issue_url.rstrip("/").rsplit("/", 1)[1])
                found[number] = max(found.get(number, comment.updated_at), comment.updated_at)
            return found

        return self._attempt(f"read the new comments of {repository}", read)

    def archive_issues(
        self, repository: str, numbers: list[int], night: date
    ) -> dict[int, ArchivedIssue]:
        """The issues read whole, by number; one GitHub does not show is left out."""
        found: dict[int, ArchivedIssue] = {}
        for start in range(0, len(numbers), BATCH):
            batch = numbers[start : start + BATCH]
            read = functools.partial(self._archive_batch, repository, batch, night)
            found |= self._attempt(f"read issues of {repository} to archive", read)
        return found

    def issue_fate(self, repository: str, number: int) -> tuple[Answer, str | None] | None:
        """Why GitHub no longer lists an issue: 410 (deleted), 404, or 301 and where it went
        (GitHub redirects a transferred issue); None when it is there after all."""
        url = f"{self._settings.api_url}/repos/{repository}/issues/{number}"

        def read() -> tuple[Answer, str | None] | None:
            try:
                _, data = self._github.requester.requestJsonAndCheck("GET", url)
            except GithubException as error:
                if error.status in (404, 410):
                    return ("410" if error.status == 410 else "404"), None
                raise
            moved = repository_of(data, repository).casefold() != repository.casefold()
            if moved or data.get("number") != number:
                return "301", str(data.get("html_url") or "")
            return None

        return self._attempt(f"read issue #{number} of {repository}", read)

    def comment_fate(self, repository: str, comment_id: int) -> Answer | None:
        """GitHub's answer for a comment no longer on its issue; None when it is there."""
        url = f"{self._settings.api_url}/repos/{repository}/issues/comments/{comment_id}"

        def read() -> Answer | None:
            try:
                self._github.requester.requestJsonAndCheck("GET", url)
            except GithubException as error:
                if error.status in (404, 410):
                    return "410" if error.status == 410 else "404"
                raise
            return None

        return self._attempt(f"read comment {comment_id} of {repository}", read)

    def _archive_listing(self, repository: str) -> list[Listed]:
        owner, _, name = repository.partition("/")
        listed: list[Listed] = []
        after: str | None = None
        while True:
            data = self._graphql(LISTING_QUERY, {"owner": owner, "name": name, "after": after})
            connection = data["repository"]["issues"]
            listed += [listed_from_graphql(repository, n) for n in connection["nodes"]]
            if not connection["pageInfo"]["hasNextPage"]:
                return listed
            after = connection["pageInfo"]["endCursor"]

    def _archive_batch(
        self, repository: str, numbers: list[int], night: date
    ) -> dict[int, ArchivedIssue]:
        owner, _, name = repository.partition("/")
        variables = {"owner": owner, "name": name}
        data = self._graphql_partial(issues_query(numbers), variables)
        found: dict[int, ArchivedIssue] = {}
        for number in numbers:
            node = data["repository"].get(f"i{number}")
            if node is None:
                continue
            events = self._rest_of(node, "timelineItems", MORE_TIMELINE_QUERY, variables)
            comments = self._rest_of(node, "comments", MORE_COMMENTS_QUERY, variables)
            found[number] = archived_from_graphql(
                repository, node, events, comments, self._settings.bot, night
            )
        return found

    def _rest_of(
        self, node: dict[str, Any], field: str, query: str, variables: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Every node of an issue's connection, reading the pages after the first."""
        page = node[field]
        nodes: list[dict[str, Any]] = list(page["nodes"])
        while page["pageInfo"]["hasNextPage"]:
            more = variables | {"number": node["number"], "after": page["pageInfo"]["endCursor"]}
            page = self._graphql(query, more)["repository"]["issue"][field]
            nodes += page["nodes"]
        return nodes

    def _graphql_partial(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        """A query whose issues may be missing: GitHub answers those null, with a NOT_FOUND error
        each; any other error fails as `_graphql` fails."""
        _, answer = self._github.requester.requestJsonAndCheck(
            "POST", self._settings.graphql_url, input={"query": query, "variables": variables}
        )
        if isinstance(answer, dict) and answer.get("data") and answer["data"].get("repository"):
            errors = answer.get("errors") or []
            if all(isinstance(e, dict) and e.get("type") == "NOT_FOUND" for e in errors):
                data: dict[str, Any] = answer["data"]
                return data
        return self._graphql(query, variables)  # names the problem the same way
