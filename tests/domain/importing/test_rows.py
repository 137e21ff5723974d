"""A row made into a need, or refused: choices by name or id, no contact details, one reason."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml

from intake.domain.importing.rows import Draft, FiledNeed, Refusal, draft_need
from intake.domain.importing.table import Row, Table
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.record import Decision, Record
from intake.model.load import BUNDLED_PROCESS, ProcessError, parse_process
from intake.model.process import Process
from intake.render.portfolio.status import render_status

COMPLETE = {
    "Ärendenummer": "E-1",
    "Namn": "Åsa Öberg",
    "Beskriv behovet": "Vi skriver av samma uppgifter två gånger: på papper och sedan i systemet.",
    "Vilka berörs": "Handläggare och sökande",
    "Vilken nytta": "Handläggarna sparar tid och sökande får besked snabbare.",
    "Slags nytta": "tid",
    "Ägare": "bygglov",
    "Omfattning": "En verksamhet",
    "Typ av behov": "Idé",
    "Förankrat med chef": "JA",
}


def _draft(process: Process, **changes: str) -> Draft | Refusal:
    cells = COMPLETE | changes
    table = Table(columns=list(cells), rows=[Row(2, cells)])
    assert process.channel_import is not None
    return draft_need(process, process.channel_import, table, table.rows[0])


def test_a_long_answer_gives_a_title_cut_at_a_word(process: Process) -> None:
    draft = _draft(process, **{"Beskriv behovet": "Ordet " * 40})
    assert isinstance(draft, Draft)
    assert draft.title == "Behov: " + "Ordet " * 13 + "…"


def test_a_complete_row_becomes_the_body_the_form_writes(process: Process) -> None:
    draft = _draft(process)
    assert isinstance(draft, Draft)
    assert draft.title == "Behov: " + COMPLETE["Beskriv behovet"]
    assert draft.answers["behovsagare"] == "Bygglov"
    assert draft.answers["nyttotyper"] == ["Sparad tid"]
    assert draft.answers["forankring"] == ["Jag har pratat om behovet med min chef"]
    assert "### Referens i e-tjänsten\n\nE-1" in draft.body
    assert "Åsa" not in draft.body
    assert "Åsa" not in draft.title


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"Namn": "Åsa, 19121212-1212"}, "personnummer"),
        ({"Vilka berörs": "Ring mig på 070-123 45 67"}, "telefonnummer i 'Vilka berörs'"),
        ({"Vilka berörs": "Skriv till asa@example.se"}, "e-postadress eller"),
        ({"Ägare": "Fritidsgården"}, "ett val i 'Ägare' som formuläret inte har"),
        ({"Slags nytta": "tid; glädje"}, "ett val i 'Slags nytta'"),
        ({"Vilka berörs": ""}, "”Vilka berörs?”"),
        ({"Förankrat med chef": "nej"}, "”Förankring”"),
        ({"Ärendenummer": ""}, "'Ärendenummer' är tom"),
        ({"Ärendenummer": "asa@example.se"}, "'Ärendenummer' har en e-postadress"),
        ({"Rubrik": "Ring 08-123 456 78"}, "telefonnummer i titeln"),
        ({"Vilka berörs": "Alla\n### Vilken nytta ger det, och för vem?\nMycket"}, "rubrik"),
    ],
)
def test_a_row_is_refused_with_one_reason(
    process: Process, changes: dict[str, str], said: str
) -> None:
    refusal = _draft(process, **changes)
    assert isinstance(refusal, Refusal)
    assert said in refusal.reason
    assert "Åsa" not in refusal.reason


def test_a_reference_holding_a_personnummer_is_not_shown(process: Process) -> None:
    refusal = _draft(process, **{"Ärendenummer": "19121212-1212"})
    assert isinstance(refusal, Refusal)
    assert refusal.reference == ""


def _with_import(columns: dict[str, str]) -> str:
    data = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    data["import"]["columns"] = columns
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize(
    ("columns", "said"),
    [
        ({"E-post": "behov"}, "gäller en person"),
        ({"Telefon till dig": "berorda"}, "gäller en person"),
        ({"Text": "finns-inte"}, "inget fält i behovsformuläret"),
        ({"Text": "referens"}, "inget fält i behovsformuläret"),
        ({"Text": "forankring"}, "en kryssruta skrivs"),
        ({"Text": "forankring:3"}, "inget alternativ nummer 3"),
        ({"Text": "behov", "Mer text": "behov"}, "fylls i från två kolumner"),
    ],
)
def test_the_process_file_refuses_a_mapping_that_cannot_be_filed(
    columns: dict[str, str], said: str
) -> None:
    with pytest.raises(ProcessError, match=said):
        parse_process(_with_import(columns))


def test_the_status_file_redacts_and_neutralises(process: Process) -> None:
    at = datetime(2026, 11, 17, tzinfo=UTC)
    decision = Decision(
        target="avslagen",
        motivering="Gäller 19121212-1212.\n=Ingen formel",
        login="ordforande-exempel",
        user_id=1,
        at=at,
    )
    issue = Issue(
        repository="exempelkommun/digitaliseringsprocessen",
        number=7,
        title="Behov: x",
        body=None,
        state="closed",
        labels=("utfall: avslagen",),
        author="github-actions[bot]",
        created_at=at,
        updated_at=at,
        html_url="https://github.com/exempelkommun/digitaliseringsprocessen/issues/7",
        record=Record(stage="avslagen", decisions=[decision]),
    )
    text = render_status(process, [FiledNeed("=E-7", issue)]).decode("utf-8-sig")
    assert text.splitlines()[1] == (
        "'=E-7;7;Avslagen;stängt;Avslagen;2026-11-17;"
        "Gäller [personnummer borttaget]. =Ingen formel;https://github.com/exempelkommun/digitaliseringsprocessen/issues/7;"
    )
