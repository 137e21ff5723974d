"""What strangers can fill never moves the record: a flood of junk commands, a stranger's canvas
and follow-up, a squatted reference; and the record's own people: corrections, reopening, the
arena's owner, a record anywhere among the comments, two runs at the same moment. End to end
against the fake GitHub; each test asserts the end state and counts writes, never times."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from intake.adapters.github import GitHub
from intake.adapters.settings import settings_from_env
from intake.cli.main import main
from intake.domain.lifecycle.triage import TriageView
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.fakegithub import BOT, FakeGitHub
from intake.model.load import load_process
from intake.usecases.triage import settle_need
from tests.conftest import FAST
from tests.usecases.test_commands import in_prioritera, reactions, say
from tests.usecases.test_linking import CANVAS, FOLLOW_UP
from tests.usecases.test_registration import REGISTRAR
from tests.usecases.test_triage import (
    BEREDA,
    BEREDNING,
    BODY,
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

PROCESS = load_process()
INITIATOR = "anna-exempel"  # file_need's author


def portfolio(fake: FakeGitHub, out: Path) -> dict[int, dict[str, Any]]:
    assert main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST) == 0
    data = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    return {need["number"]: need for need in data["needs"]}


# --- a flood of junk commands ---------------------------------------------------------------


def test_after_520_junk_commands_the_need_stays_put_and_a_run_costs_few_writes(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, RAD, "/beslut återremiss Behöver en kostnadskalkyl.")
    click(fake_github, number, PRIORITERA, BEREDNING, remove=BEREDA)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, PRIORITERA))
    before = record(fake_github, number)
    for index in range(520):  # the workflow's if: starts no run for a stranger's comment
        fake_github.add_comment(number, f"/steg bereda {index}", user=STRANGER)
    writes, requests = len(fake_github.writes), len(fake_github.requests)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    first = len(fake_github.writes) - writes
    first_requests = len(fake_github.requests) - requests
    assert first <= 10
    assert first == 1  # the status comment remembers where it read up to; no answer, no reaction
    # The issue list with its comments and the triage timeline, each in pages of 100; one write.
    pages = -(-(520 + len(fake_github.repo.comments) + 20) // 100)
    assert first_requests <= 2 * pages + 2
    after = record(fake_github, number)
    assert stage_labels(fake_github, number) == {PRIORITERA}
    assert [d["target"] for d in after["decisions"]] == ["bereda"]  # sent back once, not again
    assert after["moves"] == before["moves"]
    assert all(c.reactions == [] for c in fake_github.repo.comments.values() if c.user == STRANGER)
    writes = len(fake_github.writes)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, PRIORITERA))
    assert len(fake_github.writes) == writes  # the next run has nothing to write
    assert portfolio(fake_github, tmp_path / "p")[number]["stage"] == "prioritera"


def test_a_command_committed_late_with_a_lower_id_is_still_judged(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    late = fake_github.add_comment(number, "/bedömning nytta=4 insats=2 risk=3", user=BEREDNING)
    hidden = fake_github.repo.comments.pop(late)  # not yet visible to the next read
    say(fake_github, tmp_path, number, RAD, "/bedömning nytta=2 insats=2 risk=2")
    fake_github.repo.comments[late] = hidden  # committed now, with the lower id
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assessors = [a["login"] for a in record(fake_github, number)["assessments"]]
    assert sorted(assessors) == sorted([RAD, BEREDNING])
    assert reactions(fake_github, late) == ["+1"]
    writes = len(fake_github.writes)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert len(fake_github.writes) == writes  # and judged once


# --- forms count only from their owners -----------------------------------------------------


def test_a_strangers_canvas_and_follow_up_never_reach_the_need(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    before = portfolio(fake_github, tmp_path / "fore")[number]
    canvas = _file_form(fake_github, tmp_path, "projektcanvas", CANVAS, number, STRANGER)
    follow_up = _file_form(fake_github, tmp_path, "nyttouppfoljning", FOLLOW_UP, number, STRANGER)
    for form in (canvas, follow_up):
        [receipt] = fake_github.bot_comments(form)
        assert "Du kan inte koppla en " in receipt.body
        assert fake_github.issue(form).state == "open"  # not linked, so not closed
    assert not [c for c in fake_github.bot_comments(number) if "intake:bilaga" in c.body]
    assert record(fake_github, number)["links"] == []
    after = portfolio(fake_github, tmp_path / "efter")[number]
    assert (after["canvases"], after["followups"], after["realised"]) == ([], [], [])
    assert after == before  # nothing of the stranger's forms reached the need
    own = _file_form(fake_github, tmp_path, "projektcanvas", CANVAS, number, INITIATOR)
    assert fake_github.issue(own).state == "closed"
    assert record(fake_github, number)["links"] == [{"form": "projektcanvas", "number": own}]
    [shown] = portfolio(fake_github, tmp_path / "sist")[number]["canvases"]
    assert shown["number"] == own


def _file_form(
    fake: FakeGitHub, tmp_path: Path, form_id: str, answers: dict[str, str], need: int, user: str
) -> int:
    answers = answers | {"behovsnummer": f"#{need}"}
    body = render_body(issue_form(PROCESS, PROCESS.form(form_id)), answers)
    number = fake.add_issue(f"{PROCESS.form(form_id).name}: bygglov", body, user=user)
    assert handle(fake, tmp_path, event("opened", number, user)) == 0
    return number


def test_a_strangers_follow_up_never_changes_the_index(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    _file_form(fake_github, tmp_path, "projektcanvas", CANVAS, number, INITIATOR)
    out = tmp_path / "fore"
    portfolio(fake_github, out)
    index = (out / "digitaliseringsindex" / "index.md").read_text(encoding="utf-8")
    better = FOLLOW_UP | {"nytta1_varde": "3 veckor"}  # would reach the canvas's target
    _file_form(fake_github, tmp_path, "nyttouppfoljning", better, number, STRANGER)
    again = tmp_path / "efter"
    assert portfolio(fake_github, again)[number]["realised"] == []
    assert (again / "digitaliseringsindex" / "index.md").read_text(encoding="utf-8") == index


# --- references belong to the import ---------------------------------------------------------


def test_a_squatted_reference_is_reported_and_the_real_row_filed(
    fake_github: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    squatter = fake_github.add_issue("Behov: låtsas", _with_reference("T-1"), user=STRANGER)
    summary = tmp_path / "summary.md"
    out = tmp_path / "status.csv"
    env = fake_github.env(GITHUB_STEP_SUMMARY=summary)
    csv_file = Path(__file__).parents[1] / "fixtures" / "import" / "utf8-comma.csv"
    args = ["import", str(csv_file), "--status", str(out), "--pause", "0"]
    assert main(args, env=env, pacing=FAST) == 1  # a conflict is a problem to look at
    filed = [i for i in fake_github.repo.issues.values() if i.user == BOT]
    assert len(filed) == 2  # both rows filed, T-1 too
    said = summary.read_text(encoding="utf-8")
    plain = html.unescape(said).replace("\u200b", "").replace("\\", "")  # as GitHub shows it
    assert f"Konflikt: #{squatter}" in plain
    status_file = out.read_text(encoding="utf-8-sig")
    assert f"Samma referens i #{squatter}" in status_file
    assert f";{squatter};" not in status_file  # the squatter's stage is never the channel's
    assert main(args, env=env, pacing=FAST) == 1
    assert len([i for i in fake_github.repo.issues.values() if i.user == BOT]) == 2  # once


def _with_reference(reference: str) -> str:
    """A need's body as the form writes it, naming the channel's reference."""
    heading = "### Referens i e-tjänsten\n\n"
    assert heading in BODY
    start = BODY.index(heading) + len(heading)
    end = BODY.find("\n\n###", start)
    return BODY[:start] + reference + (BODY[end:] if end != -1 else "")


# --- the record's people ----------------------------------------------------------------------


def test_a_wrong_diarienummer_is_corrected_by_command(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, REGISTRAR, "/diarienummer KS 2026/12")
    refused = say(fake_github, tmp_path, number, STRANGER, "/rätta diarienummer KS 2026/99")
    assert reactions(fake_github, refused) == []
    fixed = say(
        fake_github,
        tmp_path,
        number,
        RAD,
        "/rätta diarienummer KS 2026/21\nSiffrorna var omkastade, se 19121212-1212.",
    )
    assert reactions(fake_github, fixed) == ["+1"]
    data = record(fake_github, number)
    assert [r["diarienummer"] for r in data["registrations"]] == ["KS 2026/12"]  # kept as given
    [correction] = data["corrections"]
    assert (correction["previous"], correction["value"], correction["login"]) == (
        "KS 2026/12",
        "KS 2026/21",
        RAD,
    )
    assert "19121212" not in json.dumps(data)
    assert "Siffrorna var omkastade" in correction["reason"]
    assert "**Diarienummer:** KS 2026/21" in status(fake_github, number).body
    assert notes(fake_github, number)[-1] == f"@{RAD} Diarienumret KS 2026/21 är sparat."
    assert portfolio(fake_github, tmp_path / "p")[number]["diarienummer"] == "KS 2026/21"


def test_a_decisions_paragraph_is_corrected_by_the_council(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, RAD, "/beslut utveckla §4 Sparar tid.")
    say(fake_github, tmp_path, number, BEREDNING, "/rätta paragraf §7")  # not the council's
    say(fake_github, tmp_path, number, RAD, "/rätta paragraf § 5")
    assert "**Beslut §5:**" in status(fake_github, number).body
    [decision] = portfolio(fake_github, tmp_path / "p")[number]["decisions"]
    assert decision["paragraph"] == "§5"


def test_an_initiator_reopens_their_own_withdrawn_need(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, BEREDA, BEREDNING, remove="steg: behov")
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    say(fake_github, tmp_path, number, INITIATOR, "/återkalla Vi löste det själva.")
    assert fake_github.issue(number).state == "closed"
    other = say(fake_github, tmp_path, number, BEREDNING, "/återuppta")
    assert reactions(fake_github, other) == ["-1"]
    assert fake_github.issue(number).state == "closed"
    own = say(fake_github, tmp_path, number, INITIATOR, "/ateruppta")
    assert reactions(fake_github, own) == ["+1"]
    assert fake_github.issue(number).state == "open"
    assert stage_labels(fake_github, number) == {BEREDA}
    assert [m["to"] for m in record(fake_github, number)["moves"]][-2:] == ["aterkallad", "bereda"]


def test_the_arena_handover_tells_the_role_that_receives_it(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    click(fake_github, number, BEREDA, BEREDNING, remove="steg: behov")
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    arena = "utfall: utvecklingsarena"
    click(fake_github, number, arena, BEREDNING, remove=BEREDA)
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, arena))
    people = PROCESS.people("digitaliseringsdirektor")
    assert people == ["digidirektor-exempel"]
    handover = notes(fake_github, number)[-1]
    assert handover.startswith("@digidirektor-exempel Behovet har lämnats över")
    assert "digitaliseringsdirektören" in handover


@pytest.mark.parametrize("before", [25, 130])
def test_the_portfolio_finds_the_record_after_many_comments(
    fake_github: FakeGitHub, tmp_path: Path, before: int
) -> None:
    number = fake_github.add_issue("Behov: Snabbare bygglov", BODY, user=INITIATOR)
    for index in range(before):
        fake_github.add_comment(number, f"Håller med, nummer {index}.", user=STRANGER)
    handle(fake_github, tmp_path, event("opened", number, INITIATOR))
    click(fake_github, number, BEREDA, BEREDNING, remove="steg: behov")
    handle(fake_github, tmp_path, event("labeled", number, BEREDNING, BEREDA))
    say(fake_github, tmp_path, number, REGISTRAR, "/diarienummer KS 2026/7")
    need = portfolio(fake_github, tmp_path / "p")[number]
    assert need["diarienummer"] == "KS 2026/7"  # read from the record, after the comments
    assert [m["login"] for m in need["moves"]][-1] == BEREDNING


# --- two runs at the same moment --------------------------------------------------------------


class _Racing(GitHub):
    """The gateway of a run that another run overtakes between its read and its first write."""

    def __init__(self, fake: FakeGitHub) -> None:
        super().__init__(settings_from_env(fake.env()), FAST)
        self.fake = fake
        self.raced = False

    def triage_view(self, number: int) -> TriageView:
        view = super().triage_view(number)
        if not self.raced:
            self.raced = True  # the nightly run reads, judges and writes meanwhile
            assert main(["reconcile"], env=self.fake.env(), pacing=FAST) == 0
        return view


def test_a_reconciliation_racing_an_intake_run_keeps_the_record_whole(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    command = fake_github.add_comment(number, "/bedömning nytta=4 insats=2 risk=3", user=BEREDNING)
    racing = _Racing(fake_github)
    outcome = settle_need(racing, PROCESS, number, bot=BOT, ref="main", adopt=False)
    assert racing.raced
    assert outcome.writes == 0  # it read again before writing, and found the work done
    [assessment] = record(fake_github, number)["assessments"]
    assert assessment["login"] == BEREDNING
    assert reactions(fake_github, command) == ["+1"]
    assert [n for n in notes(fake_github, number) if "bedömning är sparad" in n] == [
        f"@{BEREDNING} Din bedömning är sparad."
    ]
