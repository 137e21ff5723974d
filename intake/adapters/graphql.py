"""The GraphQL queries that read every need with its label history, and their answer as REST."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from intake.adapters.rest import issue_from_rest
from intake.domain.lifecycle.expected import LINK_PREFIX, linked_form_ids
from intake.domain.lifecycle.record import Actor, Change, Remark, StatusComment
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
            body
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


def triage_view_from_graphql(
    issue: dict[str, Any], nodes: list[dict[str, Any]], settings: Settings, marker: str
) -> TriageView:
    """The triage query's answer as our own model."""
    changes: list[Change] = []
    remarks: list[Remark] = []
    status: StatusComment | None = None
    attached: set[str] = set()  # the linked forms the bot's trusted link comments name
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
            body = node.get("body") or ""
            if author.casefold() == bot and marker in body:
                status = status or status_comment([node], settings.bot, marker)
            elif author.casefold() == bot and LINK_PREFIX in body:
                link = status_comment([node], settings.bot, LINK_PREFIX)
                attached |= linked_form_ids([body]) if link and link.trusted else set()
            elif author.casefold() != bot:
                remarks.append(
                    Remark(
                        author=author,
                        body=body,
                        at=node["createdAt"],
                        id=node.get("databaseId"),
                        author_id=(node.get("author") or {}).get("databaseId"),
                        url=node.get("url"),
                        edited=bool(node.get("lastEditedAt") or node.get("editor")),
                    )
                )
    need = issue_from_rest(rest_from_graphql(issue, []), settings.repository)
    return TriageView(
        issue=need, changes=changes, remarks=remarks, status=status, attached=sorted(attached)
    )


def status_comment(nodes: list[dict[str, Any]], bot: str, marker: str) -> StatusComment | None:
    """The bot's comment carrying `marker` among comment nodes, trusted when only the bot edited
    it (GitHub names the last editor and every earlier one)."""
    for node in nodes:
        body = node.get("body") or ""
        if login_of(node.get("author")).casefold() != bot.casefold() or marker not in body:
            continue
        edits = (node.get("userContentEdits") or {}).get("nodes") or []
        editors = [login_of(e.get("editor")) for e in edits]
        if node.get("editor"):
            editors.append(login_of(node["editor"]))
        return StatusComment(
            body=body, trusted=all(e.casefold() == bot.casefold() for e in editors)
        )
    return None
