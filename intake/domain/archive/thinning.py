"""Thinning out (gallring) by decision: which archived issues the process's rules make due, and
the log entry of a decision that removed them (thinning.json in the archive)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from intake.domain.archive.schema import ArchivedIssue
from intake.model.archive import ThinningRule
from intake.model.process import Process

THINNING_FILE = "thinning.json"


class Due(BaseModel):
    """An archived issue that a thinning rule allows to be removed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    outcome: str
    closed: date
    years: int


class Thinning(BaseModel):
    """A decision that thinned the archive: its diarienummer, its date and what it removed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    diarienummer: str
    decided: date
    removed: list[str]
    """The keys (`owner/name#number`) of the issues removed from the archive's current files."""


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _outcome(process: Process, labels: Sequence[str]) -> str | None:
    by_label = {o.label.casefold(): o.id for o in process.outcomes}
    return next((by_label[n.casefold()] for n in labels if n.casefold() in by_label), None)


def due(
    process: Process, rules: Sequence[ThinningRule], issues: Iterable[ArchivedIssue], today: date
) -> list[Due]:
    """The closed issues whose outcome a rule names, closed at least its years before `today`."""
    found = []
    for issue in issues:
        outcome = _outcome(process, issue.labels)
        if issue.state != "closed" or issue.closed_at is None or outcome is None:
            continue
        closed = issue.closed_at.date()
        for rule in rules:
            if outcome in rule.outcomes and _years_later(closed, rule.years) <= today:
                found.append(Due(key=issue.key, outcome=outcome, closed=closed, years=rule.years))
                break
    return sorted(found, key=lambda d: (d.closed, d.key))


def thinned_keys(log: Iterable[Thinning]) -> set[str]:
    """Every issue a recorded decision removed: the archive never takes them in again."""
    return {key for entry in log for key in entry.removed}
