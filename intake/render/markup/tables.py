"""HTML tables of escaped cells that become cards on a phone (the site's extra.css)."""

from __future__ import annotations

from collections.abc import Sequence

from intake.render.markup.markdown import escape
from intake.render.markup.templates import Trusted

__all__ = ["html_table"]


def html_table(heads: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> Trusted:
    """An HTML table of escaped cells that becomes cards on a phone (extra.css); a column empty on
    every row is left out; the roles keep it a table for screen readers."""
    keep = [i for i in range(len(heads)) if i < 2 or any(row[i] for row in rows)]
    head = "".join(f'<th role="columnheader" scope="col">{escape(heads[i])}</th>' for i in keep)
    body = "\n".join(
        '<tr role="row">'
        + "".join(
            f'<td role="cell" data-label="{escape(heads[i])}"'
            + (' class="tal"' if i in numeric else "")
            + f">{row[i] or '–'}</td>"
            for i in keep
        )
        + "</tr>"
        for row in rows
    )
    return Trusted(
        '<table class="portfolj-tabell" role="table">\n'
        f'<thead><tr role="row">{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'
    )
