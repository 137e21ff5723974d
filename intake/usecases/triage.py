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
from intake.domain.lifecycle.ownership import initiator_of
from intake.domain.lifecycle.record import Record, Tamper, initial_record, record_of
from intake.domain.lifecycle.renames import with_current_ids
from intake.domain.lifecycle.stages import labels_to_reach
from intake.domain.lifecycle.tamper import (
    CommentChange,
    links_in,
    masked,
    note_block,
    restored,
    status_missing,
    tampering,
    what_of,
    with_links,
    with_tampering,
)
from intake.domain.lifecycle.timeline import Actor, Change
from intake.domain.lifecycle.triage import STATUS_MARKER, Settlement, TriageView, settle
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import is_need
from intake.domain.need.validate import is_from_form, validate
from intake.model.process import Process
from intake.render.bot.triage import render_note, render_status

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

    def edit_comment(self, comment_id: int, body: str) -> None:
        """Make one of the bot's comments, known by its id, read `body`."""
        ...

    def add_comment(self, number: int, body: str, key: str | None = None) -> None:
        """A new comment, written once: none when one with the same `key` is there already."""
        ...

    def comment_body(self, comment_id: int) -> str | None:
        """A comment's text as it is now; None when it is gone."""
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
    restored: bool = False  # the record went into a fresh status comment
    tampered: int = 0  # changes others made to the bot's comments, found in this run
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
    change: CommentChange | None = None,
    view: TriageView | None = None,
    complete: bool | None = None,
) -> TriageOutcome:
    """Judge what changed since the record, and make the issue match.

    `view`: the need as this run already read it (None: read it now); `complete`: whether its
    answers pass validation, when this run already validated them; `change`: the event about
    one of the bot's comments that started the run, if any. Just before its first write the run
    reads the need again: when another run (the nightly one, or one for another event) changed
    the record meanwhile, it settles again from what is there now.
    """
    view = view or gh.triage_view(number)
    if not is_need(process, view.issue.labels, view.issue.body):
        return TriageOutcome(number=number, handled=False, reason="ärendet är inget behov")
    for attempt in range(RACE_ATTEMPTS):
        kept = _kept(process, view, bot, change, adopt)
        result = _settled(process, view, kept, bot, complete)
        if not _needs_writing(process, view, result, kept) or attempt == RACE_ATTEMPTS - 1:
            break
        if _record_unchanged(gh, view):
            break
        # Another run wrote the record meanwhile: read the need again, settle what is there now.
        view, complete = gh.triage_view(number), None
    writes = _apply(gh, process, view, result, kept)
    rebuild = result.accepted is not None or kept.moved
    if writes and (rebuild or _state_changed(view, result)):
        gh.dispatch(PAGES_WORKFLOW, ref)
        writes += 1
    moved = result.accepted
    return TriageOutcome(
        number=number,
        handled=True,
        stage=result.record.stage,
        moved=f"{moved.source or '–'} → {moved.target}" if moved else None,
        notes=len(result.notes),
        rebuilt=kept.rebuilt,
        restored=kept.fresh,
        tampered=len(kept.record.tampering) - kept.known_tampering,
        writes=writes,
    )


RACE_ATTEMPTS = 3


class _Kept(BaseModel):
    """The record as the bot can trust it, and how it was found."""

    model_config = ConfigDict(frozen=True)

    record: Record
    read: Record | None  # as the newest trusted status comment holds it
    fresh: bool  # the status comment is missing or tampered: the record goes into a new one
    rebuilt: bool  # nothing trusted was left: rebuilt from the timeline (the last resort)
    known_tampering: int
    moved: bool = False  # moves restored from the notes that the status comment lacked


def _kept(
    process: Process, view: TriageView, bot: str, change: CommentChange | None, adopt: bool
) -> _Kept:
    read = record_of(view.status)
    read = with_current_ids(process, read) if read is not None else None
    best = restored(view.comments, bot, STATUS_MARKER, change)
    best = with_current_ids(process, best) if best is not None else None
    behind = best is not None and (read is None or best.revision > read.revision)
    public = process.municipality.public_addresses
    record = masked(best, public) if behind and best is not None else read  # restored: masked
    rebuilt = False
    if record is None:
        # Nothing the bot wrote can be trusted, or it never kept a record: only then the timeline.
        rebuilt = any(what_of(c.body, STATUS_MARKER) == "status" for c in view.comments)
        record = initial_record(process, view.issue.labels, view.changes, bot, adopt=adopt)
    # No trusted status comment although the bot kept a record: restore it into a fresh one. A
    # trusted one that is behind its notes (a run cut short before its last write) is edited.
    fresh = view.status is None and (best is not None or rebuilt)
    known = len(record.tampering)
    found = tampering(view.comments, bot, STATUS_MARKER, change)
    if status_missing(view.comments, bot, STATUS_MARKER, best) and not _deleted_status(found):
        found.append(Tamper(comment=0, what="status", action="deleted"))
    record = with_links(with_tampering(record, found), links_in(view.comments, bot))
    # Moves the notes hold and the status comment lacks: the site has not been rebuilt for them.
    moved = behind and best is not None and (read is None or best.moves != read.moves)
    return _Kept(
        record=record, read=read, fresh=fresh, rebuilt=rebuilt, known_tampering=known, moved=moved
    )


def _deleted_status(found: list[Tamper]) -> bool:
    return any(t.what == "status" and t.action == "deleted" for t in found)


def _settled(
    process: Process, view: TriageView, kept: _Kept, bot: str, complete: bool | None
) -> Settlement:
    result = settle(
        process,
        labels=view.issue.labels,
        state=view.issue.state,
        complete=_complete(process, view) if complete is None else complete,
        changes=view.changes,
        remarks=view.remarks,
        record=kept.record,
        bot=bot,
        created=view.issue.created_at,
        initiator=initiator_of(process, view.issue),
        attached=None if view.attached is None else set(view.attached),
    )
    if kept.read is not None and result.record == kept.read:
        return result
    revision = max(kept.record.revision, kept.read.revision if kept.read else 0) + 1
    return result.model_copy(
        update={"record": result.record.model_copy(update={"revision": revision})}
    )


def _record_unchanged(gh: TriageGateway, view: TriageView) -> bool:
    """Whether the status comment still reads as this run read it (one request). Every change
    another run makes to the record edits it or replaces it. A need the bot has no status comment
    for has no record to lose yet."""
    if view.status is None or view.status.id is None:
        return True
    return gh.comment_body(view.status.id) == view.status.body


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


def _needs_writing(process: Process, view: TriageView, result: Settlement, kept: _Kept) -> bool:
    same_labels = labels_to_reach(process, view.issue.labels, result.stage).empty
    status = render_status(process, result, rebuilt=kept.rebuilt)
    changed = kept.fresh or view.status is None or view.status.body != status
    return not same_labels or _state_changed(view, result) or changed or bool(result.notes)


def _apply(
    gh: TriageGateway, process: Process, view: TriageView, result: Settlement, kept: _Kept
) -> int:
    """Make the issue match the settlement; returns the writes it took (none when it matches).

    A missing or tampered status comment is never edited or deleted (it is the evidence): the
    record goes into a fresh one. Every note carries the record, so the notes are the log."""
    number = view.issue.number
    writes = 0
    # The record goes last: a run cut short leaves it as it was, so the next run (or the nightly
    # one) judges the same changes again and finishes the job; the notes it already wrote carry
    # the same key and are not written twice, and labels and reactions are set, not added.
    for index, note in enumerate(result.notes):
        text = render_note(process, note)  # each note carries the record: the notes are the log
        body = f"{text}\n\n{note_block(result.record)}"
        gh.add_comment(number, body, note_key(view, text, index))
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
    status = render_status(process, result, rebuilt=kept.rebuilt)
    if kept.fresh or view.status is None or view.status.id is None:
        gh.add_comment(number, status)
        writes += 1
    elif view.status.body != status:
        gh.edit_comment(view.status.id, status)
        writes += 1
    return writes
