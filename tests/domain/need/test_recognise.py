"""Which form wrote a body: any number of forms, none of them assumed first or only."""

from __future__ import annotations

import pytest
import yaml

from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.domain.need.recognise import is_need, recognise
from intake.model.load import BUNDLED_PROCESS, parse_process
from intake.model.process import Process
from tests.paths import FIXTURES

FOLLOW_UP = {
    "behovsnummer": "12",
    "utfall": "Handläggningen tar nu fyra veckor i stället för tio.",
    "behovsagare": "Bygglov",
}


def with_second_form(*, first: bool = False) -> Process:
    """The bundled process with the test's second form, listed last or first."""
    data = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    extra = yaml.safe_load((FIXTURES / "process" / "second_form.yml").read_text("utf-8"))
    data["forms"] = [extra, *data["forms"]] if first else [*data["forms"], extra]
    return parse_process(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize("first", [False, True], ids=["listed-last", "listed-first"])
def test_each_form_recognises_its_own_bodies(first: bool) -> None:
    process = with_second_form(first=first)
    follow_up = process.form("uppfoljning")
    need = (FIXTURES / "parse" / "complete" / "body.md").read_text(encoding="utf-8")
    body = render_body(issue_form(process, follow_up), FOLLOW_UP)
    assert recognise(process, need) == process.need_form
    assert recognise(process, body) == follow_up


def test_a_body_edited_by_hand_is_still_recognised() -> None:
    process = with_second_form()
    follow_up = process.form("uppfoljning")
    body = render_body(issue_form(process, follow_up), FOLLOW_UP)
    edited = body.replace("### Vilken nytta blev det?", "### Vad blev det för nytta?")
    assert recognise(process, edited) == follow_up
    need = (FIXTURES / "parse" / "removed_section" / "body.md").read_text(encoding="utf-8")
    assert recognise(process, need) == process.need_form


@pytest.mark.parametrize("body", [None, "", "Hej! Kan ni hjälpa mig?", "### Något annat\n\nText"])
def test_a_body_from_no_form_is_recognised_as_none(body: str | None) -> None:
    assert recognise(with_second_form(), body) is None


def test_the_second_form_gets_its_labels_and_no_stage() -> None:
    process = with_second_form()
    labels = {spec.name for spec in process.labels()}
    assert "formulär: uppföljning" in labels
    assert process.form("uppfoljning").path == ".github/ISSUE_TEMPLATE/uppfoljning.yml"


def test_a_process_needs_exactly_one_need_form() -> None:
    data = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    data["forms"][0]["kind"] = "annat"
    with pytest.raises(Exception, match="exakt ett formulär ska ha kind 'behov'"):
        parse_process(yaml.safe_dump(data, allow_unicode=True))


def test_is_need_is_one_answer_for_labels_and_bodies() -> None:
    process = with_second_form()
    status = process.status_incomplete.label
    need = render_body(issue_form(process, process.need_form), {"behov": "Text"})
    other = render_body(issue_form(process, process.form("uppfoljning")), FOLLOW_UP)
    assert is_need(process, (), need)
    assert is_need(process, ("steg: bereda",), "Fri text")
    # Only the needs-completion status and free text: the bot judged it a need once.
    assert is_need(process, (status,), "Fri text")
    assert not is_need(process, (status,), other)  # an incomplete follow-up is no need
    assert not is_need(process, (), other)
    assert not is_need(process, (), "Fri text")
