"""What is read from an archive rather than written to it by a night: the issues due for
thinning and the decision that thins them, the archive checked against GitHub, and the issues
the portfolio is built from when GitHub cannot be reached."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ValidationError

from intake.domain.archive.index import INDEX_FILE, Index, missing
from intake.domain.archive.schema import ArchivedIssue
from intake.domain.archive.thinning import THINNING_FILE, Due, Thinning, due, thinned_keys
from intake.domain.archive.verify import (
    content_differences,
    file_differences,
    gone_from_github,
    listing_differences,
)
from intake.model.archive import ArchiveDef
from intake.model.process import Process
from intake.usecases.archive import ArchiveSource, ArchiveStore, Changes, json_bytes, listing_of


def _archived(store: ArchiveStore, index: Index) -> list[ArchivedIssue]:
    return [issue for key in index.issues if (issue := store.issue(key)) is not None]


def due_now(process: Process, settings: ArchiveDef, store: ArchiveStore, today: date) -> list[Due]:
    """The archived issues the thinning rules make due today."""
    return due(process, settings.thinning, _archived(store, store.index()), today)


def thin(
    process: Process,
    settings: ArchiveDef,
    store: ArchiveStore,
    diarienummer: str,
    decided: date,
) -> Changes:
    """Remove what is due from the archive's current files and record the decision."""
    index = store.index()
    found = due(process, settings.thinning, _archived(store, index), decided)
    entries = dict(index.issues)
    changes = Changes()
    for item in found:
        entry = entries.pop(item.key)
        changes.removed += sorted(entry.files)
    still = {path for entry in entries.values() for path in entry.files}
    changes.removed = [p for p in changes.removed if p not in still]  # a file two issues share
    log = [
        *store.thinning_log(),
        Thinning(diarienummer=diarienummer, decided=decided, removed=[d.key for d in found]),
    ]
    changes.files[THINNING_FILE] = json_bytes(_Log(decisions=log))
    changes.files[INDEX_FILE] = json_bytes(index.model_copy(update={"issues": entries}))
    changes.lines = [f"gallrade {d.key} ({d.outcome}, stängt {d.closed})" for d in found]
    changes.lines.append(
        f"beslut {diarienummer} den {decided.isoformat()}: {len(found)} ärenden gallrade"
    )
    return changes


class _Log(BaseModel):
    """thinning.json."""

    decisions: list[Thinning]


def parse_log(data: bytes | None) -> list[Thinning]:
    """The thinning log of thinning.json's bytes (none: no decision yet)."""
    if data is None:
        return []
    return _Log.model_validate_json(data).decisions


def verify(
    process: Process,
    source: ArchiveSource,
    store: ArchiveStore,
    *,
    full: bool,
    night: date,
) -> list[str]:
    """What the archive lacks or holds otherwise than GitHub, and broken files; one line each."""
    index = store.index()
    thinned = thinned_keys(store.thinning_log())
    lines: list[str] = []
    paths = [path for entry in index.issues.values() for path in entry.files]
    files = {path: store.read(path) for path in paths}
    invalid: dict[str, str] = {}
    for path, data in files.items():
        if data is not None and path.endswith(".json"):
            try:
                ArchivedIssue.model_validate_json(data)
            except ValidationError as error:
                invalid[path] = f"{error.error_count()} fel, det första: {error.errors()[0]['msg']}"
    lines += file_differences(index, files, invalid)
    for repository in process.portfolio_repositories:
        listing = listing_of(source, repository)
        lines += listing_differences(listing, index, thinned)
        lines += gone_from_github(missing(listing, index, [repository]))
        if full:
            wanted = [i for i in listing if i.key in index.issues and i.key not in thinned]
            current = source.archive_issues(repository, [i.number for i in wanted], night)
            for item in wanted:
                archived = store.issue(item.key)
                now = current.get(item.number)
                if archived is not None and now is not None:
                    lines += content_differences(archived, now)
    return lines


def issues_for_portfolio(store: ArchiveStore, repositories: Sequence[str]) -> list[ArchivedIssue]:
    """The archived issues GitHub still showed, in the portfolio's order: by repository as the
    process names them, then by number."""
    order = {r.casefold(): i for i, r in enumerate(repositories)}
    found = [i for i in _archived(store, store.index()) if i.gone is None]
    return sorted(found, key=lambda i: (order.get(i.repository.casefold(), len(order)), i.number))
