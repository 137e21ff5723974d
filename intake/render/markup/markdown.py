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

from intake.domain.text.personnummer import redact
from intake.domain.text.text import clean

# Everything but letters, digits and the characters no Markdown extension of the site reacts to in
# mid-line (` ,.-`); `\w` also matches `_`, which marks emphasis.
_UNSAFE = re.compile(r"[^\w ,.-]|_")
_LEAD = re.compile(r"^[ ,.-]")
_LEAD_NUMBER = re.compile(r"^([0-9]+)\.")
# Characters besides letters and digits that are inert in HTML text, attributes and YAML scalars
# alike (front matter `title` reaches `<title>` and `<meta>` unescaped in Material's templates).
_PLAIN_KEEP = frozenset(" ,.-:!?()")
# http(s) URLs made only of characters that cannot close a Markdown link or an HTML attribute.
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/+-]*)?")
_INLINE_LIMIT = 300
_ELLIPSIS = "…"


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


def _encode(text: str) -> str:
    # Never leave punctuation first: at a line start `-`, `.` or `,` could still begin a block,
    # and "1. " would begin a numbered list.
    encoded = _LEAD_NUMBER.sub(r"\1&#46;", _UNSAFE.sub(_reference, text), count=1)
    return _LEAD.sub(_reference, encoded, count=1)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + _ELLIPSIS


@functools.lru_cache(maxsize=4096)  # pure; labels, stage names and field labels repeat per need
def escape(text: str, limit: int = _INLINE_LIMIT) -> str:
    """Inline Markdown showing the text literally on one line; whitespace collapsed, long cut."""
    return _encode(_shorten(" ".join(clean(text).split()), limit))


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
    return url if _SAFE_URL.fullmatch(url) else None


# --- GitHub comments and job summaries -------------------------------------------------------

# Characters with a Markdown meaning inline; a backslash makes each one literal text.
_MARKDOWN = re.compile(r"([\\`*_\[\]()!|~{}])")
# GitHub links these inside plain text after Markdown: @mentions, #123 references, bare URLs.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_REFERENCE = re.compile(r"#(?=[0-9])")
_URL = re.compile(r"(?i)://|(?<![a-z0-9])www\.")
_ZWSP = "&#8203;"  # a zero-width space, written as an entity so it survives any editor


def escape_markdown(text: object) -> str:
    """Untrusted text as inert one-line Markdown: no HTML, links, pings or personnummer."""
    flat = " ".join(redact(str(text)).split())
    flat = _MARKDOWN.sub(r"\\\1", flat)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MENTION.sub("@" + _ZWSP, flat)
    flat = _REFERENCE.sub("#" + _ZWSP, flat)
    return _URL.sub(lambda m: m.group().replace(":", ":" + _ZWSP).replace(".", _ZWSP + "."), flat)
