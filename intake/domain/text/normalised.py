"""The copy of a text that personal data is searched in, and the way back to the original.

NFKC (fullwidth digits become digits), format characters such as U+200B, U+00AD and U+2060
dropped, every Unicode space read as a space and every dash (and the minus sign) as `-`.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from intake.domain.text.patterns import ASCII_SPACE, irregular


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

    Where the copy differs in length from the original there is a segment: `starts[k]` is its
    offset in the copy, `origins[k]` in the original, `lengths[k]` its length in the copy and
    `widths[k]` in the original (a run of dropped characters, or one character that became
    several).
    """

    text: str
    starts: tuple[int, ...] = ()
    origins: tuple[int, ...] = ()
    lengths: tuple[int, ...] = ()
    widths: tuple[int, ...] = ()

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's offsets of the copy's text[start:end] (end > start)."""
        return self._at(start, 0), self._at(end - 1, 1)

    def _at(self, offset: int, after: int) -> int:
        """The original offset of the copy's character at `offset` (`after`: of its end)."""
        k = bisect_right(self.starts, offset) - 1
        if k < 0:
            return offset + after
        start, origin, length = self.starts[k], self.origins[k], self.lengths[k]
        if offset < start + length:  # inside what one character became: all of that character
            return origin + after * self.widths[k]
        return origin + self.widths[k] + offset - start - length + after


_ASCII = frozenset(map(chr, range(128)))
# For each set of wanted characters, characters beyond ASCII found to read as none of them.
_READ_AS_NONE: dict[frozenset[str], set[str]] = {}
_KNOWN_MOST = 4096


def reads_as_any(text: str, wanted: frozenset[str]) -> bool:
    """Whether the normalised copy of the text holds one of the `wanted` ASCII characters (none
    of them whitespace), found without making the copy.

    In the copy an ASCII character other than whitespace stands as itself and every other
    character as what `_normal` gives, so the copy's characters are those of its characters'.
    """
    present = set(text)
    if not wanted.isdisjoint(present):
        return True
    others = present - _ASCII
    if not others:
        return False
    innocent = _READ_AS_NONE.setdefault(wanted, set())
    for char in others - innocent:
        if not wanted.isdisjoint(_normal(char)):
            return True
        if len(innocent) < _KNOWN_MOST:
            innocent.add(char)
    return False


_ASCII_TABLE = str.maketrans("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " " * 9)


@lru_cache(maxsize=256)  # the bot and the portfolio search the same answers several times
def normalise(text: str) -> Normalised:
    """The copy of the text that personal data is searched in."""
    if text.isascii():
        return Normalised(text.translate(_ASCII_TABLE) if ASCII_SPACE.search(text) else text)
    table = {ord(c): _normal(c) for c in set(text) if not c.isascii() or c.isspace()}
    dropped = [chr(c) for c, value in table.items() if not value]
    grown = [chr(c) for c, value in table.items() if len(value) > 1]
    if not dropped and not grown:
        return Normalised(text.translate(table))
    # Only the runs of dropped characters and the grown ones are walked in Python; the text
    # between them is translated whole.
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    lengths: list[int] = []
    widths: list[int] = []
    done = size = 0
    for match in irregular(dropped, grown).finditer(text):
        at, end = match.span()
        piece = text[done:at].translate(table)
        value = match.group().translate(table)
        size += len(piece)
        pieces += [piece, value]
        starts.append(size)
        origins.append(at)
        lengths.append(len(value))
        widths.append(end - at)
        size += len(value)
        done = end
    pieces.append(text[done:].translate(table))
    return Normalised("".join(pieces), tuple(starts), tuple(origins), tuple(lengths), tuple(widths))
