"""Long tables of needs, put into their built pages after the build instead of through it.

A table of thousands of needs (the overview, a förvaltning's or a unit's page, the agenda, the
benefits) costs the builder three HTML parses: MkDocs looks for anchors, Python-Markdown for raw
HTML, and the search plugin indexes every cell. A table longer than `LONG` rows is therefore set
aside: its page keeps an empty placeholder element, and `intake portfolio-pages` puts the table
back into the built page. Every row stays on the page; what the cells say is found in search
through each need's own page. Shorter tables, and so the sample site's, are built as before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

LATE_TABLES = "tabeller.json"  # below the portfolio folder; mkdocs.yml: exclude_docs
LONG = 200  # rows: a table longer than this is put in after the build
_START = '<table class="portfolj-tabell" role="table">'  # markup/tables.py: html_table
_END = "</table>"
_ROW = '<tr role="row">'


def _placeholder(page: str, index: int) -> str:
    return f'<div class="portfolj-tabellplats" data-sida="{page}" data-tabell="{index}"></div>'


def set_aside_tables(pages: Mapping[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The Markdown pages with each long table replaced by a placeholder, and by page the
    tables set aside. Tables are html_table's own HTML: nothing from an issue can end one."""
    kept: dict[str, str] = {}
    tables: dict[str, list[str]] = {}
    for path, text in pages.items():
        if not path.endswith("index.md") or _START not in text:
            kept[path] = text
            continue
        parts: list[str] = []
        aside: list[str] = []
        start = 0
        while (begin := text.find(_START, start)) >= 0:
            end = text.index(_END, begin) + len(_END)
            table = text[begin:end]
            parts.append(text[start:begin])
            if table.count(_ROW) - 1 > LONG:
                parts.append(_placeholder(path, len(aside)))
                aside.append(table)
            else:
                parts.append(table)
            start = end
        parts.append(text[start:])
        kept[path] = "".join(parts)
        if aside:
            tables[path] = aside
    return kept, tables


def built_page(path: str) -> str:
    """The built page of a Markdown page below the portfolio folder (`x/index.md`)."""
    return path.removesuffix("index.md") + "index.html"


def dump_tables(tables: Mapping[str, list[str]]) -> str:
    """The tables set aside, as JSON with the pages in order: deterministic bytes."""
    return json.dumps(dict(sorted(tables.items())), ensure_ascii=False, indent=0) + "\n"


def load_tables(text: str) -> dict[str, list[str]]:
    """What `dump_tables` wrote; ValueError (one line) when the text is not that."""
    data = json.loads(text)
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in data.values()
    ):
        raise ValueError("är inga tabeller från intake portfolio")
    return {str(k): list(v) for k, v in data.items()}


def put_back_tables(html: str, page: str, tables: list[str]) -> str:
    """The built page with its tables in place of their placeholders; ValueError when one of
    the placeholders is not there exactly once."""
    for index, table in enumerate(tables):
        marker = _placeholder(page, index)
        if html.count(marker) != 1:
            raise ValueError(f"platsen för tabell {index + 1} på {page} saknas i den byggda sidan")
        html = html.replace(marker, table)
    return html
