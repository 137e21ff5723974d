"""Numbers with units and points in time, read from Swedish text ("1 200 timmar", "2,5 mnkr")."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from intake.domain.text.patterns import ISO_DATE, MONTH_DATE, NUMBER, RANGE_END, UNIT, YEAR

_SIGNS = "-−–"
_THOUSANDS = str.maketrans("", "", " \u00a0\u202f.")
# Units written in the singular or in full, as the plural or short form they are compared in.
_ALIASES = {
    "dag": "dagar",
    "vecka": "veckor",
    "timme": "timmar",
    "tim": "timmar",
    "h": "timmar",
    "minut": "minuter",
    "min": "minuter",
    "månad": "månader",
    "krona": "kr",
    "kronor": "kr",
    "procent": "%",
}
_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


class Quantity(BaseModel):
    """A number and the unit written after it ("" when none); `unit` is lower case."""

    model_config = ConfigDict(frozen=True)

    value: float
    unit: str = ""

    def show(self) -> str:
        """The quantity as Swedish text: decimal comma, a space between thousands."""
        text = f"{self.value:,.2f}".rstrip("0").rstrip(".")
        text = text.replace(",", " ").replace(".", ",").replace("-", "−")
        return f"{text} {self.unit}".strip() if self.unit != "%" else f"{text} %"


def parse_quantity(text: str | None) -> Quantity | None:
    """The first number in the text with the unit written after it; None when there is no number.

    "1 200 timmar" → 1200 timmar; "35 %" → 35 %; "2,5 mnkr" → 2.5 mnkr; "ca 4 veckor" → 4 veckor.
    A second number (a range such as "4–6 veckor") is ignored: the first counts.
    """
    if not text:
        return None
    match = NUMBER.search(text)
    if match is None:
        return None
    whole = match["int"].translate(_THOUSANDS)
    decimals = match["dec"] or ""
    value = float(f"{whole}.{decimals}" if decimals else whole)
    # A sign is the last character before the digits but spaces (read once, not at every space).
    if text[: match.start()].rstrip()[-1:] in tuple(_SIGNS):
        value = -value
    rest = text[match.end() :]
    if ranged := RANGE_END.match(rest):  # the upper end of a range
        rest = rest[ranged.end() :]
    unit = UNIT.match(rest)
    words = unit["unit"].lower().split() if unit else []
    if words:
        words[0] = _ALIASES.get(words[0], words[0])
    return Quantity(value=value, unit=" ".join(words))


def parse_when(text: str | None) -> date | None:
    """A point in time: "2027-06-30", "2027-06" (its first day), "juni 2027", "2027"; else None."""
    if not text:
        return None
    found = text.strip().lower()
    if match := ISO_DATE.search(found):
        year, month, dom = int(match[1]), int(match[2]), int(match[3] or 1)
    elif match := MONTH_DATE.search(found):
        if match[2] not in _MONTHS:
            return None
        year, month, dom = int(match[3]), _MONTHS[match[2]], int(match[1] or 1)
    elif match := YEAR.fullmatch(found):
        year, month, dom = int(match[1]), 1, 1
    else:
        return None
    try:
        return date(year, month, dom)
    except ValueError:
        return None
