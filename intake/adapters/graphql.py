"""The GraphQL queries that read every need with its label history, or one need with its whole
timeline, and their answers converted straight into our own models."""

from __future__ import annotations

from typing import Any

from intake.domain.lifecycle.comments import Comment
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.timeline import Actor, Change

# The parts the queries share, joined as text (the fake GitHub reads inline fragments only).
_ACTOR = "__typename login ... on User { databaseId } ... on Bot { databaseId }"
_ISSUE_FIELDS = """
        number title body state url createdAt updatedAt closedAt
        author { login }
        labels(first: 100) { nodes { name } }"""
_LABEL_EVENTS = f"""
          __typename
          ... on LabeledEvent {{ id createdAt label {{ name }} actor {{ {_ACTOR} }} }}
          ... on UnlabeledEvent {{ id createdAt label {{ name }} actor {{ {_ACTOR} }} }}"""

# One query reads 100 issues with their labels and label history: ⌈N/100⌉ requests for N issues.
NEEDS_QUERY = f"""
query Needs($owner: String!, $name: String!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issues(first: 100, after: $after, states: [OPEN, CLOSED],
           orderBy: {{field: CREATED_AT, direction: ASC}}) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{{_ISSUE_FIELDS}
        timelineItems(first: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {{
          pageInfo {{ hasNextPage endCursor }}
          nodes {{{_LABEL_EVENTS}
          }}
        }}
        comments(first: 20) {{
          nodes {{
            author {{ __typename login }}
            body createdAt
            editor {{ __typename login }}
            userContentEdits(first: 10) {{ nodes {{ editor {{ __typename login }} }} }}
          }}
        }}
      }}
    }}
  }}
}}
"""

# Only for the rare issue with more than 100 label events.
HISTORY_QUERY = f"""
query NeedHistory($owner: String!, $name: String!, $number: Int!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issue(number: $number) {{
      timelineItems(first: 100, after: $after, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{{_LABEL_EVENTS}
        }}
      }}
    }}
  }}
}}
"""


def issue_from_graphql(node: dict[str, Any], repository: str, history: list[Change]) -> Issue:
    """An issue node of the queries as our own model, with its label history."""
    return Issue(
        repository=repository,
        number=node["number"],
        title=node["title"],
        body=node["body"] or None,  # GraphQL says "" where REST says null
        state=node["state"].lower(),
        labels=tuple(label["name"] for label in node["labels"]["nodes"]),
        author=(node.get("author") or {}).get("login", "ghost"),
        created_at=node["createdAt"],
        updated_at=node["updatedAt"],
        closed_at=node["closedAt"],
        html_url=node["url"],
        history=tuple(sorted(history, key=lambda c: c.at)),
    )


# Everything triage needs of one issue in one request: its labels and state, and its timeline of
# label changes, closing, reopening and comments, with who made each (never text anyone can write).
TRIAGE_QUERY = f"""
query Triage($owner: String!, $name: String!, $number: Int!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issue(number: $number) {{{_ISSUE_FIELDS}
      timelineItems(first: 100, after: $after,
                    itemTypes: [LABELED_EVENT, UNLABELED_EVENT, CLOSED_EVENT, REOPENED_EVENT,
                                ISSUE_COMMENT]) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{{_LABEL_EVENTS}
          ... on ClosedEvent {{ id createdAt actor {{ {_ACTOR} }} }}
          ... on ReopenedEvent {{ id createdAt actor {{ {_ACTOR} }} }}
          ... on IssueComment {{
            id databaseId createdAt body url lastEditedAt
            author {{ {_ACTOR} }}
            editor {{ __typename login }}
            userContentEdits(first: 50) {{ nodes {{ editor {{ __typename login }} }} }}
          }}
        }}
      }}
    }}
  }}
}}
"""


def login_of(actor: dict[str, Any] | None) -> str:
    """An actor's login as REST names it: GraphQL calls the Actions bot `github-actions`."""
    if not actor:
        return "ghost"
    login = str(actor.get("login") or "ghost")
    if actor.get("__typename") == "Bot" and not login.endswith("[bot]"):
        return login + "[bot]"
    return login


_KINDS = {
    "LabeledEvent": "labeled",
    "UnlabeledEvent": "unlabeled",
    "ClosedEvent": "closed",
    "ReopenedEvent": "reopened",
}


def change_from_graphql(node: dict[str, Any], *, with_id: bool = True) -> Change | None:
    """A timeline node as a change; None for a node that is no change (a comment, say).

    `with_id`: keep GitHub's node id (triage remembers close events by it; a label history
    read for the portfolio has no use for it)."""
    kind = _KINDS.get(node.get("__typename", ""))
    if kind is None or (kind in ("labeled", "unlabeled") and not node.get("label")):
        return None
    actor = node.get("actor") or {}
    return Change(
        id=node["id"] if with_id else "",
        kind=kind,
        label=(node.get("label") or {}).get("name"),
        actor=Actor(login=login_of(actor), id=actor.get("databaseId")),
        at=node["createdAt"],
    )


def comment_from_graphql(node: dict[str, Any]) -> Comment:
    """A comment node as our own model, with everyone GitHub names as its editors."""
    edits = (node.get("userContentEdits") or {}).get("nodes") or []
    editors = [login_of(e.get("editor")) for e in edits]
    if node.get("editor"):
        editors.append(login_of(node["editor"]))
    return Comment(
        author=login_of(node.get("author")),
        body=node.get("body") or "",
        at=node["createdAt"],
        editors=tuple(editors),
        edited=bool(node.get("lastEditedAt") or node.get("editor")),
        id=node.get("databaseId"),
        author_id=(node.get("author") or {}).get("databaseId"),
        url=node.get("url"),
    )


def timeline_from_graphql(
    nodes: list[dict[str, Any]],
) -> tuple[list[Change], list[Comment]]:
    """The triage query's timeline nodes as changes and comments, oldest first."""
    changes = [c for node in nodes if (c := change_from_graphql(node)) is not None]
    comments = [comment_from_graphql(n) for n in nodes if n.get("__typename") == "IssueComment"]
    return changes, comments
