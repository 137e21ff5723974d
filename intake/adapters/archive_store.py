"""The archive's folder: its index, thinning log and issue files, read and written."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from intake.adapters.files import InputError, read_bytes
from intake.domain.archive.index import INDEX_FILE, Index
from intake.domain.archive.schema import ArchivedIssue, issue_path
from intake.domain.archive.thinning import THINNING_FILE, Thinning
from intake.usecases.archive import Changes
from intake.usecases.archive_checks import parse_log


class ArchiveFolder:
    """An archive in a folder (a clone of the archive repository in the workflow)."""

    def __init__(self, root: Path, *, create: bool = False) -> None:
        if root.exists() and not root.is_dir():
            raise InputError(f"{root}: är en fil, arkivet ska vara en mapp")
        if not create and not (root / INDEX_FILE).is_file():
            raise InputError(
                f"{root}: är inget arkiv (där finns ingen {INDEX_FILE}); kör `intake archive "
                f"{root}` först"
            )
        self.root = root

    def read(self, path: str) -> bytes | None:
        """A file's bytes; None when there is no such file."""
        target = self.root / path
        return read_bytes(target) if target.is_file() else None

    def index(self) -> Index:
        """The index; an empty one for a new archive."""
        data = self.read(INDEX_FILE)
        if data is None:
            return Index()
        try:
            return Index.model_validate_json(data)
        except ValidationError as error:
            raise InputError(
                f"{self.root / INDEX_FILE}: har fel form ({error.error_count()} fel); "
                "hämta den från arkivets historik"
            ) from error

    def issue(self, key: str) -> ArchivedIssue | None:
        """An archived issue by its key (`owner/name#number`)."""
        repository, _, number = key.rpartition("#")
        path = issue_path(repository, int(number), "json")
        data = self.read(path)
        if data is None:
            return None
        try:
            return ArchivedIssue.model_validate_json(data)
        except ValidationError as error:
            raise InputError(
                f"{self.root / path}: följer inte arkivets schema ({error.error_count()} fel); "
                "kör `intake archive --verify` och hämta filen ur arkivets historik"
            ) from error

    def thinning_log(self) -> list[Thinning]:
        """The decisions that thinned the archive, oldest first."""
        try:
            return parse_log(self.read(THINNING_FILE))
        except ValidationError as error:
            raise InputError(f"{self.root / THINNING_FILE}: har fel form") from error

    def apply(self, changes: Changes) -> None:
        """Write the changed files (each whole, through a temporary file) and remove others."""
        for relative in changes.removed:
            (self.root / relative).unlink(missing_ok=True)
        for relative, content in sorted(changes.files.items()):
            path = self.root / relative
            if path.is_file() and path.read_bytes() == content:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".tmp")
            partial.write_bytes(content)
            partial.replace(path)  # a run cut short leaves the old file, never half a file
