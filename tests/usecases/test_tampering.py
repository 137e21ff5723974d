"""The record holds against people with write access: an edited or deleted status comment, an
edited note and a deleted version of the history lose no accepted entry, the tamper shows in the
need and on its portfolio page, and nothing others changed is ever deleted. End to end: `intake
handle` on `issue_comment` events in GitHub's shapes, against the fake GitHub."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from intake.cli.main import main
from intake.domain.lifecycle.triage import STATUS_MARKER
from intake.fakegithub import BOT, FakeGitHub
from intake.fakegithub.history import delete_comment, delete_revision, edit_comment
from tests.conftest import FAST, assert_valid
from tests.render.portfolio.need_pages import need_html_in
from tests.usecases.test_commands import in_prioritera, say
from tests.usecases.test_triage import (
    BEREDNING,
    PRIORITERA,
    RAD,
    click,
    event,
    handle,
    notes,
    record,
    stage_labels,
    status,
)

WRITER = "it-chef-exempel"  # has write access: may edit and delete anyone's comments


def run_event(fake: FakeGitHub, tmp_path: Path, payload: dict[str, Any]) -> None:
    """The intake workflow runs for an `issue_comment` event (the bot's comment changed)."""
    path = tmp_path / f"event-{len(fake.requests)}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    env = fake.env(GITHUB_EVENT_PATH=path, GITHUB_EVENT_NAME="issue_comment")
    assert main(["handle"], env=env, pacing=FAST) == 0


def decided(fake: FakeGitHub, tmp_path: Path) -> int:
    """A need sent back once, returned to Prioritera, decided and started: moves, decisions and
    an appointment, each by its own command or label."""
    number = in_prioritera(fake, tmp_path)
    say(fake, tmp_path, number, RAD, "/beslut återremiss Behöver en kostnadskalkyl.")
    click(fake, number, PRIORITERA, BEREDNING, remove="steg: bereda")
    handle(fake, tmp_path, event("labeled", number, BEREDNING, PRIORITERA))
    say(fake, tmp_path, number, RAD, "/beslut utveckla §4 Sparar 900 timmar om året.")
    say(fake, tmp_path, number, RAD, "/projektägare @chef-bygglov")
    assert stage_labels(fake, number) == {"steg: utveckla"}
    return number


def accepted(data: dict[str, Any]) -> tuple[Any, ...]:
    """What must never be lost: the stage, every move, decision, appointment, assessment."""
    keys = ("stage", "moves", "decisions", "appointments", "assessments", "registrations")
    return tuple(json.dumps(data[key], sort_keys=True) for key in keys)


def page(fake: FakeGitHub, tmp_path: Path, number: int) -> str:
    out = tmp_path / "portfolj"
    assert main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST) == 0
    return need_html_in(out, "digitaliseringsprocessen", number)


def test_the_events_of_people_changing_comments_are_in_githubs_shape(
    fake_github: FakeGitHub,
) -> None:
    number = fake_github.add_issue("Behov: x", "text")
    comment = fake_github.add_comment(number, f"{STATUS_MARKER}\nsteg", user=BOT)
    edited = edit_comment(fake_github, comment, "ändrat", editor=WRITER)
    assert_valid("webhooks/webhook-issue-comment-edited", edited)
    assert edited["changes"]["body"]["from"] == f"{STATUS_MARKER}\nsteg"
    deleted = delete_comment(fake_github, comment, by=WRITER)
    assert_valid("webhooks/webhook-issue-comment-deleted", deleted)
    assert (deleted["sender"]["login"], deleted["comment"]["body"]) == (WRITER, "ändrat")
    assert comment not in fake_github.repo.comments


def test_an_edited_record_loses_nothing_and_the_tamper_shows(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    before = record(fake_github, number)
    original = status(fake_github, number)
    forged = original.body.replace('"stage": "utveckla"', '"stage": "prioritera"')
    forged = forged.split('"decisions": ')[0] + '"decisions": []} -->'
    run_event(fake_github, tmp_path, edit_comment(fake_github, original.id, forged, editor=WRITER))
    assert accepted(record(fake_github, number)) == accepted(before)
    assert stage_labels(fake_github, number) == {"steg: utveckla"}
    fresh = status(fake_github, number)
    assert fresh.id != original.id  # restored into a fresh status comment
    assert f"@{WRITER} ändrade robotens statuskommentar" in fresh.body
    assert fake_github.repo.comments[original.id].body == forged  # the evidence stays
    shown = html.unescape(page(fake_github, tmp_path, number))  # the page escapes @ : ( )
    assert "Ändrat av någon annan<a" in shown
    assert f"@{WRITER} ändrade robotens statuskommentar" in shown
    assert "Sparar 900 timmar om året." in shown


def test_a_deleted_record_is_restored_from_the_notes(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    say(fake_github, tmp_path, number, BEREDNING, "/bedömning nytta=4 insats=2 risk=3")
    before = record(fake_github, number)
    run_event(
        fake_github,
        tmp_path,
        delete_comment(fake_github, status(fake_github, number).id, by=WRITER),
    )
    after = record(fake_github, number)
    assert accepted(after) == accepted(before)
    assert [m["to"] for m in after["moves"]] == [
        "behov",
        "bereda",
        "prioritera",
        "bereda",  # sent back once, not twice
        "prioritera",
        "utveckla",
    ]
    assert f"@{WRITER} tog bort robotens statuskommentar" in status(fake_github, number).body
    writes = len(fake_github.writes)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert len(fake_github.writes) == writes  # restored once; the nightly run finds it whole


def test_a_record_deleted_between_runs_is_restored_by_the_nightly_run(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    before = record(fake_github, number)
    delete_comment(fake_github, status(fake_github, number).id, by=WRITER)  # its run was lost
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert accepted(record(fake_github, number)) == accepted(before)
    assert "Någon tog bort robotens statuskommentar" in status(fake_github, number).body
    assert 'id="andrat-av-nagon-annan">Ändrat av någon annan' in page(fake_github, tmp_path, number)


def test_an_edited_note_is_recorded_and_loses_nothing(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    before = record(fake_github, number)
    note = next(
        c for c in fake_github.bot_comments(number) if c.body.startswith("@chef-bygglov är utsedd")
    )
    payload = edit_comment(fake_github, note.id, "@nagon-annan är utsedd", editor=WRITER)
    run_event(fake_github, tmp_path, payload)
    after = record(fake_github, number)
    assert accepted(after) == accepted(before)
    assert after["tampering"][-1] | {"at": None} == {
        "comment": note.id,
        "what": "note",
        "action": "edited",
        "login": WRITER,
        "at": None,
    }
    assert f"@{WRITER} ändrade ett av robotens meddelanden" in status(fake_github, number).body
    assert fake_github.repo.comments[note.id].body == "@nagon-annan är utsedd"
    writes = len(fake_github.writes)
    run_event(fake_github, tmp_path, payload)  # the same event again: nothing new to say
    assert len(fake_github.writes) == writes


def test_a_version_deleted_from_the_history_is_found_on_the_next_run(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    before = record(fake_github, number)
    original = status(fake_github, number)
    delete_revision(fake_github, original.id, 0, by=WRITER)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert accepted(record(fake_github, number)) == accepted(before)
    body = status(fake_github, number).body
    assert f"@{WRITER} tog bort en tidigare version av robotens statuskommentar" in body
    assert original.id in fake_github.repo.comments  # never deleted


def test_a_forged_note_is_never_taken_as_the_record(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    note = next(c for c in fake_github.bot_comments(number) if "<!-- intake:note " in c.body)
    forged = note.body.split("<!-- intake:note ")[0] + (
        '<!-- intake:note {"revision": 999, "stage": "avslagen"} -->'
    )
    edit_comment(fake_github, note.id, forged, editor=WRITER)
    delete_comment(fake_github, status(fake_github, number).id, by=WRITER)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert record(fake_github, number)["stage"] == "utveckla"
    assert stage_labels(fake_github, number) == {"steg: utveckla"}
    assert all("avslagen" not in n for n in notes(fake_github, number)[-1:])


def test_text_masking_removed_is_never_restored_into_a_comment(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = decided(fake_github, tmp_path)
    # Copies written before masking existed: the bot's own, so trusted, with a personnummer.
    for note in fake_github.bot_comments(number):
        if "<!-- intake:note " in note.body and "Sparar 900 timmar om året." in note.body:
            old = note.body.replace("Sparar 900 timmar om året.", "Sparar tid, se 19121212-1212.")
            fake_github.edit_comment(note.id, old, editor=BOT)
    run_event(
        fake_github,
        tmp_path,
        delete_comment(fake_github, status(fake_github, number).id, by=WRITER),
    )
    fresh = status(fake_github, number)
    assert "19121212" not in fresh.body
    assert (
        "Sparar tid, se [personnummer borttaget]."
        in record(fake_github, number)["decisions"][-1]["motivering"]
    )
