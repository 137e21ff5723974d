"""Triage through labels, end to end: `intake handle` on events in GitHub's shapes, against the fake
GitHub through the real client; each test asserts what the issue looks like afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.cli.main import main
from intake.domain.lifecycle.triage import STATUS_MARKER
from intake.fakegithub import BOT, FakeGitHub
from intake.fakegithub.state import Comment
from tests.conftest import FAST, assert_valid, event_fixture
from tests.paths import FIXTURES

BEREDNING = "beredning-exempel"
RAD = "ordforande-exempel"
STRANGER = "nagon-annan"
BODY = (FIXTURES / "parse" / "complete" / "body.md").read_text(encoding="utf-8")
BEHOV, BEREDA, PRIORITERA = "steg: behov", "steg: bereda", "steg: prioritera"
AVSLAGEN = "utfall: avslagen"


def event(action: str, number: int, sender: str, label: str | None = None) -> dict[str, Any]:
    """An `issues` event payload in GitHub's shape."""
    payload = event_fixture("issues-opened.json")
    payload["action"] = action
    payload["issue"]["number"] = number
    payload["sender"] = payload["sender"] | {"login": sender}
    if label is not None:
        payload["label"] = {
            "id": 1,
            "node_id": "LA_1",
            "url": "https://api.github.com/repos/exempelkommun/digitaliseringsprocessen/labels/x",
            "name": label,
            "color": "ededed",
            "default": False,
            "description": None,
        }
    if action == "closed":
        payload["issue"]["state"] = "closed"
    return payload


def handle(fake: FakeGitHub, tmp_path: Path, payload: dict[str, Any]) -> int:
    """`intake handle` as the workflow runs it, for this event."""
    path = tmp_path / f"event-{len(fake.requests)}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    env = fake.env(GITHUB_EVENT_PATH=path, GITHUB_EVENT_NAME="issues")
    return main(["handle"], env=env, pacing=FAST)


def file_need(fake: FakeGitHub, tmp_path: Path, body: str = BODY) -> int:
    """A need filed and answered by the bot: in `steg: behov` when complete."""
    number = fake.add_issue("Behov: Snabbare bygglov", body, user="anna-exempel")
    assert handle(fake, tmp_path, event("opened", number, "anna-exempel")) == 0
    return number


def click(
    fake: FakeGitHub, number: int, label: str, who: str, *, remove: str | None = None
) -> None:
    """A person moves the need in GitHub's label menu: remove the old label, add the new one."""
    if remove:
        fake.unlabel_issue(number, remove, actor=who)
    fake.label_issue(number, label, actor=who)


def stage_labels(fake: FakeGitHub, number: int) -> set[str]:
    return {name for name in fake.labels_of(number) if name.startswith(("steg:", "utfall:"))}


def status(fake: FakeGitHub, number: int) -> Comment:
    """The bot's newest status comment that only the bot ever edited (the one that counts)."""
    trusted = [
        c
        for c in fake.bot_comments(number)
        if STATUS_MARKER in c.body and all(e == BOT for e in c.editors)
    ]
    return trusted[-1]


def without_record(body: str) -> str:
    """A note as people read it: without the copy of the record it carries."""
    return body.split("\n\n<!-- intake:note ", 1)[0]


def record(fake: FakeGitHub, number: int) -> dict[str, Any]:
    body = status(fake, number).body
    start = body.index("<!-- intake:record ") + len("<!-- intake:record ")
    data: dict[str, Any] = json.loads(body[start : body.index(" -->", start)])
    return data


def notes(fake: FakeGitHub, number: int) -> list[str]:
    """The bot's comments besides its receipt and its status, without their hidden key."""
    return [
        without_record(c.body)
        for c in fake.bot_comments(number)
        if STATUS_MARKER not in c.body and "<!-- intake:behov -->" not in c.body
    ]


@pytest.mark.parametrize("action", ["labeled", "unlabeled", "closed"])
def test_the_events_are_in_githubs_shape(action: str) -> None:
    label = BEREDA if action != "closed" else None
    assert_valid(f"webhooks/webhook-issues-{action}", event(action, 12, BEREDNING, label))


def test_an_allowed_move_is_accepted_recorded_and_told(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    assert stage_labels(fake_github, number) == {BEHOV}
    click(fake_github, number, BEREDA, BEREDNING)
    writes = len(fake_github.writes)
    assert handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA)) == 0
    assert stage_labels(fake_github, number) == {BEREDA}
    moves = record(fake_github, number)["moves"]
    assert [(m["from"], m["to"], m["login"]) for m in moves][-1] == ("behov", "bereda", BEREDNING)
    assert moves[-1]["user_id"] is not None
    assert "Behovet är i steget **[Bereda]" in status(fake_github, number).body
    [told] = notes(fake_github, number)
    assert told.startswith("Behovet har flyttats från Behov till **Bereda**.")
    assert fake_github.dispatches == [{"workflow": "pages.yml", "ref": "main"}]
    assert len(fake_github.writes) - writes == 4  # labels, status, note, Pages
    again = len(fake_github.writes)
    assert handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA)) == 0
    assert len(fake_github.writes) == again  # a re-run writes nothing


def test_a_skipped_stage_is_undone_with_one_explanation(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, PRIORITERA, BEREDNING, remove=BEHOV)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, PRIORITERA))
    assert stage_labels(fake_github, number) == {BEHOV}
    [told] = notes(fake_github, number)
    assert told.startswith(f"@{BEREDNING} Ett behov kan inte gå från Behov till Prioritera.")
    assert "Bereda (beredningsgruppen)" in told
    assert record(fake_github, number)["moves"][-1]["to"] == "behov"  # nothing recorded
    assert fake_github.dispatches == []


def test_one_run_reads_the_issue_once(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = fake_github.add_issue("Behov: Snabbare bygglov", BODY, user="anna-exempel")
    before = len(fake_github.requests)
    assert handle(fake_github, tmp_path, event("opened", number, "anna-exempel")) == 0
    reads = [
        r
        for r in fake_github.requests[before:]
        if r.path == "/graphql" or (r.method == "GET" and r.path.endswith(f"/issues/{number}"))
    ]
    assert len(reads) == 1
    assert stage_labels(fake_github, number) == {BEHOV}  # validated, labelled and entered
    assert record(fake_github, number)["stage"] == "behov"


def test_a_label_added_between_the_bots_read_and_its_write_survives(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, PRIORITERA, BEREDNING, remove=BEHOV)
    # Right after the bot has read the need, someone adds a label of their own.
    fake_github.after("POST", "/graphql", lambda: fake_github.label_issue(number, "brådskande"))
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, PRIORITERA))
    assert fake_github.meanwhile == []  # the person did act in between
    assert stage_labels(fake_github, number) == {BEHOV}  # the skipped stage is undone
    assert "brådskande" in fake_github.labels_of(number)  # and the person's label stays


def test_a_move_by_someone_without_the_role_is_undone(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, BEREDA, STRANGER, remove=BEHOV)
    handle(fake_github, tmp_path, event("labeled", number, STRANGER, BEREDA))
    assert stage_labels(fake_github, number) == {BEHOV}
    [told] = notes(fake_github, number)
    moved_by = "Flytten från Behov till Bereda görs av beredningsgruppen."
    assert told == f"@{STRANGER} {moved_by} Etiketten är återställd."


def test_two_labels_at_once_are_both_refused(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake_github, tmp_path)
    fake_github.label_issue(number, BEREDA, AVSLAGEN, actor=BEREDNING)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, AVSLAGEN))
    assert stage_labels(fake_github, number) == {BEHOV}
    assert [n.split(".")[0] for n in notes(fake_github, number)] == [
        f"@{BEREDNING} Välj ett steg i taget"
    ]


def test_the_two_click_move_when_each_click_runs_before_the_next(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    fake_github.unlabel_issue(number, BEHOV, actor=BEREDNING)
    handle(fake_github, tmp_path, event("unlabeled", number, BEREDNING, BEHOV))
    assert stage_labels(fake_github, number) == {BEHOV}  # put back silently
    assert notes(fake_github, number) == []
    fake_github.label_issue(number, BEREDA, actor=BEREDNING)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    assert stage_labels(fake_github, number) == {BEREDA}


def test_the_two_click_move_when_both_clicks_come_before_either_run(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, BEREDA, BEREDNING, remove=BEHOV)
    handle(fake_github, tmp_path, event("unlabeled", number, BEREDNING, BEHOV))
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    assert stage_labels(fake_github, number) == {BEREDA}
    assert len(notes(fake_github, number)) == 1


def test_a_lost_run_is_repaired_by_the_next_run_and_by_the_nightly_one(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    first = file_need(fake_github, tmp_path)
    second = file_need(fake_github, tmp_path)
    click(fake_github, first, BEREDA, BEREDNING, remove=BEHOV)  # its run was lost
    fake_github.add_comment(first, "Jag tittar på det här.", user=BEREDNING)
    handle(fake_github, tmp_path, event("edited", first, "anna-exempel"))  # a later event
    assert stage_labels(fake_github, first) == {BEREDA}
    click(fake_github, second, PRIORITERA, BEREDNING, remove=BEHOV)  # lost, no later event
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert stage_labels(fake_github, second) == {BEHOV}
    assert notes(fake_github, second)[0].startswith(f"@{BEREDNING} Ett behov kan inte gå")


def test_an_incomplete_need_cannot_reach_bereda(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake_github, tmp_path, body=BODY.replace("Bygglov", "Okänd enhet", 1))
    assert stage_labels(fake_github, number) == set()
    fake_github.label_issue(number, BEREDA, actor=BEREDNING)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    assert stage_labels(fake_github, number) == set()
    [told] = notes(fake_github, number)
    assert "förrän anmälan är komplett" in told


def test_a_rejection_without_a_reason_is_undone_and_with_one_closes(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, AVSLAGEN, BEREDNING, remove=BEHOV)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, AVSLAGEN))
    assert stage_labels(fake_github, number) == {BEHOV}
    assert "Skriv först en kommentar med skälet" in notes(fake_github, number)[0]
    fake_github.add_comment(number, "Det finns redan en <b>e-tjänst</b> för detta.", user=BEREDNING)
    click(fake_github, number, AVSLAGEN, BEREDNING, remove=BEHOV)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, AVSLAGEN))
    issue = fake_github.issue(number)
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    assert stage_labels(fake_github, number) == {AVSLAGEN}
    told = notes(fake_github, number)[-1]
    assert "Skälet:" in told
    assert "<b>" not in told
    assert "e-tjänst" in told


def test_closing_without_an_outcome_asks_once(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake_github, tmp_path)
    fake_github.set_state(number, "closed", actor=RAD)
    handle(fake_github, tmp_path, event("closed", number, RAD))
    handle(fake_github, tmp_path, event("closed", number, RAD))
    assert fake_github.issue(number).state == "closed"
    [asked] = notes(fake_github, number)
    assert asked.startswith(f"@{RAD} Ärendet är stängt men har inget utfall.")
    assert "stängt utan utfall" in status(fake_github, number).body


def _rejected(fake: FakeGitHub, tmp_path: Path) -> int:
    number = file_need(fake, tmp_path)
    click(fake, number, BEREDA, BEREDNING, remove=BEHOV)
    handle(fake, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    fake.add_comment(number, "Ingen ägare vill betala.", user=BEREDNING)
    click(fake, number, AVSLAGEN, BEREDNING, remove=BEREDA)
    handle(fake, tmp_path, event("labeled", number, BEREDNING, AVSLAGEN))
    assert fake.issue(number).state == "closed"
    return number


def test_reopening_by_an_allowed_person_restores_the_stage(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = _rejected(fake_github, tmp_path)
    fake_github.set_state(number, "open", actor=RAD)
    handle(fake_github, tmp_path, event("reopened", number, RAD))
    assert fake_github.issue(number).state == "open"
    assert stage_labels(fake_github, number) == {BEREDA}


def test_reopening_by_anyone_else_closes_it_again(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = _rejected(fake_github, tmp_path)
    fake_github.set_state(number, "open", actor=STRANGER)
    handle(fake_github, tmp_path, event("reopened", number, STRANGER))
    issue = fake_github.issue(number)
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    assert notes(fake_github, number)[-1].startswith(f"@{STRANGER} Bara ")


def test_a_record_edited_by_someone_else_is_not_trusted(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, BEREDA, BEREDNING, remove=BEHOV)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    comment = status(fake_github, number)
    forged = comment.body.replace('"stage": "bereda"', '"stage": "prioritera"')
    fake_github.edit_comment(comment.id, forged, editor=RAD)
    click(fake_github, number, "steg: utveckla", RAD, remove=PRIORITERA)
    handle(fake_github, tmp_path, event("labeled", number, RAD, "steg: utveckla"))
    assert stage_labels(fake_github, number) == {BEREDA}  # judged from the real stage
    body = status(fake_github, number).body
    assert f"@{RAD} ändrade robotens statuskommentar" in body
    assert record(fake_github, number)["stage"] == "bereda"
    assert fake_github.repo.comments[comment.id].body == forged  # the evidence stays


def test_a_burst_of_thirty_changes_on_thirty_needs_ends_consistent(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    numbers = [file_need(fake_github, tmp_path) for _ in range(30)]
    for index, number in enumerate(numbers):
        who, target = (BEREDNING, BEREDA) if index % 3 else (STRANGER, PRIORITERA)
        click(fake_github, number, target, who, remove=BEHOV)
    for index, number in enumerate(numbers):
        who, target = (BEREDNING, BEREDA) if index % 3 else (STRANGER, PRIORITERA)
        handle(fake_github, tmp_path, event("labeled", number, who, target))
    for index, number in enumerate(numbers):
        assert stage_labels(fake_github, number) == ({BEREDA} if index % 3 else {BEHOV})
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    writes = len(fake_github.writes)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert len(fake_github.writes) == writes


def test_the_bots_own_comment_is_never_taken_as_a_reason(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    fake_github.add_comment(number, "Robotens text.", user=BOT)
    click(fake_github, number, AVSLAGEN, BEREDNING, remove=BEHOV)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, AVSLAGEN))
    assert stage_labels(fake_github, number) == {BEHOV}


def test_the_portfolio_shows_accepted_moves_only(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, PRIORITERA, STRANGER, remove=BEHOV)  # refused
    handle(fake_github, tmp_path, event("labeled", number, STRANGER, PRIORITERA))
    click(fake_github, number, BEREDA, BEREDNING, remove=BEHOV)  # accepted
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    out = tmp_path / "portfolj"
    before = len(fake_github.requests)
    assert main(["portfolio", "--out", str(out)], env=fake_github.env(), pacing=FAST) == 0
    assert len(fake_github.requests) - before <= 1 + 5  # ⌈N/100⌉ + 5
    [need] = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["needs"]
    assert [(m["from"], m["to"], m["login"]) for m in need["moves"]] == [
        (None, "behov", BOT),
        ("behov", "bereda", BEREDNING),
    ]
    # A person's id survives a renamed login. The bot's entry, made in the run that read the
    # issue, is known by its login: the timeline it read did not name the bot yet.
    assert all(isinstance(m["user_id"], int) for m in need["moves"] if m["login"] != BOT)
    assert need["stage"] == "bereda"
    assert [v["stage"] for v in need["history"]] == ["behov", "bereda"]
