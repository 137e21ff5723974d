"""The triage use case: settle every change to a need's stage, as the process allows it.

Reconciles: it reads the need as it is now and the bot's own record, whatever event started it,
so a late, repeated or lost event changes nothing that is already right, and the next run (or
the nightly one) settles what a lost run left.
"""

from __future__ import annotations

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

    def add_comment(self, number: int, body: str) -> None:
        """A new comment."""
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


def settle_need(
    gh: TriageGateway,
    process: Process,
    number: int,
    *,
    bot: str,
    ref: str,
    adopt: bool,
    change: CommentChange | None = None,
) -> TriageOutcome:
    """Read the need, judge what changed since the record, and make the issue match.

    `change`: the event about one of the bot's comments that started the run, if any. Just
    before its first write the run reads the need again: when another run (the nightly one, or
    one for another event) changed the record meanwhile, it settles again from what is there now.
    """
    view = gh.triage_view(number)
    if not is_need(process, view.issue.labels, view.issue.body):
        return TriageOutcome(number=number, handled=False, reason="ärendet är inget behov")
    for attempt in range(RACE_ATTEMPTS):
        kept = _kept(process, view, bot, change, adopt)
        result = _settled(process, view, kept, bot)
        if not _needs_writing(process, view, result, kept) or attempt == RACE_ATTEMPTS - 1:
            break
        again = gh.triage_view(number)
        if _fingerprint(again) == _fingerprint(view):
            break
        view = again  # another run wrote meanwhile: settle what is there now
    writes = _apply(gh, process, view, result, kept)
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


def _kept(
    process: Process, view: TriageView, bot: str, change: CommentChange | None, adopt: bool
) -> _Kept:
    read = record_of(view.status)
    read = with_current_ids(process, read) if read is not None else None
    best = restored(view.comments, bot, STATUS_MARKER, change)
    best = with_current_ids(process, best) if best is not None else None
    fresh = best is not None and (read is None or best.revision > read.revision)
    record = masked(best) if fresh and best is not None else read  # restored text is masked
    rebuilt = False
    if record is None:
        # Nothing the bot wrote can be trusted, or it never kept a record: only then the timeline.
        rebuilt = any(what_of(c.body, STATUS_MARKER) == "status" for c in view.comments)
        record = initial_record(process, view.issue.labels, view.changes, bot, adopt=adopt)
        fresh = rebuilt
    known = len(record.tampering)
    found = tampering(view.comments, bot, STATUS_MARKER, change)
    if status_missing(view.comments, bot, STATUS_MARKER, best) and not _deleted_status(found):
        found.append(Tamper(comment=0, what="status", action="deleted"))
    record = with_links(with_tampering(record, found), links_in(view.comments, bot))
    return _Kept(record=record, read=read, fresh=fresh, rebuilt=rebuilt, known_tampering=known)


def _deleted_status(found: list[Tamper]) -> bool:
    return any(t.what == "status" and t.action == "deleted" for t in found)


def _settled(process: Process, view: TriageView, kept: _Kept, bot: str) -> Settlement:
    result = settle(
        process,
        labels=view.issue.labels,
        state=view.issue.state,
        complete=_complete(process, view),
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


def _fingerprint(view: TriageView) -> tuple[str | None, int]:
    """What another run's write changes: the trusted status comment and the bot's comments."""
    return (view.status.body if view.status else None, len(view.comments))


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
    for note in result.notes:
        gh.add_comment(number, render_note(process, note) + "\n\n" + note_block(result.record))
        writes += 1
    for comment_id, content in result.reactions:
        gh.react(comment_id, content)
        writes += 1
    return writes
