"""Issues from a snapshot file: a JSON array of GitHub REST issue objects, as the samples are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from intake.adapters.archive_store import ArchiveFolder
from intake.adapters.files import InputError, read_text
from intake.adapters.rest import is_pull_request, issue_from_rest, rest_of_issue
from intake.domain.archive.schema import ArchivedIssue
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.record import Record
from intake.domain.lifecycle.timeline import Actor, Change
from intake.usecases.archive_checks import issues_for_portfolio


def parse_snapshot(text: str, source: str, repository: str) -> list[Issue]:
    """The issues of a snapshot's text, pull requests left out.

    An issue without `repository_url` belongs to `repository`. An optional `record` key holds the
    bot's record, as its status comment keeps it. InputError names the first problem.
    """
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}:{error.lineno}: är inte giltig JSON ({error.msg})") from error
    if not isinstance(data, list):
        raise InputError(f"{source}: ska vara en JSON-lista med ärenden från GitHub")
    return issues_of_items(data, source, repository)


def issues_of_items(data: list[Any], source: str, repository: str) -> list[Issue]:
    """The issues of a snapshot's list of REST issue objects (see `parse_snapshot`)."""
    issues = []
    for index, item in enumerate(data):
        if isinstance(item, dict) and is_pull_request(item):
            continue
        try:
            if not isinstance(item, dict):
                raise TypeError("not an object")
            issue = issue_from_rest(item, repository)
        except (KeyError, TypeError, AttributeError, ValidationError) as error:
            what = f"saknar {error}" if isinstance(error, KeyError) else "har fel form"
            raise InputError(
                f"{source}: ärende nummer {index + 1} i listan {what}; "
                "filen ska ha ärenden som GitHubs REST-API lämnar ut dem"
            ) from error
        if "record" in item:
            issue = issue.model_copy(update={"record": _record(item["record"], source, index)})
        issues.append(issue)
    return issues


def _record(data: object, source: str, index: int) -> Record:
    try:
        return Record.model_validate(data)
    except ValidationError as error:
        raise InputError(
            f"{source}: ärende nummer {index + 1} i listan har ett register (record) med fel form; "
            "det ska se ut som registret i robotens statuskommentar"
        ) from error


def read_snapshot(path: Path, repository: str) -> list[Issue]:
    """The issues of a snapshot file; InputError with a one-line reason when it cannot be used."""
    return parse_snapshot(read_text(path), str(path), repository)


def read_snapshots(paths: list[Path], repository: str) -> list[Issue]:
    """The issues of several snapshot files (one per repository, say), in the order given."""
    return [issue for path in paths for issue in read_snapshot(path, repository)]


def rest_of_archived(issue: ArchivedIssue) -> dict[str, Any]:
    """An archived issue as the REST object (with `timeline` and `record`) a snapshot holds."""
    as_read = Issue(
        repository=issue.repository,
        number=issue.number,
        title=issue.title,
        body=issue.body,
        state=issue.state,
        labels=tuple(issue.labels),
        author=issue.author,
        created_at=issue.created_at,
        updated_at=issue.updated_at,
        closed_at=issue.closed_at,
        html_url=issue.url,
        history=tuple(
            Change(
                kind=event.kind,
                label=event.label,
                at=event.at,
                actor=Actor(login=event.actor, id=event.actor_id),
            )
            for event in issue.events
            if event.kind in ("labeled", "unlabeled") and event.label is not None
        ),
    )
    data = rest_of_issue(as_read)
    if issue.record is not None and issue.record.record is not None:
        data["record"] = issue.record.record
    return data


def read_archive(path: Path, repositories: list[str]) -> list[Issue]:
    """The issues of an archive (`intake archive`) that GitHub still showed, read as a snapshot:
    the portfolio is built from them as from GitHub."""
    store = ArchiveFolder(path)
    items = [rest_of_archived(i) for i in issues_for_portfolio(store, repositories)]
    return issues_of_items(items, str(path), repositories[0])
