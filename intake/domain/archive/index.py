"""The archive's index (index.json): what each issue looked like on GitHub when last read, and the
hashes of its files; and the plan of a night: which issues to read, which went missing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
    read: date | None = None
    """The night it was last read whole from GitHub."""
    comments_at: datetime | None = None
    """The latest update of its comments then, by GitHub's clock."""


class Index(_Model):
    """The archive's index."""

    schema_version: Literal[1] = 1
    read_at: datetime | None = None
    """When the last night ran (the runner's clock)."""
    comments_seen: dict[str, datetime] = {}
    """Repository (lower case) → the latest comment update read there, by GitHub's clock:
    comments written or edited after it are read the next night."""
    issues: dict[str, Entry] = {}


def to_read(
    listing: Iterable[Listed],
    index: Index,
    edited: set[str],
    thinned: set[str],
    pass_due: Callable[[Entry], bool],
    limit: int,
) -> tuple[list[Listed], bool]:
    """The listed issues to read whole tonight, at most `limit`: first those new, changed
    (`updatedAt`, comment count) or with a comment edited since the last night (`edited`
    keys), in the listing's order; then unchanged ones due for the full pass (`pass_due`),
    those read longest ago first. Never those thinned out. Also whether the limit left out a
    changed one (the next night reads it)."""
    changed: list[Listed] = []
    due: list[tuple[date, Listed]] = []
    for listed in listing:
        if listed.key in thinned:
            continue
        entry = index.issues.get(listed.key)
        if (
            entry is None
            or entry.gone
            or entry.updated_at != listed.updated_at
            or entry.comments != listed.comments
            or listed.key in edited
        ):
            changed.append(listed)
        elif pass_due(entry):
            due.append((entry.read or date.min, listed))
    due.sort(key=lambda item: item[0])
    chosen = changed[:limit] + [listed for _, listed in due[: max(0, limit - len(changed))]]
    return chosen, len(changed) > limit


def full_pass(night: date, days: int) -> Callable[[Entry], bool]:
    """Whether an entry is due to be read again whole: never read whole, or `days` ago."""
    return lambda entry: entry.read is None or night - entry.read >= timedelta(days=days)


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
