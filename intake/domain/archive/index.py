"""The archive's index (index.json): what each issue looked like on GitHub when last read, and the
hashes of its files; and the plan of a night: which issues to read, which went missing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from intake.domain.archive.schema import issue_key

INDEX_FILE = "index.json"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Listed(_Model):
    """An issue as the cheap nightly listing shows it."""

    repository: str
    number: int
    updated_at: datetime
    comments: int

    @property
    def key(self) -> str:
        """`owner/name#number`."""
        return issue_key(self.repository, self.number)


class Entry(_Model):
    """An archived issue in the index."""

    updated_at: datetime
    """GitHub's `updatedAt` when it was last read."""
    comments: int
    """The comments GitHub showed then."""
    files: dict[str, str]
    """Its files in the archive → their SHA-256."""
    gone: bool = False
    """GitHub no longer shows it (the issue's file says since when and why)."""


class Index(_Model):
    """The archive's index."""

    schema_version: Literal[1] = 1
    read_at: datetime | None = None
    """When the last night ran (the runner's clock)."""
    comments_seen: dict[str, datetime] = {}
    """Repository (lower case) → the latest comment update read there, by GitHub's clock:
    comments written or edited after it are read the next night."""
    full_pass: date | None = None
    """The night every issue was last read whole."""
    issues: dict[str, Entry] = {}


def full_pass_due(index: Index, night: date, days: int) -> bool:
    """Whether every issue is to be read whole tonight (none yet, or `days` since the last)."""
    return index.full_pass is None or night - index.full_pass >= timedelta(days=days)


def to_read(
    listing: Iterable[Listed],
    index: Index,
    edited: set[str],
    thinned: set[str],
    *,
    full: bool,
) -> list[Listed]:
    """The listed issues to read whole: new, changed (`updatedAt`, comment count), with a comment
    edited since the last night (`edited` keys), or all on a full pass; never those thinned out."""
    chosen = []
    for listed in listing:
        if listed.key in thinned:
            continue
        entry = index.issues.get(listed.key)
        if (
            full
            or entry is None
            or entry.gone
            or entry.updated_at != listed.updated_at
            or entry.comments != listed.comments
            or listed.key in edited
        ):
            chosen.append(listed)
    return chosen


def missing(listing: Iterable[Listed], index: Index, repositories: Sequence[str]) -> list[str]:
    """Keys of archived issues of these repositories that the listing no longer shows and that
    are not yet marked as gone."""
    listed = {item.key for item in listing}
    read = {r.casefold() for r in repositories}
    return sorted(
        key
        for key, entry in index.issues.items()
        if not entry.gone and key not in listed and key.rpartition("#")[0].casefold() in read
    )
