"""Long tables of needs, put into their built pages after the build instead of through it.

A table of thousands of needs (the overview, a förvaltning's or a unit's page, the agenda, the
benefits) costs the builder three HTML parses: MkDocs looks for anchors, Python-Markdown for raw
HTML, and the search plugin indexes every cell. The tables of a page that lists more than `LONG`
rows in all are therefore set aside: the page keeps an empty placeholder element for each, and
`intake portfolio-pages` puts the tables back into the built page. Every row stays on the page;
what the cells say is found in search through each need's own page. Pages with fewer rows, and so
the sample site's, are built as before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

LATE_TABLES = "tabeller.json"  # below the portfolio folder; mkdocs.yml: exclude_docs
LONG = 200  # rows: the tables of a page with more than these in all go in after the build
_START = '<table class="portfolj-tabell" role="table">'  # markup/tables.py: html_table
_END = "</table>"
_ROW = '<tr role="row">'


def _placeholder(page: str, index: int) -> str:
    return f'<div class="portfolj-tabellplats" data-sida="{page}" data-tabell="{index}"></div>'


def _rows(table: str) -> int:
    return table.count(_ROW) - 1  # the heading row is one


def set_aside_tables(pages: Mapping[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The Markdown pages whose tables hold more than `LONG` rows in all, each table replaced
    by a placeholder, and by page the tables set aside. Tables are html_table's own HTML:
    nothing from an issue can end one."""
    kept: dict[str, str] = {}
    tables: dict[str, list[str]] = {}
    for path, text in pages.items():
        spans = _tables(text) if path.endswith("index.md") else []
        if sum(_rows(text[begin:end]) for begin, end in spans) <= LONG:
            kept[path] = text
            continue
        parts: list[str] = []
        start = 0
        for index, (begin, end) in enumerate(spans):
            parts += [text[start:begin], _placeholder(path, index)]
            start = end
        parts.append(text[start:])
        kept[path] = "".join(parts)
        tables[path] = [text[begin:end] for begin, end in spans]
    return kept, tables


def _tables(text: str) -> list[tuple[int, int]]:
    """Where each of html_table's tables begins and ends in the text."""
    spans = []
    start = 0
    while (begin := text.find(_START, start)) >= 0:
        start = text.index(_END, begin) + len(_END)
        spans.append((begin, start))
    return spans


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
