"""The one gateway to GitHub: PyGithub at the edge, our own models out.

Every method is idempotent (it reconciles rather than replays), so an operation that got a malformed
answer can safely be tried again as a whole. Transport faults (5xx, secondary rate limits, timeouts)
are retried inside PyGithub by a bounded urllib3 `Retry`; nothing ever sleeps for an hour.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from github import Auth, Github, GithubException, GithubRetry
from github.GithubException import RateLimitExceededExceedsMaxWait, UnknownObjectException
from github.GithubObject import NotSet
from github.Issue import Issue as PyGithubIssue
from github.Repository import Repository
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.response import BaseHTTPResponse

from intake.adapters.archive_github import ArchiveReads
from intake.adapters.graphql import (
    COMMENTS_QUERY,
    EDITS_QUERY,
    HISTORY_QUERY,
    NEEDS_QUERY,
    TRIAGE_QUERY,
    change_from_graphql,
    comment_from_graphql,
    issue_from_graphql,
    timeline_from_graphql,
)
from intake.adapters.rest import issue_from_rest
from intake.adapters.settings import Pacing, Settings
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.tamper import trusted_record
from intake.domain.lifecycle.triage import STATUS_MARKER, TriageView, triage_view
from intake.model.process import LabelSpec
from intake.usecases.gateway import CommentResult, GitHubError, RepositoryHiddenError

T = TypeVar("T")


class _Counter:
    """HTTP requests made, and when the gateway began, shared by every copy of the retry policy."""

    def __init__(self, budget: float) -> None:
        self.requests = 0
        self.started = time.monotonic()
        self.budget = budget

    @property
    def spent(self) -> bool:
        """Whether the retry budget is used up: no further retry may start."""
        return time.monotonic() - self.started > self.budget


class _BoundedRetry(GithubRetry):
    """GithubRetry that also bounds `Retry-After` (GithubRetry only bounds rate-limit resets)."""

    def __init__(self, counter: _Counter, **kwargs: Any) -> None:
        self.counter = counter
        super().__init__(**kwargs)

    def new(self, **kwargs: Any) -> _BoundedRetry:
        kwargs["counter"] = self.counter
        return super().new(**kwargs)

    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> GithubRetry:
        if self.counter.spent:
            reason = error or ResponseError("the retry budget is spent")
            raise MaxRetryError(_pool, url or "", reason)
        if response is not None and self.max_rate_limit_wait is not None:
            wait = self.get_retry_after(response)
            if wait is not None and wait > self.max_rate_limit_wait:
                raise RateLimitExceededExceedsMaxWait(
                    response.status,
                    {"message": f"Retry-After {wait:.0f} s exceeds the bound"},
                    dict(response.headers),
                    wait=wait,
                )
        retry = super().increment(method, url, response, error, _pool, _stacktrace)  # type: ignore[arg-type]
        self.counter.requests += 1  # the retry is one more request on the wire
        return retry  # type: ignore[return-value]


class GitHub(ArchiveReads):
    """Issues, comments and labels of one repository, as our own models."""

    def __init__(self, settings: Settings, pacing: Pacing | None = None) -> None:
        self._settings = settings
        self._pacing = pacing or Pacing()
        self._counter = _Counter(self._pacing.retry_budget)
        retry = _BoundedRetry(
            self._counter,
            total=self._pacing.retries,
            backoff_factor=self._pacing.backoff_factor,
            backoff_max=self._pacing.max_backoff,
            status_forcelist=[429, *range(500, 600)],
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer reaches PyGithub, which names its status
            secondary_rate_wait=min(60.0, self._pacing.max_rate_limit_wait),
            max_rate_limit_wait=self._pacing.max_rate_limit_wait,
        )
        self._github = Github(
            auth=Auth.Token(settings.token.get_secret_value()),
            base_url=settings.api_url,
            timeout=self._pacing.timeout,
            per_page=100,
            retry=retry,
            seconds_between_requests=self._pacing.seconds_between_requests or None,
            seconds_between_writes=self._pacing.seconds_between_writes or None,
            lazy=True,  # objects load only what we ask for: no surprise requests
        )
        requester = self._github.requester
        send = requester.requestJsonAndCheck

        def counted(*args: Any, **kwargs: Any) -> tuple[dict[str, Any], Any]:
            self._counter.requests += 1
            return send(*args, **kwargs)

        # Every PyGithub call we make goes through this one method; counting here is exact.
        requester.requestJsonAndCheck = counted  # type: ignore[method-assign]
        self._repo: Repository = self._github.get_repo(settings.repository)

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self._counter.requests

    @property
    def bot(self) -> str:
        """The login the gateway writes as (the bot's)."""
        return self._settings.bot

    def issue(self, number: int) -> Issue:
        """The issue as it is now."""
        return self._attempt(f"read issue #{number}", lambda: self._issue(number))

    def find_issue(self, number: int) -> Issue | None:
        """The issue as it is now; None when the repository has no issue with this number."""

        def read() -> Issue | None:
            try:
                return self._issue(number)
            except UnknownObjectException:
                return None

        return self._attempt(f"read issue #{number}", read)

    def close_issue(self, number: int) -> None:
        """Close the issue as completed, as the bot."""
        issue = self._repo.get_issue(number)
        self._attempt(
            f"close issue #{number}", lambda: issue.edit(state="closed", state_reason="completed")
        )

    def apply_labels(self, number: int, change: LabelChange) -> LabelChange:
        """Add and remove labels; returns what actually changed (nothing when already so)."""
        if not change.add and not change.remove:
            return LabelChange(add=(), remove=())
        return self._attempt(
            f"change the labels of issue #{number}", lambda: self._apply_labels(number, change)
        )

    def upsert_comment(self, number: int, marker: str, body: str) -> CommentResult:
        """Make the bot's one comment carrying `marker` read `body`; edits only when it differs."""
        text = body if marker in body else f"{marker}\n{body}"
        return self._attempt(
            f"comment on issue #{number}", lambda: self._upsert_comment(number, marker, text)
        )

    def sync_labels(self, specs: list[LabelSpec], *, dry_run: bool = False) -> list[str]:
        """Create missing labels and update changed ones; never deletes. Returns what changed."""
        return self._attempt("synchronise the labels", lambda: self._sync_labels(specs, dry_run))

    def triage_view(self, number: int) -> TriageView:
        """The need as triage sees it: its state, its timeline with who did what, and the bot's
        status comment (trusted only when nobody else ever edited it)."""
        return self._attempt(f"read issue #{number}", lambda: self._triage_view(number))

    def update_issue(self, number: int, state: str, reason: str | None = None) -> None:
        """Set the issue's state (PATCH), as the bot; labels change only by `apply_labels`."""
        issue = self._repo.get_issue(number)
        self._attempt(
            f"change issue #{number}",
            lambda: issue.edit(state=state, state_reason=reason or NotSet),
        )

    def create_issue(self, title: str, body: str) -> int:
        """File a new issue as the token's owner; returns its number. Not idempotent: callers
        first look the need up among the repository's issues (see usecases/importing.py)."""
        # Tried once: a malformed answer may follow a created issue, and a second try files twice.
        created = self._attempt(
            "file a new issue", lambda: self._repo.create_issue(title, body), attempts=1
        )
        return int(created.number)

    def add_comment(self, number: int, body: str) -> None:
        """A new comment: GitHub notifies the issue's participants of it."""
        issue = self._repo.get_issue(number)
        self._attempt(f"comment on issue #{number}", lambda: issue.create_comment(body))

    def edit_comment(self, comment_id: int, body: str) -> None:
        """Make one of the bot's comments, known by its id, read `body` (PATCH: idempotent)."""
        url = f"{self._settings.api_url}/repos/{self._settings.repository}/issues/comments/"
        self._attempt(
            f"edit comment {comment_id}",
            lambda: self._github.requester.requestJsonAndCheck(
                "PATCH", f"{url}{comment_id}", input={"body": body}
            ),
        )

    def react(self, comment_id: int, content: str) -> None:
        """A reaction on a comment (`+1`, `-1`, `eyes` …): how the bot answers a command quietly."""
        path = f"issues/comments/{comment_id}/reactions"
        self._post(f"react to comment {comment_id}", path, {"content": content})

    def dispatch(self, workflow: str, ref: str) -> None:
        """Start a workflow (its file name) on a branch: runs the bot's own changes start none."""
        path = f"actions/workflows/{workflow}/dispatches"
        self._post(f"start the workflow {workflow}", path, {"ref": ref})

    def _post(self, what: str, path: str, payload: dict[str, Any]) -> None:
        """POST to a REST path of the repository that PyGithub has no method for."""
        url = f"{self._settings.api_url}/repos/{self._settings.repository}/{path}"
        self._attempt(
            what, lambda: self._github.requester.requestJsonAndCheck("POST", url, input=payload)
        )

    def needs_with_history(self, repository: str | None = None) -> list[Issue]:
        """Every issue of a repository (default: this one), open and closed, with its label
        history (GraphQL: 100 issues a request)."""
        name = repository or self._settings.repository
        return self._attempt(f"read every issue of {name}", lambda: self._needs_with_history(name))

    def _triage_view(self, number: int) -> TriageView:
        owner, _, name = self._settings.repository.partition("/")
        nodes: list[dict[str, Any]] = []
        after: str | None = None
        while True:
            variables = {"owner": owner, "name": name, "number": number, "after": after}
            issue = self._graphql(TRIAGE_QUERY, variables)["repository"]["issue"]
            if issue is None:
                raise GitHubError(f"issue #{number} not found")
            items = issue["timelineItems"]
            nodes += [self._with_every_edit(node) for node in items["nodes"]]
            if not items["pageInfo"]["hasNextPage"]:
                break
            after = items["pageInfo"]["endCursor"]
        changes, comments = timeline_from_graphql(nodes)
        need = issue_from_graphql(issue, self._settings.repository, [])
        return triage_view(need, changes, comments, self._settings.bot)

    def _with_every_edit(self, node: dict[str, Any]) -> dict[str, Any]:
        """A comment node with its whole edit history (100 versions a query, newest first)."""
        edits = node.get("userContentEdits")
        if node.get("__typename") != "IssueComment" or not edits:
            return node
        versions = list(edits["nodes"])
        while edits["pageInfo"]["hasNextPage"]:
            variables = {"id": node["id"], "edits": edits["pageInfo"]["endCursor"]}
            found = self._graphql(EDITS_QUERY, variables, repository=False)["node"]
            if not found:
                break  # deleted meanwhile: what was read stands
            edits = found["userContentEdits"]
            versions += edits["nodes"]
        return node | {"userContentEdits": {"nodes": versions}}

    def _issue(self, number: int) -> Issue:
        return issue_from_rest(self._repo.get_issue(number).raw_data, self._settings.repository)

    def _apply_labels(self, number: int, change: LabelChange) -> LabelChange:
        issue = self._repo.get_issue(number)
        current = {label.name for label in issue.get_labels()}
        add = tuple(name for name in change.add if name not in current)
        remove = tuple(name for name in change.remove if name in current)
        if add:
            issue.add_to_labels(*add)
        for name in remove:
            try:
                issue.remove_from_labels(name)
            except GithubException as error:
                if error.status != 404:  # already gone is the state we want
                    raise
        return LabelChange(add=add, remove=remove)

    def _upsert_comment(self, number: int, marker: str, text: str) -> CommentResult:
        issue: PyGithubIssue = self._repo.get_issue(number)
        # Attributes, not raw_data: raw_data of a listed object fetches it again.
        ours = [
            c for c in issue.get_comments() if marker in (c.body or "") and c.user.type == "Bot"
        ]
        # A race may leave two: the newest counts, and none is deleted (someone else may have
        # edited one, and then it is evidence).
        if not ours:
            issue.create_comment(text)
            return "created"
        if ours[-1].body == text:
            return "unchanged"
        ours[-1].edit(text)
        return "updated"

    def _sync_labels(self, specs: list[LabelSpec], dry_run: bool) -> list[str]:
        existing = {label.name.casefold(): label for label in self._repo.get_labels()}
        changes: list[str] = []
        for spec in specs:
            label = existing.get(spec.name.casefold())
            old = existing.get(spec.old_name.casefold()) if spec.old_name else None
            if label is None and old is not None:
                # GitHub renames the label (`new_name`): every issue keeps it, under its new name.
                changes.append(f"rename {spec.old_name!r} to {spec.name!r}")
                if not dry_run:
                    old.edit(spec.name, spec.color, spec.description)
                continue
            if label is None:
                changes.append(f"create {spec.name!r}")
                if not dry_run:
                    self._repo.create_label(spec.name, spec.color, spec.description)
                continue
            have = (label.name, (label.color or "").lower(), label.description or "")
            if have != (spec.name, spec.color, spec.description):
                changes.append(f"update {spec.name!r}")
                if not dry_run:
                    label.edit(spec.name, spec.color, spec.description)
        return changes

    def _needs_with_history(self, repository: str) -> list[Issue]:
        owner, _, name = repository.partition("/")
        issues: list[Issue] = []
        after: str | None = None
        while True:
            data = self._graphql(NEEDS_QUERY, {"owner": owner, "name": name, "after": after})
            connection = data["repository"]["issues"]
            for node in connection["nodes"]:
                events = self._timeline(owner, name, node)
                history = [c for e in events if (c := change_from_graphql(e, with_id=False))]
                issue = issue_from_graphql(node, repository, history)
                nodes = self._comments(owner, name, node)
                comments = [comment_from_graphql(n) for n in nodes]
                record = trusted_record(comments, self._settings.bot, STATUS_MARKER)
                issues.append(issue.model_copy(update={"record": record}) if record else issue)
            if not connection["pageInfo"]["hasNextPage"]:
                return issues
            after = connection["pageInfo"]["endCursor"]

    def _comments(self, owner: str, name: str, node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every comment of an issue node: the record may be anywhere among them."""
        comments = node.get("comments") or {"nodes": [], "pageInfo": {"hasNextPage": False}}
        yield from comments["nodes"]
        while comments["pageInfo"]["hasNextPage"]:
            variables = {
                "owner": owner,
                "name": name,
                "number": node["number"],
                "after": comments["pageInfo"]["endCursor"],
            }
            comments = self._graphql(COMMENTS_QUERY, variables)["repository"]["issue"]["comments"]
            yield from comments["nodes"]

    def _timeline(self, owner: str, name: str, node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        items = node["timelineItems"]
        yield from items["nodes"]
        while items["pageInfo"]["hasNextPage"]:
            variables = {
                "owner": owner,
                "name": name,
                "number": node["number"],
                "after": items["pageInfo"]["endCursor"],
            }
            items = self._graphql(HISTORY_QUERY, variables)["repository"]["issue"]["timelineItems"]
            yield from items["nodes"]

    def _graphql(
        self, query: str, variables: dict[str, Any], *, repository: bool = True
    ) -> dict[str, Any]:
        _, answer = self._github.requester.requestJsonAndCheck(
            "POST", self._settings.graphql_url, input={"query": query, "variables": variables}
        )
        if isinstance(answer, dict) and _hidden(answer):
            owner_name = f"{variables.get('owner')}/{variables.get('name')}"
            raise RepositoryHiddenError(
                f"repository {owner_name} not found, or this token cannot read it"
            )
        if not isinstance(answer, dict) or answer.get("errors") or "data" not in answer:
            errors = answer.get("errors") if isinstance(answer, dict) else None
            raise GitHubError(f"GitHub's GraphQL API answered with errors: {errors!r}"[:500])
        data: dict[str, Any] = answer["data"]
        if repository and data.get("repository") is None:
            owner_name = f"{variables.get('owner')}/{variables.get('name')}"
            raise RepositoryHiddenError(
                f"repository {owner_name} not found, or this token cannot read it"
            )
        return data

    def _attempt(self, what: str, operation: Callable[[], T], attempts: int | None = None) -> T:
        """Run an idempotent operation; retry it whole, a bounded number of times, if malformed."""
        attempts = attempts or self._pacing.attempts
        for attempt in range(1, attempts + 1):
            try:
                return operation()
            except json.JSONDecodeError as error:
                # A truncated or malformed answer is GitHub's or the network's fault: try again.
                # A KeyError or TypeError would be a bug of ours, and is never retried.
                if attempt == attempts or self._counter.spent:
                    raise GitHubError(
                        f"could not {what}: GitHub's answer was malformed {attempt} times "
                        f"({type(error).__name__})"
                    ) from error
                time.sleep(min(self._pacing.backoff_factor * attempt, self._pacing.max_backoff))
            except RateLimitExceededExceedsMaxWait as error:
                raise GitHubError(
                    f"could not {what}: GitHub asks us to wait {error.wait:.0f} s, more than the "
                    f"{self._pacing.max_rate_limit_wait:.0f} s we allow"
                ) from error
            except GithubException as error:
                message = error.data.get("message") if isinstance(error.data, dict) else None
                raise GitHubError(
                    f"could not {what}: GitHub answered {error.status} {message or ''}".rstrip()
                ) from error
            except OSError as error:  # requests' connection errors and timeouts are OSErrors
                raise GitHubError(f"could not {what}: {type(error).__name__}: {error}") from error
        raise AssertionError("unreachable")  # pragma: no cover


def _hidden(answer: dict[str, Any]) -> bool:
    """Whether GraphQL answered that the repository is not found (or hidden from this token)."""
    errors = answer.get("errors") or []
    return bool(errors) and all(
        isinstance(e, dict) and e.get("type") == "NOT_FOUND" and e.get("path") == ["repository"]
        for e in errors
    )
