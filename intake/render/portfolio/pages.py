"""The portfolio's pages: plain Markdown written before the build, every value escaped.

Pages are deterministic: the same issues give the same bytes. A need's page is HTML made without
a Markdown pass (need_page.py) at `behov/<repository name>/<number>/`; the municipality's own
needs keep a small redirect page at their first address, `behov/<number>/`, so that links people
saved still work. Both are written into the built site (`intake portfolio-pages`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from intake.domain.portfolio.build import NO_STAGE_NAME, stage_counts
from intake.domain.portfolio.publishing import answers_published
from intake.domain.portfolio.schema import Need, Portfolio, StageCount
from intake.model.process import Process
from intake.render.markup.markdown import escape, plain
from intake.render.markup.tables import (
    html_table as html_table,  # re-exported: pages import it here
)
from intake.render.markup.templates import Trusted, render

NO_GROUP = "utan-uppgift"  # group id of needs whose group field has no known answer
NEED_DIR = "behov"  # one page per need, outside the nav, written after the build
# One page per group (unit), outside the nav, as grupp/<id>/index.md: a page in a folder of its own
# builds to that same folder, so its HTML links read the same to MkDocs and to Zensical.
GROUP_DIR = "grupp"
FEED_DIR = "prenumerera"  # the feeds and the council's calendar (feeds.py, calendar.py)
_DASH = Trusted("–")  # what an empty table cell shows


@dataclass(frozen=True)
class _Group:
    id: str
    name: str
    needs: list[Need]


def repository_folder(repository: str) -> str:
    """The folder of a repository's needs: its name in lower case (the process keeps them apart)."""
    return repository.split("/")[-1].casefold()


def forvaltning_feed(repository: str) -> str:
    """The path of a förvaltning's Atom feed below the portfolio folder (feeds.py)."""
    return f"{FEED_DIR}/forvaltning-{repository_folder(repository)}.xml"


def need_label(process: Process, need: Need) -> str:
    """How pages name a need: its number, with its repository's name when that is not the own."""
    if need.repository.casefold() == process.municipality.repository.casefold():
        return str(need.number)
    return f"{repository_folder(need.repository)} {need.number}"


def front_matter(title: str, description: str, updated: date) -> Trusted:
    """The YAML front matter of a page; values must be `plain` (Material prints them unescaped).

    Built, not reviewed: `skapad` says when from which data, and no person or council signs it.
    """

    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar too

    return Trusted(
        f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\n"
        f"skapad: {updated.isoformat()}\n---\n"
    )


def chart(counts: Sequence[StageCount], colors: dict[str, str]) -> Trusted:
    """Counts per stage as horizontal bars in plain HTML and CSS, each with its name and number."""
    most = max((c.count for c in counts), default=0) or 1
    rows = []
    for c in counts:
        color = colors.get(c.id or "", "ededed")
        width = round(100 * c.count / most)
        bar = (
            f'<span style="display: inline-block; width: {width}%; height: 1em; '
            f'background: #{color}; border: 1px solid currentColor"></span>'
            if c.count
            else ""
        )
        rows.append(
            '<div style="display: flex; align-items: center; gap: 0.5em; margin: 0.2em 0">'
            f'<span style="flex: 0 0 40%">{escape(c.name)}</span>'
            f'<span style="flex: 1 1 auto">{bar}</span>'
            f'<span style="flex: 0 0 3em; text-align: right">{c.count}</span></div>'
        )
    return Trusted(
        '<figure class="portfolj-diagram" '
        'style="width: 100%; max-width: 40rem; margin: 1em 0; text-align: left">\n'
        "<figcaption>Diagram: antal behov per steg. Tabellen under har samma siffror."
        "</figcaption>\n" + "\n".join(rows) + "\n</figure>"
    )


def stage_name(process: Process, stage_id: str | None) -> str:
    """The name of a stage or outcome; for a need without one, what pages say instead."""
    return process.stage(stage_id).name if stage_id else NO_STAGE_NAME


def status_names(process: Process, need: Need) -> str:
    """The need's statuses as pages name them, joined by commas."""
    names = [
        s.label.partition(": ")[2] or s.label for s in process.statuses if s.id in need.statuses
    ]
    if need.outcome_missing:
        names.append("stängd utan utfall")
    return ", ".join(names)


def need_url(need: Need) -> str:
    """The built address of a need's page below the portfolio folder (MkDocs' directory URLs)."""
    return f"{NEED_DIR}/{repository_folder(need.repository)}/{need.number}/"


def _table(process: Process, needs: Sequence[Need], up: str) -> Trusted:
    """One stage's needs as a table: the essentials first (number, title, days), short headings."""
    columns = process.portfolio.columns
    heads = ["Nr", "Titel", "Dagar"]
    heads += [process.need_form.field(c).short or process.need_form.field(c).label for c in columns]
    heads.append("Status")
    rows: list[list[str]] = []
    for need in needs:
        link = f'<a href="{up}{need_url(need)}">{escape(need_label(process, need))}</a>'
        cells = [link, escape(need.title), str(need.days_in_stage)]
        cells += [escape(need.columns.get(c) or "") for c in columns]
        cells.append(escape(status_names(process, need)))
        rows.append(cells)
    return html_table(heads, rows, numeric={2})


def _sections(
    process: Process, counts: Sequence[StageCount], needs: Sequence[Need], up: str
) -> list[dict[str, Any]]:
    by_stage: dict[str | None, list[Need]] = {}
    for need in needs:
        by_stage.setdefault(need.stage, []).append(need)
    return [
        {
            "name": c.name,
            "needs": bool(by_stage.get(c.id)),
            "table": _table(process, by_stage.get(c.id, []), up),
        }
        for c in counts
    ]


def _groups(process: Process, needs: Sequence[Need]) -> list[_Group]:
    field = process.need_form.field(process.portfolio.group_by)
    groups = [_Group(c.id, c.name, []) for c in process.options(field)]
    groups.append(_Group(NO_GROUP, "Ingen uppgift", []))
    by_id = {g.id: g for g in groups}
    for need in needs:
        by_id[need.group or NO_GROUP].needs.append(need)
    return [g for g in groups if g.needs]


def _context(
    process: Process, portfolio: Portfolio, needs: Sequence[Need], up: str
) -> dict[str, Any]:
    counts = stage_counts(process, needs)
    return {
        "counts": counts,
        "total": len(needs),
        "chart": chart(counts, {s.id: s.color for s in process.all_stages}),
        "sections": _sections(process, counts, needs, up),
        "updated": portfolio.updated,
        "dash": _DASH,
    }


def render_pages(process: Process, portfolio: Portfolio) -> dict[str, str]:
    """Path below the portfolio folder → Markdown of the overview and the group pages.

    The needs' own pages are HTML, written after the build (need_page.py, shell.py).
    """
    updated = portfolio.updated
    group_field = process.need_form.field(process.portfolio.group_by)
    # Grouped by an answer: with only titles and stages published there is nothing to group by.
    groups = _groups(process, portfolio.needs) if answers_published(process) else []
    pages: dict[str, str] = {}
    pages["index.md"] = render(
        "portfolio_index.md.j2",
        front_matter=front_matter(
            "Portföljen",
            f"Alla behov i {plain(process.municipality.name)} och var i livscykeln de är.",
            updated,
        ),
        group_label=group_field.label,
        groups=[{"id": g.id, "name": g.name, "count": len(g.needs)} for g in groups],
        group_dir=Trusted(GROUP_DIR),
        forvaltning_feeds=[
            {"name": process.forvaltning(r), "path": Trusted(forvaltning_feed(r))}
            for r in process.portfolio_repositories
        ],
        **_context(process, portfolio, portfolio.needs, ""),
    )
    for group in groups:
        pages[f"{GROUP_DIR}/{group.id}/index.md"] = render(
            "portfolio_group.md.j2",
            front_matter=front_matter(
                f"Portföljen: {plain(group.name)}",
                f"Behov som {plain(group.name)} äger och var i livscykeln de är.",
                updated,
            ),
            name=group.name,
            group_label=group_field.label,
            back=Trusted("../../index.md"),
            **_context(process, portfolio, group.needs, "../../"),
        )
    return dict(sorted(pages.items()))


def render_redirect(target: str) -> str:
    """A static page that sends the browser on to `target` (a relative address)."""
    return (
        '<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Behovet har flyttat</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>Behovet har fått en ny adress: <a href="{target}">{target}</a>.</p>\n'
        "</body>\n</html>\n"
    )
