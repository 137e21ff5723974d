"""The gateway, with the real PyGithub client against the fake GitHub server."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import github
import pytest
import yaml
from github import Auth, Github

from intake.adapters.github import GitHub
from intake.adapters.graphql import (
    COMMENTS_QUERY,
    EDITS_QUERY,
    HISTORY_QUERY,
    NEEDS_QUERY,
    TRIAGE_QUERY,
)
from intake.adapters.rest import issue_from_rest
from intake.adapters.settings import READING, Pacing, settings_from_env
from intake.adapters.snapshot import read_snapshot
from intake.domain.lifecycle.labels import LabelChange
from intake.fakegithub import BOT, FakeGitHub, Fault
from intake.fakegithub.graphql import Field, InlineFragment, parse
from intake.model.process import LabelSpec, Process
from intake.usecases.gateway import GitHubError
from tests.clock import Clock
from tests.conftest import FAST, assert_valid
from tests.graphql_check import check_query, check_selections
from tests.paths import REPOSITORY, ROOT, SAMPLES

MARKER = "<!-- test:marker -->"
GITHUB_WEB = "https://github.com/exempelkommun/digitaliseringsprocessen"


def _get(fake: FakeGitHub, path: str) -> tuple[Any, dict[str, str]]:
    request = urllib.request.Request(
        fake.api_url + path, headers={"Authorization": f"token {fake.token}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read()), dict(response.headers)


# --- the fake answers in GitHub's shapes ---------------------------------------------------------


def test_fake_answers_match_githubs_rest_schemas(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov: ett", "### Rubrik\n\nsvar", labels=("steg: behov",))
    fake_github.add_issue("En pull request", None, pull_request=True)
    fake_github.add_comment(number, "En kommentar")
    repo = f"/repos/{fake_github.repo.full_name}"
    issue, _ = _get(fake_github, f"{repo}/issues/{number}")
    assert_valid("rest/issue", issue)
    listed, _ = _get(fake_github, f"{repo}/issues?state=all")
    assert len(listed) == 2
    for item in listed:
        assert_valid("rest/issue", item)
    comments, _ = _get(fake_github, f"{repo}/issues/{number}/comments")
    for comment in comments:
        assert_valid("rest/issue-comment", comment)
    for path in (f"{repo}/labels", f"{repo}/issues/{number}/labels"):
        labels, _ = _get(fake_github, path)
        assert labels
        for label in labels:
            assert_valid("rest/label", label)
    overview, headers = _get(fake_github, "/rate_limit")
    assert_valid("rest/rate-limit-overview", overview)
    assert int(headers["X-RateLimit-Remaining"]) < 5000


def test_fake_errors_match_githubs_error_schema(fake_github: FakeGitHub) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        _get(fake_github, f"/repos/{fake_github.repo.full_name}/issues/999")
    assert raised.value.code == 404
    assert_valid("rest/basic-error", json.loads(raised.value.read()))


def test_fake_paginates_with_link_headers_on_its_own_host(fake_github: FakeGitHub) -> None:
    for i in range(250):
        fake_github.add_issue(f"Behov {i}", "text")
    path = f"/repos/{fake_github.repo.full_name}/issues?state=all&per_page=100"
    page, headers = _get(fake_github, path)
    links = {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', headers["Link"])}
    assert set(links) == {"next", "last"}
    assert all(url.startswith(fake_github.api_url + "/") for url in links.values())
    assert "page=3" in links["last"]
    assert len(page) == 100
    # The real client follows those links: 250 issues, 3 requests.
    client = Github(
        auth=Auth.Token(fake_github.token),
        base_url=fake_github.api_url,
        per_page=100,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )
    before = fake_github.count()
    issues = client.withLazy(True).get_repo(fake_github.repo.full_name).get_issues(state="all")
    assert len(list(issues)) == 250
    assert fake_github.count() - before == 3


def test_fake_refuses_a_wrong_token(fake_github: FakeGitHub) -> None:
    settings = settings_from_env(fake_github.env() | {"GITHUB_TOKEN": "wrong"})
    with pytest.raises(GitHubError, match="401"):
        GitHub(settings, FAST).issue(1)


# --- reading and writing issues -------------------------------------------------------------------


def test_issue_is_converted_to_our_model(fake_github: FakeGitHub, gateway: GitHub) -> None:
    number = fake_github.add_issue("Behov: bygglov", None, labels=("steg: behov",))
    issue = gateway.issue(number)
    assert (issue.number, issue.title, issue.body, issue.labels) == (
        number,
        "Behov: bygglov",
        None,
        ("steg: behov",),
    )
    assert issue.html_url.startswith(fake_github.api_url)
    assert gateway.requests_made == fake_github.count() == 1


def test_upsert_comment_leaves_exactly_one_bot_comment(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.add_comment(number, f"{MARKER} a person quoting the marker")
    assert gateway.upsert_comment(number, MARKER, f"{MARKER}\nFörsta svaret") == "created"
    writes = len(fake_github.writes)
    assert gateway.upsert_comment(number, MARKER, f"{MARKER}\nFörsta svaret") == "unchanged"
    assert len(fake_github.writes) == writes
    assert gateway.upsert_comment(number, MARKER, f"{MARKER}\nAndra svaret") == "updated"
    bot = fake_github.bot_comments(number)
    assert [c.body for c in bot] == [f"{MARKER}\nAndra svaret"]
    assert fake_github.comments_of(number)[0].body == f"{MARKER} a person quoting the marker"


def test_upsert_comment_adds_the_marker_when_the_body_lacks_it(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    gateway.upsert_comment(number, MARKER, "Svar")
    gateway.upsert_comment(number, MARKER, "Svar")
    assert [c.body for c in fake_github.bot_comments(number)] == [f"{MARKER}\nSvar"]


def test_upsert_comment_edits_the_newest_of_two_a_race_left_and_deletes_none(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    first = fake_github.add_comment(number, f"{MARKER}\nett", user=BOT)
    second = fake_github.add_comment(number, f"{MARKER}\ntvå", user=BOT)
    assert gateway.upsert_comment(number, MARKER, f"{MARKER}\ntvå") == "unchanged"
    assert gateway.upsert_comment(number, MARKER, f"{MARKER}\ntre") == "updated"
    bodies = {c.id: c.body for c in fake_github.bot_comments(number)}
    assert bodies == {first: f"{MARKER}\nett", second: f"{MARKER}\ntre"}


def test_apply_labels_reaches_the_wanted_set_and_reports_what_changed(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text", labels=("bug", "status: behöver kompletteras"))
    change = LabelChange(
        add=("steg: behov", "enhet: hemtjänst"), remove=("status: behöver kompletteras", "gone")
    )
    done = gateway.apply_labels(number, change)
    assert fake_github.labels_of(number) == {"bug", "steg: behov", "enhet: hemtjänst"}
    assert done == LabelChange(add=change.add, remove=("status: behöver kompletteras",))
    writes = len(fake_github.writes)
    assert gateway.apply_labels(number, change) == LabelChange()
    assert len(fake_github.writes) == writes


def test_an_empty_label_change_sends_nothing(fake_github: FakeGitHub, gateway: GitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    gateway.apply_labels(number, LabelChange())
    assert fake_github.count() == 0


def test_labels_with_spaces_colons_and_swedish_letters_round_trip(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text", labels=("enhet: förskola och skola",))
    gateway.apply_labels(number, LabelChange(remove=("enhet: förskola och skola",)))
    assert fake_github.labels_of(number) == set()


# --- labels of the repository -------------------------------------------------------------------


def test_sync_labels_creates_updates_and_never_deletes(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    specs = process.labels()
    fake_github.create_label("bug", "d73a4a", "Något fungerar inte")
    fake_github.create_label(specs[0].name.upper(), "000000", "gammal text")
    changes = gateway.sync_labels(specs)
    assert len(changes) == len(specs)
    labels = fake_github.repo.labels
    assert labels["bug"].color == "d73a4a"
    for spec in specs:
        label = labels[spec.name.casefold()]
        assert (label.name, label.color, label.description) == (
            spec.name,
            spec.color,
            spec.description,
        )
    writes = len(fake_github.writes)
    assert gateway.sync_labels(specs) == []
    assert len(fake_github.writes) == writes


def test_sync_labels_dry_run_writes_nothing(fake_github: FakeGitHub, gateway: GitHub) -> None:
    specs = [LabelSpec(name="steg: behov", color="c5def5", description="Ett behov.")]
    assert gateway.sync_labels(specs, dry_run=True) == ["create 'steg: behov'"]
    assert fake_github.writes == []


# --- every need with its history, by GraphQL ---------------------------------------------------


def _fill(fake: FakeGitHub, count: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(count):
        number = fake.add_issue(
            f"Behov {i}", f"text {i}" if i % 7 else None, created_at=start + timedelta(hours=i)
        )
        fake.label_issue(number, "steg: behov")
        if i % 3 == 0:
            fake.label_issue(number, "steg: bereda")
            fake_issue = fake.issue(number)
            fake.repo.remove_label(fake_issue, "steg: behov", "rad", fake.repo.tick())
        if i % 10 == 0:
            fake.set_state(number, "closed")


def test_needs_with_history_reads_250_issues_in_3_requests(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    _fill(fake_github, 250)
    fake_github.add_issue("En pull request", "text", pull_request=True)
    needs = gateway.needs_with_history()
    assert len(needs) == 250
    assert fake_github.count("POST", "/graphql") == 3
    assert gateway.requests_made == fake_github.count() == 3
    assert {n.state for n in needs} == {"open", "closed"}
    moved = needs[0]
    assert moved.labels == ("steg: bereda",)
    assert [(e.kind, e.label) for e in moved.history] == [
        ("labeled", "steg: behov"),
        ("labeled", "steg: bereda"),
        ("unlabeled", "steg: behov"),
    ]


def test_graphql_and_rest_snapshot_give_the_same_models(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    _fill(fake_github, 30)
    from_rest = [issue_from_rest(data, REPOSITORY) for data in fake_github.snapshot()]
    assert gateway.needs_with_history() == from_rest


def test_long_label_histories_are_paged_per_issue(fake_github: FakeGitHub, gateway: GitHub) -> None:
    number = fake_github.add_issue("Behov med lång historik", "text")
    for _ in range(125):
        fake_github.label_issue(number, "steg: behov")
        issue = fake_github.issue(number)
        fake_github.repo.remove_label(issue, "steg: behov", "rad", fake_github.repo.tick())
    [need] = gateway.needs_with_history()
    assert len(need.history) == 250
    assert fake_github.count("POST", "/graphql") == 3  # 100 + 100 + 50 events


def test_missing_repository_is_a_clear_error(fake_github: FakeGitHub) -> None:
    settings = settings_from_env(fake_github.env() | {"GITHUB_REPOSITORY": "nobody/nothing"})
    with pytest.raises(GitHubError, match="nobody/nothing"):
        GitHub(settings, FAST).needs_with_history()


# --- the queries are valid against GitHub's GraphQL schema ---------------------------------------


@pytest.mark.parametrize(
    "query",
    [NEEDS_QUERY, HISTORY_QUERY, TRIAGE_QUERY, COMMENTS_QUERY, EDITS_QUERY],
    ids=["needs", "history", "triage", "comments", "edits"],
)
def test_queries_are_valid_against_githubs_graphql_schema(query: str) -> None:
    check_query(query)
    variables = {v.name for v in parse(query).variables}
    used = set(re.findall(r"\$(\w+)", query.split("{", 1)[1]))
    assert used == variables


def _requests(selections: tuple[Field | InlineFragment, ...], parents: int = 1) -> int:
    """The requests GitHub counts for a query's rate-limit cost: every connection needs one per
    parent node, and its `first` nodes are the parents of the connections inside it."""
    requests = 0
    for selection in selections:
        inner = selection.selections
        if isinstance(selection, Field) and "first" in selection.arguments:
            first = selection.arguments["first"]
            assert isinstance(first, int), "a connection's size must be fixed to count it"
            requests += parents
            nodes = next((s for s in inner if isinstance(s, Field) and s.name == "nodes"), None)
            requests += _requests(nodes.selections, parents * first) if nodes else 0
        else:
            requests += _requests(inner, parents)
    return requests


def _points(query: str) -> int:
    """The query's cost in points: its requests divided by 100 and rounded, at least 1
    (GitHub's documentation of the GraphQL rate limit)."""
    return max(1, round(_requests(parse(query).selections) / 100))


def test_the_portfolio_reads_5000_needs_within_the_hours_graphql_points() -> None:
    assert _requests(parse(NEEDS_QUERY).selections) == 301  # 1 + 100 × labels, timeline, comments
    per_query = _points(NEEDS_QUERY)
    assert 50 * per_query == 150 < 1000  # 5,000 needs in 50 queries, of GITHUB_TOKEN's 1,000
    assert _points(TRIAGE_QUERY) <= 2  # one need with its timeline and every comment's edits


def test_the_schema_check_catches_a_wrong_query() -> None:
    wrong = parse("query { repository(owner: 1, name: $n) { issues(states: [SHUT]) { x } } }")
    with pytest.raises(AssertionError):
        check_selections(wrong.selections, "Query", {"n": "String!"})


# --- faults: retried, bounded, then a clear error -------------------------------------------


def test_server_errors_are_retried(fake_github: FakeGitHub, gateway: GitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("status", times=3, status=502))
    assert gateway.issue(number).number == number
    assert fake_github.count() == 4
    assert gateway.requests_made == 4


def test_secondary_rate_limit_waits_retry_after_then_succeeds(fake_github: FakeGitHub) -> None:
    clock = Clock()
    gateway = GitHub(settings_from_env(fake_github.env()), FAST, clock)
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("secondary_rate_limit", times=1, retry_after=1))
    assert gateway.upsert_comment(number, MARKER, "Svar") == "created"
    assert len(fake_github.bot_comments(number)) == 1
    assert clock.waits == [1.0]


def test_a_retry_after_beyond_the_bound_fails_at_once(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    fake_github.inject(Fault("secondary_rate_limit", times=1, retry_after=3600))
    with pytest.raises(GitHubError, match="3600 s"):
        gateway.issue(1)
    assert fake_github.count() == 1


def test_malformed_answers_are_retried(fake_github: FakeGitHub, gateway: GitHub) -> None:
    _fill(fake_github, 5)
    fake_github.inject(Fault("malformed", times=1, path="/graphql"))
    assert len(gateway.needs_with_history()) == 5


def test_a_write_answered_malformed_is_not_repeated(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("malformed", times=1, method="POST"))
    gateway.upsert_comment(number, MARKER, "Svar")
    assert len(fake_github.bot_comments(number)) == 1


def test_timeouts_are_retried(fake_github: FakeGitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    gateway = GitHub(settings_from_env(fake_github.env()), FAST.model_copy(update={"timeout": 1}))
    fake_github.inject(Fault("slow", times=1, delay=1.5))
    assert gateway.issue(number).number == number


def test_persistent_server_errors_end_in_a_clear_bounded_failure(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    fake_github.inject(Fault("status", times=100, status=500))
    with pytest.raises(GitHubError, match=r"could not read issue #1: GitHub answered 500"):
        gateway.issue(1)
    assert fake_github.count() == FAST.retries + 1


def test_persistent_malformed_answers_end_in_a_clear_failure(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    fake_github.inject(Fault("malformed", times=100))
    with pytest.raises(GitHubError, match="malformed"):
        gateway.needs_with_history()
    assert fake_github.count() == FAST.retries + 1


def test_production_pacing_keeps_pygithubs_politeness() -> None:
    assert Pacing().seconds_between_requests == github.Consts.DEFAULT_SECONDS_BETWEEN_REQUESTS
    assert Pacing().seconds_between_writes == github.Consts.DEFAULT_SECONDS_BETWEEN_WRITES
    assert Pacing().max_rate_limit_wait <= 60


def test_the_bundled_samples_read_live_equal_the_snapshot(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
    for data in samples:
        fake_github.add_rest_issue(data)
    web = f"{fake_github.api_url}/{fake_github.repo.full_name}"
    live = [
        need.model_copy(update={"html_url": need.html_url.replace(web, GITHUB_WEB)})
        for need in gateway.needs_with_history()
    ]
    expected = sorted(read_snapshot(SAMPLES, REPOSITORY), key=lambda i: (i.created_at, i.number))
    assert live == expected
    assert fake_github.count() == -(-len(samples) // 100)


# --- a whole run meeting faults -------------------------------------------------------------------


def test_a_run_through_a_502_a_secondary_limit_and_a_truncated_body_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from intake.cli.main import main

    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
    with FakeGitHub() as fake:
        for item in samples:
            fake.add_rest_issue(item)
        # In this order, on the portfolio's one query; then the fake answers correctly.
        fake.inject(Fault("status", times=1, status=502, path="/graphql"))
        fake.inject(Fault("secondary_rate_limit", times=1, retry_after=1, path="/graphql"))
        fake.inject(Fault("malformed", times=1, path="/graphql"))
        out = tmp_path / "portfolj"
        clock = Clock()
        code = main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST, clock=clock)
        statuses = [r.status for r in fake.requests if r.path == "/graphql"]
    assert code == 0, capsys.readouterr().err
    assert statuses[:4] == [502, 403, 200, 200]  # the third answer was cut off mid-JSON
    assert clock.waits == [1.0]  # what Retry-After asked; no backoff at FAST pacing
    assert (out / "portfolio.json").exists()


@pytest.mark.parametrize("kind", ["status", "secondary_rate_limit", "malformed"])
def test_a_persistent_fault_ends_the_run_with_nothing_written(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from intake.cli.main import main

    out = tmp_path / "portfolj"
    with FakeGitHub() as fake:
        fake.add_rest_issue(json.loads(SAMPLES.read_text(encoding="utf-8"))[0])
        fake.inject(Fault(kind, times=10_000, retry_after=0))
        code = main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST)
    assert code == 3
    assert capsys.readouterr().err.startswith("fel: GitHub svarade inte som väntat, inget skrevs")
    assert not out.exists()


def _job_limit(workflow: str, job: str) -> float:
    """A workflow job's `timeout-minutes`, in seconds."""
    path = ROOT / ".github" / "workflows" / workflow
    minutes = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"][job]["timeout-minutes"]
    return float(minutes) * 60


def test_a_persistent_fault_ends_within_the_jobs_time_limit_by_construction() -> None:
    # Production pacing: no retry starts after the budget; one timeout and one pause may follow,
    # all well inside the job that uses it (with room for installing and the work itself).
    assert Pacing().worst_case_seconds < _job_limit("intake.yml", "handle") / 2
    assert Pacing().worst_case_seconds < _job_limit("reconcile.yml", "reconcile") / 2
    assert READING.worst_case_seconds < _job_limit("pages.yml", "build") / 2


def test_no_retry_starts_once_the_budget_is_spent(fake_github: FakeGitHub) -> None:
    spent = FAST.model_copy(update={"retry_budget": 0.0})
    gateway = GitHub(settings_from_env(fake_github.env()), spent)
    fake_github.inject(Fault("status", times=100, status=502))
    with pytest.raises(GitHubError):
        gateway.issue(1)
    assert fake_github.count() == 1  # the first try only
