"""A night's reading merged into what the archive already holds: nothing disappears by accident.

An earlier title, text or comment text stays beside the new one; a comment, an event or a revision
GitHub no longer shows stays, marked; an issue GitHub no longer shows stays, marked."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TypeVar

from intake.domain.archive.schema import Answer, ArchivedIssue, Comment, Earlier, Edit, Event, Gone

T = TypeVar("T")


def merge(previous: ArchivedIssue | None, current: ArchivedIssue) -> ArchivedIssue:
    """The issue as read tonight (`current`), keeping everything `previous` held that changed or
    went since. Comments GitHub no longer shows are marked gone (see `mark_comments`)."""
    if previous is None:
        return current
    seen = previous.archived
    titles = _union(previous.titles, [e.previous for e in current.events if e.kind == "renamed"])
    if previous.title != current.title:
        titles = _union(titles, [previous.title])
    titles = [t for t in titles if t is not None and t != current.title]
    earlier_bodies = list(previous.earlier_bodies)
    if previous.body != current.body:
        earlier_bodies.append(Earlier(text=previous.body, seen=seen))
    now = {c.id: c for c in current.comments}
    comments = [_comment(c, now.get(c.id), seen) for c in previous.comments]
    known = {c.id for c in previous.comments}
    comments += [c for c in current.comments if c.id not in known]
    return current.model_copy(
        update={
            "titles": titles,
            "earlier_bodies": earlier_bodies,
            "body_edits": _edits(previous.body_edits, current.body_edits),
            "comments": sorted(comments, key=lambda c: (c.created_at, c.id)),
            "events": sorted(
                _union(previous.events, current.events, _event_key), key=lambda e: e.at
            ),
        }
    )


def _comment(previous: Comment, current: Comment | None, seen: date) -> Comment:
    """A comment archived before, as it is now: None when GitHub no longer shows it."""
    if current is None:
        return previous  # marked by `mark_comments`, once GitHub was asked about it
    earlier = list(previous.earlier)
    if previous.body != current.body:
        earlier.append(Earlier(text=previous.body, seen=seen))
    return current.model_copy(
        update={"earlier": earlier, "edits": _edits(previous.edits, current.edits)}
    )


def vanished_comments(previous: ArchivedIssue | None, current: ArchivedIssue) -> list[int]:
    """Ids of comments archived before that GitHub no longer shows and are not yet marked."""
    if previous is None:
        return []
    now = {c.id for c in current.comments}
    return [c.id for c in previous.comments if c.id not in now and c.gone is None]


def mark_comments(issue: ArchivedIssue, answers: dict[int, Answer], night: date) -> ArchivedIssue:
    """The issue with the comments GitHub answered for (id → answer) marked gone since `night`."""
    if not answers:
        return issue
    comments = [
        c.model_copy(update={"gone": Gone(since=night, answer=answers[c.id])})
        if c.id in answers and c.gone is None
        else c
        for c in issue.comments
    ]
    return issue.model_copy(update={"comments": comments})


def mark_gone(
    issue: ArchivedIssue, answer: Answer, night: date, moved_to: str | None = None
) -> ArchivedIssue:
    """The issue marked as no longer shown by GitHub; the first night found missing is kept."""
    if issue.gone is not None:
        return issue
    return issue.model_copy(update={"gone": Gone(since=night, answer=answer, moved_to=moved_to)})


def _edit_key(edit: Edit) -> Hashable:
    return (edit.editor, edit.at)


def _edits(previous: Sequence[Edit], current: Sequence[Edit]) -> list[Edit]:
    """Both edit histories; a revision deleted from GitHub's history keeps the text archived."""
    texts = {_edit_key(e): e.text for e in previous if e.text is not None}
    kept = [
        e.model_copy(update={"text": texts[_edit_key(e)]})
        if e.text is None and _edit_key(e) in texts
        else e
        for e in current
    ]
    return _union(previous, kept, _edit_key)


def _event_key(event: Event) -> Hashable:
    return event.id or (event.kind, event.at, event.label, event.actor)


def _union(
    first: Sequence[T], second: Sequence[T], key: Callable[[T], Hashable] | None = None
) -> list[T]:
    """The items of both, first's order then second's new ones; an item of second replaces the
    item of first with the same key (it is newer)."""
    name: Callable[[T], Hashable] = key or (lambda item: item)
    newer = {name(item): item for item in second}
    out = [newer.pop(name(item), item) for item in first]
    seen = {name(item) for item in out}
    return out + [item for item in second if name(item) not in seen]
