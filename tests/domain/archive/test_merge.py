"""Merging a night's reading into the archive keeps what changed or went, and marks it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from intake.domain.archive.merge import mark_comments, mark_gone, merge, vanished_comments
from intake.domain.archive.schema import ArchivedIssue, Comment, Edit, Event

NIGHT1 = date(2026, 12, 1)
NIGHT2 = date(2026, 12, 2)
T = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def comment(id: int, body: str, **extra: Any) -> Comment:
    return Comment(id=id, author="anna", created_at=T.replace(minute=id), body=body, **extra)


def issue(**extra: Any) -> ArchivedIssue:
    base: dict[str, Any] = {
        "repository": "kommun/behov",
        "number": 7,
        "url": "https://github.com/kommun/behov/issues/7",
        "title": "Behov: ett",
        "body": "Text ett.",
        "author": "anna",
        "created_at": T,
        "updated_at": T,
        "state": "open",
        "archived": NIGHT1,
    }
    return ArchivedIssue(**(base | extra))


def test_a_first_reading_is_kept_as_it_is() -> None:
    first = issue(comments=[comment(1, "Hej.")])
    assert merge(None, first) == first


def test_a_new_title_and_text_keep_the_earlier_ones() -> None:
    before = issue()
    now = issue(title="Behov: två", body="Text två.", archived=NIGHT2)
    merged = merge(before, now)
    assert merged.title == "Behov: två"
    assert merged.titles == ["Behov: ett"]
    assert [(e.text, e.seen) for e in merged.earlier_bodies] == [("Text ett.", NIGHT1)]
    again = merge(merged, issue(title="Behov: ett", body="Text två.", archived=NIGHT2))
    assert again.titles == ["Behov: två"]  # the current title is never listed as earlier


def test_an_edited_comment_keeps_its_earlier_text_and_a_deleted_one_stays() -> None:
    before = issue(comments=[comment(1, "Ett."), comment(2, "Två.")])
    now = issue(comments=[comment(1, "Ett, ändrad."), comment(3, "Tre.")], archived=NIGHT2)
    merged = merge(before, now)
    assert [c.id for c in merged.comments] == [1, 2, 3]
    first = merged.comments[0]
    assert first.body == "Ett, ändrad."
    assert [(e.text, e.seen) for e in first.earlier] == [("Ett.", NIGHT1)]
    assert merged.comments[1].body == "Två."
    assert merged.comments[1].gone is None  # until GitHub was asked
    assert vanished_comments(before, now) == [2]
    marked = mark_comments(merged, {2: "404"}, NIGHT2)
    gone = marked.comments[1].gone
    assert gone is not None
    assert (gone.since, gone.answer) == (NIGHT2, "404")
    later = mark_comments(merge(marked, now), {2: "410"}, date(2026, 12, 9))
    assert later.comments[1].gone == gone  # the first night found missing stays


def test_a_revision_deleted_from_the_history_keeps_the_archived_text() -> None:
    edit = Edit(editor="anna", at=T, text="Första.")
    before = issue(comments=[comment(1, "Andra.", edits=[edit])])
    deleted = edit.model_copy(update={"text": None, "deleted_at": T, "deleted_by": "admin"})
    now = issue(comments=[comment(1, "Andra.", edits=[deleted])], archived=NIGHT2)
    kept = merge(before, now).comments[0].edits
    assert [(e.text, e.deleted_by) for e in kept] == [("Första.", "admin")]


def test_events_github_no_longer_shows_stay() -> None:
    labeled = Event(id="LE_1", kind="labeled", at=T, actor="beredning", label="steg: behov")
    closed = Event(id="CE_2", kind="closed", at=T.replace(hour=10), actor="beredning")
    merged = merge(issue(events=[labeled]), issue(events=[closed], archived=NIGHT2))
    assert [e.id for e in merged.events] == ["LE_1", "CE_2"]


def test_an_issue_is_marked_gone_once() -> None:
    gone = mark_gone(issue(), "301", NIGHT2, "https://github.com/kommun/annat/issues/1")
    assert gone.gone is not None
    assert gone.gone.moved_to == "https://github.com/kommun/annat/issues/1"
    assert mark_gone(gone, "410", date(2026, 12, 9)) == gone
