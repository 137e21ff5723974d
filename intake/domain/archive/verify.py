"""The archive checked against GitHub and itself: what is missing, changed or broken, one line
each, in Swedish."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from intake.domain.archive.index import Index, Listed
from intake.domain.archive.schema import ArchivedIssue


def sha256(data: bytes) -> str:
    """The hex SHA-256 of a file's bytes, as the index keeps it."""
    return hashlib.sha256(data).hexdigest()


def listing_differences(listing: Iterable[Listed], index: Index, thinned: set[str]) -> list[str]:
    """Issues GitHub lists that the archive lacks or holds as they were before a later change."""
    lines = []
    for listed in listing:
        entry = index.issues.get(listed.key)
        if listed.key in thinned:
            continue
        if entry is None:
            lines.append(f"{listed.key}: finns på GitHub men saknas i arkivet")
        elif entry.gone:
            lines.append(f"{listed.key}: finns på GitHub men är markerat som borta i arkivet")
        elif entry.updated_at != listed.updated_at:
            lines.append(
                f"{listed.key}: ändrat på GitHub {listed.updated_at.isoformat()}, arkivet har "
                f"läget från {entry.updated_at.isoformat()}"
            )
    return lines


def file_differences(
    index: Index, files: Mapping[str, bytes | None], invalid: Mapping[str, str]
) -> list[str]:
    """Files the index names that are missing, whose hash differs, or (`invalid`: path → why)
    that do not follow the schema."""
    lines = []
    for key, entry in sorted(index.issues.items()):
        for path, digest in sorted(entry.files.items()):
            data = files.get(path)
            if data is None:
                lines.append(f"{key}: filen {path} saknas i arkivet")
            elif sha256(data) != digest:
                lines.append(f"{key}: filen {path} har ändrats sedan den skrevs")
            elif path in invalid:
                lines.append(f"{key}: filen {path} följer inte arkivets schema: {invalid[path]}")
    return lines


def content_differences(archived: ArchivedIssue, current: ArchivedIssue) -> list[str]:
    """What GitHub shows now that the archive does not hold as its current content."""
    key = archived.key
    lines = []
    for name in ("title", "body", "state", "state_reason", "labels", "closed_at"):
        if getattr(archived, name) != getattr(current, name):
            lines.append(f"{key}: {_NAMES[name]} skiljer sig från GitHub")
    kept = {c.id: c for c in archived.comments if c.gone is None}
    for comment in current.comments:
        held = kept.get(comment.id)
        if held is None:
            lines.append(f"{key}: kommentaren {comment.id} saknas i arkivet")
        elif held.body != comment.body:
            lines.append(f"{key}: kommentaren {comment.id} skiljer sig från GitHub")
    events = {(e.kind, e.at, e.label) for e in archived.events}
    lacking = [e for e in current.events if (e.kind, e.at, e.label) not in events]
    if lacking:
        lines.append(f"{key}: {len(lacking)} händelser i tidslinjen saknas i arkivet")
    if (archived.record is None) != (current.record is None) or (
        archived.record and current.record and archived.record != current.record
    ):
        lines.append(f"{key}: robotens register skiljer sig från GitHub")
    return lines


_NAMES = {
    "title": "rubriken",
    "body": "texten",
    "state": "läget (öppet eller stängt)",
    "state_reason": "skälet för stängningen",
    "labels": "etiketterna",
    "closed_at": "tiden för stängningen",
}


def gone_from_github(keys: Sequence[str]) -> list[str]:
    """Archived issues GitHub no longer lists that the archive has not yet marked as gone."""
    return [f"{key}: finns i arkivet men inte längre på GitHub" for key in keys]
