"""The fake GitHub's REST and GraphQL handlers: each reads or changes the repository's state."""

from __future__ import annotations

import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from intake.fakegithub import graphql
from intake.fakegithub.actions import ActionsShapes
from intake.fakegithub.graphql_shapes import GraphQLShapes
from intake.fakegithub.history import edit
from intake.fakegithub.state import BOT, Comment, Issue, Repository, Run, Shapes

DOCS = "https://docs.github.com/rest"
# The fields GitHub's update-label request takes (tests/schemas/rest/update-label-request.json).
LABEL_UPDATE_FIELDS = {"new_name", "color", "description"}
# The inputs each workflow of the repository declares under `workflow_dispatch:`.
WORKFLOW_INPUTS = {"pages.yml": {"key"}}


@dataclass
class _Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    broken: str | None = None  # "drop": no answer at all; "truncated": the body breaks off


class _NotFoundError(Exception):
    pass


class _GoneError(Exception):
    """The issue was deleted: GitHub answers 410 Gone, where one never filed is 404."""


class _InvalidError(Exception):
    def __init__(self, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


def _error(status: int, message: str, errors: list[dict[str, str]] | None = None) -> _Answer:
    body: dict[str, Any] = {"message": message, "documentation_url": DOCS, "status": str(status)}
    if errors:
        body["errors"] = errors
    return _Answer(status, body)


class Routes:
    """The handlers, mixed into FakeGitHub; they hold the lock the server takes per request."""

    repo: Repository
    requests: list[Any]  # the server's record of requests (server.Request)
    lock: threading.RLock
    remaining: dict[str, int]  # of the hour's limit, by resource (strict.Strict)
    reset_at: int

    @property
    def api_url(self) -> str:
        raise NotImplementedError

    def comments_of(self, number: int) -> list[Comment]:
        """The comments on an issue, oldest first."""
        with self.lock:
            return [c for c in self.repo.comments.values() if c.issue == number]

    # -- REST handlers -------------------------------------------------------------------------

    @property
    def _shapes(self) -> Shapes:
        return Shapes(self.repo, self.api_url)

    def _issue(self, match: re.Match[str], *, allow_pull: bool = True) -> Issue:
        if int(match["n"]) in self.repo.deleted:
            raise _GoneError
        issue = self.repo.issues.get(int(match["n"]))
        if issue is None or (issue.pull_request and not allow_pull):
            raise _NotFoundError
        return issue

    def _page(self, items: list[Any], query: dict[str, str], path: str) -> _Answer:
        per_page = max(1, min(int(query.get("per_page", "30")), 100))
        page = max(1, int(query.get("page", "1")))
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]

        def link(number: int) -> str:
            paging = {"page": str(number), "per_page": str(per_page)}
            params = urllib.parse.urlencode(query | paging)
            return f"<{self.api_url}{path}?{params}>"

        links = []
        if page < last:
            links += [f'{link(page + 1)}; rel="next"', f'{link(last)}; rel="last"']
        if page > 1:
            links += [f'{link(1)}; rel="first"', f'{link(page - 1)}; rel="prev"']
        return _Answer(200, chunk, {"Link": ", ".join(links)} if links else {})

    def _get_rate_limit(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        core, graphql_left = self.remaining["core"], self.remaining["graphql"]
        return _Answer(200, self._shapes.rate_limit(core, graphql_left, self.reset_at))

    def _get_repo(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        owner = self._shapes.user(self.repo.owner) | {"type": "Organization"}
        return _Answer(
            200,
            {
                "id": 4242,
                "node_id": "R_4242",
                "name": self.repo.name,
                "full_name": self.repo.full_name,
                "owner": owner,
                "private": False,
                "html_url": self._shapes.web,
                "url": self._shapes.api,
                "default_branch": "main",
            },
        )

    def _list_issues(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        state = query.get("state", "open")
        issues = sorted(self.repo.issues.values(), key=lambda i: i.number, reverse=True)
        if query.get("direction") == "asc":
            issues.reverse()
        chosen = [self._shapes.issue(i) for i in issues if state in ("all", i.state)]
        return self._page(chosen, query, match.string)

    def _create_issue(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        title = body.get("title") if isinstance(body, dict) else None
        if not isinstance(title, str) or not title.strip():
            raise _InvalidError(
                "Validation Failed", [{"resource": "Issue", "code": "missing_field"}]
            )
        text = body.get("body")
        if text is not None and (not isinstance(text, str) or len(text) > 65536):
            raise _InvalidError("Validation Failed", [{"resource": "Issue", "code": "custom"}])
        issue = self.repo.add_issue(title, text, user=BOT)
        return _Answer(201, self._shapes.issue(issue))

    def _get_issue(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        return _Answer(200, self._shapes.issue(self._issue(match)))

    def _patch_issue(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        at = self.repo.tick()
        if "title" in body:
            issue.title = body["title"]
        if "body" in body:
            issue.body = body["body"]
        if body.get("state") in ("open", "closed"):
            self.repo.set_state(issue, body["state"], BOT, at, body.get("state_reason"))
        if "labels" in body:
            self._replace_labels(issue, body["labels"], at)
        issue.updated_at = at
        return _Answer(200, self._shapes.issue(issue))

    def _list_comments(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        comments = []
        for comment in self.comments_of(issue.number):
            if self.repo.lagging.get(comment.id, 0) > 0:  # written, not yet listed
                self.repo.lagging[comment.id] -= 1
                continue
            comments.append(self._shapes.comment(comment))
        return self._page(comments, query, match.string)

    def _comment(self, number: int, text: str, user: str) -> Comment:
        at = self.repo.tick()
        comment = Comment(self.repo.next_id(), number, text, user, at, at)
        self.repo.comments[comment.id] = comment
        return comment

    def _post_comment(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        if not isinstance(body.get("body"), str) or not body["body"]:
            raise _InvalidError(
                "Validation Failed", [{"resource": "IssueComment", "code": "missing"}]
            )
        if len(body["body"]) > 65536:
            raise _InvalidError(
                "Validation Failed", [{"resource": "IssueComment", "code": "custom"}]
            )
        return _Answer(201, self._shapes.comment(self._comment(issue.number, body["body"], BOT)))

    def _comment_by_id(self, match: re.Match[str]) -> Comment:
        comment = self.repo.comments.get(int(match["id"]))
        if comment is None:
            raise _NotFoundError
        return comment

    def _get_comment(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        return _Answer(200, self._shapes.comment(self._comment_by_id(match)))

    def _patch_comment(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        comment = self._comment_by_id(match)
        edit(comment, BOT, body["body"], self.repo.tick(), self.repo.next_id())  # the bot's token
        return _Answer(200, self._shapes.comment(comment))

    def _delete_comment(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        del self.repo.comments[self._comment_by_id(match).id]
        return _Answer(204)

    def _issue_labels(self, issue: Issue) -> list[dict[str, Any]]:
        return [self._shapes.label(self.repo.ensure_label(name)) for name in issue.labels]

    def _list_issue_labels(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        return self._page(self._issue_labels(issue), query, match.string)

    def _label_names(self, body: Any) -> list[str]:
        names = body.get("labels", []) if isinstance(body, dict) else body
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise _InvalidError("Invalid request.", [{"resource": "Label", "code": "invalid"}])
        return names

    def _add_issue_labels(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        self.repo.add_labels(issue, self._label_names(body), BOT, self.repo.tick())
        return _Answer(200, self._issue_labels(issue))

    def _replace_labels(self, issue: Issue, names: list[str], at: datetime) -> None:
        wanted = {n.casefold() for n in names}
        for present in list(issue.labels):
            if present.casefold() not in wanted:
                self.repo.remove_label(issue, present, BOT, at)
        self.repo.add_labels(issue, names, BOT, at)

    def _set_issue_labels(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        self._replace_labels(issue, self._label_names(body), self.repo.tick())
        return _Answer(200, self._issue_labels(issue))

    def _clear_issue_labels(
        self, match: re.Match[str], query: dict[str, str], body: Any
    ) -> _Answer:
        issue = self._issue(match)
        self._replace_labels(issue, [], self.repo.tick())
        return _Answer(204)

    def _remove_label(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        issue = self._issue(match)
        name = urllib.parse.unquote(match["name"])
        if not self.repo.remove_label(issue, name, BOT, self.repo.tick()):
            return _error(404, "Label does not exist")
        return _Answer(200, self._issue_labels(issue))

    def _list_labels(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        labels = sorted(self.repo.labels.values(), key=lambda label: label.id)
        return self._page([self._shapes.label(label) for label in labels], query, match.string)

    def _create_label(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        name = body["name"]
        if self.repo.label(name) is not None:
            errors = [{"resource": "Label", "code": "already_exists", "field": "name"}]
            raise _InvalidError("Validation Failed", errors)
        label = self.repo.ensure_label(name)
        label.color = body.get("color", "ededed").lstrip("#").lower()
        label.description = body.get("description")
        return _Answer(201, self._shapes.label(label))

    def _label_by_name(self, match: re.Match[str]) -> Any:
        label = self.repo.label(urllib.parse.unquote(match["name"]))
        if label is None:
            raise _NotFoundError
        return label

    def _get_label(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        return _Answer(200, self._shapes.label(self._label_by_name(match)))

    def _patch_label(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        label = self._label_by_name(match)
        unknown = sorted(set(body) - LABEL_UPDATE_FIELDS) if isinstance(body, dict) else ["body"]
        if unknown:  # a rename is `new_name`; `name` is the label in the path, never a field
            errors = [{"resource": "Label", "code": "invalid", "field": f} for f in unknown]
            raise _InvalidError("Validation Failed", errors)
        new_name = body.get("new_name") or label.name
        if new_name.casefold() != label.name.casefold() and self.repo.label(new_name):
            errors = [{"resource": "Label", "code": "already_exists", "field": "name"}]
            raise _InvalidError("Validation Failed", errors)
        del self.repo.labels[label.name.casefold()]
        for issue in self.repo.issues.values():
            issue.labels = [new_name if n == label.name else n for n in issue.labels]
        label.name = new_name
        self.repo.labels[new_name.casefold()] = label
        if "color" in body:
            label.color = body["color"].lstrip("#").lower()
        if "description" in body:
            label.description = body["description"]
        return _Answer(200, self._shapes.label(label))

    # -- GraphQL -------------------------------------------------------------------------------

    def _post_graphql(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        try:
            operation = graphql.parse(body["query"])
            data, errors = graphql.execute(
                operation,
                GraphQLShapes(self.repo, self.api_url).graphql_root(),
                body.get("variables") or {},
            )
        except graphql.GraphQLError as error:
            found: dict[str, Any] = {"message": str(error)}
            return _Answer(200, {"errors": [found | ({"type": error.kind} if error.kind else {})]})
        return _Answer(200, {"data": data} | ({"errors": errors} if errors else {}))

    def _dispatch(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        if not isinstance(body, dict) or not isinstance(body.get("ref"), str):
            raise _InvalidError("Invalid request.", [{"field": "ref", "code": "missing_field"}])
        workflow = urllib.parse.unquote(match["workflow"])
        inputs = body.get("inputs") or {}
        if not isinstance(inputs, dict) or set(inputs) - WORKFLOW_INPUTS.get(workflow, set()):
            raise _InvalidError("Unexpected inputs provided", [{"field": "inputs"}])
        self.repo.dispatches.append({"workflow": workflow, "ref": body["ref"]})
        run = Run(self.repo.next_id(), workflow, body["ref"], inputs, self.repo.tick())
        self.repo.runs.append(run)
        return _Answer(204)

    def _list_runs(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        workflow = urllib.parse.unquote(match["workflow"])
        runs = [
            ActionsShapes(self.repo, self.api_url).workflow_run(run)
            for run in reversed(self.repo.runs)  # newest first, as GitHub lists them
            if run.workflow == workflow
            and query.get("event", "workflow_dispatch") == "workflow_dispatch"
            and query.get("branch", run.ref) == run.ref
        ]
        page = self._page(runs, query, match.string)
        page.body = {"total_count": len(runs), "workflow_runs": page.body}
        return page

    def _react(self, match: re.Match[str], query: dict[str, str], body: Any) -> _Answer:
        comment = self._comment_by_id(match)
        content = body.get("content") if isinstance(body, dict) else None
        if content not in ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"):
            raise _InvalidError("Validation Failed", [{"field": "content", "code": "invalid"}])
        status = 200 if content in comment.reactions else 201  # one of each kind per person
        if status == 201:
            comment.reactions.append(content)
        return _Answer(
            status, {"id": self.repo.next_id(), "content": content, "user": self._shapes.user(BOT)}
        )
