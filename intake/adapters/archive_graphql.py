"""The archive's GraphQL queries, and their answers as archived issues (intake/domain/archive).

The nightly listing reads 100 issues a request with only what tells a change (`updatedAt`, the
comment count). An issue to archive is read whole, ten to a request, each by its number."""

from __future__ import annotations

from datetime import date
from typing import Any

from intake.adapters.graphql import comment_from_graphql, login_of
from intake.domain.archive.index import Listed
from intake.domain.archive.schema import ArchivedIssue, BotRecord, Comment, Edit, Event
from intake.domain.lifecycle.comments import is_bots
from intake.domain.lifecycle.tamper import newest_trusted, trusted_record
from intake.domain.lifecycle.triage import STATUS_MARKER

_ACTOR = "__typename login ... on User { databaseId } ... on Bot { databaseId }"

LISTING_QUERY = """
query ArchiveListing($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, states: [OPEN, CLOSED],
           orderBy: {field: CREATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes { number updatedAt comments(first: 1) { totalCount } }
    }
  }
}
"""

_EDITS = f"""
    userContentEdits(first: 100) {{
      nodes {{ editedAt diff deletedAt editor {{ {_ACTOR} }} deletedBy {{ {_ACTOR} }} }}
    }}"""
_TIMELINE_NODES = f"""
        __typename
        ... on LabeledEvent {{ id createdAt label {{ name }} actor {{ {_ACTOR} }} }}
        ... on UnlabeledEvent {{ id createdAt label {{ name }} actor {{ {_ACTOR} }} }}
        ... on ClosedEvent {{ id createdAt actor {{ {_ACTOR} }} }}
        ... on ReopenedEvent {{ id createdAt actor {{ {_ACTOR} }} }}
        ... on RenamedTitleEvent {{
          id createdAt previousTitle currentTitle actor {{ {_ACTOR} }}
        }}
        ... on TransferredEvent {{
          id createdAt fromRepository {{ nameWithOwner }} actor {{ {_ACTOR} }}
        }}"""
_TIMELINE_TYPES = (
    "[LABELED_EVENT, UNLABELED_EVENT, CLOSED_EVENT, REOPENED_EVENT, RENAMED_TITLE_EVENT, "
    "TRANSFERRED_EVENT]"
)
_COMMENT_NODES = f"""
        databaseId url createdAt updatedAt lastEditedAt body
        author {{ {_ACTOR} }}
        editor {{ {_ACTOR} }}{_EDITS}"""
_ISSUE = f"""
    number title body state stateReason url createdAt updatedAt closedAt lastEditedAt
    author {{ {_ACTOR} }}
    editor {{ {_ACTOR} }}
    labels(first: 100) {{ nodes {{ name }} }}{_EDITS}
    timelineItems(first: 100, itemTypes: {_TIMELINE_TYPES}) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{{_TIMELINE_NODES}
      }}
    }}
    comments(first: 100) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{{_COMMENT_NODES}
      }}
    }}"""

BATCH = 10  # issues read whole in one request: about 10 GraphQL points (docs/underhall.md)


def issues_query(numbers: list[int]) -> str:
    """One request reading these issues whole, each under the alias `i<number>`."""
    fields = "".join(f"\n  i{int(n)}: issue(number: {int(n)}) {{{_ISSUE}\n  }}" for n in numbers)
    return (
        "query ArchiveIssues($owner: String!, $name: String!) {\n"
        f"  repository(owner: $owner, name: $name) {{{fields}\n  }}\n}}\n"
    )


# The rest of a long timeline or a long list of comments, a hundred at a time.
MORE_TIMELINE_QUERY = f"""
query ArchiveTimeline($owner: String!, $name: String!, $number: Int!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issue(number: $number) {{
      timelineItems(first: 100, after: $after, itemTypes: {_TIMELINE_TYPES}) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{{_TIMELINE_NODES}
        }}
      }}
    }}
  }}
}}
"""
MORE_COMMENTS_QUERY = f"""
query ArchiveComments($owner: String!, $name: String!, $number: Int!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    issue(number: $number) {{
      comments(first: 100, after: $after) {{
        pageInfo {{ hasNextPage endCursor }}
        nodes {{{_COMMENT_NODES}
        }}
      }}
    }}
  }}
}}
"""


def listed_from_graphql(repository: str, node: dict[str, Any]) -> Listed:
    """A node of the listing query."""
    return Listed(
        repository=repository,
        number=node["number"],
        updated_at=node["updatedAt"],
        comments=(node.get("comments") or {}).get("totalCount") or 0,
    )


def _id(actor: dict[str, Any] | None) -> int | None:
    value = (actor or {}).get("databaseId")
    return value if isinstance(value, int) else None


def _edits(node: dict[str, Any]) -> list[Edit]:
    found = [
        Edit(
            editor=login_of(edit.get("editor")),
            at=edit.get("editedAt"),
            text=edit.get("diff"),
            deleted_at=edit.get("deletedAt"),
            deleted_by=login_of(edit["deletedBy"]) if edit.get("deletedBy") else None,
        )
        for edit in (node.get("userContentEdits") or {}).get("nodes") or []
    ]
    return sorted(found, key=lambda e: (e.at is None, e.at))  # GitHub lists the newest first


_KINDS = {
    "LabeledEvent": "labeled",
    "UnlabeledEvent": "unlabeled",
    "ClosedEvent": "closed",
    "ReopenedEvent": "reopened",
    "RenamedTitleEvent": "renamed",
    "TransferredEvent": "transferred",
}


def _event(node: dict[str, Any]) -> Event | None:
    kind = _KINDS.get(node.get("__typename", ""))
    if kind is None:
        return None
    actor = node.get("actor")
    previous = node.get("previousTitle")
    if kind == "transferred":
        previous = (node.get("fromRepository") or {}).get("nameWithOwner")
    return Event(
        id=node.get("id"),
        kind=kind,
        at=node["createdAt"],
        actor=login_of(actor),
        actor_id=_id(actor),
        label=(node.get("label") or {}).get("name"),
        previous=previous,
        current=node.get("currentTitle"),
    )


def _comment(node: dict[str, Any]) -> Comment:
    return Comment(
        id=node["databaseId"],
        url=node.get("url"),
        author=login_of(node.get("author")),
        created_at=node["createdAt"],
        updated_at=node.get("updatedAt"),
        body=node.get("body") or "",
        editor=login_of(node["editor"]) if node.get("editor") else None,
        last_edited_at=node.get("lastEditedAt"),
        edits=_edits(node),
    )


def _record(nodes: list[dict[str, Any]], bot: str) -> BotRecord | None:
    """The bot's record, read as the portfolio reads it (intake/domain/lifecycle/tamper.py),
    and whether its newest status comment is one only the bot ever changed."""
    comments = [comment_from_graphql(n) for n in nodes]
    record = trusted_record(comments, bot, STATUS_MARKER)
    if record is None and not any(is_bots(c, bot, STATUS_MARKER) for c in comments):
        return None
    return BotRecord(
        trusted=newest_trusted(comments, bot, STATUS_MARKER) is not None,
        record=record.model_dump(mode="json", by_alias=True) if record else None,
    )


def archived_from_graphql(
    repository: str,
    node: dict[str, Any],
    events: list[dict[str, Any]],
    comments: list[dict[str, Any]],
    bot: str,
    night: date,
) -> ArchivedIssue:
    """An issue read whole (with all its timeline and comment nodes) as the archive keeps it."""
    found = [e for e in (_event(n) for n in events) if e is not None]
    return ArchivedIssue(
        repository=repository,
        number=node["number"],
        url=node["url"],
        title=node["title"],
        body=node["body"] or None,  # GraphQL says "" where REST says null
        body_edits=_edits(node),
        author=login_of(node.get("author")),
        created_at=node["createdAt"],
        updated_at=node["updatedAt"],
        closed_at=node.get("closedAt"),
        state=node["state"].lower(),
        state_reason=(node.get("stateReason") or "").lower() or None,
        labels=[label["name"] for label in node["labels"]["nodes"]],
        comments=[_comment(c) for c in comments],
        events=sorted(found, key=lambda e: e.at),
        record=_record(comments, bot),
        archived=night,
    )
