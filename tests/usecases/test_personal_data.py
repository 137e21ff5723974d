"""Personal data through the bot, the portfolio and the import: every spelling of a personnummer
stopped or masked, look-alikes left alone, people's e-mail addresses and phone numbers pointed
out at intake and masked on every page and in every export."""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

import pytest

from intake.adapters.github import GitHub
from intake.adapters.snapshot import read_snapshots
from intake.domain.importing.rows import Draft, Refusal, draft_need
from intake.domain.importing.table import read_table
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.record import Decision, Record
from intake.domain.need.parse import ParsedBody
from intake.domain.need.validate import validate
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.publishing import published
from intake.domain.text.personal import MASKS, find_personal_data
from intake.domain.text.personnummer import find_personnummer
from intake.fakegithub import FakeGitHub
from intake.model.process import Process
from intake.usecases.intake import handle_event
from intake.usecases.portfolio import make_portfolio
from tests.conftest import event_fixture
from tests.paths import FIXTURES, REPOSITORY, ROOT, SAMPLES
from tests.render.portfolio.need_pages import need_html
from tests.usecases.test_intake import INCOMPLETE_LABELS, VALID_LABELS, as_event

CORPUS = FIXTURES / "personal"
FOUND: list[dict[str, Any]] = json.loads((CORPUS / "found.json").read_text("utf-8"))
NOT_FOUND: list[dict[str, Any]] = json.loads((CORPUS / "not_found.json").read_text("utf-8"))
COMPLETE = json.loads((FIXTURES / "validate" / "complete.json").read_text("utf-8"))
TODAY = date(2026, 11, 20)
EMAIL = "anna.andersson@exempel.se"
PHONE = "070-123 45 67"
SWITCHBOARD = "010-123 45 00"
HIDDEN = [c for c in FOUND if any(ord(ch) > 127 for ch in c["text"])][::7]  # a spread of them


# --- the bot ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", FOUND, ids=[c["why"] for c in FOUND])
def test_the_bot_stops_every_spelling(process: Process, case: dict[str, Any]) -> None:
    answers = {**COMPLETE, "nytta": f"{COMPLETE['nytta']} Sökande {case['text']}."}
    verdict = validate(process, process.need_form, ParsedBody(fields=answers, problems=[]))
    assert [(e.field, e.code) for e in verdict.errors] == [("nytta", "personnummer")]
    assert case["text"] not in json.dumps(verdict.model_dump(), ensure_ascii=False)


@pytest.mark.parametrize("case", NOT_FOUND, ids=[c["why"] for c in NOT_FOUND])
def test_the_bot_lets_lookalikes_through(process: Process, case: dict[str, Any]) -> None:
    answers = {**COMPLETE, "nytta": f"{COMPLETE['nytta']} Se {case['text']}."}
    verdict = validate(process, process.need_form, ParsedBody(fields=answers, problems=[]))
    assert verdict.ok
    assert verdict.answers["nytta"] == answers["nytta"]


def _file(fake: FakeGitHub, gateway: GitHub, process: Process, extra: str) -> int:
    event = event_fixture("issues-opened.json")
    issue = event["issue"]
    issue["body"] = issue["body"].replace("Sökande, både", f"{extra} Sökande, både", 1)
    number = fake.add_issue(issue["title"], issue["body"], number=issue["number"], user="anna")
    handle_event(gateway, process, as_event(event))
    return number


@pytest.mark.parametrize("case", HIDDEN, ids=[c["why"] for c in HIDDEN])
def test_a_hidden_personnummer_stops_the_need_on_github(
    fake_github: FakeGitHub, gateway: GitHub, process: Process, case: dict[str, Any]
) -> None:
    number = _file(fake_github, gateway, process, f"Barnet {case['text']} väntar.")
    assert fake_github.labels_of(number) == INCOMPLETE_LABELS
    comments = "\n".join(c.body for c in fake_github.bot_comments(number))
    assert "personnummer" in comments
    assert find_personnummer(comments) == []


def test_contact_details_are_a_hint_and_the_need_is_received(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    number = _file(fake_github, gateway, process, f"Mejla {EMAIL} eller ring {PHONE}.")
    assert fake_github.labels_of(number) == VALID_LABELS
    comments = "\n".join(c.body for c in fake_github.bot_comments(number))
    assert "e-postadress eller ett telefonnummer" in comments
    assert "profil på GitHub" in comments
    assert EMAIL not in comments
    assert "123 45 67" not in comments


def with_switchboard(process: Process) -> Process:
    """The process with the municipality's switchboard among its public contacts."""
    municipality = process.municipality.model_copy(update={"public_contacts": [SWITCHBOARD]})
    return process.model_copy(update={"municipality": municipality})


def test_the_municipalitys_own_address_and_number_are_no_hint(process: Process) -> None:
    process = with_switchboard(process)
    contact = process.municipality.contact
    answers = {**COMPLETE, "nytta": f"Frågor till {contact} eller +46\u00a010 123 45 00."}
    verdict = validate(process, process.need_form, ParsedBody(fields=answers, problems=[]))
    assert verdict.ok
    assert verdict.hints == []


# --- the portfolio ---------------------------------------------------------------------------


def _with_personal_data(issues: list[Issue], texts: list[str]) -> list[Issue]:
    """The samples with the texts in need 15's answers, title, decision and reason."""
    changed = []
    for issue in issues:
        if issue.number == 15 and issue.repository == REPOSITORY and issue.record:
            joined = " och ".join(texts)
            body = (issue.body or "").replace(
                "\n\n### Vilka berörs?", f" {joined}\n\n### Vilka berörs?"
            )
            record: Record = issue.record
            decisions = [
                Decision.model_validate(
                    {**d.model_dump(), "motivering": f"{d.motivering} {joined}"}
                )
                for d in record.decisions
            ]
            moves = [m.model_copy(update={"reason": f"Skälet: {joined}"}) for m in record.moves]
            record = record.model_copy(update={"decisions": decisions, "moves": moves})
            issue = issue.model_copy(
                update={"title": f"{issue.title} {texts[0]}", "body": body, "record": record}
            )
        changed.append(issue)
    return changed


@pytest.fixture(scope="module")
def samples() -> list[Issue]:
    return read_snapshots([SAMPLES, ROOT / "intake" / "samples" / "stadsbyggnad.json"], REPOSITORY)


def _published(files: dict[str, bytes]) -> dict[str, str]:
    """Every page and export as a reader sees it: character references read as characters."""
    return {path: html.unescape(data.decode("utf-8-sig")) for path, data in files.items()}


def test_no_spelling_reaches_a_page_or_an_export(process: Process, samples: list[Issue]) -> None:
    texts = [c["text"] for c in FOUND]
    portfolio, files = make_portfolio(process, _with_personal_data(samples, texts), None, TODAY)
    need = next(n for n in portfolio.needs if n.number == 15 and n.repository == REPOSITORY)
    assert MASKS["personnummer"] in need.answers["behov"]  # type: ignore[operator]
    assert MASKS["personnummer"] in need.decisions[-1].motivering
    assert need.reason is not None
    assert MASKS["personnummer"] in need.reason
    for path, text in _published(files).items():
        assert find_personnummer(text) == [], path
        assert "1212" not in text.replace("2026-12-12", ""), path


def test_lookalikes_stay_on_the_pages(process: Process, samples: list[Issue]) -> None:
    texts = [c["text"] for c in NOT_FOUND if c["why"] != "arabisk-indiska siffror"]
    _, files = make_portfolio(process, _with_personal_data(samples, texts), None, TODAY)
    data = json.loads(files["portfolio.json"])
    need = next(n for n in data["needs"] if n["number"] == 15 and n["repository"] == REPOSITORY)
    for text in texts:
        assert text in need["answers"]["behov"]


def test_people_s_contacts_are_masked_and_the_municipality_s_stay(
    process: Process, samples: list[Issue]
) -> None:
    process = with_switchboard(process)
    contact = process.municipality.contact
    texts = [EMAIL, PHONE, "+46 8 123 456 78", contact, SWITCHBOARD]
    _, files = make_portfolio(process, _with_personal_data(samples, texts), None, TODAY)
    published = _published(files)
    page = html.unescape(need_html(files, REPOSITORY.split("/")[1], 15))
    assert MASKS["e-post"] in page
    assert MASKS["telefon"] in page
    assert contact in page
    for path, text in published.items():
        assert EMAIL not in text, path
        assert "123 45 67" not in text, path
        assert find_personal_data(text, process.municipality.public_addresses) == [], path
    assert contact in published["portfolio.json"]
    assert SWITCHBOARD in published["portfolio.json"]
    assert MASKS["e-post"] in published["portfolio.csv"]


# --- the import ------------------------------------------------------------------------------


def _row_with(process: Process, text: str) -> Draft | Refusal:
    data = (FIXTURES / "import" / "utf8-comma.csv").read_bytes()
    table = read_table(data, json_file=False)
    row = table.rows[0]
    cells = {**row.cells, "Vilken nytta": f"{row.cells['Vilken nytta']} Se {text}."}
    spec = process.channel_import
    assert spec is not None
    return draft_need(process, spec, table, row.__class__(row.number, cells))


@pytest.mark.parametrize("case", FOUND, ids=[c["why"] for c in FOUND])
def test_the_import_refuses_every_spelling(process: Process, case: dict[str, Any]) -> None:
    result = _row_with(process, case["text"])
    assert isinstance(result, Refusal)
    assert result.reason == "har ett personnummer eller samordningsnummer"


@pytest.mark.parametrize("case", NOT_FOUND, ids=[c["why"] for c in NOT_FOUND])
def test_the_import_files_lookalikes(process: Process, case: dict[str, Any]) -> None:
    result = _row_with(process, case["text"])
    assert isinstance(result, Draft), getattr(result, "reason", "")
    assert case["text"] in result.body


@pytest.mark.parametrize("text", [EMAIL, "anna\uff20exempel.se", "070\u00a0123\u00a045\u00a067"])
def test_the_import_refuses_contacts_however_written(process: Process, text: str) -> None:
    result = _row_with(process, text)
    assert isinstance(result, Refusal)
    assert "e-postadress eller ett telefonnummer" in result.reason


def test_canvases_and_follow_ups_are_masked_where_the_portfolio_is_published(
    process: Process, samples: list[Issue]
) -> None:
    portfolio = build_portfolio(process, samples, TODAY)
    need = next(n for n in portfolio.needs if n.canvases)
    canvas = need.canvases[0]
    said = f"Ring {PHONE} eller skriv till {EMAIL}, 19121212\u00ad-1212."
    hostile = canvas.model_copy(
        update={"texts": dict.fromkeys(canvas.texts, said) or {"x": said}, "lessons": said}
    )
    changed = need.model_copy(update={"canvases": [hostile], "followups": [hostile]})
    out = published(process, portfolio.model_copy(update={"needs": [changed]}))
    [shown] = out.needs
    for attachment in [*shown.canvases, *shown.followups]:
        for text in [*attachment.texts.values(), attachment.lessons or ""]:
            assert text == (
                f"Ring {MASKS['telefon']} eller skriv till {MASKS['e-post']}, "
                f"{MASKS['personnummer']}."
            )


def test_a_portfolio_without_personal_data_is_published_as_it_is(
    process: Process, samples: list[Issue]
) -> None:
    portfolio = build_portfolio(process, samples, TODAY)
    assert published(process, portfolio) is portfolio
