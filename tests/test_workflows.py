"""The workflows and issue forms: schemas, zizmor, and the security rules we hold to."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import BIN
from tests.paths import ROOT
from tests.workflow_expressions import evaluate

ROOT = ROOT
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(
    p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)
ISSUE_CONFIG = ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _load(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _check_jsonschema(schema: str, paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_there_are_workflows_and_forms_to_check() -> None:
    assert {"intake.yml", "labels.yml"} <= set(_names(WORKFLOWS))
    assert FORMS


def test_workflows_validate_against_the_workflow_schema() -> None:
    run = _check_jsonschema("vendor.github-workflows", WORKFLOWS)
    assert run.returncode == 0, run.stdout + run.stderr


def test_issue_forms_validate_against_the_issue_forms_schema() -> None:
    run = _check_jsonschema("vendor.github-issue-forms", FORMS)
    assert run.returncode == 0, run.stdout + run.stderr


def test_issue_config_validates_against_its_schema() -> None:
    run = _check_jsonschema("vendor.github-issue-config", [ISSUE_CONFIG])
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing_unexplained() -> None:
    run = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=_names(WORKFLOWS))
def test_no_expression_inside_run(path: Path) -> None:
    for step in _steps(_load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=_names(WORKFLOWS))
def test_permissions_are_empty_at_the_top_and_given_per_job(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} sets no permissions"
        assert "write-all" not in str(job["permissions"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=_names(WORKFLOWS))
def test_actions_are_pinned_by_full_sha_and_checkout_keeps_no_credentials(path: Path) -> None:
    for step in _steps(_load(path)):
        uses = step.get("uses")
        if uses is None or uses.startswith("./"):
            continue
        assert SHA_PIN.match(uses), f"{path.name}: {uses} is not pinned by full SHA"
        if uses.startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


def test_the_intake_workflow_runs_on_need_events_one_issue_at_a_time() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "intake.yml")
    on = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    # Every change to an issue: validation on opened/edited/reopened, the stage on all of them.
    assert on == {
        "issues": {"types": ["opened", "edited", "reopened", "labeled", "unlabeled", "closed"]},
        # Commands; edits and deletions of the bot's own comments (its record).
        "issue_comment": {"types": ["created", "edited", "deleted"]},
    }
    assert workflow["jobs"]["handle"]["permissions"] == {
        "contents": "read",
        "issues": "write",
        "actions": "write",
    }
    runs = [step["run"] for step in _steps(workflow) if "run" in step]
    assert "bash scripts/setup bot" in runs  # the bot's packages only: no site tools
    assert ".venv/bin/python -m intake handle" in runs
    assert all("\n" not in run.strip() for run in runs)  # one command per step


def test_the_labels_workflow_runs_when_the_process_changes_and_on_demand() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "labels.yml")
    on = workflow[True]
    assert on["push"] == {"branches": ["main"], "paths": ["intake/process.yml"]}
    assert "workflow_dispatch" in on
    runs = [s.get("run") for s in _steps(workflow)]
    assert "bash scripts/setup bot" in runs
    assert ".venv/bin/python -m intake labels sync" in runs


def test_the_nightly_reconciliation_settles_every_open_need() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "reconcile.yml")
    on = workflow[True]
    assert "schedule" in on
    assert "workflow_dispatch" in on
    runs = [s.get("run") for s in _steps(workflow)]
    assert ".venv/bin/python -m intake reconcile" in runs


def test_dependabot_keeps_the_pinned_actions_current() -> None:
    path = ROOT / ".github" / "dependabot.yml"
    run = _check_jsonschema("vendor.dependabot", [path])
    assert run.returncode == 0, run.stdout + run.stderr
    [update] = _load(path)["updates"]
    assert (update["package-ecosystem"], update["directory"]) == ("github-actions", "/")


def test_the_monthly_relock_opens_one_pull_request_and_starts_its_tests() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "relock.yml")
    on = workflow[True]
    [schedule] = on["schedule"]
    assert schedule["cron"].split()[2:] == ["3", "*", "*"]  # once a month
    assert workflow["jobs"]["relock"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "actions": "write",
    }
    runs = [s["run"] for s in _steps(workflow) if "run" in s]
    assert runs == ["bash scripts/relock-pr"]
    script = (ROOT / "scripts" / "relock-pr").read_text(encoding="utf-8")
    assert "bash scripts/lock" in script
    assert "gh workflow run tests.yml --ref" in script  # its pull request starts no workflow
    tests = _load(ROOT / ".github" / "workflows" / "tests.yml")
    assert "workflow_dispatch" in tests[True]


# --- who starts a run, and which runs queue behind each other ---------------------------------


def _comment_event(
    action: str, *, writer: str, association: str, body: str = "/beslut utveckla Skäl"
) -> dict[str, Any]:
    """The `github` context of an `issue_comment` event on issue 7, filed by anna-exempel."""
    return {
        "event_name": "issue_comment",
        "event": {
            "action": action,
            "issue": {"number": 7, "user": {"login": "anna-exempel"}},
            "comment": {
                "body": body,
                "user": {"login": writer},
                "author_association": association,
            },
        },
    }


@pytest.mark.parametrize(
    ("action", "writer", "association", "body", "runs"),
    [
        ("created", "ordforande-exempel", "MEMBER", "/beslut utveckla Skäl", True),
        ("created", "beredning-exempel", "COLLABORATOR", "/steg bereda", True),
        ("created", "agaren", "OWNER", "/steg bereda", True),
        ("created", "anna-exempel", "NONE", "/återkalla Vi löste det.", True),  # the author
        ("created", "nagon-annan", "NONE", "/beslut utveckla Skäl", False),  # a stranger
        ("created", "nagon-annan", "CONTRIBUTOR", "/steg bereda", False),
        ("created", "nagon-annan", "FIRST_TIME_CONTRIBUTOR", "/x", False),
        ("created", "ordforande-exempel", "MEMBER", "Bra idé!", False),  # no command
        ("edited", "github-actions[bot]", "NONE", "<!-- intake:status -->", True),
        ("deleted", "github-actions[bot]", "NONE", "<!-- intake:status -->", True),
        ("edited", "nagon-annan", "NONE", "/beslut utveckla Skäl", False),  # never executed
        ("deleted", "ordforande-exempel", "MEMBER", "/steg bereda", False),
    ],
)
def test_the_intake_job_runs_only_for_what_it_handles(
    action: str, writer: str, association: str, body: str, runs: bool
) -> None:
    job = _load(ROOT / ".github" / "workflows" / "intake.yml")["jobs"]["handle"]
    context = _comment_event(action, writer=writer, association=association, body=body)
    assert evaluate(job["if"], context) is runs


def test_the_intake_job_runs_for_every_issue_event_and_no_pull_request() -> None:
    job = _load(ROOT / ".github" / "workflows" / "intake.yml")["jobs"]["handle"]
    assert evaluate(job["if"], {"event_name": "issues", "event": {"action": "labeled"}})
    pull = _comment_event("created", writer="ordforande-exempel", association="MEMBER")
    pull["event"]["issue"]["pull_request"] = {"url": "https://example.org/pulls/7"}
    assert not evaluate(job["if"], pull)


def test_the_intake_concurrency_sits_on_the_job_with_the_default_queue() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "intake.yml")
    # A group set for the whole workflow is entered by runs whose job is then skipped: an
    # ordinary comment would replace a waiting run. On the job, only runs that pass `if:` enter.
    assert "concurrency" not in workflow
    group = workflow["jobs"]["handle"]["concurrency"]
    assert group["group"] == "intake-${{ github.event.issue.number }}"
    assert group["cancel-in-progress"] is False
    assert "queue" not in group  # one waiting run, which reconciles everything, is enough


def test_the_expression_reader_fails_on_what_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="unknown function"):
        evaluate("endsWith('a', 'a')", {})
    assert evaluate("github.event.x == 'A'", {"event": {"x": "a"}})  # GitHub ignores case
