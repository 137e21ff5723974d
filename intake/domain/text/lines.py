"""The Markdown lines an issue body is made of: fences and how labels compare."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_KEPT = 200  # the keys of texts up to this long are kept: labels, titles and options recur


@dataclass(frozen=True, slots=True)
class Fence:
    char: str
    length: int


def fence_open(line: str) -> Fence | None:
    """The fence a line opens (CommonMark: up to three spaces, three or more ` or ~)."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped or stripped[0] not in "`~":
        return None
    char = stripped[0]
    length = len(stripped) - len(stripped.lstrip(char))
    if length < 3 or (char == "`" and "`" in stripped[length:]):
        return None
    return Fence(char, length)


def fence_closes(line: str, fence: Fence) -> bool:
    """Whether a line closes the fence: as long a run of its character, nothing after."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith(fence.char):
        return False
    length = len(stripped) - len(stripped.lstrip(fence.char))
    return length >= fence.length and not stripped[length:].strip()


def key(text: str) -> str:
    """How labels, titles and options compare: NFC, whitespace runs as one space."""
    return _kept_key(text) if len(text) <= _KEPT else _key(text)


@lru_cache(maxsize=8192)
def _kept_key(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
