"""The municipality's own digitalisation index per calendar year, on a 0–10 scale.

Three parts, as in Nacka's published index: Förutsättningar from a yearly file the municipality
fills in, Resultat and Nytta computed from the portfolio. A part without data is missing (None),
never zero; the index itself is the mean of the three parts, only for a year that has all three.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from intake.domain.lifecycle.attachments import benefits_in_year
from intake.domain.portfolio.flow import HasHistory
from intake.domain.portfolio.schema import Portfolio
from intake.model.base import Model
from intake.model.process import Process

SCALE = 10.0
# The measures a municipality may give for Förutsättningar, each on the 0–10 scale (the
# digitaliseringsindex page proposes them): id → name as the page shows it.
PREREQUISITES: dict[str, str] = {
    "mognad": "Digital mognad",
    "tilltro": "Tilltro till verktygen",
    "teknik": "Teknisk grund",
    "kompetens": "Kompetens",
}
_KEYS = {*PREREQUISITES, "kalla"}


class PrerequisiteYear(Model):
    """One year's Förutsättningar as the municipality reported them."""

    year: int
    values: dict[str, float]
    """Measure id → value 0–10; a measure not given is absent."""
    source: str | None = None

    @property
    def value(self) -> float | None:
        """The mean of the measures given, or None when none is."""
        if not self.values:
            return None
        return round(sum(self.values.values()) / len(self.values), 1)


class BenefitCount(Model):
    """Followed-up benefits of one year: how many were measured, how many reached their target."""

    measured: int
    reached: int


class IndexYear(Model):
    """The index of one calendar year; None where a part has no data."""

    year: int
    prerequisites: float | None
    in_work: int
    """Needs that were in a stage the council decides on (Utveckla, Avveckla) during the year."""
    delivered: int
    """Of those, the ones that left that stage during the year (moved on or were closed)."""
    results: float | None
    benefits: BenefitCount | None
    nytta: float | None
    total: float | None
    partial: bool
    """True for the year of the portfolio's `updated` day: the year is not over."""


def read_prerequisites(data: object, path: str) -> tuple[list[PrerequisiteYear], list[str]]:
    """The years of the Förutsättningar file and every problem in it, in plain Swedish."""
    if data is None:
        return [], []
    if not isinstance(data, Mapping):
        return [], [f"{path}: filen ska vara en lista med år, till exempel ”2025:” på en egen rad"]
    years: list[PrerequisiteYear] = []
    problems: list[str] = []
    for key, entry in data.items():
        if isinstance(key, bool) or not isinstance(key, int) or not 2000 <= key <= 2100:
            problems.append(f"{path}: ”{key}” är inget år; skriv året med fyra siffror")
            continue
        if entry is None:
            entry = {}
        if not isinstance(entry, Mapping):
            problems.append(f"{path}: år {key}: skriv måtten som ”namn: värde” på egna rader")
            continue
        values: dict[str, float] = {}
        for name, value in entry.items():
            where = f"{path}: år {key}, fältet {name}"
            if name not in _KEYS:
                known = ", ".join(sorted(_KEYS))
                problems.append(f"{where}: okänt fält; de som finns är {known}")
            elif name == "kalla":
                if value is not None and not isinstance(value, str):
                    problems.append(f"{where}: skriv källan som text")
            elif value is None:
                continue  # not measured that year: missing, not zero
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{where}: ”{value}” är inget tal; skriv till exempel 6.5")
            elif not math.isfinite(value) or not 0 <= value <= SCALE:
                problems.append(f"{where}: {value} ligger utanför skalan 0–10")
            else:
                values[name] = float(value)
        source = entry.get("kalla")
        years.append(
            PrerequisiteYear(
                year=key, values=values, source=source if isinstance(source, str) else None
            )
        )
    return sorted(years, key=lambda y: y.year), problems


def decided_stages(process: Process) -> set[str]:
    """The stages a need enters only by the council's decision (`requires: decision`)."""
    return {
        target
        for source in process.stages
        for target in process.targets(source.id)
        if (move := process.move(source.id, target)) is not None and "decision" in move.requires
    }


def results_counts(
    process: Process, needs: Sequence[HasHistory], year: int, until: date
) -> tuple[int, int]:
    """(in work, delivered) in a calendar year: needs in a decided stage at some time in the year,
    and those of them that left such a stage during the year."""
    decided = decided_stages(process)
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_work = delivered = 0
    for need in needs:
        visits = [v for v in need.history if v.stage in decided and v.known]
        ends = [v.left or need.closed or until for v in visits]
        if any(v.entered <= last and end >= first for v, end in zip(visits, ends, strict=True)):
            in_work += 1
            if any(v.left is not None and first <= v.left <= last for v in visits):
                delivered += 1
    return in_work, delivered


def benefit_counts(portfolio: Portfolio, year: int) -> BenefitCount | None:
    """Followed-up benefits measured in `year` and how many reached their target.

    None when no follow-up (nyttouppföljning) measured a benefit that year: Nytta is then missing,
    never zero.
    """
    realised = [benefit for need in portfolio.needs for benefit in need.realised]
    measured, reached = benefits_in_year(realised, year)
    return BenefitCount(measured=measured, reached=reached) if measured else None


def _share(part: int, whole: int) -> float | None:
    return round(SCALE * part / whole, 1) if whole else None


def index_years(
    process: Process, portfolio: Portfolio, prerequisites: Sequence[PrerequisiteYear]
) -> list[IndexYear]:
    """The index of every calendar year from the first stage change in the portfolio (or the first
    year in the file) to the year of its `updated` day."""
    until = portfolio.updated
    given = {p.year: p for p in prerequisites}
    starts = [v.entered.year for n in portfolio.needs for v in n.history if v.known]
    first = min([*starts, *given, until.year])
    years = []
    for year in range(first, until.year + 1):
        in_work, delivered = results_counts(process, portfolio.needs, year, until)
        results = _share(delivered, in_work)
        benefits = benefit_counts(portfolio, year)
        nytta = _share(benefits.reached, benefits.measured) if benefits else None
        prereq = given[year].value if year in given else None
        parts = [prereq, results, nytta]
        total = None if None in parts else round(sum(p for p in parts if p is not None) / 3, 1)
        years.append(
            IndexYear(
                year=year,
                prerequisites=prereq,
                in_work=in_work,
                delivered=delivered,
                results=results,
                benefits=benefits,
                nytta=nytta,
                total=total,
                partial=year == until.year,
            )
        )
    return years
