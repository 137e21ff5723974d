"""Swedish personnummer and samordningsnummer found in free text, however they are written.

A match must have a valid date (a samordningsnummer adds 60 to the day) and a valid Luhn check digit
over the ten digits YYMMDDNNNC. Accepted shapes: YYMMDD, YYYYMMDD or YY MM DD, then a separator
(`-`, `+` for a person aged 100 or more, a space, any Unicode dash or space, or none), then four
digits; no digit directly before or after. The search runs in a normalised copy (`normalised.py`),
so no-break and zero-width spaces, soft hyphens, em dashes and fullwidth digits hide nothing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from intake.domain.text.normalised import normalise, reads_as_any
from intake.domain.text.patterns import DIGITS, MOBILE, PERSONNUMMER, PHONE_CONTEXT

REDACTED = "[personnummer borttaget]"
Kind = Literal["personnummer", "samordningsnummer"]

# A bare ten-digit Swedish mobile number (07X) right after a word such as "tel" or "mobil" is a
# phone number. Anything else that passes the date and Luhn checks is treated as a person: a miss
# leaks data, while a false alarm only asks the initiator to remove a number.


@dataclass(frozen=True)
class Span:
    """Where a personnummer or samordningsnummer stands in a text: text[start:end]."""

    start: int
    end: int
    kind: Kind


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


def _date_ok(centuries: list[int], yymmdd: str) -> Kind | None:
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    kind: Kind = "personnummer"
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
        MOBILE.fullmatch(match.group())
        and PHONE_CONTEXT.search(text[max(0, match.start() - 20) : match.start()])
    )


@lru_cache(maxsize=256)  # the bot and the portfolio search the same answers several times
def personnummer_in(copy: str) -> tuple[tuple[int, int, Kind], ...]:
    """(start, end, kind) of every number in a normalised copy (see `normalise`), in order."""
    return tuple(_numbers(copy))


def _numbers(copy: str) -> Iterator[tuple[int, int, Kind]]:
    for match in PERSONNUMMER.finditer(copy):
        century = match["century"] or match["spaced_century"]
        date = match["date"] or f"{match['yy']}{match['mm']}{match['dd']}"
        if century is not None and century not in ("18", "19", "20"):
            continue
        centuries = [int(century)] if century else [19, 20]
        kind = _date_ok(centuries, date)
        if kind is None or not luhn_ok(date + match["serial"] + match["check"]):
            continue
        if _is_phone(copy, match):
            continue
        yield match.start(), match.end(), kind


def find_personnummer(text: str) -> list[Span]:
    """Every personnummer and samordningsnummer in the text, in order, as written there."""
    if not reads_as_any(text, DIGITS):
        return []
    copy = normalise(text)
    return [Span(*copy.original(s, e), kind) for s, e, kind in personnummer_in(copy.text)]


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
