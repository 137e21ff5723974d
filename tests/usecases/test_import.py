"""Importing needs from another channel: the issues filed on the fake GitHub through the real
client, their bodies read back by the project's own parser, and what each row became."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from intake.adapters.github import GitHub
from intake.cli.main import main
from intake.domain.importing.rows import answers_of
from intake.domain.importing.table import read_table
from intake.domain.lifecycle.record import Decision, Record, record_block
from intake.domain.lifecycle.triage import STATUS_MARKER
from intake.fakegithub import BOT, FakeGitHub
from intake.model.process import Process
from intake.render.bot.comment import MARKER
from intake.usecases.importing import Pace, RowResult, import_needs
from tests.conftest import FAST
from tests.paths import FIXTURES, ROOT

IMPORT = FIXTURES / "import"
SAMPLE = ROOT / "intake" / "samples" / "import" / "e-tjanst.csv"
NO_PAUSE = Pace(seconds_between_needs=0)
ENCODINGS = [
    "utf8-bom-semicolon.csv",
    "utf8-comma.csv",
    "cp1252-semicolon.csv",
    "cp1252-comma.csv",
    "export.json",
]
# What the fixtures say about the people behind the needs: none of it may reach GitHub.
PERSONAL = ["Åsa", "Öberg", "asa.oberg", "070-111", "Per Ärlig", "per@example.se", "850709"]
SAMPLE_PERSONAL = ["Greta", "Exempelsson", "Olle", "Karin", "Nils Prov", "Sara Test", "070-000"]
SAMPLE_PERSONAL += ["08-000", "@exempelkommun.se", "19121212", "1212"]


def _import(
    gateway: GitHub, process: Process, name: Path | str, *, dry_run: bool = False
) -> list[RowResult]:
    path = name if isinstance(name, Path) else IMPORT / name
    table = read_table(path.read_bytes(), json_file=path.suffix == ".json")
    return import_needs(
        gateway,
        process,
        table,
        dry_run=dry_run,
        pace=NO_PAUSE,
        sleep=lambda seconds: None,
    )


def _everything_on_github(fake: FakeGitHub) -> str:
    """Every title, body and comment the fake holds, as one text."""
    texts = [f"{i.title}\n{i.body}" for i in fake.repo.issues.values()]
    texts += [c.body for c in fake.repo.comments.values()]
    return "\n".join(texts)


def _run(fake: FakeGitHub, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["import", *args, "--pause", "0"], env=fake.env(), pacing=FAST)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize("name", ENCODINGS)
def test_every_encoding_and_separator_files_the_same_needs(
    fake_github: FakeGitHub, gateway: GitHub, process: Process, name: str
) -> None:
    results = _import(gateway, process, name)
    assert [(r.row, r.reference, r.result) for r in results] == [
        (2 if name.endswith(".csv") else 1, "T-1", "filed"),
        (3 if name.endswith(".csv") else 2, "T-2", "filed"),
    ]
    first, second = (fake_github.issue(r.number or 0) for r in results)
    assert first.title == "Behov: Blanketter för bygglov på papper"
    assert second.title.startswith("Behov: Kontaktcenter svarar på samma frågor")
    answers = answers_of(process, first.body)
    assert answers["berorda"] == "Handläggare och sökande"
    assert answers["nyttotyper"] == ["Sparad tid"]
    assert answers["behovsagare"] == "Bygglov"
    assert answers["forankring"] == ["Jag har pratat om behovet med min chef"]
    assert answers["tidsram"] is None
    assert answers["referens"] == "T-1"
    answers = answers_of(process, second.body)
    assert answers["behov"] == (
        "Kontaktcenter svarar på samma frågor om skolval varje vår.\n"
        "Svaren finns på många ställen och stämmer inte alltid med varandra."
    )
    assert answers["nyttotyper"] == ["Sparad tid", "Bättre kvalitet för invånare eller företag"]
    assert answers["behovsagare"] == "Kontaktcenter"
    assert answers["omfattning"] == "Flera verksamheter"
    assert len(answers["forankring"] or []) == 2
    text = _everything_on_github(fake_github)
    assert not [word for word in PERSONAL if word in text]


def test_each_filed_need_is_answered_as_the_intake_workflow_would(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    [result, _] = _import(gateway, process, "cp1252-semicolon.csv")
    number = result.number or 0
    assert fake_github.labels_of(number) == {
        "steg: behov",
        "enhet: bygglov",
        "omfattning: en verksamhet",
        "typ: förbättring",
    }
    receipts = [c for c in fake_github.bot_comments(number) if c.body.startswith(MARKER)]
    assert len(receipts) == 1
    # The nightly run adopts the stage the import labelled, and changes nothing else.
    labels = fake_github.labels_of(number)
    comments = [(c.user, c.body) for c in fake_github.comments_of(number)]
    assert main(["reconcile"], env=fake_github.env(), pacing=FAST) == 0
    assert fake_github.labels_of(number) == labels
    after = [(c.user, c.body) for c in fake_github.comments_of(number)]
    [status] = [body for user, body in after if STATUS_MARKER in body]
    assert after == [*comments, (BOT, status)]
    assert '"stage":"behov"' in status.replace(" ", "")


def test_the_same_file_again_files_nothing(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    _import(gateway, process, "utf8-comma.csv")
    writes = len(fake_github.writes)
    again = _import(gateway, process, "cp1252-semicolon.csv")
    assert [(r.result, r.number) for r in again] == [("already", 1), ("already", 2)]
    assert len(fake_github.writes) == writes
    assert sorted(fake_github.repo.issues) == [1, 2]


def test_a_changed_row_is_reported_not_overwritten(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    _import(gateway, process, "cp1252-semicolon.csv")
    body = fake_github.issue(1).body
    results = _import(gateway, process, "changed-row.csv")
    assert [(r.reference, r.result, r.number) for r in results] == [
        ("T-1", "changed", 1),
        ("T-2", "already", 2),
    ]
    assert fake_github.issue(1).body == body


def test_a_need_found_by_its_reference_also_when_closed(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    _import(gateway, process, "utf8-comma.csv")
    fake_github.set_state(1, "closed")
    results = _import(gateway, process, "utf8-comma.csv")
    assert [r.result for r in results] == ["already", "already"]


def test_a_dry_run_files_nothing(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    results = _import(gateway, process, "export.json", dry_run=True)
    assert [r.result for r in results] == ["would_file", "would_file"]
    assert not fake_github.writes
    assert not fake_github.repo.issues


def test_rows_with_personal_data_or_a_repeated_reference_are_refused(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    results = _import(gateway, process, "personal-data.csv")
    assert [(r.row, r.reference, r.result) for r in results] == [
        (2, "T-3", "refused"),
        (3, "T-4", "refused"),
        (4, "T-1", "filed"),
        (5, "T-1", "refused"),
    ]
    assert "e-postadress" in results[0].reason
    assert "personnummer" in results[1].reason
    assert results[3].reason == "samma referens som rad 4"
    assert sorted(fake_github.repo.issues) == [1]
    text = _everything_on_github(fake_github)
    assert "anna@example.se" not in text
    assert "850709" not in text


def test_filing_is_paced_and_bounded_per_run(gateway: GitHub, process: Process) -> None:
    table = read_table((IMPORT / "utf8-comma.csv").read_bytes(), json_file=False)
    pauses: list[float] = []
    results = import_needs(
        gateway,
        process,
        table,
        dry_run=False,
        pace=Pace(seconds_between_needs=7, most_per_run=1),
        sleep=pauses.append,
    )
    assert [r.result for r in results] == ["filed", "later"]
    assert pauses == []
    results = import_needs(
        gateway,
        process,
        table,
        dry_run=False,
        pace=Pace(seconds_between_needs=7, most_per_run=5),
        sleep=pauses.append,
    )
    assert [r.result for r in results] == ["already", "filed"]


# --- the command, on the bundled sample ------------------------------------------------------


def test_the_bundled_export_is_imported_once_and_its_refusals_reported(
    fake_github: FakeGitHub, process: Process, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run(fake_github, str(SAMPLE), capsys=capsys)
    assert status == 1  # two rows refused
    assert "rad 2 (E-2026-0412): anmält som #1" in out
    assert "rad 3 (E-2026-0415): anmält som #2" in out
    assert "rad 4 (E-2026-0419): avvisat: har ett personnummer" in out
    assert "rad 5 (E-2026-0423): avvisat: saknar svar" in out
    assert "rad 6 (E-2026-0427): anmält som #3" in out
    assert sorted(fake_github.repo.issues) == [1, 2, 3]
    references = {1: "E-2026-0412", 2: "E-2026-0415", 3: "E-2026-0427"}
    for number, reference in references.items():
        issue = fake_github.issue(number)
        labels = fake_github.labels_of(number)
        assert "steg: behov" in labels
        assert "status: behöver kompletteras" not in labels
        verdict = [c for c in fake_github.bot_comments(number) if c.body.startswith(MARKER)]
        assert len(verdict) == 1
        assert answers_of(process, issue.body)["referens"] == reference
    on_github = _everything_on_github(fake_github)
    assert not [word for word in SAMPLE_PERSONAL if word in on_github]
    assert not [word for word in SAMPLE_PERSONAL if word in out]
    writes = len(fake_github.writes)
    status, out = _run(fake_github, str(SAMPLE), capsys=capsys)
    assert status == 1
    assert out.count("redan anmält") == 3
    assert len(fake_github.writes) == writes


def test_the_command_files_nothing_on_a_dry_run(
    fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run(fake_github, str(IMPORT / "utf8-comma.csv"), "--dry-run", capsys=capsys)
    assert status == 0
    assert out.count("): skulle anmälas") == 2
    assert not fake_github.writes


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("empty.csv", "filen är tom"),
        ("header-only.csv", "inga rader"),
        ("missing-column.csv", "kolumnen 'Vilka berörs' saknas"),
        ("utf16.csv", "UTF-16"),
        ("binary.csv", "ingen textfil"),
        ("not-a-list.json", "en lista"),
        ("deep.json", "fler än 4 nivåer"),
        ("no-such-file.csv", "filen finns inte"),
    ],
)
def test_a_bad_file_ends_in_one_line_and_status_2(
    fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    status, out = _run(fake_github, str(IMPORT / name), capsys=capsys)
    assert status == 2
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fel: ")
    assert said in lines[0]
    assert not fake_github.requests


@pytest.mark.parametrize("depth", [200, 100_000])
def test_json_too_deep_for_the_parser_ends_in_one_line_and_status_2(
    fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path, depth: int
) -> None:
    path = tmp_path / "djup.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    status, out = _run(fake_github, str(path), capsys=capsys)
    assert status == 2
    [line] = out.strip().splitlines()
    assert line.startswith("fel: ")
    assert "fler än 4 nivåer" in line
    assert not fake_github.requests


# --- the way back: the status file -----------------------------------------------------------


def test_the_status_file_tells_the_channel_what_became_of_each_need(
    fake_github: FakeGitHub, process: Process, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(fake_github, str(IMPORT / "utf8-comma.csv"), capsys=capsys)
    at = datetime(2026, 11, 17, 10, tzinfo=UTC)
    decision = Decision(
        target="utveckla",
        paragraph="§ 12",
        motivering="Stor nytta för många; ryms i budgeten.",
        meeting=at.date(),
        login="ordforande-exempel",
        user_id=7,
        at=at,
    )
    record = Record(stage="prioritera", decisions=[decision])
    # The bot's record, as its status comment keeps it after the council decided.
    fake_github.add_comment(2, f"{STATUS_MARKER}\n{record_block(record)}", user=BOT)
    out = tmp_path / "status.csv"
    status, _ = _run(fake_github, "--status", str(out), capsys=capsys)
    assert status == 0
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:7] == [
        "Referens",
        "Ärende",
        "Steg",
        "Ärendet",
        "Beslut",
        "Beslutsdag",
        "Motivering",
    ]
    assert rows[1][:7] == ["T-1", "1", "Behov", "öppet", "", "", ""]
    assert rows[2][:7] == [
        "T-2",
        "2",
        "Prioritera",
        "öppet",
        "Utveckla",
        "2026-11-17",
        "Stor nytta för många; ryms i budgeten.",
    ]
