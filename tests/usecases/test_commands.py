"""Decisions and roles given in comments, end to end: `intake handle` on `issue_comment` events in
GitHub's shape, against the fake GitHub through the real client; each test asserts the end state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from intake.domain.lifecycle.commands import Command, Malformed, read_command, vocabulary
from intake.fakegithub import FakeGitHub
from intake.model.load import load_process
from tests.conftest import event_fixture
from tests.render.portfolio.need_pages import need_html_in
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
    record,
    stage_labels,
    status,
)

NAMES = vocabulary(load_process())


def comment_event(number: int, sender: str, body: str, comment_id: int) -> dict[str, Any]:
    """An `issue_comment.created` event in GitHub's shape."""
    payload = event("created", number, sender)
    payload["comment"] = event_fixture("issues-opened.json")["issue"] | {
        "id": comment_id,
        "body": body,
    }
    return payload


def say(fake: FakeGitHub, tmp_path: Path, number: int, who: str, body: str) -> int:
    """A person writes a comment; the workflow runs for it."""
    comment_id = fake.add_comment(number, body, user=who)
    path = tmp_path / f"comment-{comment_id}.json"
    path.write_text(json.dumps(comment_event(number, who, body, comment_id)), encoding="utf-8")
    from intake.cli.main import main
    from tests.conftest import FAST

    env = fake.env(GITHUB_EVENT_PATH=path, GITHUB_EVENT_NAME="issue_comment")
    assert main(["handle"], env=env, pacing=FAST) == 0
    return comment_id


def reactions(fake: FakeGitHub, comment_id: int) -> list[str]:
    return fake.repo.comments[comment_id].reactions


def in_prioritera(fake: FakeGitHub, tmp_path: Path) -> int:
    number = file_need(fake, tmp_path)
    click(fake, number, BEREDA, BEREDNING, remove="steg: behov")
    handle(fake, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    click(fake, number, PRIORITERA, BEREDNING, remove=BEREDA)
    handle(fake, tmp_path, event("labeled", number, BEREDNING, PRIORITERA))
    assert stage_labels(fake, number) == {PRIORITERA}
    return number


def test_commands_read_in_swedish_and_without_swedish_letters() -> None:
    decided = read_command("/Beslut avslå §12 Ryms inte i budgeten.\nMer text.", NAMES)
    assert decided == Command(
        kind="beslut",
        target="avslagen",
        paragraph="§12",
        motivering="Ryms inte i budgeten.\nMer text.",
    )
    assert read_command("/beslut aterremiss Mer underlag behövs.", NAMES) == Command(
        kind="beslut", target="bereda", motivering="Mer underlag behövs."
    )
    assert read_command("/projektagare @anna-a", NAMES) == Command(
        kind="projektagare", login="anna-a"
    )
    assert read_command("/steg förvalta", NAMES) == Command(kind="steg", target="forvalta")
    assert isinstance(read_command("/beslut utveckla", NAMES), Malformed)  # no motivering
    assert isinstance(read_command("/projektägare anna", NAMES), Malformed)  # no @
    assert read_command("Jag håller med /beslut", NAMES) is None


def test_a_command_the_process_does_not_offer_is_not_read_as_one() -> None:
    words = NAMES.model_copy(update={"duplicate": None})
    assert read_command("/dubblett #12", NAMES) == Command(
        kind="dubblett", target="dubblett", reference=12, motivering="Dubblett av #12."
    )
    found = read_command("/dubblett #12", words)
    assert isinstance(found, Malformed)
    assert found.kind == ""
    assert "/dubblett" not in found.usage
    assert "/återkalla" in found.usage


def test_a_full_path_from_decision_to_projektledare(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    decided = say(
        fake_github, tmp_path, number, RAD, "/beslut utveckla §4 Sparar 900 timmar om året."
    )
    assert stage_labels(fake_github, number) == {PRIORITERA}  # waits for a projektägare
    assert reactions(fake_github, decided) == ["+1"]
    owner = say(fake_github, tmp_path, number, RAD, "/projektägare @chef-bygglov")
    assert stage_labels(fake_github, number) == {"steg: utveckla"}  # the project starts
    assert reactions(fake_github, owner) == ["+1"]
    lead = say(fake_github, tmp_path, number, "chef-bygglov", "/projektledare @pl-bygglov")
    assert reactions(fake_github, lead) == ["+1"]
    data = record(fake_github, number)
    [decision] = data["decisions"]
    assert (decision["target"], decision["paragraph"], decision["login"]) == ("utveckla", "§4", RAD)
    assert decision["motivering"] == "Sparar 900 timmar om året."
    assert decision["url"].endswith(f"#issuecomment-{decided}")
    assert [(a["role"], a["login"], a["by"]) for a in data["appointments"]] == [
        ("projektagare", "chef-bygglov", RAD),
        ("projektledare", "pl-bygglov", "chef-bygglov"),
    ]
    assert data["moves"][-1]["to"] == "utveckla"
    body = status(fake_github, number).body
    assert "**Projektägare:** chef-bygglov" in body
    assert "**Projektledare:** pl-bygglov" in body
    from intake.cli.main import main
    from tests.conftest import FAST

    out = tmp_path / "portfolj"
    assert main(["portfolio", "--out", str(out)], env=fake_github.env(), pacing=FAST) == 0
    [need] = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["needs"]
    assert (need["projektagare"], need["projektledare"]) == ("chef-bygglov", "pl-bygglov")
    assert [d["target"] for d in need["decisions"]] == ["utveckla"]
    page = need_html_in(out, "digitaliseringsprocessen", number)
    assert 'id="beslut-och-roller">Beslut och roller' in page
    assert "<strong>Projektägare:</strong> chef-bygglov" in page


def test_a_refused_command_is_answered_only_to_role_holders(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    before = len(notes(fake_github, number))
    stranger = say(fake_github, tmp_path, number, STRANGER, "/beslut utveckla Bra idé.")
    assert reactions(fake_github, stranger) == []  # no role: no answer, no write
    assert len(notes(fake_github, number)) == before  # strangers cannot make the bot write
    member = say(fake_github, tmp_path, number, BEREDNING, "/beslut utveckla Bra idé.")
    assert reactions(fake_github, member) == ["-1"]
    assert notes(fake_github, number)[-1].startswith(f"@{BEREDNING} Beslutet eller flytten till")
    malformed = say(fake_github, tmp_path, number, RAD, "/beslut utveckla")
    assert reactions(fake_github, malformed) == ["-1"]
    assert "Skriv så här: /beslut utveckla" in notes(fake_github, number)[-1]
    assert record(fake_github, number)["decisions"] == []
    assert stage_labels(fake_github, number) == {PRIORITERA}


def test_preconditions_hold_for_labels_and_commands(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    click(fake_github, number, "steg: utveckla", RAD, remove=PRIORITERA)
    handle(fake_github, tmp_path, event("labeled", number, RAD, "steg: utveckla"))
    assert stage_labels(fake_github, number) == {PRIORITERA}
    assert "när rådet har beslutat det med /beslut" in notes(fake_github, number)[-1]
    lead = say(fake_github, tmp_path, number, RAD, "/projektledare @pl-bygglov")
    assert reactions(fake_github, lead) == ["-1"]
    assert "Utse först en projektägare" in notes(fake_github, number)[-1]


def test_a_rejection_by_command_closes_and_tells_why(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, RAD, "/beslut avslå Ryms inte i årets budget.")
    issue = fake_github.issue(number)
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    told = notes(fake_github, number)[-1]
    assert "Skälet:" in told
    assert "Ryms inte i årets budget." in told


def test_a_later_decision_supersedes_and_both_stay(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, RAD, "/beslut utveckla Första beslutet.")
    say(fake_github, tmp_path, number, RAD, "/beslut avveckla Vi ändrade oss.")
    say(fake_github, tmp_path, number, RAD, "/projektägare @chef-bygglov")
    say(fake_github, tmp_path, number, RAD, "/projektägare @annan-chef")
    data = record(fake_github, number)
    assert [d["target"] for d in data["decisions"]] == ["utveckla", "avveckla"]
    assert stage_labels(fake_github, number) == {"steg: avveckla"}
    assert "**Projektägare:** annan-chef" in status(fake_github, number).body


def test_an_edited_command_is_never_executed(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = in_prioritera(fake_github, tmp_path)
    comment_id = fake_github.add_comment(number, "/beslut utveckla Först.", user=RAD)
    fake_github.edit_comment(comment_id, "/beslut avslå Sedan.", editor=RAD)
    handle(fake_github, tmp_path, event("edited", number, "anna-exempel"))
    assert record(fake_github, number)["decisions"] == []
    assert fake_github.issue(number).state == "open"


def test_a_lost_command_run_is_picked_up_and_a_rerun_records_nothing_twice(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    fake_github.add_comment(number, "/beslut utveckla Sparar tid.", user=RAD)  # its run was lost
    from intake.cli.main import main
    from tests.conftest import FAST

    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert len(record(fake_github, number)["decisions"]) == 1
    writes = len(fake_github.writes)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert len(fake_github.writes) == writes
    assert len(record(fake_github, number)["decisions"]) == 1


def test_the_projektagare_moves_the_project_on_by_command(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, RAD, "/beslut utveckla Sparar tid.")
    say(fake_github, tmp_path, number, RAD, "/projektägare @chef-bygglov")
    refused = say(fake_github, tmp_path, number, STRANGER, "/steg förvalta")
    assert reactions(fake_github, refused) == []
    moved = say(fake_github, tmp_path, number, "chef-bygglov", "/steg Förvalta")
    assert reactions(fake_github, moved) == ["+1"]
    assert stage_labels(fake_github, number) == {"steg: förvalta"}
    assert record(fake_github, number)["moves"][-1]["login"] == "chef-bygglov"


def test_an_assessment_is_recorded_and_scores_the_need(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    by_group = say(fake_github, tmp_path, number, BEREDNING, "/bedömning nytta=4 insats=2 risk=3")
    by_stranger = say(fake_github, tmp_path, number, STRANGER, "/bedomning nytta=5")
    wrong = say(fake_github, tmp_path, number, RAD, "/bedömning nytta=9")
    assert (reactions(fake_github, by_group), reactions(fake_github, by_stranger)) == (
        ["+1"],
        [],
    )
    assert reactions(fake_github, wrong) == ["-1"]
    assert "värdena 1 till 5" in notes(fake_github, number)[-1]
    [assessment] = record(fake_github, number)["assessments"]
    assert assessment["values"] == {"nytta": 4, "insats": 2, "risk": 3}
    from intake.cli.main import main
    from tests.conftest import FAST

    out = tmp_path / "portfolj"
    assert main(["portfolio", "--out", str(out)], env=fake_github.env(), pacing=FAST) == 0
    [need] = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["needs"]
    assert need["score"] == round(100 * (3 * 0.75 + 2 * 0.75 + 1 * 0.5) / 6)
    agenda = (out / "dagordning" / "index.md").read_text(encoding="utf-8")
    assert f'href="../behov/digitaliseringsprocessen/{number}/"' in agenda


def test_the_initiator_withdraws_their_own_need(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake_github, tmp_path)
    other = say(fake_github, tmp_path, number, STRANGER, "/återkalla Jag vill inte.")
    assert reactions(fake_github, other) == []
    assert fake_github.issue(number).state == "open"
    own = say(fake_github, tmp_path, number, "anna-exempel", "/aterkalla Vi löste det själva.")
    assert reactions(fake_github, own) == ["+1"]
    issue = fake_github.issue(number)
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    assert stage_labels(fake_github, number) == {"utfall: återkallad"}


def test_a_duplicate_is_closed_linking_the_need_it_repeats(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    first = file_need(fake_github, tmp_path)
    second = file_need(fake_github, tmp_path)
    said = say(fake_github, tmp_path, second, BEREDNING, f"/dubblett #{first}")
    assert reactions(fake_github, said) == ["+1"]
    assert stage_labels(fake_github, second) == {"utfall: dubblett"}
    assert fake_github.issue(second).state == "closed"
    assert notes(fake_github, second)[-1].endswith(f"Det finns redan som #{first}.")
    wrong = say(fake_github, tmp_path, first, BEREDNING, "/dubblett 12")
    assert reactions(fake_github, wrong) == ["-1"]
