"""The copy of a text that personal data is searched in, and the way back to the original.

NFKC (fullwidth digits become digits), format characters such as U+200B, U+00AD and U+2060
dropped, every Unicode space read as a space and every dash (and the minus sign) as `-`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=4096)
def _normal(char: str) -> str:
    """What one character reads as in the normalised copy ("" when it is dropped)."""
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Pd" or char == "\u2212":  # every dash, and the minus sign
        return "-"
    folded = unicodedata.normalize("NFKC", char)
    if folded == char:
        return char
    return "".join(_normal(c) for c in folded)


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of a text and how to find its characters in the original.

    `starts` are the copy's offsets where a character of the original was dropped or became
    more than one character; `origins` the original offset of each.
    """

    text: str
    starts: tuple[int, ...] = ()
    origins: tuple[int, ...] = ()
    lengths: tuple[int, ...] = ()

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's offsets of the copy's text[start:end]."""
        return self._at(start), self._at(end - 1) + 1

    def _at(self, offset: int) -> int:
        k = bisect_right(self.starts, offset) - 1
        if k < 0:
            return offset
        start, origin, length = self.starts[k], self.origins[k], self.lengths[k]
        if offset < start + length:
            return origin
        return origin + 1 + offset - start - length


def normalise(text: str) -> Normalised:
    """The copy of the text that personal data is searched in."""
    if text.isascii() and not any(c.isspace() and c != " " for c in set(text)):
        return Normalised(text)
    table = {ord(c): _normal(c) for c in set(text) if not c.isascii() or c.isspace()}
    irregular = [chr(c) for c, value in table.items() if len(value) != 1]
    if not irregular:
        return Normalised(text.translate(table))
    # Only the dropped and expanded characters are walked in Python; the rest is translated whole.
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    lengths: list[int] = []
    done = size = 0
    for match in re.finditer("[" + "".join(re.escape(c) for c in irregular) + "]", text):
        at = match.start()
        piece = text[done:at].translate(table)
        value = table[ord(text[at])]
        size += len(piece)
        pieces += [piece, value]
        starts.append(size)
        origins.append(at)
        lengths.append(len(value))
        size += len(value)
        done = at + 1
    pieces.append(text[done:].translate(table))
    return Normalised("".join(pieces), tuple(starts), tuple(origins), tuple(lengths))
