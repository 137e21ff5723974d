"""Runs of words a page shares with the source texts: the site says their facts in its own words.

Words compare case-blind, punctuation ignored. A quotation is allowed where it is set as a
blockquote that names its source on a line of its own (`> — Helsingborgs stad`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RUN = 8  # this many words in a row, shared with a source, are too many
_WORD = re.compile(r"\w+")
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTION = re.compile(r"^>\s*[—–-]\s*\S")


@dataclass(frozen=True)
class SharedRun:
    """Words a page shares with a source: where on the page, which source, and the words."""

    line: int
    source: str
    words: str


def words(text: str) -> list[str]:
    """The words of a text, lower case, without punctuation."""
    return [w.casefold() for w in _WORD.findall(text)]


def source_runs(sources: dict[str, str], run: int = RUN) -> dict[tuple[str, ...], str]:
    """Every run of `run` words in the sources → the name of the first source that has it."""
    found: dict[tuple[str, ...], str] = {}
    for name, text in sorted(sources.items()):
        seq = words(text)
        for i in range(len(seq) - run + 1):
            found.setdefault(tuple(seq[i : i + run]), name)
    return found


def _prose_lines(page: str) -> list[tuple[int, str]]:
    """(line number, text) of the page's prose: no front matter, code, comments or quotations."""
    front = _FRONT_MATTER.match(page.replace("\r\n", "\n"))
    lines = page.replace("\r\n", "\n").split("\n")
    start = front.group(0).count("\n") if front else 0
    kept: list[tuple[int, str]] = []
    fence = False
    quote: list[tuple[int, str]] = []

    def close_quote() -> None:
        if quote and not any(_ATTRIBUTION.match(text) for _, text in quote):
            kept.extend((n, text.lstrip("> ")) for n, text in quote)
        quote.clear()

    for number, line in enumerate(lines[start:], start + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence or line.startswith(("--8<--", "*[")):
            continue
        if line.startswith(">"):
            quote.append((number, line))
            continue
        close_quote()
        kept.append((number, line))
    close_quote()
    return [(n, _TAG.sub(" ", _LINK_TARGET.sub("] ", text))) for n, text in kept]


def shared_runs(page: str, runs: dict[tuple[str, ...], str], run: int = RUN) -> list[SharedRun]:
    """Each stretch of the page that shares `run` or more words in a row with a source, once."""
    seq = [(w, n) for n, text in _prose_lines(page) for w in words(text)]
    found: list[SharedRun] = []
    i = 0
    while i <= len(seq) - run:
        source = runs.get(tuple(w for w, _ in seq[i : i + run]))
        if source is None:
            i += 1
            continue
        end = i + run
        while end < len(seq) and tuple(w for w, _ in seq[end - run + 1 : end + 1]) in runs:
            end += 1
        found.append(SharedRun(seq[i][1], source, " ".join(w for w, _ in seq[i:end])))
        i = end
    return found
