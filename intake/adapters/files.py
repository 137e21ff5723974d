"""Files read and written for the commands, with errors a person can act on."""

from __future__ import annotations

import gzip
from pathlib import Path


class InputError(Exception):
    """A file a person named cannot be used; the message says why in one line (Swedish)."""


def read_bytes(path: Path) -> bytes:
    """The file's bytes; InputError when it is missing, a folder or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(f"{path}: filen finns inte") from error
    except IsADirectoryError as error:
        raise InputError(f"{path}: är en mapp, inte en fil") from error
    except PermissionError as error:
        raise InputError(f"{path}: du får inte läsa filen") from error
    except OSError as error:
        raise InputError(f"{path}: filen kan inte läsas ({error.strerror})") from error


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte order mark is dropped); InputError for binary or other encodings."""
    if b"\x00" in data:
        raise InputError(f"{source}: är ingen textfil (den innehåller binära data)")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source}: är inte sparad som UTF-8 (byte {error.start}); "
            "spara den som UTF-8 och försök igen"
        ) from error


def read_text(path: Path) -> str:
    """A UTF-8 text file; InputError with a one-line reason otherwise."""
    return decode(read_bytes(path), str(path))


def write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write the files below root; returns the paths whose content changed."""
    changed = []
    for relative, content in files.items():
        path = root / relative
        if path.is_file() and path.read_bytes() == content.encode("utf-8"):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        changed.append(relative)
    return changed


def drifted(root: Path, files: dict[str, str]) -> list[str]:
    """The paths below root whose content differs from what should be there."""
    return [
        relative
        for relative, content in files.items()
        if not (root / relative).is_file()
        or (root / relative).read_bytes() != content.encode("utf-8")
    ]


def write_tree(out: Path, files: dict[str, bytes], owned: tuple[str, ...]) -> None:
    """Write the files below `out`; delete files in the `owned` folders that are no longer made."""
    for folder in owned:
        base = out / folder
        if base.is_dir():
            for old in sorted(p for p in base.rglob("*") if p.is_file()):
                if old.relative_to(out).as_posix() not in files:
                    old.unlink()
            for empty in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(empty.iterdir()):
                    empty.rmdir()
    for relative, content in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)


def write_site_file(path: Path, text: str) -> None:
    """Write a page or index of the built site (UTF-8, the folder made when missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def remove_page(path: Path) -> None:
    """Remove a built page, and its folder when nothing else is left in it."""
    path.unlink()
    if not any(path.parent.iterdir()):
        path.parent.rmdir()


def rewrite_gzip(path: Path, data: bytes) -> None:
    """Replace a gzip file's content, keeping the time its header records (same bytes again)."""
    mtime = int.from_bytes(path.read_bytes()[4:8], "little")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=mtime))
