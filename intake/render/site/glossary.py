"""The glossary page as data, and the abbreviations file that explains its terms on hover."""

from __future__ import annotations

import re
from dataclasses import dataclass

GLOSSARY_PAGE = "docs/ordlista.md"
# The last line of every hand-written page and of the label page: the glossary as hover texts
# and the municipality's links (intake/render/site/municipality.py).
# Included per page, not appended to every page by the snippets extension, so that the thousands
# of generated portfolio pages do not pay for it (see docs/underhall.md).
GLOSSARY_INCLUDE = '--8<-- "gemensamt.md"'

_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.DOTALL)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term as written and its definition as plain text."""

    term: str
    definition: str


def parse_glossary(text: str) -> list[Term]:
    """Read the definition list (`Term` then `:   Definition`) of the glossary page."""
    lines = _FRONT_MATTER.sub("", text.replace("\r\n", "\n")).split("\n")
    entries: list[tuple[str, list[str]]] = []
    candidate: str | None = None  # the last plain line: the term if a definition follows
    inside = False  # the lines since the last term belong to a definition
    for line in lines:
        if not line.strip():
            continue
        if line.startswith(":"):
            if not inside and candidate is not None:
                entries.append((candidate, []))
            if entries and (inside or candidate is not None):
                entries[-1][1].append(line[1:].strip())
                inside, candidate = True, None
        elif inside and line.startswith(("    ", "\t")):
            entries[-1][1].append(line.strip())
        else:
            inside = False
            candidate = None if line.startswith(("#", "<", "*[")) else _plain(line)
    return _unique([Term(term, _plain(" ".join(parts))) for term, parts in entries])


def _unique(terms: list[Term]) -> list[Term]:
    seen: set[str] = set()
    found = []
    for term in terms:
        if term.term and term.term not in seen:
            seen.add(term.term)
            found.append(term)
    return found


def _plain(markdown: str) -> str:
    text = _LINK.sub(r"\1", markdown)
    text = _ATTRIBUTES.sub("", text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def spellings(term: str) -> list[str]:
    """How a term may appear in running text: as written, and lower-cased unless an acronym."""
    found = [term]
    lower = term[0].lower() + term[1:]
    if lower != term and not term[:2].isupper():
        found.append(lower)
    return found


def render_abbreviations(terms: list[Term]) -> str:
    """The snippet pages include: `*[Term]: Definition` for each spelling of each term.

    Blank lines between the definitions: Python-Markdown parses one long block of them in
    quadratic time.
    """
    lines = [
        f"*[{spelling}]: {_attribute_safe(term.definition)}"
        for term in terms
        for spelling in spellings(term.term)
        if "]" not in spelling
    ]
    return "\n\n".join(lines) + "\n" if lines else ""


def _attribute_safe(text: str) -> str:
    # The abbr extension puts the definition in a title attribute; a newline would end the line.
    return " ".join(text.split())


def terms_used(terms: list[Term], text: str) -> list[str]:
    """The glossary terms that occur as whole words in a text, in glossary order."""
    used = []
    for term in terms:
        pattern = "|".join(re.escape(s) for s in spellings(term.term))
        if re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text):
            used.append(term.term)
    return used
