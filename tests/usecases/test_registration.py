"""Registration, end to end: `/diarienummer` by the registrar on `issue_comment` events, against the
fake GitHub through the real client; the record, the answers, the need's page, the exports and the
agenda's list of decided needs that are not registered."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from intake.cli.main import main
from intake.domain.lifecycle.commands import Command, Malformed, read_command, vocabulary
from intake.fakegithub import FakeGitHub
from intake.model.load import load_process
from tests.conftest import FAST
from tests.render.portfolio.need_pages import need_html_in
from tests.usecases.test_commands import in_prioritera, reactions, say
from tests.usecases.test_triage import (
    BEREDNING,
    RAD,
    STRANGER,
    file_need,
    notes,
    record,
    stage_labels,
    status,
)

REGISTRAR = "registrator-exempel"
NAMES = vocabulary(load_process())


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("/diarienummer KS 2026/123", "KS 2026/123"),
        ("/Diarienummer  SBN-2026-0042 ", "SBN-2026-0042"),
        ("/diarienummer 2026.117", "2026.117"),
    ],
)
def test_a_diarienummer_is_read_loosely(text: str, number: str) -> None:
    assert read_command(text, NAMES) == Command(kind="diarienummer", diarienummer=number)


@pytest.mark.parametrize(
    "text",
    [
        "/diarienummer",
        "/diarienummer utan siffror",
        "/diarienummer <b>1</b>",
        "/diarienummer " + "1" * 60,
    ],
)
def test_a_malformed_diarienummer_gets_the_usage(text: str) -> None:
    found = read_command(text, NAMES)
    assert isinstance(found, Malformed)
    assert "/diarienummer KS 2026/123" in found.usage


def portfolio(fake: FakeGitHub, out: Path) -> dict[str, object]:
    assert main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST) == 0
    [need] = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))["needs"]
    assert isinstance(need, dict)
    return need


def test_the_registrar_records_the_diarienummer_on_a_decided_need(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = in_prioritera(fake_github, tmp_path)
    say(fake_github, tmp_path, number, RAD, "/beslut avslå Ryms inte i årets budget.")
    agenda = tmp_path / "fore"
    portfolio(fake_github, agenda)
    waiting = (agenda / "dagordning" / "index.md").read_text(encoding="utf-8")
    assert (
        f'href="../behov/digitaliseringsprocessen/{number}/"'
        in waiting.split("## Beslut som inte är registrerade")[1]
    )
    assert "ej registrerat" in waiting

    given = say(fake_github, tmp_path, number, REGISTRAR, "/diarienummer KS 2026/123")
    assert reactions(fake_github, given) == ["+1"]
    [registration] = record(fake_github, number)["registrations"]
    assert (registration["diarienummer"], registration["login"]) == ("KS 2026/123", REGISTRAR)
    assert registration["url"].endswith(f"#issuecomment-{given}")
    assert "**Diarienummer:** KS 2026/123" in status(fake_github, number).body
    assert stage_labels(fake_github, number) == {"utfall: avslagen"}  # no move

    out = tmp_path / "efter"
    need = portfolio(fake_github, out)
    assert need["diarienummer"] == "KS 2026/123"
    page = need_html_in(out, "digitaliseringsprocessen", number)
    assert "<li><strong>Diarienummer:</strong> KS 2026&#47;123</li>" in page
    rows = list(
        csv.reader(io.StringIO((out / "portfolio.csv").read_text("utf-8-sig")), delimiter=";")
    )
    assert rows[1][rows[0].index("Diarienummer")] == "KS 2026/123"
    agenda_after = (out / "dagordning" / "index.md").read_text(encoding="utf-8")
    assert "Alla beslutade behov har ett diarienummer." in agenda_after


def test_a_later_diarienummer_replaces_the_first_and_a_rerun_records_nothing_twice(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    number = file_need(fake_github, tmp_path)
    say(fake_github, tmp_path, number, REGISTRAR, "/diarienummer KS 2026/1")
    say(fake_github, tmp_path, number, REGISTRAR, "/diarienummer KS 2026/2")
    writes = len(fake_github.writes)
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert len(fake_github.writes) == writes
    data = record(fake_github, number)
    assert [r["diarienummer"] for r in data["registrations"]] == ["KS 2026/1", "KS 2026/2"]
    assert portfolio(fake_github, tmp_path / "p")["diarienummer"] == "KS 2026/2"


def test_only_the_registrar_gives_a_diarienummer(fake_github: FakeGitHub, tmp_path: Path) -> None:
    number = file_need(fake_github, tmp_path)
    before = len(notes(fake_github, number))
    stranger = say(fake_github, tmp_path, number, STRANGER, "/diarienummer KS 2026/9")
    assert reactions(fake_github, stranger) == []
    assert len(notes(fake_github, number)) == before  # strangers cannot make the bot write
    member = say(fake_github, tmp_path, number, BEREDNING, "/diarienummer KS 2026/9")
    assert reactions(fake_github, member) == ["-1"]
    assert notes(fake_github, number)[-1] == (
        f"@{BEREDNING} Diarienumret skrivs in av registratorn."
    )
    malformed = say(fake_github, tmp_path, number, REGISTRAR, "/diarienummer snart")
    assert reactions(fake_github, malformed) == ["-1"]
    assert "Skriv så här: /diarienummer" in notes(fake_github, number)[-1]
    assert record(fake_github, number)["registrations"] == []
