"""The GraphQL queries that read every need with its label history, and their answer as REST."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from intake.adapters.rest import issue_from_rest
from intake.domain.lifecycle.expected import LINK_PREFIX, linked_form_ids
from intake.domain.lifecycle.record import Actor, Change, Record, Remark
from intake.domain.lifecycle.tamper import BotComment, Revision, newest_trusted, trusted_record
from intake.domain.lifecycle.triage import TriageView

if TYPE_CHECKING:
    from intake.adapters.settings import Settings

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

_EVENT_ACTIONS = {"LabeledEvent": "labeled", "UnlabeledEvent": "unlabeled"}


def rest_from_graphql(node: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """A GraphQL issue node in the REST shape that `issue_from_rest` reads: one conversion path."""
    return {
        "number": node["number"],
        "title": node["title"],
        "body": node["body"] or None,  # GraphQL says "" where REST says null
        "state": node["state"].lower(),
        "labels": [{"name": label["name"]} for label in node["labels"]["nodes"]],
        "user": {"login": (node.get("author") or {}).get("login", "ghost")},
        "created_at": node["createdAt"],
        "updated_at": node["updatedAt"],
        "closed_at": node["closedAt"],
        "html_url": node["url"],
        "timeline": [
            {
                "event": _EVENT_ACTIONS[event["__typename"]],
                "label": {"name": event["label"]["name"]},
                "created_at": event["createdAt"],
                "actor": {
                    "login": login_of(event.get("actor")),
                    "id": (event.get("actor") or {}).get("databaseId"),
                },
            }
            for event in events
            if event.get("__typename") in _EVENT_ACTIONS and event.get("label")
        ],
    }


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


def triage_view_from_graphql(
    issue: dict[str, Any], nodes: list[dict[str, Any]], settings: Settings, marker: str
) -> TriageView:
    """The triage query's answer as our own model (comment nodes with their whole edit history)."""
    changes: list[Change] = []
    remarks: list[Remark] = []
    comments: list[BotComment] = []
    bot = settings.bot.casefold()
    for node in nodes:
        kind = _KINDS.get(node.get("__typename", ""))
        if kind is not None:
            actor = node.get("actor") or {}
            changes.append(
                Change(
                    id=node["id"],
                    kind=kind,
                    label=(node.get("label") or {}).get("name"),
                    actor=Actor(login=login_of(actor), id=actor.get("databaseId")),
                    at=node["createdAt"],
                )
            )
        elif node.get("__typename") == "IssueComment":
            author = login_of(node.get("author"))
            if author.casefold() == bot:
                comments.append(bot_comment(node))
                continue
            remarks.append(
                Remark(
                    author=author,
                    body=node.get("body") or "",
                    at=node["createdAt"],
                    id=node.get("databaseId"),
                    author_id=(node.get("author") or {}).get("databaseId"),
                    url=node.get("url"),
                    edited=bool(node.get("lastEditedAt") or node.get("editor")),
                )
            )
    need = issue_from_rest(rest_from_graphql(issue, []), settings.repository)
    trusted = [c for c in comments if c.trusted(settings.bot)]
    attached = linked_form_ids(c.body for c in trusted if LINK_PREFIX in c.body)
    return TriageView(
        issue=need,
        changes=changes,
        remarks=remarks,
        status=newest_trusted(comments, settings.bot, marker),
        attached=sorted(attached),
        comments=comments,
    )


def bot_comment(node: dict[str, Any]) -> BotComment:
    """One of the bot's comments, with the versions of its edit history that the node holds."""
    edits = (node.get("userContentEdits") or {}).get("nodes") or []
    return BotComment(
        id=node.get("databaseId") or 0,
        body=node.get("body") or "",
        at=node["createdAt"],
        editor=login_of(node["editor"]) if node.get("editor") else None,
        edited_at=node.get("lastEditedAt"),
        revisions=[
            Revision(
                editor=login_of(e["editor"]) if e.get("editor") else None,
                at=e.get("editedAt"),
                deleted_by=login_of(e["deletedBy"]) if e.get("deletedBy") else None,
                deleted_at=e.get("deletedAt"),
                deleted=bool(e.get("deletedAt")),
            )
            for e in edits
        ],
    )


def record_from_comments(nodes: list[dict[str, Any]], bot: str, marker: str) -> Record | None:
    """The bot's trusted record among an issue's comment nodes (the portfolio's read)."""
    comments = [
        bot_comment(n) for n in nodes if login_of(n.get("author")).casefold() == bot.casefold()
    ]
    return trusted_record(comments, bot, marker)
