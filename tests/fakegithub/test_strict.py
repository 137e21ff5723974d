"""The fake GitHub is as strict as GitHub: it fails after a write as well as before, cuts answers
short, runs out of its hourly limit, answers 410 for a deleted issue, and refuses what GitHub
refuses. Every shape is checked against GitHub's published schemas (tests/schemas/)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
import yaml

from intake.fakegithub import FakeGitHub, Fault
from intake.fakegithub.rest import LABEL_UPDATE_FIELDS, WORKFLOW_INPUTS
from tests.conftest import assert_valid, schema
from tests.graphql_check import check_query
from tests.paths import ROOT


def _call(fake: FakeGitHub, method: str, path: str, body: Any = None) -> requests.Response:
    headers = {"Authorization": f"token {fake.token}"}
    url = f"{fake.api_url}{path}"
    return requests.request(method, url, json=body, headers=headers, timeout=5)


def _repo(fake: FakeGitHub) -> str:
    return f"/repos/{fake.repo.full_name}"


def _comment(fake: FakeGitHub, number: int) -> requests.Response:
    return _call(fake, "POST", f"{_repo(fake)}/issues/{number}/comments", {"body": "Hej"})


def _graphql(fake: FakeGitHub, query: str, **variables: Any) -> dict[str, Any]:
    answer = _call(fake, "POST", "/graphql", {"query": query, "variables": variables})
    assert answer.status_code == 200
    data: dict[str, Any] = answer.json()
    return data


# --- faults after the write -----------------------------------------------------------------------


def test_a_write_carried_out_before_a_502(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("status", status=502, method="POST", after=True))
    answer = _call(
        fake_github, "POST", f"{_repo(fake_github)}/issues/{number}/comments", {"body": "Hej"}
    )
    assert answer.status_code == 502
    assert_valid("rest/basic-error", answer.json())
    assert [c.body for c in fake_github.bot_comments(number)] == ["Hej"]


def test_a_write_carried_out_before_the_connection_drops(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("drop", method="POST", after=True))
    with pytest.raises(requests.exceptions.ConnectionError):
        _call(
            fake_github, "POST", f"{_repo(fake_github)}/issues/{number}/comments", {"body": "Hej"}
        )
    assert [c.body for c in fake_github.bot_comments(number)] == ["Hej"]


def test_a_fault_before_the_write_leaves_nothing(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("drop", method="POST"))
    with pytest.raises(requests.exceptions.ConnectionError):
        _call(
            fake_github, "POST", f"{_repo(fake_github)}/issues/{number}/comments", {"body": "Hej"}
        )
    assert fake_github.bot_comments(number) == []


def test_a_body_cut_short_breaks_mid_answer(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("truncated", method="GET"))
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        _call(fake_github, "GET", f"{_repo(fake_github)}/issues/{number}")
    assert _call(fake_github, "GET", f"{_repo(fake_github)}/issues/{number}").status_code == 200


def test_a_write_just_made_can_be_missing_from_the_next_listing(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("status", method="POST", after=True, hide=1))
    path = f"{_repo(fake_github)}/issues/{number}/comments"
    assert _call(fake_github, "POST", path, {"body": "Hej"}).status_code == 502
    assert _call(fake_github, "GET", path).json() == []
    [listed] = _call(fake_github, "GET", path).json()
    assert_valid("rest/issue-comment", listed)


# --- rate limits ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 429])
@pytest.mark.parametrize("retry_after", [None, 7])
def test_secondary_limits_as_403_or_429_with_or_without_retry_after(
    fake_github: FakeGitHub, status: int, retry_after: int | None
) -> None:
    fake_github.inject(Fault("secondary_rate_limit", status=status, retry_after=retry_after))
    answer = _call(fake_github, "GET", f"{_repo(fake_github)}/issues/1")
    assert answer.status_code == status
    assert answer.headers.get("Retry-After") == (None if retry_after is None else "7")
    assert "secondary rate limit" in answer.json()["message"]
    assert_valid("rest/basic-error", answer.json())
    assert answer.headers["X-RateLimit-Remaining"] != "0"  # not the hourly limit


def test_the_hourly_limit_counts_down_to_zero_then_refuses_until_reset(
    fake_github: FakeGitHub,
) -> None:
    fake_github.add_issue("Behov", "text")
    fake_github.set_rate_limit(2, reset_at=1_900_000_000)
    path = f"{_repo(fake_github)}/issues/1"
    seen = [_call(fake_github, "GET", path) for _ in range(3)]
    assert [a.status_code for a in seen] == [200, 200, 403]
    assert [a.headers["X-RateLimit-Remaining"] for a in seen] == ["1", "0", "0"]
    assert {a.headers["X-RateLimit-Reset"] for a in seen} == {"1900000000"}
    assert "rate limit exceeded" in seen[2].json()["message"]
    assert_valid("rest/basic-error", seen[2].json())
    overview = _call(fake_github, "GET", "/rate_limit").json()  # free, as on GitHub
    assert_valid("rest/rate-limit-overview", overview)
    assert (overview["rate"]["remaining"], overview["rate"]["reset"]) == (0, 1_900_000_000)
    assert _graphql(fake_github, "query { rateLimit { remaining } }")["data"]  # its own limit


# --- deleted issues and comments ------------------------------------------------------------------


def test_a_deleted_issue_is_gone_and_one_never_filed_is_not_found(
    fake_github: FakeGitHub,
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.add_comment(number, "En kommentar")
    fake_github.delete_issue(number)
    for path in (f"/issues/{number}", f"/issues/{number}/comments"):
        gone = _call(fake_github, "GET", _repo(fake_github) + path)
        assert gone.status_code == 410
        assert_valid("rest/basic-error", gone.json())
    missing = _call(fake_github, "GET", f"{_repo(fake_github)}/issues/999")
    assert missing.status_code == 404
    assert _call(fake_github, "GET", f"{_repo(fake_github)}/issues?state=all").json() == []


def test_a_deleted_comment_is_not_found(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    comment = fake_github.add_comment(number, "En kommentar")
    path = f"{_repo(fake_github)}/issues/comments/{comment}"
    assert _call(fake_github, "DELETE", path).status_code == 204
    assert _call(fake_github, "GET", path).status_code == 404


_ISSUE = """query Issue($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) { issue(number: $number) { number title } }
}"""


@pytest.mark.parametrize("deleted", [False, True], ids=["never-filed", "deleted"])
def test_graphql_answers_a_missing_issue_with_null_and_not_found(
    fake_github: FakeGitHub, deleted: bool
) -> None:
    check_query(_ISSUE)
    number = fake_github.add_issue("Behov", "text") if deleted else 7
    if deleted:
        fake_github.delete_issue(number)
    owner, name = fake_github.repo.owner, fake_github.repo.name
    answer = _graphql(fake_github, _ISSUE, owner=owner, name=name, number=number)
    assert answer["data"] == {"repository": {"issue": None}}
    [error] = answer["errors"]
    assert (error["type"], error["path"]) == ("NOT_FOUND", ["repository", "issue"])
    assert str(number) in error["message"]


# --- GraphQL connections --------------------------------------------------------------------------

_PAGE = """query Needs($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { issues%s { nodes { number } } }
}"""


@pytest.mark.parametrize(
    ("arguments", "kind"),
    [
        ("", "MISSING_PAGINATION_BOUNDARIES"),
        ("(first: 101)", "EXCESSIVE_PAGINATION"),
        ("(last: 500)", "EXCESSIVE_PAGINATION"),
    ],
)
def test_a_connection_needs_first_or_last_of_at_most_100(
    fake_github: FakeGitHub, arguments: str, kind: str
) -> None:
    query = _PAGE % arguments
    check_query(query)  # valid against GitHub's schema, which cannot say what GitHub enforces
    fake_github.add_issue("Behov", "text")
    owner, name = fake_github.repo.owner, fake_github.repo.name
    answer = _graphql(fake_github, query, owner=owner, name=name)
    assert "data" not in answer
    [error] = answer["errors"]
    assert error["type"] == kind


@pytest.mark.parametrize("arguments", ["(first: 100)", "(last: 1)", "(first: 0)"])
def test_a_connection_within_bounds_is_answered(fake_github: FakeGitHub, arguments: str) -> None:
    fake_github.add_issue("Ett", "text")
    fake_github.add_issue("Två", "text")
    owner, name = fake_github.repo.owner, fake_github.repo.name
    answer = _graphql(fake_github, _PAGE % arguments, owner=owner, name=name)
    numbers = [n["number"] for n in answer["data"]["repository"]["issues"]["nodes"]]
    assert numbers == {"(first: 100)": [1, 2], "(last: 1)": [2], "(first: 0)": []}[arguments]


def test_the_schema_declares_first_and_last_on_every_connection_we_read() -> None:
    types = schema("graphql/types")
    for type_name in ("Repository", "Issue", "IssueComment"):
        for field in types[type_name]["fields"]:
            target = field["type"]
            while target.get("ofType"):
                target = target["ofType"]
            if str(target.get("name", "")).endswith("Connection"):
                arguments = {a["name"] for a in field["args"]}
                assert {"first", "last"} <= arguments, f"{type_name}.{field['name']}"


# --- labels and workflow runs ---------------------------------------------------------------------


def test_a_label_is_renamed_with_new_name_and_never_with_name(fake_github: FakeGitHub) -> None:
    request = schema("rest/update-label-request")
    assert set(request["properties"]) == LABEL_UPDATE_FIELDS
    fake_github.create_label("gammal", "ededed")
    path = f"{_repo(fake_github)}/labels/gammal"
    by_name = {"name": "ny", "color": "c5def5"}
    refused = _call(fake_github, "PATCH", path, by_name)
    assert refused.status_code == 422
    assert_valid("rest/basic-error", refused.json())
    assert fake_github.repo.label("gammal") is not None
    by_new_name = {"new_name": "ny", "color": "c5def5", "description": "Ny"}
    assert_valid("rest/update-label-request", by_new_name)
    renamed = _call(fake_github, "PATCH", path, by_new_name)
    assert renamed.status_code == 200
    assert_valid("rest/label", renamed.json())
    assert (fake_github.repo.label("gammal"), renamed.json()["name"]) == (None, "ny")


def test_a_label_created_twice_is_refused(fake_github: FakeGitHub) -> None:
    body = {"name": "steg: behov", "color": "c5def5", "description": "Ett behov."}
    assert_valid("rest/create-label-request", body)
    path = f"{_repo(fake_github)}/labels"
    assert _call(fake_github, "POST", path, body).status_code == 201
    again = _call(fake_github, "POST", path, body)
    assert again.status_code == 422
    assert again.json()["errors"][0]["code"] == "already_exists"


def test_a_dispatch_starts_a_run_listed_in_githubs_shape(fake_github: FakeGitHub) -> None:
    body = {"ref": "main", "inputs": {"key": "abc123"}}
    assert_valid("rest/workflow-dispatch-request", body)
    workflows = f"{_repo(fake_github)}/actions/workflows/pages.yml"
    assert _call(fake_github, "POST", f"{workflows}/dispatches", body).status_code == 204
    unknown = {"ref": "main", "inputs": {"vad": "som helst"}}
    assert _call(fake_github, "POST", f"{workflows}/dispatches", unknown).status_code == 422
    listed = _call(fake_github, "GET", f"{workflows}/runs?event=workflow_dispatch&branch=main")
    assert_valid("rest/workflow-runs", listed.json())
    [run] = listed.json()["workflow_runs"]
    assert "abc123" in run["display_title"]
    assert fake_github.dispatches == [{"workflow": "pages.yml", "ref": "main"}]


def test_the_fake_takes_the_inputs_the_workflows_declare() -> None:
    declared = {}
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        triggers = yaml.safe_load(path.read_text(encoding="utf-8"))[True]
        dispatch = triggers.get("workflow_dispatch") if isinstance(triggers, dict) else None
        if dispatch and dispatch.get("inputs"):
            declared[path.name] = set(dispatch["inputs"])
            # The bot finds its own run by the key in the run's title (GitHub's display_title).
            text = path.read_text(encoding="utf-8")
            assert re.search(r"^run-name: .*\$\{\{ inputs\.key \}\}", text, re.MULTILINE)
    assert declared == WORKFLOW_INPUTS
    assert "pages.yml" in declared  # the site's workflow, which the bot starts
