"""The need pages in the built site's search index and sitemap, in each builder's own format.

The entries come from the need pages' sections (need_page.py), never from their HTML. The
placeholder page's entries go; the needs' entries take their place, in the order of the pages.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from intake.render.portfolio.need_page import TITLE_MARK, NeedPage
from intake.render.portfolio.shell import ShellError

MATERIAL_INDEX = "search/search_index.json"  # Material for MkDocs' search plugin
ZENSICAL_INDEX = "search.json"  # Zensical's search
SEARCH_INDEXES = (MATERIAL_INDEX, ZENSICAL_INDEX)
# The keys of a page's entry in each index, as each builder writes them.
_KEYS = {
    MATERIAL_INDEX: ("docs", {"location", "title", "text"}),
    ZENSICAL_INDEX: ("items", {"location", "level", "title", "text", "path", "tags"}),
}


def _text(value: str) -> str:
    """Text as the search plugins write it: HTML with only <, > and & escaped."""
    return html.escape(value, quote=False)


def _entries(
    kind: str, template: dict[str, Any], page: NeedPage, prefix: str
) -> list[dict[str, Any]]:
    entries = []
    for section in page.sections:
        location = prefix + page.path + ("" if section.level == 1 else f"#{section.anchor}")
        entry: dict[str, Any] = {"location": location}
        if kind == ZENSICAL_INDEX:
            entry["level"] = section.level
        entry["title"] = _text(section.title)
        entry["text"] = _text(section.text)
        if kind == ZENSICAL_INDEX:
            # The page's place, as the builder wrote it for the placeholder (its title).
            entry["path"] = [
                _text(page.title) if part == TITLE_MARK else part for part in template["path"]
            ]
            entry["tags"] = []
        entries.append(entry)
    return entries


def with_need_entries(
    kind: str, text: str, pages: Sequence[NeedPage], prefix: str, placeholder_url: str
) -> str:
    """The search index `kind` (a path in SEARCH_INDEXES) with the needs' entries in place of
    the placeholder's (`placeholder_url`: its address in the site, as in the shell); ShellError
    when it holds no entry of the placeholder."""
    key, keys = _KEYS[kind]
    try:
        data = json.loads(text)
        entries: list[dict[str, Any]] = data[key]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise TypeError(key)
    except (ValueError, KeyError, TypeError) as error:
        raise ShellError(f"sökindexet {kind} går inte att läsa ({error})") from error
    where = placeholder_url
    found = [i for i, e in enumerate(entries) if str(e.get("location", "")).startswith(where)]
    if not found:
        raise ShellError(f"sökindexet {kind} har ingen post för platshållaren {where}")
    template = entries[found[0]]
    if set(template) != keys:
        raise ShellError(f"sökindexet {kind} har en form som steget inte känner igen")
    added = [e for p in pages for e in _entries(kind, template, p, prefix)]
    kept = [e for i, e in enumerate(entries) if i not in set(found)]
    data[key] = kept[: found[0]] + added + kept[found[0] :]
    if kind == MATERIAL_INDEX:  # as the search plugin writes it
        return json.dumps(data, separators=(",", ":"), default=str)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def with_need_urls(
    sitemap: str, pages: Sequence[NeedPage], prefix: str, placeholder_url: str
) -> str:
    """The sitemap with one <url> per need, shaped like the placeholder's, in its place."""
    loc = _find_loc(sitemap, placeholder_url)
    start = sitemap.rfind("<url>", 0, loc)
    end = sitemap.find("</url>", loc)
    if start < 0 or end < 0:
        raise ShellError("sitemap.xml har inte den väntade formen")
    end += len("</url>")
    line = sitemap.rfind("\n", 0, start)
    indent = sitemap[line:start] if line >= 0 and not sitemap[line:start].strip() else "\n"
    template = sitemap[start:end]
    where = placeholder_url
    urls = indent.join(template.replace(where, prefix + p.path) for p in pages)
    return sitemap[:start] + urls + sitemap[end:]


def _find_loc(sitemap: str, path: str) -> int:
    index = sitemap.find(f"{path}</loc>")
    if index < 0:
        raise ShellError(f"sitemap.xml har ingen adress för platshållaren {path}")
    return index
