"""Untrusted text made inert for generated Markdown pages, their HTML and their front matter.

Everything that comes from an issue (titles, answers, labels) passes through here before it reaches
a page. The rule is an allow-list: letters, digits, spaces and `,.-` stay as they are; every other
character becomes a numeric HTML character reference. Python-Markdown and its extensions (tables,
attr_list, abbr, footnotes, admonition, snippets, superfences, Jinja-based plugins) only react to
literal punctuation, and a character reference is never punctuation to them, so no Markdown, HTML,
link, template or include syntax can survive, while the browser shows the original text.
"""

from __future__ import annotations

import functools
import re

from intake.domain.text.patterns import (
    ISSUE_REFERENCE,
    LEAD,
    LEAD_NUMBER,
    MARKDOWN,
    MENTION,
    SAFE_URL,
    UNSAFE,
    URL,
)
from intake.domain.text.personnummer import redact
from intake.domain.text.text import clean

# Characters besides letters and digits that are inert in HTML text, attributes and YAML scalars
# alike (front matter `title` reaches `<title>` and `<meta>` unescaped in Material's templates).
_PLAIN_KEEP = frozenset(" ,.-:!?()")
_INLINE_LIMIT = 300
_ELLIPSIS = "…"


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


def _encode(text: str) -> str:
    # Never leave punctuation first: at a line start `-`, `.` or `,` could still begin a block,
    # and "1. " would begin a numbered list.
    # One translation table per text, not a call per character: a hostile answer can be 64 KB of
    # punctuation.
    table = {ord(c): f"&#{ord(c)};" for c in set(text) if UNSAFE.match(c)}
    encoded = LEAD_NUMBER.sub(r"\1&#46;", text.translate(table), count=1)
    return LEAD.sub(_reference, encoded, count=1)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + _ELLIPSIS


def one_line(text: str, limit: int = _INLINE_LIMIT) -> str:
    """The text as `escape` shows it, still plain: cleaned, whitespace collapsed, long cut."""
    return _shorten(" ".join(clean(text).split()), limit)


@functools.lru_cache(maxsize=4096)  # pure; labels, stage names and field labels repeat per need
def escape(text: str, limit: int = _INLINE_LIMIT) -> str:
    """Inline Markdown showing the text literally on one line; whitespace collapsed, long cut."""
    return _encode(one_line(text, limit))


def escape_block(text: str) -> str:
    """HTML showing the text literally, line breaks kept, long lines wrapped."""
    lines = [_encode(line.rstrip()) for line in clean(text).strip("\n").split("\n")]
    # Inside a raw HTML block Python-Markdown does no inline parsing, however long the text;
    # the class keeps line breaks and wraps endless words (docs/stylesheets/extra.css).
    return '<div class="portfolj-text">' + "\n".join(lines) + "</div>"


def plain(text: str, limit: int = 120) -> str:
    """Text safe unescaped in HTML and YAML: other characters become spaces, whitespace one."""
    kept = "".join(c if c in _PLAIN_KEEP or c.isalnum() else " " for c in clean(text))
    return _shorten(" ".join(kept.split()), limit)


def safe_url(url: str) -> str | None:
    """The URL when it is a plain http(s) URL that cannot break out of a link; otherwise None."""
    return url if SAFE_URL.fullmatch(url) else None


# --- GitHub comments and job summaries -------------------------------------------------------

_ZWSP = "&#8203;"  # a zero-width space, written as an entity so it survives any editor


def escape_markdown(text: object) -> str:
    """Untrusted text as inert one-line Markdown: no HTML, links, pings or personnummer."""
    flat = " ".join(redact(str(text)).split())
    flat = MARKDOWN.sub(r"\\\1", flat)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = MENTION.sub("@" + _ZWSP, flat)
    flat = ISSUE_REFERENCE.sub("#" + _ZWSP, flat)
    return URL.sub(lambda m: m.group().replace(":", ":" + _ZWSP).replace(".", _ZWSP + "."), flat)
