"""The comments on an issue, and which of them is the bot's: the one answer every reader uses.

A comment is the bot's when the bot's own login wrote it (GitHub names the author; nobody can
write that) and it carries the bot's hidden marker. Whether it can be trusted as well depends on
who else edited it since: GitHub names every editor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Revision(BaseModel):
    """One version in a comment's edit history: who wrote it, and who deleted it from there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    editor: str | None = None
    at: datetime | None = None
    deleted_by: str | None = None
    deleted_at: datetime | None = None

    @property
    def deleted(self) -> bool:
        """Whether the version was deleted from the history (who did it may be unknown)."""
        return bool(self.deleted_by or self.deleted_at)


class Comment(BaseModel):
    """A comment on an issue, as the gateway reads it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    author: str  # the login GitHub names (a bot's login ends in [bot])
    body: str
    at: datetime
    editors: tuple[str, ...] = ()  # every login GitHub names as an editor, the last one included
    edited: bool = False  # changed after it was written
    id: int | None = None  # GitHub's database id
    author_id: int | None = None
    url: str | None = None
    edited_at: datetime | None = None  # when it was last edited
    revisions: tuple[Revision, ...] = ()  # its edit history, newest first, when read


def by_bot(comment: Comment, bot: str) -> bool:
    """Whether the bot's login wrote the comment (logins compare case-blind)."""
    return comment.author.casefold() == bot.casefold()


def is_bots(comment: Comment, bot: str, marker: str) -> bool:
    """Whether the comment is the bot's one carrying `marker`."""
    return by_bot(comment, bot) and marker in comment.body


def bots_comment(comments: Iterable[Comment], bot: str, marker: str) -> Comment | None:
    """The bot's oldest comment carrying `marker`, if any."""
    return next((c for c in comments if is_bots(c, bot, marker)), None)


def untouched(comment: Comment, bot: str) -> bool:
    """Whether nobody but the bot ever edited the comment."""
    return all(editor.casefold() == bot.casefold() for editor in comment.editors)


def trusted(comment: Comment, bot: str) -> bool:
    """Whether only the bot ever wrote the comment: nobody else edited it and no version was
    deleted from its edit history."""
    return untouched(comment, bot) and not any(r.deleted for r in comment.revisions)
