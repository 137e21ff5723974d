"""The event file GitHub Actions writes (GITHUB_EVENT_PATH), read into our own event model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from intake.adapters.files import InputError, read_text
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
    return IssueEvent(action=action, number=number, pull_request="pull_request" in issue)


def read_issue_event(path: Path) -> IssueEvent:
    """The `issues` event of the current workflow run."""
    return parse_issue_event(read_text(path), str(path))
