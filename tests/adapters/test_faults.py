"""Every write once, every fault survived: the gateway against a fake that fails after a write as
well as before, cuts answers short, asks it to slow down and runs out of its hourly limit.

No test sleeps: the gateway takes a clock, and the one here only counts the waits it is asked for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.adapters.github import GitHub
from intake.adapters.settings import settings_from_env
from intake.cli.main import main
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.labels import LabelChange
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.fakegithub import FakeGitHub, Fault
from intake.model.load import load_process
from intake.model.process import LabelSpec
from intake.usecases.gateway import GitHubError, RateLimitError
from tests.clock import Clock
from tests.conftest import FAST
from tests.paths import SAMPLES
from tests.usecases.test_linking import CANVAS, FOLLOW_UP

PROCESS = load_process()
MARKER = "<!-- test:marker -->"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def gh(fake_github: FakeGitHub, clock: Clock) -> GitHub:
    """The gateway with production pacing's retries and waits, on a clock that never sleeps."""
    return GitHub(settings_from_env(fake_github.env()), FAST, clock)


def _keys(fake: FakeGitHub, number: int) -> list[str]:
    return [c.body for c in fake.bot_comments(number)]


# --- exactly once: the writes that are not idempotent ---------------------------------------------

AFTER = {
    "502 after the write": Fault("status", status=502, after=True),
    "dropped after the write": Fault("drop", after=True),
    "cut short after the write": Fault("truncated"),
    "502 before the write": Fault("status", status=502),
    "dropped before the write": Fault("drop"),
    "a timeout": Fault("slow", delay=1.5),
}


def _inject(fake: FakeGitHub, fault: Fault, method: str, path: str) -> Fault:
    return fake.inject(
        Fault(
            fault.kind,
            status=fault.status,
            after=fault.after,
            delay=fault.delay,
            method=method,
            path=path,
        )
    )


def _gateway(fake: FakeGitHub, clock: Clock, fault: Fault) -> GitHub:
    pacing = FAST.model_copy(update={"timeout": 1}) if fault.kind == "slow" else FAST
    return GitHub(settings_from_env(fake.env()), pacing, clock)


@pytest.mark.parametrize("fault", AFTER.values(), ids=AFTER.keys())
def test_one_comment(fake_github: FakeGitHub, clock: Clock, fault: Fault) -> None:
    number = fake_github.add_issue("Behov", "text")
    injected = _inject(fake_github, fault, "POST", "/comments$")
    _gateway(fake_github, clock, fault).add_comment(number, "Behovet har flyttats.")
    assert injected.times == 0  # the fault was met
    [note] = fake_github.bot_comments(number)
    assert note.body.startswith("Behovet har flyttats.\n\n<!-- intake:key ")


@pytest.mark.parametrize("fault", AFTER.values(), ids=AFTER.keys())
def test_one_status_comment(fake_github: FakeGitHub, clock: Clock, fault: Fault) -> None:
    number = fake_github.add_issue("Behov", "text")
    injected = _inject(fake_github, fault, "POST", "/comments$")
    gateway = _gateway(fake_github, clock, fault)
    assert gateway.upsert_comment(number, MARKER, "Svar") == "created"
    assert injected.times == 0
    assert _keys(fake_github, number) == [f"{MARKER}\nSvar"]


@pytest.mark.parametrize("fault", AFTER.values(), ids=AFTER.keys())
def test_one_issue(fake_github: FakeGitHub, clock: Clock, fault: Fault) -> None:
    fake_github.add_issue("Behov: något annat", "### Referens\n\nA-1")
    injected = _inject(fake_github, fault, "POST", "/issues$")

    def same(issue: Issue) -> bool:
        return issue.body is not None and issue.body.endswith("B-2")

    number = _gateway(fake_github, clock, fault).create_issue(
        "Behov: importerat", "### Referens\n\nB-2", same
    )
    assert injected.times == 0
    assert [i.title for i in fake_github.repo.issues.values()] == [
        "Behov: något annat",
        "Behov: importerat",
    ]
    assert number == 2


@pytest.mark.parametrize("fault", AFTER.values(), ids=AFTER.keys())
def test_one_dispatch(fake_github: FakeGitHub, clock: Clock, fault: Fault) -> None:
    injected = _inject(fake_github, fault, "POST", "/dispatches$")
    _gateway(fake_github, clock, fault).dispatch("pages.yml", "main")
    assert injected.times == 0
    assert fake_github.dispatches == [{"workflow": "pages.yml", "ref": "main"}]


@pytest.mark.parametrize("fault", AFTER.values(), ids=AFTER.keys())
def test_one_label(fake_github: FakeGitHub, clock: Clock, fault: Fault) -> None:
    injected = _inject(fake_github, fault, "POST", "/labels$")
    spec = LabelSpec(name="steg: behov", color="c5def5", description="Ett behov.")
    assert _gateway(fake_github, clock, fault).sync_labels([spec]) == ["create 'steg: behov'"]
    assert injected.times == 0
    label = fake_github.repo.label("steg: behov")
    assert label is not None
    assert (label.color, label.description) == ("c5def5", "Ett behov.")


def test_a_comment_missing_from_the_listing_is_written_again_then_tidied(
    fake_github: FakeGitHub, gh: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("status", after=True, hide=1, method="POST", path="/comments$"))
    gh.add_comment(number, "Ett meddelande.")
    assert len(fake_github.bot_comments(number)) == 2  # the read-back missed the first
    assert gh.remove_own_duplicates() == 1
    [kept] = fake_github.bot_comments(number)
    assert kept.id == min(c.id for c in fake_github.comments_of(number))


def test_a_note_said_again_in_another_call_is_a_new_note(
    fake_github: FakeGitHub, gh: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    gh.add_comment(number, "Etiketten är återställd.")
    fake_github.inject(Fault("status", after=True, method="POST", path="/comments$"))
    gh.add_comment(number, "Etiketten är återställd.")  # a second refusal, a second note
    assert len(fake_github.bot_comments(number)) == 2


def test_a_write_that_keeps_failing_ends_in_a_clear_error(
    fake_github: FakeGitHub, gh: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("status", times=100, method="POST", path="/comments$"))
    with pytest.raises(GitHubError, match=f"could not comment on issue #{number}"):
        gh.add_comment(number, "Hej")
    assert fake_github.count("POST", "/comments$") == FAST.retries + 1
    assert fake_github.bot_comments(number) == []


# --- idempotent writes are retried within the budget ---------------------------------------------


def test_idempotent_writes_are_sent_again(fake_github: FakeGitHub, gh: GitHub) -> None:
    number = fake_github.add_issue("Behov", "text", labels=("status: behöver kompletteras",))
    comment = fake_github.add_comment(number, "/beslut", user="ordforande-exempel")
    fake_github.inject(Fault("status", times=100, after=True, method="WRITE", every=2))
    gh.apply_labels(
        number, LabelChange(add=("steg: behov",), remove=("status: behöver kompletteras",))
    )
    gh.react(comment, "+1")
    gh.apply_labels(number, LabelChange(add=("typ: ny",), remove=()))
    gh.update_issue(number, "open")
    gh.close_issue(number)
    assert fake_github.labels_of(number) == {"steg: behov", "typ: ny"}
    assert fake_github.repo.comments[comment].reactions == ["+1"]
    assert fake_github.issue(number).state == "closed"
    assert fake_github.count(method="GET") < len(fake_github.writes)  # no read-back needed


# --- every transient fault on a read is survived --------------------------------------------------

READS = {
    "502": (Fault("status", status=502), []),
    "503": (Fault("status", status=503), []),
    "403 with Retry-After": (Fault("secondary_rate_limit", status=403, retry_after=7), [7.0]),
    "429 with Retry-After": (Fault("secondary_rate_limit", status=429, retry_after=7), [7.0]),
    "403 without Retry-After": (
        Fault("secondary_rate_limit", status=403, retry_after=None),
        [60.0],
    ),
    "429 without Retry-After": (
        Fault("secondary_rate_limit", status=429, retry_after=None),
        [60.0],
    ),
    "dropped": (Fault("drop"), []),
    "cut short": (Fault("truncated"), []),
    "malformed": (Fault("malformed"), []),
}


@pytest.mark.parametrize(("fault", "waits"), READS.values(), ids=READS.keys())
def test_a_read_survives(
    fake_github: FakeGitHub, gh: GitHub, clock: Clock, fault: Fault, waits: list[float]
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(fault)
    assert gh.issue(number).number == number
    assert fault.times == 0
    assert gh.requests_made == fake_github.count() == 2
    assert [w for w in clock.waits if w] == waits


def test_secondary_limits_without_retry_after_back_off_from_a_minute(
    fake_github: FakeGitHub, gh: GitHub, clock: Clock
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("secondary_rate_limit", times=2, status=429, retry_after=None))
    assert gh.issue(number).number == number
    assert clock.waits == [60.0, 120.0]


def test_a_secondary_limit_on_a_new_comment_is_written_once_after_the_wait(
    fake_github: FakeGitHub, gh: GitHub, clock: Clock
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.inject(Fault("secondary_rate_limit", status=403, retry_after=None, method="POST"))
    gh.add_comment(number, "Hej")
    assert len(fake_github.bot_comments(number)) == 1
    assert clock.waits == [60.0]
    assert fake_github.count("GET", "/comments$") == 0  # GitHub refused it: no read-back


def test_persistent_secondary_limits_end_within_the_budget(
    fake_github: FakeGitHub, clock: Clock
) -> None:
    patient = FAST.model_copy(update={"retries": 10})
    gateway = GitHub(settings_from_env(fake_github.env()), patient, clock)
    fake_github.inject(Fault("secondary_rate_limit", times=100, retry_after=None))
    with pytest.raises(GitHubError, match="could not read issue #1"):
        gateway.issue(1)
    assert clock.waits == [60.0, 120.0]  # the next, 240 s, would end past the budget
    assert clock.now <= patient.retry_budget


def test_a_403_that_is_no_limit_is_not_retried(fake_github: FakeGitHub, gh: GitHub) -> None:
    fake_github.inject(Fault("status", status=403))
    with pytest.raises(GitHubError, match="403"):
        gh.issue(1)
    assert fake_github.count() == 1


# --- the hourly limit ---------------------------------------------------------------------------


def test_no_write_starts_when_the_hourly_limit_is_nearly_spent(
    fake_github: FakeGitHub, gh: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.set_rate_limit(5, reset_at=1_900_000_000)
    with pytest.raises(RateLimitError) as raised:
        gh.add_comment(number, "Hej")
    assert raised.value.reset is not None
    assert int(raised.value.reset.timestamp()) == 1_900_000_000
    assert fake_github.writes == []


def test_a_limit_spent_mid_run_stops_without_retrying(fake_github: FakeGitHub, gh: GitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.set_rate_limit(0)
    with pytest.raises(RateLimitError):
        gh.issue(number)
    assert fake_github.count() == 1


def _need_body() -> str:
    path = Path(__file__).parent.parent / "fixtures" / "parse" / "complete" / "body.md"
    return path.read_text(encoding="utf-8")


def test_handle_with_the_limit_spent_exits_3_saying_when_github_answers_again(
    fake_github: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = fake_github.add_issue("Behov: Snabbare bygglov", _need_body())
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "opened", "issue": {"number": number}}), "utf-8")
    fake_github.set_rate_limit(6, reset_at=1_900_000_000)  # 2030-03-17 17:46:40 UTC
    env = fake_github.env(GITHUB_EVENT_PATH=event, GITHUB_EVENT_NAME="issues")
    assert main(["handle"], env=env, pacing=FAST) == 3
    [line] = capsys.readouterr().err.splitlines()
    assert "GitHub svarar igen kl. 17.46 UTC den 2030-03-17" in line
    assert fake_github.writes == []


# --- 410: a deleted need gets the plain answer of a number that never existed ------------------


@pytest.mark.parametrize("form_id", ["projektcanvas", "nyttouppfoljning"])
def test_a_form_naming_a_deleted_need_gets_the_plain_answer_and_the_run_ends_0(
    fake_github: FakeGitHub, tmp_path: Path, form_id: str
) -> None:
    deleted = fake_github.add_issue("Behov: borttaget", "Text.", labels=("steg: bereda",))
    fake_github.delete_issue(deleted)
    form = PROCESS.form(form_id)
    answers = {
        **(CANVAS if form_id == "projektcanvas" else FOLLOW_UP),
        "behovsnummer": f"#{deleted}",
    }
    number = fake_github.add_issue("Formulär", render_body(issue_form(PROCESS, form), answers))
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "opened", "issue": {"number": number}}), "utf-8")
    env = fake_github.env(GITHUB_EVENT_PATH=event, GITHUB_EVENT_NAME="issues")
    assert main(["handle"], env=env, pacing=FAST) == 0
    [answer] = fake_github.bot_comments(number)
    assert f"Ärende {deleted} är inget anmält behov" in answer.body
    assert fake_github.issue(number).state == "open"


# --- a whole portfolio run through a sequence of faults ----------------------------------------


def test_a_portfolio_run_survives_a_502_a_secondary_limit_and_a_broken_body(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
    with FakeGitHub() as fake:
        for item in samples:
            fake.add_rest_issue(item)
        fake.inject(Fault("status", status=502, path="/graphql"))
        fake.inject(Fault("secondary_rate_limit", retry_after=None, path="/graphql"))
        fake.inject(Fault("truncated", path="/graphql"))
        out = tmp_path / "portfolj"
        code = main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST, clock=clock)
        statuses = [r.status for r in fake.requests if r.path == "/graphql"]
    assert code == 0, capsys.readouterr().err
    assert statuses[:4] == [502, 403, 200, 200]  # the third answer broke off mid-body
    assert [w for w in clock.waits if w] == [60.0]
    assert (out / "portfolio.json").exists()


def test_graphql_points_spent_stop_the_portfolio_with_the_reset_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeGitHub() as fake:
        fake.add_rest_issue(json.loads(SAMPLES.read_text(encoding="utf-8"))[0])
        fake.set_rate_limit(0, resource="graphql", reset_at=1_900_000_000)
        out = tmp_path / "portfolj"
        assert main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST) == 3
    assert "GitHub svarar igen kl. 17.46 UTC den 2030-03-17" in capsys.readouterr().err
    assert not out.exists()


def test_a_deleted_need_read_by_triage_is_not_found(fake_github: FakeGitHub, gh: GitHub) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.delete_issue(number)
    with pytest.raises(GitHubError, match=f"issue #{number} not found"):
        gh.triage_view(number)


def test_a_stranger_quoting_a_key_neither_stops_nor_loses_the_note(
    fake_github: FakeGitHub, gh: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.add_comment(number, "Citat: <!-- intake:key abc -->", user="nagon-annan")
    fake_github.inject(Fault("status", after=True, hide=1, method="POST", path="/comments$"))
    gh.add_comment(number, "Etiketten är återställd.", key="abc")
    gh.remove_own_duplicates()
    assert len(fake_github.bot_comments(number)) == 1
    assert len(fake_github.comments_of(number)) == 2  # the stranger's stays


def test_the_write_check_reads_the_rest_limit_not_the_graphql_points(
    fake_github: FakeGitHub, gh: GitHub
) -> None:
    number = fake_github.add_issue("Behov", "text")
    fake_github.set_rate_limit(3, resource="graphql")  # few points left, many requests
    assert [need.number for need in gh.needs_with_history()] == [number]
    gh.add_comment(number, "Hej")
    assert len(fake_github.bot_comments(number)) == 1


def test_an_event_for_an_issue_deleted_since_ends_0_with_nothing_written(
    fake_github: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = fake_github.add_issue("Behov: Snabbare bygglov", _need_body())
    fake_github.delete_issue(number)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "labeled", "issue": {"number": number}}), "utf-8")
    env = fake_github.env(GITHUB_EVENT_PATH=event, GITHUB_EVENT_NAME="issues")
    assert main(["handle"], env=env, pacing=FAST) == 0
    assert f"ärende #{number} finns inte längre" in capsys.readouterr().out
    assert fake_github.writes == []
