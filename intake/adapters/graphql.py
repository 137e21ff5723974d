"""The GraphQL queries that read every need with its label history, or one need with its whole
timeline, and their answers converted straight into our own models."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from intake.adapters.writing import without_key
from intake.domain.lifecycle.comments import Comment, Revision
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.timeline import Actor, Change

# The parts the queries share, joined as text (the fake GitHub reads inline fragments only).
_ACTOR = "__typename login ... on User { databaseId } ... on Bot { databaseId }"
_ISSUE_FIELDS = """
        number title body state url createdAt updatedAt closedAt
        author { __typename login }
        labels(first: 100) { nodes { name } }"""
_LABEL_EVENTS = f"""
          __typename
          ... on LabeledEvent {{ id createdAt label {{ name }} actor {{ {_ACTOR} }} }}
          ... on UnlabeledEvent {{ id createdAt label {{ name }} actor {{ {_ACTOR} }} }}"""

# A comment as the portfolio reads it: the bot's record is found wherever it is among them. Its
# last editor tells whether anyone but the bot changed it (the bot never edits a comment someone
# else edited, so a foreign edit stays the last); triage reads the whole edit history.
_COMMENT = """
            id databaseId createdAt body lastEditedAt
            author { __typename login }
            editor { __typename login }"""
# Every version of a comment, newest first, with who wrote it and who deleted it from the history.
_EDITS = """
            userContentEdits(first: 100, after: $edits) {
              pageInfo { hasNextPage endCursor }
              nodes {
                editor { __typename login } editedAt deletedAt
                deletedBy { __typename login }
              }
            }"""

# One query reads 100 issues with their labels, label history and comments: ⌈N/100⌉ requests for
# N issues, each costing 3 GraphQL points (1 + 100 + 100 + 100 connection requests / 100), so
# 5,000 needs cost 150 of the hour's 1,000 points. An issue with more than 100 label events or
# comments costs one query more for each further 100 (HISTORY_QUERY, COMMENTS_QUERY).
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
        comments(first: 100) {{
          pageInfo {{ hasNextPage endCursor }}
          nodes {{{_COMMENT}
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


# Only for the rare issue with more than 100 comments: the record may be among the later ones.
COMMENTS_QUERY = f"""
query NeedComments($owner: String!, $name: String!, $number: Int!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issue(number: $number) {{
      comments(first: 100, after: $after) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{{_COMMENT}
        }}
      }}
    }}
  }}
}}
"""

# The further versions of one comment with more than 100 in its edit history.
EDITS_QUERY = f"""
query CommentEdits($id: ID!, $edits: String) {{
  node(id: $id) {{
    ... on IssueComment {{{_EDITS}
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
        author=login_of(node.get("author")),  # the import's bot files as github-actions[bot]
        created_at=node["createdAt"],
        updated_at=node["updatedAt"],
        closed_at=node["closedAt"],
        html_url=node["url"],
        history=tuple(sorted(history, key=lambda c: c.at)),
    )


# Everything triage needs of one issue in one request: its labels and state, and its timeline of
# label changes, closing, reopening and comments, with who made each (never text anyone can write).
TRIAGE_QUERY = f"""
query Triage($owner: String!, $name: String!, $number: Int!, $after: String, $edits: String) {{
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
            editor {{ __typename login }}{_EDITS}
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
        actor=_actor(login_of(actor), actor.get("databaseId")),
        at=node["createdAt"],
    )


@lru_cache(maxsize=1024)  # a few people make most changes: each is validated once
def _actor(login: str, database_id: int | None) -> Actor:
    return Actor(login=login, id=database_id)


def comment_from_graphql(node: dict[str, Any]) -> Comment:
    """A comment node as our own model, with everyone GitHub names as its editors and the
    versions of its edit history the node holds (who wrote each, who deleted it)."""
    edits = (node.get("userContentEdits") or {}).get("nodes") or []
    editors = [login_of(e.get("editor")) for e in edits]
    if node.get("editor"):
        editors.append(login_of(node["editor"]))
    revisions = tuple(
        Revision(
            editor=login_of(e["editor"]) if e.get("editor") else None,
            at=e.get("editedAt"),
            deleted_by=login_of(e["deletedBy"]) if e.get("deletedBy") else None,
            deleted_at=e.get("deletedAt"),
        )
        for e in edits
    )
    return Comment(
        edited_at=node.get("lastEditedAt"),
        revisions=revisions,
        author=login_of(node.get("author")),
        body=without_key(node.get("body") or ""),
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
