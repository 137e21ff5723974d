"""The triage use case: settle every change to a need's stage, as the process allows it.

Reconciles: it reads the need as it is now and the bot's own record, whatever event started it,
so a late, repeated or lost event changes nothing that is already right, and the next run (or
the nightly one) settles what a lost run left.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.record import initial_record, record_of
from intake.domain.lifecycle.renames import with_current_ids
from intake.domain.lifecycle.stages import labels_to_reach
from intake.domain.lifecycle.timeline import Actor, Change
from intake.domain.lifecycle.triage import STATUS_MARKER, Settlement, TriageView, settle
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import is_need
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

    def triage_view(self, number: int) -> TriageView:
        """The need, its timeline with who did what, and the bot's status comment."""
        ...

    def apply_labels(self, number: int, change: LabelChange) -> LabelChange:
        """Add and remove labels; returns what actually changed."""
        ...

    def update_issue(self, number: int, state: str, reason: str | None) -> None:
        """Close or reopen the issue, for a reason."""
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


def _complete(process: Process, view: TriageView) -> bool:
    form = process.need_form
    parsed = parse(issue_form(process, form), view.issue.body)
    if not is_from_form(parsed):
        return False
    return validate(process, form, parsed, title=view.issue.title, body=view.issue.body).ok


def after_labels(view: TriageView, change: LabelChange, bot: str) -> TriageView:
    """The view as it is after the bot changed labels in this same run (the intake step), without
    reading the issue again: the labels changed, and the bot's changes are on the timeline, dated
    when the issue last changed (the bot's user id only when the timeline already names it)."""
    if change.empty:
        return view
    gone = {label.casefold() for label in change.remove}
    labels = [label for label in view.issue.labels if label.casefold() not in gone]
    labels += [label for label in change.add if label not in labels]
    at = view.issue.updated_at
    known = (c.actor.id for c in view.changes if c.actor.login.casefold() == bot.casefold())
    actor = Actor(login=bot, id=next((i for i in known if i is not None), None))
    added = [Change(kind="labeled", label=label, actor=actor, at=at) for label in change.add]
    removed = [Change(kind="unlabeled", label=label, actor=actor, at=at) for label in change.remove]
    issue = view.issue.model_copy(update={"labels": tuple(labels)})
    return view.model_copy(update={"issue": issue, "changes": [*view.changes, *removed, *added]})


def settle_need(
    gh: TriageGateway,
    process: Process,
    number: int,
    *,
    bot: str,
    ref: str,
    adopt: bool,
    view: TriageView | None = None,
    complete: bool | None = None,
) -> TriageOutcome:
    """Judge what changed since the record, and make the issue match.

    `view`: the need as this run already read it (None: read it now); `complete`: whether its
    answers pass validation, when this run already validated them."""
    view = view or gh.triage_view(number)
    if not is_need(process, view.issue.labels, view.issue.body):
        return TriageOutcome(number=number, handled=False, reason="ärendet är inget behov")
    record = record_of(view.status)
    record = with_current_ids(process, record) if record is not None else None
    rebuilt = view.status is not None and record is None
    if record is None:
        labels = view.issue.labels
        record = initial_record(process, labels, view.changes, bot, adopt=adopt)
    result = settle(
        process,
        labels=view.issue.labels,
        state=view.issue.state,
        complete=_complete(process, view) if complete is None else complete,
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
    """Make the issue match the settlement; returns the writes it took (none when it matches).

    Labels change as a delta: only the stage labels that differ are added or removed, so a label a
    person adds meanwhile stays."""
    number = view.issue.number
    writes = 0
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
    change = labels_to_reach(process, view.issue.labels, result.stage)
    if not change.empty:
        gh.apply_labels(number, change)
        writes += 1
    if view.issue.state != result.state:
        gh.update_issue(number, result.state, result.close_reason)
        writes += 1
    status = render_status(process, result, rebuilt=rebuilt)
    changed = view.status is None or view.status.body != status
    if changed and gh.upsert_comment(number, STATUS_MARKER, status) != "unchanged":
        writes += 1
    return writes
