"""Every rule of the need form, one test each, on answers built the way the parser returns them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from intake.cli.local import printable
from intake.domain.need.findings import Verdict
from intake.domain.need.parse import FieldValue, ParsedBody, Problem
from intake.domain.need.validate import (
    GUIDE_ARENAS,
    GUIDE_SOLUTION,
    GUIDE_WHEN,
    is_from_form,
    solution_phrases_in,
    validate,
)
from intake.domain.text.personnummer import REDACTED
from intake.model.load import load_process
from tests.paths import FIXTURES

PROCESS = load_process()
FORM = PROCESS.need_form
VALIDATE = FIXTURES / "validate"
COMPLETE: dict[str, FieldValue] = json.loads((VALIDATE / "complete.json").read_text("utf-8"))
PNR = "850709-9805"


def check(problems: tuple[Problem, ...] = (), title: str = "", **answers: Any) -> Verdict:
    return validate(
        PROCESS,
        FORM,
        ParsedBody(fields={**COMPLETE, **answers}, problems=list(problems)),
        title=title,
    )


def codes(findings: list[Any]) -> list[tuple[str | None, str]]:
    return [(f.field, f.code) for f in findings]


def test_a_complete_need_is_ok_with_choice_ids_as_answers() -> None:
    verdict = check()
    assert verdict.ok
    assert verdict.errors == []
    assert verdict.hints == []
    assert verdict.answers["behovsagare"] == "bygglov"
    assert verdict.answers["nyttotyper"] == ["tid", "invanare"]
    assert verdict.answers["typ"] == "forbattring"
    assert verdict.answers["forankring"] == ["Jag har pratat om behovet med min chef"]
    assert verdict.answers["behov"] == COMPLETE["behov"]


@pytest.mark.parametrize("empty", [None, "", "  \r\n "])
def test_a_required_text_must_be_answered(empty: str | None) -> None:
    verdict = check(berorda=empty)
    assert codes(verdict.errors) == [("berorda", "required")]
    assert "”Vilka berörs?”" in verdict.errors[0].message
    assert verdict.errors[0].guide == "livscykeln/behov/"


def test_a_required_dropdown_must_be_chosen() -> None:
    assert codes(check(omfattning=None).errors) == [("omfattning", "required")]


def test_a_required_multiple_dropdown_needs_one_choice() -> None:
    verdict = check(nyttotyper=[])
    assert codes(verdict.errors) == [("nyttotyper", "required")]
    assert "ett eller flera" in verdict.errors[0].message


def test_an_answer_must_be_an_option_of_the_form() -> None:
    verdict = check(omfattning="Hela världen")
    assert codes(verdict.errors) == [("omfattning", "unknown_option")]
    assert "En verksamhet, Flera verksamheter, Hela kommunen" in verdict.errors[0].message
    assert "Hela världen" not in verdict.errors[0].message
    assert verdict.answers["omfattning"] is None


def test_one_unknown_option_among_several_is_reported_once() -> None:
    problem = Problem(code="unknown_option", field="nyttotyper", detail="Roligare jobb")
    verdict = check(problems=(problem,), nyttotyper=["Sparad tid", "Roligare jobb"])
    assert codes(verdict.errors) == [("nyttotyper", "unknown_option")]
    assert verdict.answers["nyttotyper"] == ["tid"]


def test_a_procurement_needs_time_frame_budget_and_cost() -> None:
    verdict = check(typ="Upphandling")
    assert codes(verdict.errors) == [
        ("tidsram", "required_when"),
        ("budget", "required_when"),
        ("kostnad", "required_when"),
    ]
    assert all(f.guide == GUIDE_WHEN for f in verdict.errors)
    assert "”Upphandling”" in verdict.errors[0].message


def test_an_expiring_contract_needs_only_a_time_frame() -> None:
    assert codes(check(typ="Avtal som löper ut").errors) == [("tidsram", "required_when")]


def test_a_procurement_with_all_facts_is_ok() -> None:
    verdict = check(
        typ="Upphandling",
        tidsram="Före 1 juni 2027",
        budget="400 000 kr i verksamhetens budget",
        kostnad="Licens 100 000 kr per år mot 2 000 sparade timmar.",
    )
    assert verdict.ok


def test_a_description_must_be_long_enough_to_be_useful() -> None:
    verdict = check(behov="Bygglov   tar\r\n\r\n tid.")
    assert codes(verdict.errors) == [("behov", "too_short")]
    assert "(16 tecken)" in verdict.errors[0].message
    assert "minst 60" in verdict.errors[0].message
    assert verdict.errors[0].guide == GUIDE_SOLUTION


def test_a_required_checkbox_must_be_checked() -> None:
    verdict = check(forankring=["Jag har pratat med kollegor som berörs"])
    assert codes(verdict.errors) == [("forankring", "required_option")]
    assert "”Jag har pratat om behovet med min chef”" in verdict.errors[0].message


def test_an_edited_checkbox_line_is_a_hint() -> None:
    problem = Problem(code="unknown_option", field="forankring", detail="Pratat med alla")
    verdict = check(problems=(problem,))
    assert verdict.ok
    assert codes(verdict.hints) == [("forankring", "unknown_option")]


def test_a_missing_required_section_is_an_error_and_reported_once() -> None:
    problem = Problem(code="missing_section", field="nytta")
    verdict = check(problems=(problem,), nytta=None)
    assert codes(verdict.errors) == [("nytta", "missing_section")]
    assert "### Vilken nytta ger det, och för vem?" in verdict.errors[0].message


def test_a_missing_optional_section_is_a_hint() -> None:
    verdict = check(problems=(Problem(code="missing_section", field="bilagor"),), bilagor=None)
    assert verdict.ok
    assert codes(verdict.hints) == [("bilagor", "missing_section")]


def test_a_missing_section_that_a_procurement_needs_is_an_error() -> None:
    problem = Problem(code="missing_section", field="budget")
    verdict = check(
        problems=(problem,), typ="Upphandling", tidsram="Hösten 2027", kostnad="Cirka 1 mnkr."
    )
    assert codes(verdict.errors) == [("budget", "missing_section")]


@pytest.mark.parametrize("code", ["empty_body", "not_form"])
def test_a_body_not_from_the_form_is_one_error_and_no_guessing(code: str) -> None:
    empty = dict.fromkeys(COMPLETE)
    verdict = validate(PROCESS, FORM, ParsedBody(fields=empty, problems=[Problem(code=code)]))
    assert codes(verdict.errors) == [(None, code)]
    assert "”Anmäl ett behov”" in verdict.errors[0].message
    assert not is_from_form(ParsedBody(fields=empty, problems=[Problem(code=code)]))


def test_an_unknown_section_is_a_hint_quoting_the_heading_without_personnummer() -> None:
    problem = Problem(code="unknown_section", detail=f"Övrigt om {PNR}")
    verdict = check(problems=(problem,))
    assert codes(verdict.hints) == [(None, "unknown_section")]
    assert f"”Övrigt om {REDACTED}”" in verdict.hints[0].message


def test_text_before_the_first_heading_is_a_hint() -> None:
    verdict = check(problems=(Problem(code="text_before_heading"),))
    assert verdict.ok
    assert codes(verdict.hints) == [(None, "text_before_heading")]


def test_a_duplicated_section_is_an_error() -> None:
    verdict = check(problems=(Problem(code="duplicate_section", field="nytta"),))
    assert codes(verdict.errors) == [("nytta", "duplicate_section")]


def test_every_problem_is_reported_at_once() -> None:
    verdict = check(
        problems=(Problem(code="duplicate_section", field="berorda"),),
        behov="Kort.",
        nytta=None,
        omfattning="Enorm",
        typ="Upphandling",
        forankring=[],
        title=f"Behov: {PNR}",
    )
    assert codes(verdict.errors) == [
        ("behov", "too_short"),
        ("nytta", "required"),
        ("omfattning", "unknown_option"),
        ("tidsram", "required_when"),
        ("budget", "required_when"),
        ("kostnad", "required_when"),
        ("forankring", "required_option"),
        ("berorda", "duplicate_section"),
        (None, "personnummer"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Vi vill köpa ett nytt system för bygglov eftersom det gamla är långsamt.", ["köpa"]),
        (
            "VI VILL HA ETT SYSTEM som gör att bygglov går fortare för alla.",
            ["vi vill ha ett system"],
        ),
        ("Vi vill ha en\r\napp", ["vi vill ha en app"]),
        ("Köparen av tjänsten behöver snabbare besked om sitt bygglov.", []),
        ("Inköpa material tar tid eftersom attesterna görs för hand.", []),
        ("Licenskostnaden är inte problemet, handläggningstiden är det.", []),
    ],
)
def test_solution_phrases_match_whole_words_ignoring_case(text: str, found: list[str]) -> None:
    assert solution_phrases_in(PROCESS.solution_phrases, text) == found


def test_a_need_phrased_as_a_solution_gets_a_hint_not_an_error() -> None:
    behov = "Vi vill köpa ett nytt system eftersom handläggningen av bygglov tar för lång tid."
    verdict = check(behov=behov)
    assert verdict.ok
    assert codes(verdict.hints) == [("behov", "solution")]
    assert "”köpa”" in verdict.hints[0].message
    assert verdict.hints[0].guide == GUIDE_SOLUTION


def test_the_title_counts_as_part_of_the_need() -> None:
    assert codes(check(title="Behov: Byta till nytt ekonomisystem").hints) == [
        ("behov", "solution")
    ]


def test_solution_words_in_other_answers_give_no_hint() -> None:
    assert check(kostnad="Att köpa nytt kostar mer än att bygga vidare.").hints == []


def test_a_need_without_owner_gets_a_hint_about_development_arenas() -> None:
    verdict = check(behovsagare="Ingen tydlig ägare")
    assert verdict.ok
    assert codes(verdict.hints) == [("behovsagare", "no_owner")]
    assert verdict.hints[0].guide == GUIDE_ARENAS
    assert verdict.answers["behovsagare"] == "ingen"


def test_a_personnummer_in_an_answer_is_an_error_that_never_repeats_it() -> None:
    verdict = check(berorda=f"Invånaren {PNR} och hans granne")
    assert codes(verdict.errors) == [("berorda", "personnummer")]
    assert "”Vilka berörs?”" in verdict.errors[0].message
    assert verdict.answers["berorda"] == f"Invånaren {REDACTED} och hans granne"
    assert "9805" not in verdict.model_dump_json()


def test_a_samordningsnummer_is_named_as_such() -> None:
    verdict = check(bilagor="Samordningsnummer 900385-1236 bifogas.")
    assert codes(verdict.errors) == [("bilagor", "personnummer")]
    assert "samordningsnummer" in verdict.errors[0].message


def test_a_personnummer_in_the_title_is_an_error() -> None:
    verdict = check(title=f"Behov: hjälp för {PNR}")
    assert codes(verdict.errors) == [(None, "personnummer")]
    assert "rubrik" in verdict.errors[0].message


def test_a_personnummer_outside_every_section_is_found_in_the_raw_body() -> None:
    body = f"Hej!\n\n### Övrigt\n\nGäller 19850709-9805\n\n### Vilka berörs?\n\n{PNR}"
    verdict = validate(
        PROCESS,
        FORM,
        ParsedBody(fields={**COMPLETE, "berorda": PNR}, problems=[]),
        body=body,
    )
    # The number under "Vilka berörs?" is reported there; the raw body adds nothing new.
    assert codes(verdict.errors) == [("berorda", "personnummer")]
    other = body.replace("19850709-9805", "19121212-1212")
    verdict = validate(
        PROCESS, FORM, ParsedBody(fields={**COMPLETE, "berorda": PNR}, problems=[]), body=other
    )
    assert codes(verdict.errors) == [("berorda", "personnummer"), (None, "personnummer")]
    assert "1212" not in verdict.model_dump_json()


def test_numbers_that_are_not_personnummer_pass() -> None:
    verdict = check(
        typ="Upphandling",
        tidsram="2027-06-01",
        budget="2500000000 kr",
        kostnad="Ring 070-123 45 67. Avtal 850709-9806 kostar 1 200 000 kr.",
    )
    assert verdict.ok


def test_every_guide_is_a_page_of_the_site() -> None:
    pages = {
        "livscykeln/behov/",
        "behov-fore-losning/",
        "nar-ska-behov-anmalas/",
        "utvecklingsarenor/",
    }
    verdict = check(
        problems=(Problem(code="unknown_section", detail="x"),),
        behov="Vi vill köpa",
        nytta=None,
        typ="Upphandling",
        behovsagare="Ingen tydlig ägare",
    )
    guides = {f.guide for f in [*verdict.errors, *verdict.hints] if f.guide}
    assert guides == pages


def test_printable_flattens_and_redacts_untrusted_titles() -> None:
    assert printable(f"Behov:\r\n {PNR}\x1b[31m") == f"Behov: {REDACTED}\\u001b[31m"


def test_a_stray_line_among_checkboxes_is_a_hint_naming_the_field() -> None:
    verdict = check(problems=(Problem(code="stray_text", field="forankring", detail="ok"),))
    assert verdict.ok
    assert codes(verdict.hints) == [("forankring", "stray_text")]
    assert "”Förankring”" in verdict.hints[0].message


def test_a_parser_failure_is_one_error_that_blames_us_not_the_initiator() -> None:
    empty = dict.fromkeys(COMPLETE)
    parsed = ParsedBody(fields=empty, problems=[Problem(code="internal_error", detail="KeyError")])
    verdict = validate(PROCESS, FORM, parsed)
    assert codes(verdict.errors) == [(None, "internal_error")]
    assert "fel hos oss" in verdict.errors[0].message


def test_a_long_quoted_heading_is_cut_without_a_half_number() -> None:
    detail = "Övrigt " + "x" * 70 + " 85070998"  # the parser clipped a personnummer in two
    verdict = check(problems=(Problem(code="unknown_section", detail=detail),))
    assert "8507" not in verdict.hints[0].message
    assert "x…”" in verdict.hints[0].message
