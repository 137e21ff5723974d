"""The fake's GraphQL resolvers: GitHub's GraphQL shapes of the repository's issues."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from operator import attrgetter
from typing import Any

from intake.fakegithub.graphql import NotFoundError
from intake.fakegithub.history import Revision, edit_nodes
from intake.fakegithub.state import Comment, Issue, LabelEvent, Shapes, connection, timestamp


class GraphQLShapes(Shapes):
    """GitHub's GraphQL shapes, resolved lazily: nodes are built only for the page asked for.

    Made for one request, which the fake answers under its lock: the state does not change
    while it lives.
    """

    @cached_property
    def _comments_of(self) -> dict[int, list[Comment]]:
        """Issue number → its comments, in the repository's order (gathered once a request)."""
        found: dict[int, list[Comment]] = {}
        for comment in self.repo.comments.values():
            found.setdefault(comment.issue, []).append(comment)
        return found

    def graphql_root(self) -> dict[str, Any]:
        """The resolver root for the fake's GraphQL endpoint."""
        return {
            "__typename": "Query",
            "repository": self._graphql_repository,
            "node": self._graphql_node,
            "rateLimit": {"__typename": "RateLimit", "cost": 1, "remaining": 4999, "limit": 5000},
        }

    def _graphql_node(self, args: dict[str, Any]) -> dict[str, Any] | None:
        """A comment by its node id (`IC_<database id>`): how its edit history is paged."""
        found = str(args.get("id") or "").removeprefix("IC_")
        comment = self.repo.comments.get(int(found)) if found.isdigit() else None
        return self._graphql_comment(comment) if comment is not None else None

    def _graphql_repository(self, args: dict[str, Any]) -> dict[str, Any] | None:
        if (args.get("owner"), args.get("name")) != (self.repo.owner, self.repo.name):
            raise NotFoundError(
                "Could not resolve to a Repository with the name "
                f"'{args.get('owner')}/{args.get('name')}'."
            )
        return {
            "__typename": "Repository",
            "nameWithOwner": self.repo.full_name,
            "issues": self._graphql_issues,
            "issue": self._graphql_issue,
        }

    def _graphql_issues(self, args: dict[str, Any]) -> dict[str, Any]:
        states = set(args.get("states") or ["OPEN", "CLOSED"])
        order = args.get("orderBy") or {"field": "CREATED_AT", "direction": "ASC"}
        field_key = {"CREATED_AT": "created_at", "UPDATED_AT": "updated_at"}.get(
            order.get("field", "CREATED_AT"), "created_at"
        )
        issues = sorted(
            (
                i
                for i in self.repo.issues.values()
                if not i.pull_request and i.state.upper() in states
            ),
            key=attrgetter(field_key, "number"),
            reverse=order.get("direction") == "DESC",
        )
        # Nodes only for the page asked for: one query stays cheap however many issues there are.
        return connection(issues, args, self._graphql_issue_node, "issues")

    def _graphql_issue(self, args: dict[str, Any]) -> dict[str, Any] | None:
        issue = self.repo.issues.get(int(args["number"]))
        if issue is None or issue.pull_request:  # a deleted issue is gone from here too
            raise NotFoundError(
                f"Could not resolve to an Issue with the number of {int(args['number'])}."
            )
        return self._graphql_issue_node(issue)

    def _graphql_issue_node(self, issue: Issue) -> dict[str, Any]:
        def labels(args: dict[str, Any]) -> dict[str, Any]:
            nodes = [{"__typename": "Label", "name": name} for name in issue.labels]
            return connection(nodes, args, name="labels")

        def timeline(args: dict[str, Any]) -> dict[str, Any]:
            wanted = set(args.get("itemTypes") or ["LABELED_EVENT", "UNLABELED_EVENT"])
            items: list[tuple[datetime, int, dict[str, Any]]] = [
                (e.at, e.id, self._graphql_event(e))
                for e in issue.history
                if _ITEM_TYPES[e.action][0] in wanted
            ]
            if "ISSUE_COMMENT" in wanted:
                items += [
                    (c.created_at, c.id, self._graphql_comment(c))
                    for c in self._comments_of.get(issue.number, [])
                ]
            ordered = [node for _, _, node in sorted(items, key=lambda i: i[:2])]
            return connection(ordered, args, name="timelineItems")

        def comments(args: dict[str, Any]) -> dict[str, Any]:
            found = sorted(
                self._comments_of.get(issue.number, []), key=lambda c: (c.created_at, c.id)
            )
            return connection(found, args, self._graphql_comment, "comments")

        last = issue.revisions[-1] if issue.revisions else None
        return {
            "__typename": "Issue",
            "lastEditedAt": timestamp(last.at) if last else None,
            "editor": self._graphql_actor(last.editor) if last else None,
            "userContentEdits": self._graphql_edits(issue.revisions),
            "number": issue.number,
            "title": issue.title,
            "body": issue.body or "",  # GraphQL's body is never null
            "state": issue.state.upper(),
            "stateReason": issue.state_reason.upper() if issue.state_reason else None,
            "url": f"{self.web}/issues/{issue.number}",
            "createdAt": timestamp(issue.created_at),
            "updatedAt": timestamp(issue.updated_at),
            "closedAt": timestamp(issue.closed_at) if issue.closed_at else None,
            "author": self._graphql_actor(issue.user),
            "labels": labels,
            "timelineItems": timeline,
            "comments": comments,
        }

    def _graphql_actor(self, login: str) -> dict[str, Any]:
        """A User, or a Bot: GraphQL names the Actions bot `github-actions`, without `[bot]`."""
        bot = login.endswith("[bot]")
        return {
            "__typename": "Bot" if bot else "User",
            "login": login.removesuffix("[bot]"),
            "databaseId": self.user_id(login),
        }

    def _graphql_edits(self, revisions: list[Revision]) -> Any:
        """A text's edit history, newest first as GitHub lists it."""

        def edits(args: dict[str, Any]) -> dict[str, Any]:
            nodes = [
                {
                    "__typename": "UserContentEdit",
                    "editor": self._graphql_actor(r.editor),
                    "editedAt": timestamp(r.at),
                    "diff": r.body,
                    "deletedAt": timestamp(r.deleted_at) if r.deleted_at else None,
                    "deletedBy": self._graphql_actor(r.deleted_by) if r.deleted_by else None,
                }
                for r in reversed(revisions)
            ]
            return connection(nodes, args)

        return edits

    def _graphql_event(self, event: LabelEvent) -> dict[str, Any]:
        typename = _ITEM_TYPES[event.action][1]
        node: dict[str, Any] = {
            "__typename": typename,
            "id": f"{typename[:2].upper()}_{event.id}",
            "createdAt": timestamp(event.at),
            "actor": self._graphql_actor(event.actor),
        }
        if event.label:
            node["label"] = {"__typename": "Label", "name": event.label}
        if event.action == "renamed":
            node |= {"previousTitle": event.previous, "currentTitle": event.current}
        if event.action == "transferred":
            node["fromRepository"] = {"__typename": "Repository", "nameWithOwner": event.previous}
        return node

    def _graphql_comment(self, comment: Comment) -> dict[str, Any]:
        def edits(args: dict[str, Any]) -> dict[str, Any]:
            nodes = edit_nodes(comment, self._graphql_actor)  # GitHub lists the newest first
            return connection(nodes, args, name="userContentEdits")

        return {
            "__typename": "IssueComment",
            "id": f"IC_{comment.id}",
            "databaseId": comment.id,
            "createdAt": timestamp(comment.created_at),
            "updatedAt": timestamp(comment.updated_at),
            "author": self._graphql_actor(comment.user),
            "body": comment.body,
            "editor": self._graphql_actor(comment.editors[-1]) if comment.editors else None,
            "lastEditedAt": timestamp(comment.updated_at) if comment.editors else None,
            "url": f"{self.web}/issues/{comment.issue}#issuecomment-{comment.id}",
            "userContentEdits": edits,
        }


# A timeline event's kind → (GraphQL item type, typename).
_ITEM_TYPES = {
    "labeled": ("LABELED_EVENT", "LabeledEvent"),
    "unlabeled": ("UNLABELED_EVENT", "UnlabeledEvent"),
    "closed": ("CLOSED_EVENT", "ClosedEvent"),
    "reopened": ("REOPENED_EVENT", "ReopenedEvent"),
    "renamed": ("RENAMED_TITLE_EVENT", "RenamedTitleEvent"),
    "transferred": ("TRANSFERRED_EVENT", "TransferredEvent"),
}
