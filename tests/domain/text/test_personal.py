"""Personal data found however it is written, masked in the original through the offset map."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.domain.text.normalised import normalise, reads_as_any
from intake.domain.text.patterns import DIGITS, DIGITS_OR_AT, EMAIL, PERSONNUMMER, PHONE
from intake.domain.text.personal import MASKS, find_personal_data, mask_personal_data
from intake.domain.text.personnummer import find_personnummer, redact
from tests.paths import FIXTURES

CORPUS = FIXTURES / "personal"
FOUND: list[dict[str, Any]] = json.loads((CORPUS / "found.json").read_text("utf-8"))
NOT_FOUND: list[dict[str, Any]] = json.loads((CORPUS / "not_found.json").read_text("utf-8"))
PUBLIC = ("digitalisering@exempelkommun.se", "010-123 45 00")


def _digits(text: str) -> str:
    return "".join(c for c in normalise(text).text if c.isascii() and c.isdigit())


@pytest.mark.parametrize("case", FOUND, ids=[c["why"] for c in FOUND])
def test_every_spelling_of_a_test_number_is_found_where_it_stands(case: dict[str, Any]) -> None:
    text = f"Sökande: {case['text']}, ring tillbaka."
    spans = find_personnummer(text)
    assert [text[s.start : s.end] for s in spans] == [case["text"]]
    masked = mask_personal_data(text)
    assert masked == f"Sökande: {MASKS['personnummer']}, ring tillbaka."
    assert redact(text) == masked


@pytest.mark.parametrize("case", NOT_FOUND, ids=[c["why"] for c in NOT_FOUND])
def test_lookalikes_are_left_alone(case: dict[str, Any]) -> None:
    text = f"Se {case['text']} i underlaget."
    assert find_personnummer(text) == []
    assert redact(text) == text


def test_the_corpus_covers_what_the_issue_lists() -> None:
    shown = "".join(c["text"] for c in FOUND)
    for char in "\u00a0\u202f\u200b\u00ad\u2060\u2014\uff0d\uff11":
        assert char in shown
    assert len({_digits(c["text"])[-10:] for c in FOUND}) == 4  # four numbers, many spellings


def test_the_rest_of_the_text_stays_exactly_as_written() -> None:
    text = "A\u200b\u200bB ½ 19121212\u00ad-1212\u2060 C\u00a0D"
    assert mask_personal_data(text) == f"A\u200b\u200bB ½ {MASKS['personnummer']}\u2060 C\u00a0D"


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("anna.andersson@exempel.se", "e-post"),
        ("Anna+behov@post.exempel.se", "e-post"),
        ("anna\uff20exempel.se", "e-post"),  # a fullwidth @
        ("anna@\u200bexempel.se", "e-post"),
        ("070-123 45 67", "telefon"),
        ("070\u2013123\u00a045\u00a067", "telefon"),
        ("08-123 456 78", "telefon"),
        ("+46 70 123 45 67", "telefon"),
        ("0701234567", "telefon"),
    ],
)
def test_addresses_and_numbers_of_people_are_found_and_masked(written: str, kind: str) -> None:
    text = f"Kontakta mig: {written}. Tack!"
    found = find_personal_data(text, PUBLIC)
    assert [(text[f.start : f.end], f.kind) for f in found] == [(written, kind)]
    assert mask_personal_data(text, PUBLIC) == f"Kontakta mig: {MASKS[kind]}. Tack!"  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    [
        "Skriv till DIGITALISERING@exempelkommun.se eller ring 010-123 45 00.",
        "Ring växeln på +46 10 123 45 00.",
    ],
)
def test_the_municipalitys_own_contacts_stay(text: str) -> None:
    assert find_personal_data(text, PUBLIC) == []
    assert mask_personal_data(text, PUBLIC) == text


@pytest.mark.parametrize(
    "text",
    [
        "Avtalet löper ut 2027-06-01.",
        "Budget 1 500 000 kr, 2,5 mnkr.",
        "Diarienummer KS 2024/0123456 och #0123456.",
        "Version 1.2.3, 35 %, 1 200 timmar.",
        "Se https://exempelkommun.se/behov/12 och @anna-exempel.",
    ],
)
def test_text_without_contacts_is_untouched(text: str) -> None:
    assert find_personal_data(text) == []
    assert mask_personal_data(text) is text


def test_a_personnummer_is_not_also_a_phone_number() -> None:
    text = "Barnet 010101-2383 och 0701234567."
    found = find_personal_data(text)
    assert [(text[f.start : f.end], f.kind) for f in found] == [
        ("010101-2383", "personnummer"),
        ("0701234567", "telefon"),
    ]


def test_masking_is_linear_in_the_number_of_findings() -> None:
    """Thousands of numbers in one answer are each masked once (no pairwise comparison)."""
    text = " ".join(["070-123 45 67", "anna@exempel.se", "19121212-1212"] * 2000)
    masked = mask_personal_data(text)
    assert not re.search(r"[0-9@]", masked)


# Characters that read as a digit or an `@` in the copy, others that vanish or grow, and plain text.
_TRICKY = "0123456789@０９＠﹫²①½\u200b\u00ad\u2060\u00a0\u2013\u2212 \t\nabcåäöÅ+-.:/#"


@given(st.text(alphabet=_TRICKY, max_size=40) | st.text(max_size=40))
def test_the_cheap_check_says_what_the_copy_holds(text: str) -> None:
    copy = set(normalise(text).text)
    assert reads_as_any(text, DIGITS_OR_AT) == bool(copy & DIGITS_OR_AT)
    assert reads_as_any(text, DIGITS) == bool(copy & DIGITS)


@given(st.text(alphabet=st.characters(blacklist_characters=sorted(DIGITS_OR_AT)), max_size=60))
def test_no_pattern_of_personal_data_matches_without_a_digit_or_an_at(text: str) -> None:
    for pattern in (PERSONNUMMER, PHONE, EMAIL):
        assert pattern.search(text) is None
