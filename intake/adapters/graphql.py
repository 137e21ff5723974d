"""The GraphQL queries that read every need with its label history, and their answer as REST."""

from __future__ import annotations

from typing import Any

# One query reads 100 issues with their labels and label history: ⌈N/100⌉ requests for N issues.
NEEDS_QUERY = """
query Needs($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, states: [OPEN, CLOSED],
           orderBy: {field: CREATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number
        title
        body
        state
        url
        createdAt
        updatedAt
        closedAt
        author { login }
        labels(first: 100) { nodes { name } }
        timelineItems(first: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
          pageInfo { hasNextPage endCursor }
          nodes {
            __typename
            ... on LabeledEvent { createdAt label { name } }
            ... on UnlabeledEvent { createdAt label { name } }
          }
        }
      }
    }
  }
}
"""

# Only for the rare issue with more than 100 label events.
HISTORY_QUERY = """
query NeedHistory($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      timelineItems(first: 100, after: $after, itemTypes: [LABELED_EVENT, UNLABELED_EVENT]) {
        pageInfo { hasNextPage endCursor }
        nodes {
          __typename
          ... on LabeledEvent { createdAt label { name } }
          ... on UnlabeledEvent { createdAt label { name } }
        }
      }
    }
  }
}
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
            }
            for event in events
            if event.get("__typename") in _EVENT_ACTIONS and event.get("label")
        ],
    }
