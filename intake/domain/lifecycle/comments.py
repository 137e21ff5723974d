"""The comments on an issue, and which of them is the bot's: the one answer every reader uses.

A comment is the bot's when the bot's own login wrote it (GitHub names the author; nobody can
write that) and it carries the bot's hidden marker. Whether it can be trusted as well depends on
who else edited it since: GitHub names every editor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict


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
