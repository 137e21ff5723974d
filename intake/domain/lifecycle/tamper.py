"""Tampering with the bot's comments, found and undone: the record restored from what it can trust.

The bot's comments are its log. Each note carries the record as it was when the note was written,
the status comment carries it too, and a comment counts only while nobody but the bot ever edited
it (its whole edit history says so). Someone with write access can edit or delete any of them:
the newest copy the bot can still trust is the record, and what was changed, by whom and when is
added to it. Label history is never read back as the record.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from intake.domain.lifecycle.comments import Comment, Revision, by_bot, trusted, untouched
from intake.domain.lifecycle.expected import LINK_PREFIX
from intake.domain.lifecycle.record import Link, Record, StatusComment, Tamper, hidden_json
from intake.domain.text.patterns import ATTACHMENT_LINK
from intake.domain.text.personal import mask_personal_data

NOTE_PREFIX = "<!-- intake:note "  # a note's copy of the record
_RECORD_PREFIX = "<!-- intake:record "
_END = " -->"  # the JSON of a copy never holds `>` (see `hidden_json`)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CommentChange(_Model):
    """An `issue_comment` event about one of the bot's comments: edited or deleted, by whom, when,
    and the text as it was before (GitHub's `changes.body.from`, or the deleted comment's body)."""

    comment: int
    action: Literal["edited", "deleted"]
    login: str  # who did it (the event's sender)
    author: str  # who wrote the comment: only the bot's comments are the record
    at: datetime
    previous: str | None = None


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _trusted(comment: Comment, bot: str) -> bool:
    """Whether the bot wrote the comment and only the bot ever changed it."""
    return by_bot(comment, bot) and trusted(comment, bot)


def what_of(body: str, status_marker: str) -> Literal["status", "note", "link"] | None:
    """Which of the bot's comments this is: its status comment, a note, a link; None: another."""
    if status_marker in body:
        return "status"
    if LINK_PREFIX in body:
        return "link"
    if NOTE_PREFIX in body:
        return "note"
    return None


def note_block(record: Record) -> str:
    """The record as a hidden block of a note (no `-->` can end it early)."""
    data = json.dumps(record.model_dump(mode="json", by_alias=True), ensure_ascii=False)
    return NOTE_PREFIX + hidden_json(data) + " -->"


def record_in(body: str) -> Record | None:
    """The record a status comment or a note carries; None when it carries none that reads."""
    for prefix in (_RECORD_PREFIX, NOTE_PREFIX):
        # Plain finds, not a lazy regex: a body of many starts without an end stays linear.
        start = body.find(prefix)
        end = body.find(_END, start + len(prefix)) if start >= 0 else -1
        data = body[start + len(prefix) : end] if end >= 0 else ""
        if data.startswith("{") and data.endswith("}"):
            try:
                return Record.model_validate(json.loads(data))
            except (ValueError, ValidationError):
                return None
    return None


def newest_trusted(comments: list[Comment], bot: str, status_marker: str) -> StatusComment | None:
    """The newest status comment nobody but the bot ever edited; older or tampered ones are
    left where they are, as evidence."""
    for comment in sorted(comments, key=lambda c: (c.at, c.id or 0), reverse=True):
        if what_of(comment.body, status_marker) == "status" and _trusted(comment, bot):
            return StatusComment(body=comment.body, trusted=True, id=comment.id)
    return None


def tampering(
    comments: list[Comment], bot: str, status_marker: str, change: CommentChange | None = None
) -> list[Tamper]:
    """What others did to the bot's comments, as far as GitHub still shows it."""
    found: list[Tamper] = []
    for comment in comments:
        if not by_bot(comment, bot):
            continue
        what = what_of(comment.body, status_marker) or "note"
        found += [
            Tamper(
                comment=comment.id or 0,
                what=what,
                action="revision_deleted",
                login=r.deleted_by,
                at=r.deleted_at,
            )
            for r in comment.revisions
            if r.deleted
        ]
        foreign = [r for r in comment.revisions if r.editor and not _same(r.editor, bot)]
        if not foreign and not untouched(comment, bot):
            last = next(e for e in reversed(comment.editors) if not _same(e, bot))
            foreign = [Revision(editor=last, at=comment.edited_at)]
        found += [
            Tamper(comment=comment.id or 0, what=what, action="edited", login=r.editor, at=r.at)
            for r in foreign
        ]
    if change is not None and change.action == "deleted":
        what = what_of(change.previous or "", status_marker) or "note"
        found.append(
            Tamper(
                comment=change.comment,
                what=what,
                action="deleted",
                login=change.login,
                at=change.at,
            )
        )
    return found


def status_missing(
    comments: list[Comment], bot: str, status_marker: str, record: Record | None
) -> bool:
    """Whether the status comment is gone although the bot kept a record (it was deleted)."""
    if record is None:
        return False
    return not any(by_bot(c, bot) and what_of(c.body, status_marker) == "status" for c in comments)


def restored(
    comments: list[Comment], bot: str, status_marker: str, change: CommentChange | None = None
) -> Record | None:
    """The newest record the bot can trust: in its status comment, its notes, or the text an
    edit just replaced (when the bot alone had written it). None: it kept none."""
    candidates = [
        record
        for comment in comments
        if _trusted(comment, bot)
        and what_of(comment.body, status_marker) in ("status", "note")
        and (record := record_in(comment.body)) is not None
    ]
    if change is not None and change.action == "edited" and change.previous:
        # Trusted only when the comment is still there and this was the one edit by anyone but
        # the bot: then the text it replaced is the bot's. A deleted comment's history is gone.
        before = next((c for c in comments if c.id == change.comment), None)
        others = None if before is None else _foreign_edits(before, bot)
        once = others is not None and len(others) == 1 and _same(others[0], change.login)
        if once and (record := record_in(change.previous)) is not None:
            candidates.append(record)
    return max(candidates, key=lambda r: r.revision, default=None)


def _foreign_edits(comment: Comment, bot: str) -> list[str] | None:
    """The editors of each version written by anyone but the bot; None when a version was
    deleted from the history (then nothing in it can be told apart)."""
    if any(r.deleted for r in comment.revisions):
        return None
    return [r.editor for r in comment.revisions if r.editor and not _same(r.editor, bot)]


def with_tampering(record: Record, found: list[Tamper]) -> Record:
    """The record with the tampering not yet in it (each change once)."""
    known = {(t.comment, t.action, t.login, t.at) for t in record.tampering}
    new = [t for t in found if (t.comment, t.action, t.login, t.at) not in known]
    unique: list[Tamper] = []
    for tamper in new:
        if (tamper.comment, tamper.action, tamper.login, tamper.at) not in {
            (t.comment, t.action, t.login, t.at) for t in unique
        }:
            unique.append(tamper)
    if not unique:
        return record
    return record.model_copy(update={"tampering": [*record.tampering, *unique]})


def links_in(comments: list[Comment], bot: str) -> list[Link]:
    """The links the bot's trusted link comments make (form id and issue number each)."""
    found = [
        Link(form=form, number=int(number))
        for comment in sorted(comments, key=lambda c: (c.at, c.id or 0))
        if _trusted(comment, bot)
        for form, number in ATTACHMENT_LINK.findall(comment.body)
    ]
    return list(dict.fromkeys(found))


def with_links(record: Record, links: list[Link]) -> Record:
    """The record with the links not yet in it."""
    new = [link for link in links if link not in record.links]
    return record.model_copy(update={"links": [*record.links, *new]}) if new else record


def trusted_record(comments: list[Comment], bot: str, status_marker: str) -> Record | None:
    """What the portfolio may publish of a need: the newest trusted record, with the tampering
    GitHub shows and the links of the bot's trusted link comments. None: the bot kept none."""
    record = restored(comments, bot, status_marker)
    if record is None:
        return None
    record = with_tampering(record, tampering(comments, bot, status_marker))
    return with_links(record, links_in(comments, bot))


def masked(record: Record, public: Collection[str] = ()) -> Record:
    """The record with personal data masked in every text a person wrote (motiveringar, reasons):
    what masking removes is never restored into a comment, also from a copy made before.
    `public`: the municipality's own addresses and numbers, left visible."""

    def scrub(text: str) -> str:
        return mask_personal_data(text, public)

    return record.model_copy(
        update={
            "moves": [
                m.model_copy(update={"reason": scrub(m.reason)}) if m.reason else m
                for m in record.moves
            ],
            "decisions": [
                d.model_copy(update={"motivering": scrub(d.motivering)}) for d in record.decisions
            ],
            "corrections": [
                c.model_copy(update={"reason": scrub(c.reason)}) for c in record.corrections
            ],
            "registrations": [
                r.model_copy(update={"diarienummer": scrub(r.diarienummer)})
                for r in record.registrations
            ],
        }
    )
