"""The triage use case: settle every change to a need's stage, as the process allows it.

Reconciles: it reads the need as it is now and the bot's own record, whatever event started it,
so a late, repeated or lost event changes nothing that is already right, and the next run (or
the nightly one) settles what a lost run left.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.record import initial_record, record_of
from intake.domain.lifecycle.triage import STATUS_MARKER, Settlement, TriageView, settle
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import recognise
from intake.domain.need.validate import is_from_form, validate
from intake.model.process import Process
from intake.render.bot.triage import render_note, render_status
from intake.usecases.gateway import CommentResult

PAGES_WORKFLOW = "pages.yml"  # rebuilt after a change: the bot's own changes start no run


class TriageGateway(Protocol):
    """What triage needs from GitHub."""

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far."""
        ...

    def triage_view(self, number: int, marker: str) -> TriageView:
        """The need, its timeline with who did what, and the bot's status comment."""
        ...

    def update_issue(self, number: int, labels: list[str], state: str, reason: str | None) -> None:
        """Set labels and state in one write."""
        ...

    def upsert_comment(self, number: int, marker: str, body: str) -> CommentResult:
        """Make the bot's comment carrying `marker` read `body`."""
        ...

    def add_comment(self, number: int, body: str, key: str | None = None) -> None:
        """A new comment, written once: none when one with the same `key` is there already."""
        ...

    def dispatch(self, workflow: str, ref: str) -> None:
        """Start a workflow on a branch."""
        ...

    def react(self, comment_id: int, content: str) -> None:
        """A reaction on a comment."""
        ...


class TriageOutcome(BaseModel):
    """What settling one need did, for the job summary."""

    model_config = ConfigDict(frozen=True)

    number: int
    handled: bool
    reason: str = ""
    stage: str | None = None
    moved: str | None = None  # "from → to" of an accepted move
    notes: int = 0
    rebuilt: bool = False
    writes: int = 0


def is_need(process: Process, view: TriageView) -> bool:
    """Whether the issue is a need: written with the need form, or carrying a stage label."""
    issue = view.issue
    ours = {s.label.casefold() for s in process.all_stages}
    if any(label.casefold() in ours for label in issue.labels):
        return True
    form = recognise(process, issue.body)
    return form is not None and form.kind == process.need_form.kind


def _complete(process: Process, view: TriageView) -> bool:
    form = process.need_form
    parsed = parse(issue_form(process, form), view.issue.body)
    if not is_from_form(parsed):
        return False
    return validate(process, form, parsed, title=view.issue.title, body=view.issue.body).ok


def settle_need(
    gh: TriageGateway, process: Process, number: int, *, bot: str, ref: str, adopt: bool
) -> TriageOutcome:
    """Read the need, judge what changed since the record, and make the issue match."""
    view = gh.triage_view(number, STATUS_MARKER)
    if not is_need(process, view):
        return TriageOutcome(number=number, handled=False, reason="ärendet är inget behov")
    record = record_of(view.status)
    rebuilt = view.status is not None and record is None
    if record is None:
        labels = view.issue.labels
        record = initial_record(process, labels, view.changes, bot, adopt=adopt)
    result = settle(
        process,
        labels=view.issue.labels,
        state=view.issue.state,
        complete=_complete(process, view),
        changes=view.changes,
        remarks=view.remarks,
        record=record,
        bot=bot,
        created=view.issue.created_at,
        initiator=view.issue.author,
        attached=None if view.attached is None else set(view.attached),
    )
    writes = _apply(gh, process, view, result, rebuilt=rebuilt)
    if writes and (result.accepted is not None or _state_changed(view, result)):
        gh.dispatch(PAGES_WORKFLOW, ref)
        writes += 1
    moved = result.accepted
    return TriageOutcome(
        number=number,
        handled=True,
        stage=result.record.stage,
        moved=f"{moved.source or '–'} → {moved.target}" if moved else None,
        notes=len(result.notes),
        rebuilt=rebuilt,
        writes=writes,
    )


def note_key(view: TriageView, text: str, index: int) -> str:
    """A note's key: the same for every run that judges the same state (the record it was judged
    against, the latest event and remark) and says it in the same place (`index` among the
    run's notes); different for a note said again about a new change."""
    last_change = view.changes[-1].id if view.changes else ""
    last_remark = str(view.remarks[-1].id) if view.remarks else ""
    record = view.status.body if view.status is not None else ""
    parts = [str(view.issue.number), str(index), text, record, last_change, last_remark]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def _state_changed(view: TriageView, result: Settlement) -> bool:
    return view.issue.state != result.state


def _apply(
    gh: TriageGateway, process: Process, view: TriageView, result: Settlement, *, rebuilt: bool
) -> int:
    """Make the issue match the settlement; returns the writes it took (none when it matches)."""
    number = view.issue.number
    ours = {s.label.casefold() for s in process.all_stages}
    kept = [label for label in view.issue.labels if label.casefold() not in ours]
    wanted = kept + ([result.stage.label] if result.stage else [])
    writes = 0
    same_labels = sorted(name.casefold() for name in wanted) == sorted(
        name.casefold() for name in view.issue.labels
    )
    # The record goes last: a run cut short leaves it as it was, so the next run (or the nightly
    # one) judges the same changes again and finishes the job; the notes it already wrote carry
    # the same key and are not written twice, and labels and reactions are set, not added.
    for index, note in enumerate(result.notes):
        text = render_note(process, note)
        gh.add_comment(number, text, note_key(view, text, index))
        writes += 1
    for comment_id, content in result.reactions:
        gh.react(comment_id, content)
        writes += 1
    if not same_labels or view.issue.state != result.state:
        gh.update_issue(number, wanted, result.state, result.close_reason)
        writes += 1
    status = render_status(process, result, rebuilt=rebuilt)
    changed = view.status is None or view.status.body != status
    if changed and gh.upsert_comment(number, STATUS_MARKER, status) != "unchanged":
        writes += 1
    return writes
