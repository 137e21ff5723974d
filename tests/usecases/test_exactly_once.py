"""With faults after writes, every scenario leaves exactly what it leaves without them: the same
issues, comments, labels, reactions and workflow runs (GitHub carried each write out, then the
answer was a 502, or the connection dropped, or the answer broke off)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from intake.cli.main import main
from intake.fakegithub import FakeGitHub, Fault
from tests.conftest import FAST
from tests.usecases.test_commands import in_prioritera, say
from tests.usecases.test_import import IMPORT
from tests.usecases.test_triage import (
    BEREDA,
    BEREDNING,
    PRIORITERA,
    RAD,
    STRANGER,
    click,
    event,
    file_need,
    handle,
    notes,
    stage_labels,
    status,
)


def _intake(fake: FakeGitHub, tmp_path: Path) -> None:
    file_need(fake, tmp_path)


def _triage(fake: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake, tmp_path)
    click(fake, number, BEREDA, BEREDNING, remove="steg: behov")
    handle(fake, tmp_path, event("labeled", number, BEREDNING, BEREDA))  # accepted, dispatched
    click(fake, number, PRIORITERA, STRANGER, remove=BEREDA)
    handle(fake, tmp_path, event("labeled", number, STRANGER, PRIORITERA))  # refused, reverted


def _commands(fake: FakeGitHub, tmp_path: Path) -> None:
    number = in_prioritera(fake, tmp_path)
    say(fake, tmp_path, number, RAD, "/beslut utveckla §4 Sparar 900 timmar om året.")
    say(fake, tmp_path, number, RAD, "/projektägare @chef-bygglov")
    say(fake, tmp_path, number, STRANGER, "/beslut avslå Nej.")  # someone else's to give


def _import(fake: FakeGitHub, tmp_path: Path) -> None:
    path = IMPORT / "utf8-comma.csv"
    assert main(["import", str(path), "--pause", "0"], env=fake.env(), pacing=FAST) == 0


SCENARIOS: dict[str, Callable[[FakeGitHub, Path], None]] = {
    "intake": _intake,
    "triage": _triage,
    "commands": _commands,
    "import": _import,
}
# Every other write (a retried idempotent write then passes; a new comment, issue or run is
# read back); the listings still show what was written.
FAULTS = {
    "502 after the write": Fault("status", status=502),
    "dropped after the write": Fault("drop"),
    "cut short after the write": Fault("truncated"),
}


def _end_state(fake: FakeGitHub) -> dict[str, Any]:
    """What the scenario left, without what differs by chance: keys, times and database ids."""

    def plain(text: str | None) -> str:
        text = re.sub(r"\n\n<!-- intake:key [0-9a-f-]+ -->$", "", text or "")
        text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\+00:00|Z)", "<time>", text)
        return re.sub(r"\d{4,}", "<id>", text)

    with fake.lock:
        return {
            "issues": sorted(
                (i.number, i.title, plain(i.body), i.state, sorted(i.labels))
                for i in fake.repo.issues.values()
            ),
            "comments": sorted(
                (c.issue, c.user, plain(c.body), sorted(c.reactions))
                for c in fake.repo.comments.values()
            ),
            "dispatches": fake.dispatches,
            "labels": sorted(label.name for label in fake.repo.labels.values()),
        }


def _played(scenario: str, tmp_path: Path, fault: Fault | None) -> dict[str, Any]:
    tmp_path.mkdir()
    with FakeGitHub() as fake:
        if fault is not None:
            fake.inject(fault)
        SCENARIOS[scenario](fake, tmp_path)
        if fault is not None:
            assert fault.seen >= 4, "the scenario met too few faults to prove anything"
        return _end_state(fake)


@pytest.mark.parametrize("kind", FAULTS.values(), ids=FAULTS.keys())
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_faults_after_writes_leave_exactly_what_a_clean_run_leaves(
    scenario: str, kind: Fault, tmp_path: Path
) -> None:
    clean = _played(scenario, tmp_path / "clean", None)
    fault = Fault(kind.kind, status=kind.status, times=10_000, method="WRITE", after=True, every=2)
    faulted = _played(scenario, tmp_path / "faulted", fault)
    assert faulted == clean


# --- a run cut short is finished by the next one, without saying anything twice -----------------

# An accepted move is cut before its record is written, a refused one before its label is put
# back (it changes no record).
CUTS = {
    "accepted move": (True, Fault("status", times=10_000, method="PATCH", path="/comments/")),
    "refused move": (
        False,
        Fault("status", times=10_000, method="POST", path=r"/issues/\d+/labels$"),
    ),
}


@pytest.mark.parametrize(("accepted", "cut"), CUTS.values(), ids=CUTS.keys())
def test_the_next_run_finishes_a_run_cut_short(
    fake_github: FakeGitHub, tmp_path: Path, accepted: bool, cut: Fault
) -> None:
    number = file_need(fake_github, tmp_path)
    who = BEREDNING if accepted else STRANGER
    click(fake_github, number, BEREDA, who, remove="steg: behov")
    fake_github.inject(cut)
    assert handle(fake_github, tmp_path, event("labeled", number, who, BEREDA)) == 3
    said = len(notes(fake_github, number))
    assert said == 1  # the note went first
    cut.times = 0  # GitHub is well again
    assert handle(fake_github, tmp_path, event("labeled", number, who, BEREDA)) == 0
    assert len(notes(fake_github, number)) == said
    assert stage_labels(fake_github, number) == ({BEREDA} if accepted else {"steg: behov"})
    assert ("bereda" in status(fake_github, number).body) == accepted
    assert fake_github.dispatches == (
        [{"workflow": "pages.yml", "ref": "main"}] if accepted else []
    )
    assert handle(fake_github, tmp_path, event("labeled", number, who, BEREDA)) == 0
    assert len(notes(fake_github, number)) == said  # and a third run changes nothing


def test_an_import_cut_short_after_filing_is_answered_by_the_next_run(
    fake_github: FakeGitHub,
) -> None:
    path = str(IMPORT / "utf8-comma.csv")
    cut = fake_github.inject(Fault("status", times=10_000, method="POST", path="/comments$"))
    assert main(["import", path, "--pause", "0"], env=fake_github.env(), pacing=FAST) == 3
    [filed] = fake_github.repo.issues.values()  # filed, then its answer failed
    assert (fake_github.bot_comments(filed.number), filed.labels) == ([], [])
    cut.times = 0
    assert main(["import", path, "--pause", "0"], env=fake_github.env(), pacing=FAST) == 0
    issues = list(fake_github.repo.issues.values())
    assert len({i.title for i in issues}) == len(issues)  # nothing filed twice
    assert all(len(fake_github.bot_comments(i.number)) == 1 and i.labels for i in issues)
