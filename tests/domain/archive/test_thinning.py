"""Thinning rules: closed issues with a named outcome, the years counted from closing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from intake.domain.archive.schema import ArchivedIssue
from intake.domain.archive.thinning import Thinning, due, thinned_keys
from intake.model.archive import ThinningRule
from intake.model.process import Process

RULES = [ThinningRule(outcomes=["aterkallad", "dubblett"], years=2)]


def issue(number: int, label: str, closed: datetime | None) -> ArchivedIssue:
    return ArchivedIssue(
        repository="kommun/behov",
        number=number,
        url=f"https://github.com/kommun/behov/issues/{number}",
        title="Behov",
        body=None,
        author="anna",
        created_at=datetime(2020, 1, 1, tzinfo=UTC),
        updated_at=datetime(2020, 1, 1, tzinfo=UTC),
        closed_at=closed,
        state="closed" if closed else "open",
        labels=[label],
        archived=date(2026, 12, 1),
    )


def test_due_counts_the_years_from_closing_for_the_named_outcomes(process: Process) -> None:
    closed = datetime(2024, 2, 29, 12, 0, tzinfo=UTC)
    issues = [
        issue(1, "utfall: återkallad", closed),
        issue(2, "utfall: avslagen", closed),  # no rule names it
        issue(3, "utfall: dubblett", datetime(2025, 6, 1, tzinfo=UTC)),  # not two years yet
        issue(4, "steg: behov", None),
    ]
    assert [d.key for d in due(process, RULES, issues, date(2026, 2, 27))] == []
    found = due(process, RULES, issues, date(2026, 2, 28))  # 29 February counts as the 28th
    assert [(d.key, d.outcome, d.years) for d in found] == [("kommun/behov#1", "aterkallad", 2)]


def test_every_removed_issue_stays_out() -> None:
    log = [
        Thinning(diarienummer="KS 1", decided=date(2026, 1, 1), removed=["a/b#1"]),
        Thinning(diarienummer="KS 2", decided=date(2026, 6, 1), removed=["a/b#2", "c/d#1"]),
    ]
    assert thinned_keys(log) == {"a/b#1", "a/b#2", "c/d#1"}
