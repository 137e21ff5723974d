"""Personal data in free text, found however it is written, and masked in the original.

The finder searches a normalised copy of the text: NFKC (fullwidth digits become digits), format
characters such as U+200B, U+00AD and U+2060 dropped, every Unicode space read as a space and
every dash as `-`. What it finds is masked in the original text through an offset map, so the
rest of the text stays exactly as written. Personnummer and samordningsnummer (see
`personnummer.py`) are refused at intake; e-mail addresses and phone numbers are pointed out to
the initiator and masked wherever the portfolio publishes. The municipality's own addresses and
numbers (`municipality.contact` and `public_contacts` in the process file) stay visible.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from intake.domain.text.normalised import normalise, reads_as_any
from intake.domain.text.patterns import DIGITS_OR_AT, EMAIL, PHONE
from intake.domain.text.personnummer import REDACTED, personnummer_in

Kind = Literal["personnummer", "samordningsnummer", "e-post", "telefon"]
MASKS: dict[Kind, str] = {
    "personnummer": REDACTED,
    "samordningsnummer": REDACTED,
    "e-post": "[e-postadress borttagen]",
    "telefon": "[telefonnummer borttaget]",
}
CONTACT_KINDS: frozenset[Kind] = frozenset({"e-post", "telefon"})


@dataclass(frozen=True)
class Found:
    """Personal data in a text: text[start:end] of the original, and what it is."""

    start: int
    end: int
    kind: Kind


def _phone_key(text: str) -> str:
    """How phone numbers compare: the digits alone, +46 read as 0."""
    digits = "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit() or c == "+")
    return "0" + digits[3:] if digits.startswith("+46") else digits


@lru_cache(maxsize=16)
def _public_keys(public: tuple[str, ...]) -> frozenset[str]:
    """How the municipality's own addresses and numbers compare: addresses case-blind."""
    return frozenset(
        p.strip().casefold() if "@" in p else _phone_key(p) for p in public if p.strip()
    )


@lru_cache(maxsize=256)  # the bot and the portfolio search the same answers several times
def _contacts_in(copy: str) -> tuple[tuple[int, int, Kind, str], ...]:
    """(start, end, kind, key) of every e-mail address and phone number in a normalised copy."""
    found: list[tuple[int, int, Kind, str]] = []
    for match in EMAIL.finditer(copy):
        found.append((match.start(), match.end(), "e-post", match.group().casefold()))
    for match in PHONE.finditer(copy):
        found.append((match.start(), match.end(), "telefon", _phone_key(match.group())))
    return tuple(found)


def find_personal_data(text: str, public: Collection[str] = ()) -> list[Found]:
    """Every personnummer, samordningsnummer, e-mail address and phone number, in order.

    `public`: the municipality's own addresses and numbers, which are not a person's.
    """
    if not reads_as_any(text, DIGITS_OR_AT):
        return []
    copy = normalise(text)
    found = [
        Found(*copy.original(start, end), kind) for start, end, kind in personnummer_in(copy.text)
    ]
    numbers = [(f.start, f.end) for f in found]  # in order, never overlapping
    kept = _public_keys(tuple(public))
    for copy_start, copy_end, kind, key in _contacts_in(copy.text):
        if key in kept:
            continue
        start, end = copy.original(copy_start, copy_end)
        before = bisect_left(numbers, (end, end)) - 1
        if before >= 0 and numbers[before][1] > start:
            continue  # a personnummer is also shaped like a phone number: it counts as one
        found.append(Found(start, end, kind))
    return sorted(found, key=lambda f: (f.start, -f.end))


def mask(text: str, found: list[Found]) -> str:
    """The text with each finding replaced by what it was ("[e-postadress borttagen]")."""
    parts: list[str] = []
    last = 0
    for item in found:
        if item.start < last:  # overlaps the one before (an address holding digits): one mask
            last = max(last, item.end)
            continue
        parts += [text[last : item.start], MASKS[item.kind]]
        last = item.end
    parts.append(text[last:])
    return "".join(parts)


def mask_personal_data(text: str, public: Collection[str] = ()) -> str:
    """The text with every personnummer, e-mail address and phone number masked.

    `public`: the municipality's own addresses and numbers, left visible.
    """
    found = find_personal_data(text, public)
    return mask(text, found) if found else text


def contact_details(text: str, public: Collection[str] = ()) -> list[Found]:
    """The e-mail addresses and phone numbers in the text that are not the municipality's."""
    return [f for f in find_personal_data(text, public) if f.kind in CONTACT_KINDS]
