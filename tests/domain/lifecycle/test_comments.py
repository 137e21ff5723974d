"""Which comment is the bot's: its own login wrote it and it carries the marker."""

from __future__ import annotations

from datetime import UTC, datetime

from intake.domain.lifecycle.comments import Comment, bots_comment, untouched
from intake.domain.lifecycle.record import StatusComment
from intake.domain.lifecycle.triage import STATUS_MARKER, status_comment

BOT = "github-actions[bot]"
AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def comment(author: str, body: str, *editors: str) -> Comment:
    return Comment(author=author, body=body, at=AT, editors=editors)


def test_only_the_bots_login_writes_the_bots_comment() -> None:
    forged = comment("nagon-annan", f"{STATUS_MARKER}\nFalskt register")
    plain = comment(BOT, "Tack för ditt behov!")
    own = comment("GitHub-Actions[bot]", f"{STATUS_MARKER}\nSteg: Bereda")
    assert bots_comment([forged, plain, own], BOT, STATUS_MARKER) == own
    assert bots_comment([forged, plain], BOT, STATUS_MARKER) is None


def test_an_edit_by_anyone_else_makes_it_untrusted() -> None:
    assert untouched(comment(BOT, STATUS_MARKER, BOT), BOT)
    edited = comment(BOT, STATUS_MARKER, BOT, "beredning-exempel")
    assert not untouched(edited, BOT)
    assert status_comment([edited], BOT) is None  # a tampered one never counts: it is evidence
    fresh = comment(BOT, f"{STATUS_MARKER}\nny", BOT)
    status = status_comment([edited, fresh], BOT)
    assert status == StatusComment(body=f"{STATUS_MARKER}\nny", trusted=True)
