"""The event file GitHub Actions writes (GITHUB_EVENT_PATH), read into our own event model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from intake.adapters.files import InputError, read_text
from intake.domain.lifecycle.tamper import CommentChange
from intake.usecases.intake import IssueEvent


def parse_issue_event(text: str, source: str) -> IssueEvent:
    """The `issues` event in the text; InputError when it is not one."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: händelsen är inte giltig JSON ({error.msg})") from error
    issue = data.get("issue") if isinstance(data, dict) else None
    action = data.get("action") if isinstance(data, dict) else None
    number = issue.get("number") if isinstance(issue, dict) else None
    if not isinstance(action, str) or not isinstance(number, int) or isinstance(number, bool):
        raise InputError(
            f"{source}: är ingen händelse om ett ärende (action och issue.number saknas)"
        )
    assert isinstance(issue, dict)  # a number was found in it
    comment = data.get("comment")
    return IssueEvent(
        action=action,
        number=number,
        pull_request="pull_request" in issue,
        comment=isinstance(comment, dict),
        change=_change(data, action) if isinstance(comment, dict) else None,
    )


def _change(data: dict[str, Any], action: str) -> CommentChange | None:
    """An edit or deletion of a comment: who did it, when, and the text it had before. Whether
    the comment is the bot's is the use case's question (the author's login is in the event)."""
    comment = data["comment"]
    sender = (data.get("sender") or {}).get("login")
    author = (comment.get("user") or {}).get("login")
    if action not in ("edited", "deleted") or not isinstance(sender, str):
        return None
    if not isinstance(comment.get("id"), int) or not isinstance(author, str):
        return None
    before = ((data.get("changes") or {}).get("body") or {}).get("from")
    previous = before if action == "edited" else comment.get("body")
    try:
        return CommentChange(
            comment=comment["id"],
            action=action,
            login=sender,
            author=author,
            at=comment.get("updated_at"),
            previous=previous if isinstance(previous, str) else None,
        )
    except ValidationError:
        return None


def read_issue_event(path: Path) -> IssueEvent:
    """The `issues` event of the current workflow run."""
    return parse_issue_event(read_text(path), str(path))
