"""The nightly archive: read what changed on GitHub and merge it into the archive, keeping what
went (thinning and verification: usecases/archive_checks.py).

GitHub comes in as an `ArchiveSource` (the gateway), the archive's folder as an `ArchiveStore`,
the night and the time as values: nothing here reads the clock, the environment or files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from pydantic import BaseModel

from intake.domain.archive.attached import attached_files
from intake.domain.archive.index import (
    INDEX_FILE,
    Entry,
    Index,
    Listed,
    full_pass,
    missing,
    to_read,
)
from intake.domain.archive.merge import mark_comments, mark_gone, merge, vanished_comments
from intake.domain.archive.schema import (
    Answer,
    ArchivedIssue,
    AttachedFile,
    attachment_path,
    issue_key,
    issue_path,
)
from intake.domain.archive.thinning import Thinning, thinned_keys
from intake.domain.archive.verify import (
    sha256,
)
from intake.model.archive import ArchiveDef
from intake.model.process import Process
from intake.render.archive.page import render_issue_page
from intake.usecases.gateway import GitHubError, RepositoryHiddenError

SCHEMA_FILE = "schema.json"


class ArchiveSource(Protocol):
    """What the archive reads from GitHub (intake/adapters/github.py)."""

    def archive_listing(self, repository: str) -> list[Listed]:
        """Every issue of a repository with its `updatedAt` and comment count."""
        ...

    def comments_edited_since(self, repository: str, since: datetime) -> dict[int, datetime]:
        """Issue number → the latest update of its comments written or edited since `since`."""
        ...

    def archive_issues(
        self, repository: str, numbers: list[int], night: date
    ) -> dict[int, ArchivedIssue]:
        """The issues read whole; one GitHub does not show is left out."""
        ...

    def issue_fate(self, repository: str, number: int) -> tuple[Answer, str | None] | None:
        """GitHub's answer for an issue it no longer lists; None when it is there."""
        ...

    def comment_fate(self, repository: str, comment_id: int) -> Answer | None:
        """GitHub's answer for a comment no longer on its issue; None when it is there."""
        ...


class AttachmentFetcher(Protocol):
    """Downloads attached files (intake/adapters/attachments.py)."""

    def fetch(self, url: str) -> bytes | str:
        """The file's bytes, or one line saying why it could not be kept."""
        ...


class ArchiveStore(Protocol):
    """The archive's folder (intake/adapters/archive_store.py)."""

    def read(self, path: str) -> bytes | None:
        """A file's bytes; None when there is no such file."""
        ...

    def index(self) -> Index:
        """The index; an empty one for a new archive."""
        ...

    def issue(self, key: str) -> ArchivedIssue | None:
        """An archived issue by its key; None when the archive does not hold it."""
        ...

    def thinning_log(self) -> list[Thinning]:
        """The decisions that thinned the archive, oldest first."""
        ...


@dataclass
class Changes:
    """What a command changes in the archive: files to write, files to remove, and a report."""

    files: dict[str, bytes] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def json_bytes(model: BaseModel) -> bytes:
    """A model as the archive's files hold it: indented UTF-8 JSON, one ending newline."""
    data = model.model_dump(mode="json", by_alias=True)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _split(key: str) -> tuple[str, int]:
    repository, _, number = key.rpartition("#")
    return repository, int(number)


def _issue_files(issue: ArchivedIssue) -> dict[str, bytes]:
    return {
        issue_path(issue.repository, issue.number, "json"): json_bytes(issue),
        issue_path(issue.repository, issue.number, "md"): render_issue_page(issue).encode("utf-8"),
    }


def _entry(
    issue: ArchivedIssue, files: dict[str, bytes], listed: Listed | None, read: date | None
) -> Entry:
    return Entry(
        updated_at=listed.updated_at if listed else issue.updated_at,
        comments=listed.comments if listed else sum(c.gone is None for c in issue.comments),
        files={path: sha256(data) for path, data in files.items()}
        | {attachment_path(a.sha256): a.sha256 for a in issue.attachments if a.sha256},
        gone=issue.gone is not None,
        read=read,
        comments_at=max(
            (c.updated_at for c in issue.comments if c.gone is None and c.updated_at),
            default=None,
        ),
    )


@dataclass
class _Night:
    """One night's work: what it reads from, and what it has changed so far."""

    process: Process
    settings: ArchiveDef
    source: ArchiveSource
    store: ArchiveStore
    night: date
    index: Index
    entries: dict[str, Entry]
    fetcher: AttachmentFetcher | None = None
    changes: Changes = field(default_factory=Changes)
    fetched: dict[str, bytes | str] = field(default_factory=dict)
    read: int = 0
    gone: int = 0

    def edited(self, repository: str, since: datetime) -> tuple[set[str], list[datetime]]:
        """Issues with a comment written or edited since they were last read, and when."""
        edited: set[str] = set()
        times: list[datetime] = []
        for number, at in self.source.comments_edited_since(repository, since).items():
            entry = self.index.issues.get(issue_key(repository, number))
            if entry is None or entry.comments_at is None or at > entry.comments_at:
                edited.add(issue_key(repository, number))  # not yet read as it is now
            times.append(at)
        return edited, times

    def keep(self, item: Listed, current: ArchivedIssue) -> None:
        """An issue read whole tonight, merged with what the archive held of it."""
        previous = self.store.issue(item.key)
        found = attached_files(self.process, self.settings.attachments, current.body)
        files = self.kept_files(item.key, previous, found)
        current = current.model_copy(update={"attachments": files})
        answers = {
            comment_id: answer
            for comment_id in vanished_comments(previous, current)
            if (answer := self.source.comment_fate(item.repository, comment_id)) is not None
        }
        merged = mark_comments(merge(previous, current), answers, self.night)
        self._write(item.key, merged, item, self.night)
        self.read += 1

    def kept_files(
        self, key: str, previous: ArchivedIssue | None, found: list[AttachedFile]
    ) -> list[AttachedFile]:
        """The attached files with the archive's copies: one kept before is not downloaded
        again; one no longer linked but kept stays."""
        before = {f.url: f for f in previous.attachments} if previous else {}
        files = [self._kept(key, f, before.get(f.url)) for f in found]
        linked = {f.url for f in found}
        return files + [f for f in before.values() if f.url not in linked and f.sha256]

    def _kept(self, key: str, file: AttachedFile, before: AttachedFile | None) -> AttachedFile:
        if before is not None and before.sha256 is not None:
            return file.model_copy(
                update={"sha256": before.sha256, "size": before.size, "kept": before.kept}
            )
        if self.fetcher is None:
            return file
        if file.url not in self.fetched:  # the same file linked twice is downloaded once
            self.fetched[file.url] = self.fetcher.fetch(file.url)
        got = self.fetched[file.url]
        if isinstance(got, str):
            self.changes.lines.append(f"{key}: bilagan {file.name} sparades inte: {got}")
            return file.model_copy(update={"not_kept": got})
        digest = sha256(got)
        self.changes.files[attachment_path(digest)] = got
        return file.model_copy(update={"sha256": digest, "size": len(got), "kept": self.night})

    def mark(self, key: str) -> None:
        """An archived issue GitHub no longer lists or showed: marked with GitHub's answer."""
        previous = self.store.issue(key)
        if previous is None:
            return
        fate = self.source.issue_fate(*_split(key))
        if fate is None:
            return  # GitHub shows it after all: the next night lists it again
        marked = mark_gone(previous, fate[0], self.night, fate[1])
        self._write(key, marked, None, self.entries[key].read)
        self.gone += 1
        self.changes.lines.append(f"{key}: finns inte längre på GitHub (svar {fate[0]})")

    def _write(
        self, key: str, issue: ArchivedIssue, listed: Listed | None, read: date | None
    ) -> None:
        files = _issue_files(issue)
        self.changes.files |= files
        self.entries[key] = _entry(issue, files, listed, read)


def archive_night(
    process: Process,
    settings: ArchiveDef,
    source: ArchiveSource,
    store: ArchiveStore,
    night: date,
    now: datetime,
    fetcher: AttachmentFetcher | None = None,
) -> Changes:
    """Archive what changed since the last night, and on the weekly full pass what is due,
    within the night's limit; keep and mark what GitHub no longer shows. With a `fetcher`, keep
    each attached file not yet in the archive as `files/<sha256>`."""
    index = store.index()
    thinned = thinned_keys(store.thinning_log())
    pass_due = full_pass(night, settings.full_pass_days)
    limit = settings.issues_per_night
    work = _Night(process, settings, source, store, night, index, dict(index.issues), fetcher)
    seen = dict(index.comments_seen)
    for repository in process.portfolio_repositories:
        listing = listing_of(source, repository)
        # GitHub's own clock: the latest comment update the archive has seen in the repository.
        since = index.comments_seen.get(repository.casefold())
        edited, latest = work.edited(repository, since) if since else (set(), [])
        chosen, cut = to_read(listing, index, edited, thinned, pass_due, limit)
        limit -= len(chosen)  # what the further repositories may still read tonight
        fetched = source.archive_issues(repository, [item.number for item in chosen], night)
        for item in chosen:
            if item.number in fetched:
                work.keep(item, fetched[item.number])
                latest += [c.updated_at for c in fetched[item.number].comments if c.updated_at]
        lost = [item.key for item in chosen if item.number not in fetched]
        for key in [*missing(listing, index, [repository]), *lost]:
            if key not in thinned:
                work.mark(key)
        # When the limit left out an issue with an edited comment, the next night asks again
        # from the same moment; issues never read are read whole anyway.
        if latest and not (cut and since is not None):
            seen[repository.casefold()] = max([*latest, *([since] if since else [])])
    updated = Index(read_at=now, comments_seen=seen, issues=dict(sorted(work.entries.items())))
    changes = work.changes
    changes.files[INDEX_FILE] = json_bytes(updated)
    schema = json.dumps(ArchivedIssue.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    changes.files[SCHEMA_FILE] = schema.encode("utf-8")
    changes.lines.insert(
        0,
        f"läste {work.read} ärenden, {work.gone} nya borta från GitHub, "
        f"{len(updated.issues)} i arkivet",
    )
    return changes


def listing_of(source: ArchiveSource, repository: str) -> list[Listed]:
    """The repository's listing; a repository that cannot be read ends the run, named."""
    try:
        return source.archive_listing(repository)
    except RepositoryHiddenError as error:
        raise RepositoryHiddenError(
            f"repositoryt {repository} gick inte att läsa: det finns inte, eller så får "
            "nyckeln inte läsa det (se PORTFOLIO_TOKEN i underhållsguiden)"
        ) from error
    except GitHubError as error:
        raise GitHubError(f"repositoryt {repository} gick inte att läsa: {error}") from error
