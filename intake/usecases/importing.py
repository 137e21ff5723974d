"""Filing needs on someone's behalf: each row of another channel's export becomes one need.

Idempotent: the channel's reference, kept in the need's body, is the key. It is looked up among
the repository's issues as they are (never the search index, which lags), so a file imported
again files nothing twice, and a row changed since it was filed is reported, not overwritten.
Issues filed with GITHUB_TOKEN start no workflow run, so each new need is answered here as the
intake workflow would: validated, commented and labelled (its stage label included). The bot's
record of the stage is left to the nightly run, which adopts the label: settling here would also
start the site's workflow, which needs a permission (`actions: write`) the import does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from intake.domain.importing.rows import (
    Draft,
    FiledNeed,
    Refusal,
    answers_of,
    conflicts,
    draft_need,
    filed_needs,
    reference_of,
)
from intake.domain.importing.table import Table
from intake.domain.lifecycle.issue import Issue
from intake.model.process import Process
from intake.usecases.gateway import Gateway
from intake.usecases.intake import IssueEvent, handle_event

Result = Literal["filed", "would_file", "already", "changed", "refused", "later"]


class ImportGateway(Gateway, Protocol):
    """What importing needs from GitHub: reading every need, filing one, answering it."""

    def needs_with_history(self, repository: str | None = None) -> list[Issue]:
        """Every issue of the repository, open and closed, with the bot's record."""
        ...

    def create_issue(self, title: str, body: str, same: Callable[[Issue], bool]) -> int:
        """File a new issue once; returns its number. `same` recognises it when GitHub's answer
        was lost and the gateway reads back whether it was filed."""
        ...


@dataclass(frozen=True)
class Pace:
    """How fast needs are filed, within GitHub's limits on creating content (80 a minute, 500
    an hour): each need takes three writes, and PyGithub pauses a second after each."""

    seconds_between_needs: float = 5.0
    most_per_run: int = 60  # the rest are filed by the next run


@dataclass(frozen=True)
class RowResult:
    """What became of one row: its number, the channel's reference, the issue, and why."""

    row: int
    reference: str
    result: Result
    number: int | None = None
    reason: str = ""
    conflict: int | None = None  # an issue a person filed naming the same reference


def import_needs(
    gh: ImportGateway,
    process: Process,
    table: Table,
    *,
    dry_run: bool,
    pace: Pace,
    sleep: Callable[[float], None],
) -> list[RowResult]:
    """File every new valid row as a need; one result per row, in file order."""
    spec = process.channel_import
    if spec is None:
        raise ValueError("the process file has no `import:` block")
    issues = gh.needs_with_history()
    filed = filed_needs(process, spec, issues)
    squatted = {c.reference.casefold(): c.issue.number for c in conflicts(process, spec, issues)}
    seen: dict[str, int] = {}
    results: list[RowResult] = []
    created = 0
    for row in table.rows:
        draft = draft_need(process, spec, table, row)
        if isinstance(draft, Refusal):
            results.append(RowResult(draft.row, draft.reference, "refused", reason=draft.reason))
            continue
        keyed = draft.reference.casefold()
        if keyed in seen:
            reason = f"samma referens som rad {seen[keyed]}"
            results.append(RowResult(row.number, draft.reference, "refused", reason=reason))
            continue
        seen[keyed] = row.number
        existing = filed.get(keyed)
        conflict = squatted.get(keyed)
        if existing is not None:
            if not dry_run and _unanswered(existing.issue):
                # Filed by a run cut short before it answered: this run answers it.
                handle_event(gh, process, IssueEvent(action="opened", number=existing.issue.number))
            results.append(_compare(process, draft, existing.issue, conflict))
        elif dry_run:
            results.append(RowResult(row.number, draft.reference, "would_file", conflict=conflict))
        elif created >= pace.most_per_run:
            results.append(RowResult(row.number, draft.reference, "later"))
        else:
            if created:
                sleep(pace.seconds_between_needs)
            number = _file(gh, process, draft)
            created += 1
            results.append(
                RowResult(row.number, draft.reference, "filed", number, conflict=conflict)
            )
    return results


def _unanswered(issue: Issue) -> bool:
    """Whether a filed need never got the bot's answer: an answered one always carries a label
    (its stage, or that it is to be completed)."""
    return issue.state == "open" and not issue.labels


def _compare(process: Process, draft: Draft, existing: Issue, conflict: int | None) -> RowResult:
    same = answers_of(process, existing.body) == draft.answers
    result: Result = "already" if same else "changed"
    return RowResult(draft.row, draft.reference, result, existing.number, conflict=conflict)


def _file(gh: ImportGateway, process: Process, draft: Draft) -> int:
    """File one need and answer it as the intake workflow would answer its `opened` event."""
    spec = process.channel_import
    key = draft.reference.casefold()  # the reference is the key, as when a file comes again

    def same(issue: Issue) -> bool:
        found = reference_of(process, spec, issue.body) if spec else None
        return found is not None and found.casefold() == key

    number = gh.create_issue(draft.title, draft.body, same)
    handle_event(gh, process, IssueEvent(action="opened", number=number))
    return number


def filed_from_channel(
    gh: ImportGateway, process: Process
) -> tuple[list[FiledNeed], list[FiledNeed]]:
    """Every need filed from the channel as it is now, for the status file, and the issues
    people filed naming one of the channel's references (conflicts, reported there too)."""
    spec = process.channel_import
    if spec is None:
        raise ValueError("the process file has no `import:` block")
    issues = gh.needs_with_history()
    return list(filed_needs(process, spec, issues).values()), conflicts(process, spec, issues)
