"""Handling issue events: end state on the fake GitHub, in-process and as the workflow runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from intake.adapters.events import parse_issue_event
from intake.adapters.github import GitHub
from intake.cli.bot import render_summary
from intake.cli.main import main
from intake.cli.output import Console
from intake.domain.need.findings import Finding, Verdict
from intake.fakegithub import BOT, FakeGitHub, Fault
from intake.fakegithub.state import Comment
from intake.model.process import Process
from intake.render.bot.comment import MARKER
from intake.usecases.intake import IssueEvent, Outcome
from intake.usecases.intake import handle_event as handle
from tests.conftest import BIN, FAST, assert_valid, event_fixture
from tests.paths import FIXTURES

VALID_LABELS = {"steg: behov", "enhet: bygglov", "omfattning: en verksamhet", "typ: förbättring"}
INCOMPLETE_LABELS = {"status: behöver kompletteras"}
FIXED_LABELS = {"steg: behov", "enhet: hemtjänst", "omfattning: en verksamhet", "typ: upphandling"}
EVENTS = sorted(p.name for p in (FIXTURES / "events").glob("*.json"))


def _open(fake: FakeGitHub, event: dict[str, Any]) -> int:
    """Create the issue an `opened` event is about, as the person filing it did."""
    issue = event["issue"]
    return fake.add_issue(
        issue["title"], issue["body"], number=issue["number"], user=issue["user"]["login"]
    )


def handle_event(gateway: GitHub, process: Process, event: dict[str, Any]) -> Outcome:
    """Handle an event payload as the command reads it from the event file."""
    return handle(gateway, process, as_event(event))


def as_event(event: dict[str, Any]) -> IssueEvent:
    return parse_issue_event(json.dumps(event), "event.json")


def receipts(fake: FakeGitHub, number: int) -> list[Comment]:
    """The bot's receipt on an issue (its status comment aside)."""
    return [c for c in fake.bot_comments(number) if c.body.startswith(MARKER)]


@pytest.mark.parametrize("name", EVENTS)
def test_event_fixtures_have_githubs_shape(name: str) -> None:
    event = event_fixture(name)
    assert_valid(f"webhooks/webhook-issues-{event['action']}", event)


# --- in-process, through the real gateway ----------------------------------------------------


def test_a_complete_need_gets_its_labels_and_one_receipt(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    outcome = handle_event(gateway, process, event)
    assert outcome.handled
    assert outcome.verdict is not None
    assert outcome.verdict.ok
    assert fake_github.labels_of(number) == VALID_LABELS
    [comment] = fake_github.bot_comments(number)
    assert comment.body.startswith(MARKER)


def test_handling_twice_changes_nothing_the_second_time(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened-incomplete.json")
    number = _open(fake_github, event)
    handle_event(gateway, process, event)
    writes = list(fake_github.writes)
    again = handle_event(gateway, process, event)
    assert fake_github.writes == writes
    assert again.comment == "unchanged"
    assert again.labels.empty
    assert fake_github.labels_of(number) == INCOMPLETE_LABELS
    assert len(fake_github.bot_comments(number)) == 1


def test_an_edit_that_completes_the_need_flips_labels_and_edits_the_comment(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    number = _open(fake_github, event_fixture("issues-opened-incomplete.json"))
    handle_event(gateway, process, event_fixture("issues-opened-incomplete.json"))
    [before] = fake_github.bot_comments(number)
    first_text = before.body
    edited = event_fixture("issues-edited.json")
    fake_github.edit_issue(number, body=edited["issue"]["body"])
    outcome = handle_event(gateway, process, edited)
    assert outcome.comment == "updated"
    assert fake_github.labels_of(number) == FIXED_LABELS
    [after] = fake_github.bot_comments(number)
    assert after.id == before.id
    assert after.body != first_text


def test_the_current_issue_counts_not_the_stale_event(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    stale = event_fixture("issues-opened-incomplete.json")
    number = _open(fake_github, stale)
    fake_github.edit_issue(number, body=event_fixture("issues-edited.json")["issue"]["body"])
    handle_event(gateway, process, stale)
    assert fake_github.labels_of(number) == FIXED_LABELS


def test_labels_the_process_does_not_know_are_left_alone(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    fake_github.label_issue(number, "bra första uppgift", "steg: bereda")
    handle_event(gateway, process, event)
    # It already has a stage, so the first stage is not added; the derived labels are.
    assert fake_github.labels_of(number) == (VALID_LABELS - {"steg: behov"}) | {
        "bra första uppgift",
        "steg: bereda",
    }


def test_a_body_not_from_the_form_gets_no_comment_and_no_labels(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened-not-form.json")
    number = _open(fake_github, event)
    outcome = handle_event(gateway, process, event)
    assert not outcome.handled
    assert "formulären" in outcome.reason
    assert fake_github.writes == []
    assert fake_github.labels_of(number) == set()


def test_a_closed_issue_is_left_alone(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-edited.json")
    number = _open(fake_github, event)
    fake_github.set_state(number, "closed")
    assert not handle_event(gateway, process, event).handled
    assert fake_github.writes == []


def test_other_actions_are_ignored_without_a_request(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json") | {"action": "labeled"}
    assert not handle_event(gateway, process, event).handled
    assert fake_github.count() == 0


def test_faults_on_the_way_still_end_in_the_right_state(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    fake_github.inject(Fault("status", times=2, status=502, method="POST"))
    fake_github.inject(Fault("malformed", times=1, method="GET", path="/comments"))
    fake_github.inject(Fault("secondary_rate_limit", times=1, retry_after=0, path="/labels"))
    handle_event(gateway, process, event)
    assert fake_github.labels_of(number) == VALID_LABELS
    assert len(fake_github.bot_comments(number)) == 1


# --- the summary and the annotations -------------------------------------------------------


def _hostile_outcome() -> Outcome:
    finding = Finding(field=None, code="x", message="Fel <script>alert(1)</script>\n::error::100%")
    verdict = Verdict(errors=[finding], hints=[finding], answers={})
    return Outcome(
        number=7, title="<img src=x onerror=alert(1)> [länk](javascript:x)", handled=True,
        verdict=verdict, comment="created",
    )  # fmt: skip


def test_the_summary_escapes_everything_from_the_issue() -> None:
    summary = render_summary(_hostile_outcome(), ["<b>varning</b>"])
    assert "<script" not in summary
    assert "<img" not in summary
    assert "<b>" not in summary
    assert "](javascript" not in summary
    assert "Ärende #7" in summary


def test_annotations_cannot_smuggle_workflow_commands() -> None:
    out = io.StringIO()
    console = Console(actions=True, out=out)
    for finding in _hostile_outcome().verdict.errors:  # type: ignore[union-attr]
        console.annotate("warning", finding.message, title="Ärende #7")
    [line] = out.getvalue().splitlines()
    # The runner reads commands only at the start of a line: an escaped newline keeps the
    # message's "::error::" inert text.
    assert line.startswith("::warning title=Ärende #7::")
    assert line.endswith("%0A::error::100%25")


def test_outside_actions_findings_are_plain_lines() -> None:
    out, err = io.StringIO(), io.StringIO()
    console = Console(actions=False, out=out, err=err)
    console.annotate("warning", "Svaret saknas.", title="Ärende #7")
    console.annotate("error", "Filen finns inte.", file="a.md")
    assert out.getvalue() == "varning: Svaret saknas.\n"
    assert err.getvalue() == "fel: a.md: Filen finns inte.\n"


# --- as the workflow runs it: `intake handle` with the workflow's environment -------------------


class _Run:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _run(fake: FakeGitHub, tmp_path: Path, event: dict[str, Any], **env: str) -> _Run:
    """`intake handle` in this process, with the environment the workflow gives it."""
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    variables = fake.env(
        GITHUB_EVENT_PATH=event_path,
        GITHUB_EVENT_NAME="issues",
        GITHUB_STEP_SUMMARY=tmp_path / "summary.md",
        GITHUB_ACTIONS="true",
    )
    out, err = io.StringIO(), io.StringIO()
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stdout(out), redirect_stderr(err):
        code = main(["handle"], env={**variables, **env}, pacing=FAST)
    return _Run(code, out.getvalue(), err.getvalue())


def test_intake_handle_as_the_workflow_runs_it(fake_github: FakeGitHub, tmp_path: Path) -> None:
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    first = _run(fake_github, tmp_path, event)
    assert first.returncode == 0, first.stderr
    assert fake_github.labels_of(number) == VALID_LABELS
    [comment] = receipts(fake_github, number)
    assert comment.user == BOT
    writes = list(fake_github.writes)
    second = _run(fake_github, tmp_path, event)
    assert second.returncode == 0, second.stderr
    assert fake_github.writes == writes
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.count(f"## Ärende #{number}") == 2
    assert "oförändrad" in summary


def test_intake_handle_after_an_edit_flips_labels_and_edits_the_comment(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = _open(fake_github, event_fixture("issues-opened-incomplete.json"))
    opened = _run(fake_github, tmp_path, event_fixture("issues-opened-incomplete.json"))
    assert opened.returncode == 0, opened.stderr
    assert "::warning title=Ärende #13::" in opened.stdout
    assert fake_github.labels_of(number) == INCOMPLETE_LABELS
    [before] = receipts(fake_github, number)
    first_text = before.body
    edited = event_fixture("issues-edited.json")
    fake_github.edit_issue(number, body=edited["issue"]["body"])
    assert _run(fake_github, tmp_path, edited).returncode == 0
    assert fake_github.labels_of(number) == FIXED_LABELS
    [after] = receipts(fake_github, number)
    assert (after.id, after.body != first_text) == (before.id, True)


def test_intake_handle_fails_plainly_when_github_refuses(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    event = event_fixture("issues-opened.json")
    _open(fake_github, event)
    run = _run(fake_github, tmp_path, event, GITHUB_TOKEN="wrong")  # noqa: S106 - a wrong token
    assert run.returncode == 3
    assert (
        "::error::GitHub svarade inte som väntat, inget skrevs: could not read issue #12: "
        "GitHub answered 401 Bad credentials" in run.stdout
    )
    assert "Traceback" not in run.stderr


def test_intake_handle_names_missing_settings(tmp_path: Path) -> None:
    run = subprocess.run(
        [str(BIN / "intake"), "handle"],
        env={"PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert (
        run.stderr == "fel: miljövariabeln GITHUB_REPOSITORY och GITHUB_TOKEN saknas; den "
        "sätts i GitHub Actions\n"
    )


def test_intake_labels_sync_dry_run_writes_nothing(
    fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["labels", "sync", "--dry-run"], env=fake_github.env(), pacing=FAST) == 0
    out = capsys.readouterr().out
    assert "create 'steg: behov'" in out
    assert "etiketter skulle ändras" in out
    assert fake_github.writes == []


def test_labels_sync_creates_then_changes_nothing(
    fake_github: FakeGitHub, process: Process
) -> None:
    fake_github.create_label("bug", "d73a4a", "Något fungerar inte")
    env = dict(fake_github.env())
    assert main(["labels", "sync"], env=env, pacing=FAST) == 0
    wanted = {spec.name for spec in process.labels()}
    assert {label.name for label in fake_github.repo.labels.values()} == wanted | {"bug"}
    writes = len(fake_github.writes)
    assert main(["labels", "sync"], env=env, pacing=FAST) == 0
    assert len(fake_github.writes) == writes


# --- a second form ------------------------------------------------------------------------------


def test_an_issue_from_a_second_form_is_recognised_validated_and_labelled(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    from intake.domain.need.body import render_body
    from intake.domain.need.forms import issue_form
    from tests.domain.need.test_recognise import FOLLOW_UP, with_second_form

    process = with_second_form(first=True)
    form = issue_form(process, process.form("uppfoljning"))
    need = fake_github.add_issue("Behov: bygglov", "Text.", labels=("steg: ta hem effekter",))
    answers = {**FOLLOW_UP, "behovsnummer": str(need)}
    complete = fake_github.add_issue("Uppföljning: bygglov", render_body(form, answers))
    short = fake_github.add_issue("Uppföljning", render_body(form, {**answers, "utfall": "Bra."}))
    done = handle_event(gateway, process, {"action": "opened", "issue": {"number": complete}})
    assert (done.handled, done.form) == (True, "Följ upp nyttan")
    assert fake_github.labels_of(complete) == {"formulär: uppföljning", "enhet: bygglov"}
    [receipt] = fake_github.bot_comments(complete)
    assert "Tack! Vi har tagit emot ”Följ upp nyttan”" in receipt.body
    handle_event(gateway, process, {"action": "opened", "issue": {"number": short}})
    assert fake_github.labels_of(short) == {"status: behöver kompletteras"}
    [answer] = fake_github.bot_comments(short)
    assert "”Vilken nytta blev det?” är för kort" in answer.body


def test_the_validate_command_recognises_the_form_of_a_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from intake.domain.need.body import render_body
    from intake.domain.need.forms import issue_form
    from tests.domain.need.test_recognise import FOLLOW_UP, with_second_form

    process = with_second_form()
    (tmp_path / "process.yml").write_text(
        yaml.safe_dump(process.model_dump(mode="json", exclude_defaults=True), allow_unicode=True),
        encoding="utf-8",
    )
    body = tmp_path / "uppfoljning.md"
    body.write_text(render_body(issue_form(process, process.form("uppfoljning")), FOLLOW_UP))
    options = ["--process", str(tmp_path / "process.yml"), "validate", "--json", str(body)]
    assert main(options, env={}) == 0
    assert json.loads(capsys.readouterr().out)["form"] == "uppfoljning"
    plain = tmp_path / "annat.md"
    plain.write_text("Hej! Jag har en idé.", encoding="utf-8")
    assert main(["--process", str(tmp_path / "process.yml"), "validate", str(plain)], env={}) == 1
    assert "texten är inte skriven i något av formulären" in capsys.readouterr().err
