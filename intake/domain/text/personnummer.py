"""Swedish personnummer and samordningsnummer found in free text, so that they can be refused.

A match must have a valid date (a samordningsnummer adds 60 to the day) and a valid Luhn check digit
over the ten digits YYMMDDNNNC. Accepted shapes: YYMMDD-NNNC, YYMMDDNNNC, YYYYMMDD-NNNC,
YYYYMMDDNNNC, with `-`, `+` (a person aged 100 or more), a dash look-alike or a space as separator.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

REDACTED = "[personnummer borttaget]"

# [0-9], not \d: \d also matches Arabic-Indic and other digits that no personnummer uses.
_NUMBER = re.compile(
    r"(?<![0-9])(?P<century>[0-9]{2})?(?P<date>[0-9]{6})"
    r"(?P<sep>[-+\u2010\u2011\u2012\u2013\u2212 ]?)(?P<serial>[0-9]{3})(?P<check>[0-9])(?![0-9])"
)
# A bare ten-digit Swedish mobile number (07X) right after one of these words is a phone number.
# Anything else that passes the date and Luhn checks is treated as a person: a miss leaks data,
# while a false alarm only asks the initiator to remove a number.
_MOBILE = re.compile(r"07[02369][0-9]{7}")
_PHONE_CONTEXT = re.compile(
    r"(?<!\w)(?:tel|telefon|telefonnummer|tfn|mobil|mobilnummer|mobiltelefon|ring|sms)\W{0,3}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """Where a personnummer or samordningsnummer stands in a text: text[start:end]."""

    start: int
    end: int
    kind: Literal["personnummer", "samordningsnummer"]


def luhn_ok(digits: str) -> bool:
    """Whether the last digit is the Luhn check digit of the ones before it."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _date_ok(
    centuries: list[int], yymmdd: str
) -> Literal["personnummer", "samordningsnummer"] | None:
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    kind: Literal["personnummer", "samordningsnummer"] = "personnummer"
    if day > 60:
        day -= 60
        kind = "samordningsnummer"
    if not 1 <= month <= 12 or day < 1:
        return None
    if any(day <= calendar.monthrange(c * 100 + year, month)[1] for c in centuries):
        return kind
    return None


def _is_phone(text: str, match: re.Match[str]) -> bool:
    return bool(
        _MOBILE.fullmatch(match.group())
        and _PHONE_CONTEXT.search(text[max(0, match.start() - 20) : match.start()])
    )


def find_personnummer(text: str) -> list[Span]:
    """Every personnummer and samordningsnummer in the text, in order."""
    spans: list[Span] = []
    for match in _NUMBER.finditer(text):
        century = match["century"]
        if century is not None and century not in ("18", "19", "20"):
            continue
        centuries = [int(century)] if century else [19, 20]
        kind = _date_ok(centuries, match["date"])
        if kind is None or not luhn_ok(match["date"] + match["serial"] + match["check"]):
            continue
        if _is_phone(text, match):
            continue
        spans.append(Span(match.start(), match.end(), kind))
    return spans


def contains_personnummer(text: str) -> bool:
    """Whether the text holds a personnummer or samordningsnummer."""
    return bool(find_personnummer(text))


def redact(text: str) -> str:
    """The text with every personnummer and samordningsnummer replaced by a placeholder."""
    parts: list[str] = []
    last = 0
    for span in find_personnummer(text):
        parts += [text[last : span.start], REDACTED]
        last = span.end
    parts.append(text[last:])
    return "".join(parts)
