"""The one gateway to GitHub: PyGithub at the edge, our own models out.

Every request goes through one transport (intake/adapters/transport.py) with its own retry
policy: reads and idempotent writes are sent again after a transient fault, within a budget;
writes that are not idempotent carry a key and are read back before they are ever sent again.
Nothing ever sleeps for an hour: when the hourly limit is spent, the run stops and says when
GitHub answers again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from github import Auth, Github, GithubException
from github.GithubException import UnknownObjectException
from github.GithubObject import NotSet
from github.Issue import Issue as PyGithubIssue
from github.IssueComment import IssueComment as PyGithubComment
from github.Repository import Repository

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
from intake.adapters.transport import Clock, SystemClock, Transport, classify
from intake.adapters.writing import KEY, WriteOnce, comment_key, without_key
from intake.domain.lifecycle.comments import Comment, is_bots
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.tamper import trusted_record
from intake.domain.lifecycle.triage import STATUS_MARKER, TriageView, triage_view
from intake.model.process import LabelSpec
from intake.usecases.gateway import (
    CommentResult,
    GitHubError,
    IssueGoneError,
    RateLimitError,
    RepositoryHiddenError,
)

T = TypeVar("T")

WRITE_RESERVE = 10  # requests a run's writes may need: fewer left, and the run writes nothing


def _repeatable(verb: str, url: str) -> bool:
    """Whether a request may be sent again as it is: reads, GraphQL queries (POSTs that only
    read), and writes whose second copy changes nothing (edits, label deltas, reactions)."""
    if verb != "POST" or url.endswith("/graphql"):
        return True
    return url.endswith(("/labels", "/reactions")) and "/issues/" in url


class GitHub:
    """Issues, comments and labels of one repository, as our own models."""

    def __init__(
        self, settings: Settings, pacing: Pacing | None = None, clock: Clock | None = None
    ) -> None:
        self._settings = settings
        self._pacing = pacing or Pacing()
        self._transport = Transport(self._pacing, clock or SystemClock())
        self._checked_limit = False
        self._github = Github(
            auth=Auth.Token(settings.token.get_secret_value()),
            base_url=settings.api_url,
            timeout=self._pacing.timeout,
            per_page=100,
            retry=0,  # the transport retries, request by request, as each request allows
            seconds_between_requests=self._pacing.seconds_between_requests or None,
            seconds_between_writes=self._pacing.seconds_between_writes or None,
            lazy=True,  # objects load only what we ask for: no surprise requests
        )
        requester = self._github.requester
        send = requester.requestJsonAndCheck

        def sent(verb: str, url: str, *args: Any, **kwargs: Any) -> tuple[dict[str, Any], Any]:
            if verb != "GET" and not url.endswith("/graphql"):
                self._check_limit()
            headers, data = self._transport.send(
                lambda: send(verb, url, *args, **kwargs), repeatable=_repeatable(verb, url)
            )
            self._transport.note_limit(headers)
            return headers, data

        # Every PyGithub call we make goes through this one method: counted and retried here.
        requester.requestJsonAndCheck = sent  # type: ignore[method-assign]
        self._repo: Repository = self._github.get_repo(settings.repository)
        self._once = WriteOnce(settings, requester, self._repo, self._transport)

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self._transport.requests

    @property
    def bot(self) -> str:
        """The login the gateway writes as (the bot's)."""
        return self._settings.bot

    def issue(self, number: int) -> Issue:
        """The issue as it is now; IssueGoneError when it was deleted or never filed."""
        found = self.find_issue(number)
        if found is None:
            raise IssueGoneError(f"issue #{number} is not there: deleted, or never filed")
        return found

    def find_issue(self, number: int) -> Issue | None:
        """The issue as it is now; None when the repository has no issue with this number, or
        had one that was deleted (GitHub answers 410 Gone)."""

        def read() -> Issue | None:
            try:
                return self._issue(number)
            except GithubException as error:
                if isinstance(error, UnknownObjectException) or error.status == 410:
                    return None
                raise

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

    def create_issue(self, title: str, body: str, same: Callable[[Issue], bool]) -> int:
        """File a new issue as the token's owner; returns its number. Not idempotent: `same`
        recognises it among the newest issues (the import's reference in its body), so that a
        write whose answer was lost is read back instead of filed twice."""
        return self._attempt("file a new issue", lambda: self._once.issue(title, body, same))

    def add_comment(self, number: int, body: str, key: str | None = None) -> None:
        """A new comment: GitHub notifies the issue's participants of it. Written once: it
        carries `key` hidden, and is read back before it is repeated. A key given by the caller
        is the same in every run that means this comment: none is written when one is there.
        Without one, the comment gets a key of its own and is always written."""
        marker = KEY.format(key or comment_key(body))

        def once() -> None:
            if key is None or not self._once.has_comment(number, marker):
                self._once.comment(number, f"{body}\n\n{marker}", marker)

        self._attempt(f"comment on issue #{number}", once)

    def edit_comment(self, comment_id: int, body: str) -> None:
        """Make one of the bot's comments, known by its id, read `body` (PATCH: idempotent)."""
        url = f"{self._settings.api_url}/repos/{self._settings.repository}/issues/comments/"
        self._attempt(
            f"edit comment {comment_id}",
            lambda: self._github.requester.requestJsonAndCheck(
                "PATCH", f"{url}{comment_id}", input={"body": body}
            ),
        )

    def comment_body(self, comment_id: int) -> str | None:
        """A comment's text as it is now (one GET); None when it is gone."""
        url = f"{self._settings.api_url}/repos/{self._settings.repository}/issues/comments/"

        def read() -> str | None:
            try:
                _, data = self._github.requester.requestJsonAndCheck("GET", f"{url}{comment_id}")
            except UnknownObjectException:
                return None
            body = data.get("body") if isinstance(data, dict) else None
            return without_key(body) if isinstance(body, str) else ""

        return self._attempt(f"read comment {comment_id}", read)

    def react(self, comment_id: int, content: str) -> None:
        """A reaction on a comment (`+1`, `-1`, `eyes` …): how the bot answers a command quietly.
        Idempotent: GitHub keeps one reaction of each kind per person."""
        url = f"{self._repo_url}/issues/comments/{comment_id}/reactions"
        self._attempt(
            f"react to comment {comment_id}",
            lambda: self._github.requester.requestJsonAndCheck(
                "POST", url, input={"content": content}
            ),
        )

    def dispatch(self, workflow: str, ref: str) -> None:
        """Start a workflow (its file name) on a branch: runs the bot's own changes start none.
        Asked for once: the run carries a key, looked for before it is asked for again."""
        self._attempt(f"start the workflow {workflow}", lambda: self._once.dispatch(workflow, ref))

    def remove_own_duplicates(self) -> int:
        """Delete the later copies of the comments this run had to write again because reading
        back did not show the first yet (GitHub's listings can lag); returns how many."""
        return self._attempt("remove the bot's duplicate comments", self._once.remove_duplicates)

    @property
    def _repo_url(self) -> str:
        return f"{self._settings.api_url}/repos/{self._settings.repository}"

    def _check_limit(self) -> None:
        """Before a run's first write: stop unless the hour's limit leaves room for its writes
        (GitHub's own count, from the last answer's headers, or asked for when unknown)."""
        if self._checked_limit:
            return
        self._checked_limit = True
        core = self._transport.limits.get("core")
        if core is None:  # no REST answer yet: ask (asking costs nothing of the limit)
            url = f"{self._settings.api_url}/rate_limit"
            _, overview = self._github.requester.requestJsonAndCheck("GET", url)
            limit = overview["resources"]["core"]
            core = (int(limit["remaining"]), int(limit["reset"]))
        remaining, reset = core
        if remaining < WRITE_RESERVE:
            raise RateLimitError(
                f"{remaining} requests left this hour, fewer than a run's writes need",
                _reset(reset),
            )

    def issues_after(self, number: int) -> list[Issue]:
        """The issues of this repository numbered above `number`, newest first: one request,
        at most the 100 newest (pull requests left out)."""
        url = f"{self._settings.api_url}/repos/{self._settings.repository}/issues"
        query = {"state": "all", "sort": "created", "direction": "desc", "per_page": 100}

        def read() -> list[Issue]:
            _, answer = self._github.requester.requestJsonAndCheck("GET", url, parameters=query)
            items = answer if isinstance(answer, list) else []
            return [
                issue_from_rest(item, self._settings.repository)
                for item in items
                if isinstance(item, dict)
                and "pull_request" not in item
                and int(item.get("number", 0)) > number
            ]

        return self._attempt("read the newest issues", read)

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
                raise IssueGoneError(f"issue #{number} not found")
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
        bot = self._settings.bot
        ours = [c for c in issue.get_comments() if is_bots(_comment(c), bot, marker)]
        # A race may leave two: the newest counts, and none is deleted (someone else may have
        # edited one, and then it is evidence).
        if not ours:
            self._once.comment(number, text, marker)
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
                    self._once.label(spec)
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
            issue = self._graphql(HISTORY_QUERY, variables)["repository"]["issue"]
            if issue is None:  # deleted since the page before was read
                return
            items = issue["timelineItems"]
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
        errors = (answer.get("errors") if isinstance(answer, dict) else None) or []
        if any(isinstance(e, dict) and e.get("type") == "RATE_LIMITED" for e in errors):
            reset = _reset(self._github.requester.rate_limiting_resettime)
            raise RateLimitError("the hourly limit of GraphQL points is spent", reset)
        # An issue that is not there (never filed, or deleted) is null with a NOT_FOUND error.
        missing = all(isinstance(e, dict) and e.get("type") == "NOT_FOUND" for e in errors)
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), dict) or not missing:
            raise GitHubError(f"GitHub's GraphQL API answered with errors: {errors!r}"[:500])
        data: dict[str, Any] = answer["data"]
        if repository and data.get("repository") is None:
            owner_name = f"{variables.get('owner')}/{variables.get('name')}"
            raise RepositoryHiddenError(
                f"repository {owner_name} not found, or this token cannot read it"
            )
        return data

    def _attempt(self, what: str, operation: Callable[[], T]) -> T:
        """Run an operation (its requests retried by the transport, each as its policy allows)
        and turn what is left of a failure into one GitHubError naming what could not be done.
        A KeyError or TypeError would be a bug of ours: never retried, never disguised."""
        try:
            return operation()
        except RateLimitError:
            raise
        except GitHubError as error:
            raise type(error)(f"could not {what}: {error}", *error.args[1:]) from error
        except GithubException as error:
            message = error.data.get("message") if isinstance(error.data, dict) else None
            raise GitHubError(
                f"could not {what}: GitHub answered {error.status} {message or ''}".rstrip()
            ) from error
        except Exception as error:
            fault = classify(error)
            if fault is None:
                raise
            raise GitHubError(
                f"could not {what}: {fault.what}, also after retries ({type(error).__name__})"
            ) from error


def _reset(epoch: int) -> datetime | None:
    """GitHub's reset time (x-ratelimit-reset, seconds since 1970) as a UTC time."""
    return datetime.fromtimestamp(epoch, UTC) if epoch > 0 else None


def _comment(comment: PyGithubComment) -> Comment:
    """A listed comment as our own model (attributes only: raw_data would fetch it again)."""
    return Comment(author=comment.user.login, body=comment.body or "", at=comment.created_at)


def _hidden(answer: dict[str, Any]) -> bool:
    """Whether GraphQL answered that the repository is not found (or hidden from this token)."""
    errors = answer.get("errors") or []
    return bool(errors) and all(
        isinstance(e, dict) and e.get("type") == "NOT_FOUND" and e.get("path") == ["repository"]
        for e in errors
    )
