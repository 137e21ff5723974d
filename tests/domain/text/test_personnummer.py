"""Personnummer and samordningsnummer are found in every written shape; look-alikes are not."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from intake.domain.text.personnummer import REDACTED, find_personnummer, luhn_ok, redact


def check_digit(nine: str) -> str:
    """The Luhn check digit of YYMMDDNNN, computed the way Skatteverket describes it."""
    products = [int(d) * (2 if i % 2 == 0 else 1) for i, d in enumerate(nine)]
    total = sum(p // 10 + p % 10 for p in products)
    return str((10 - total % 10) % 10)


def number(date: datetime.date, serial: int, *, samordning: bool = False) -> str:
    """The ten digits YYMMDDNNNC of a valid personnummer (or samordningsnummer)."""
    day = date.day + (60 if samordning else 0)
    nine = f"{date:%y%m}{day:02d}{serial:03d}"
    return nine + check_digit(nine)


VALID = number(datetime.date(1985, 7, 9), 980)  # 850709-9805


def test_the_test_helper_agrees_with_known_numbers() -> None:
    assert VALID == "8507099805"
    assert number(datetime.date(1912, 12, 12), 121) == "1212121212"


@pytest.mark.parametrize(
    "written",
    [
        "850709-9805",
        "8507099805",
        "19850709-9805",
        "198507099805",
        "850709+9805",
        "850709–9805",  # an en dash, as word processors write it
        "850709 9805",
    ],
)
def test_every_written_shape_is_found(written: str) -> None:
    text = f"Sökande: {written}, ring tillbaka."
    spans = find_personnummer(text)
    assert [text[s.start : s.end] for s in spans] == [written]
    assert spans[0].kind == "personnummer"


def test_samordningsnummer_adds_sixty_to_the_day() -> None:
    samordning = number(datetime.date(1990, 3, 25), 123, samordning=True)
    assert samordning[4:6] == "85"
    [span] = find_personnummer(f"nr {samordning[:6]}-{samordning[6:]}")
    assert span.kind == "samordningsnummer"


def test_luhn_failure_is_not_flagged() -> None:
    assert find_personnummer("850709-9806") == []
    assert find_personnummer("198507099804") == []


@pytest.mark.parametrize(
    "text",
    [
        "851309-1234",  # month 13
        "850230-1236",  # 30 February
        "178507099805",  # a century no living person has
        "288507099805",  # twelve digits, no century at all: an order number
        "850792-9805",  # day 92 is no samordningsnummer either
    ],
)
def test_invalid_dates_are_not_flagged(text: str) -> None:
    assert find_personnummer(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Avtalet löper ut 2027-06-01 och ska förnyas 2027-01-15.",
        "Ring mig på 070-123 45 67 eller 08-123 456 78.",
        "Mobil: 0701234569",
        "Kontakta oss på tel. 0701234569",
        "Budget 1 500 000 kr, totalt 2500000000 kronor.",
        "Diarienummer KS 2024/1234 och 2024-1234.",
        "Fakturanummer 38507099805 och 985070998051.",
        "Organisationsnummer 212000-1234.",
        "٨٥٠٧٠٩٩٨٠٥",  # Arabic-Indic digits: not how anyone writes a personnummer
    ],
)
def test_lookalikes_are_not_flagged(text: str) -> None:
    assert find_personnummer(text) == []


@pytest.mark.parametrize(
    "text", ["Barnet 0701234569 behöver plats", "Personnummer: 0701234569", "nr 0701234569"]
)
def test_a_bare_number_is_a_personnummer_without_phone_words(text: str) -> None:
    # The same digits as the phone number above: without "tel" or "mobil" they could be a person.
    assert len(find_personnummer(text)) == 1


def test_redact_replaces_every_number_and_keeps_the_rest() -> None:
    text = "Först 850709-9805, sedan 19121212-1212.\r\nSlut."
    assert redact(text) == f"Först {REDACTED}, sedan {REDACTED}.\r\nSlut."


def test_luhn() -> None:
    assert luhn_ok("8507099805")
    assert not luhn_ok("8507099804")


dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31))
serials = st.integers(min_value=0, max_value=999)
shapes = st.sampled_from(["short", "short-dash", "long", "long-dash", "plus"])
filler = st.text(alphabet=st.characters(blacklist_categories=["Nd", "Cs"]), max_size=30)


def written(date: datetime.date, digits: str, shape: str) -> str:
    century = f"{date.year // 100}"
    return {
        "short": digits,
        "short-dash": f"{digits[:6]}-{digits[6:]}",
        "long": century + digits,
        "long-dash": f"{century}{digits[:6]}-{digits[6:]}",
        "plus": f"{digits[:6]}+{digits[6:]}",
    }[shape]


def _phone_word(text: str) -> bool:
    words = ("tel", "telefon", "telefonnummer", "tfn", "mobil", "mobilnummer", "mobiltelefon")
    return bool(re.search(r"(?:" + "|".join((*words, "ring", "sms")) + r")\W{0,3} ?$", text, re.I))


@given(dates, serials, st.booleans(), shapes, filler, filler)
def test_every_generated_number_is_found_and_redacted(
    date: datetime.date, serial: int, samordning: bool, shape: str, before: str, after: str
) -> None:
    text_of_number = written(date, number(date, serial, samordning=samordning), shape)
    text = f"{before} {text_of_number} {after}"
    # The one documented exception: a bare 07X number after "tel", "mobil" … is a phone number.
    assume(not (re.fullmatch("07[02369].*", text_of_number) and _phone_word(before)))
    spans = find_personnummer(text)
    assert [text[s.start : s.end] for s in spans] == [text_of_number]
    assert text_of_number not in redact(text)


@given(dates, serials, st.integers(min_value=1, max_value=9), shapes)
def test_luhn_invalid_numbers_are_never_flagged(
    date: datetime.date, serial: int, offset: int, shape: str
) -> None:
    digits = number(date, serial)
    wrong = digits[:9] + str((int(digits[9]) + offset) % 10)
    assert find_personnummer(f"ärende {written(date, wrong, shape)} klart") == []
