"""The page of the municipality's own digitalisation index, computed per calendar year."""

from __future__ import annotations

from collections.abc import Sequence

from intake.domain.portfolio.schema import Portfolio
from intake.domain.portfolio.yearindex import (
    PREREQUISITES,
    SCALE,
    IndexYear,
    PrerequisiteYear,
    decided_stages,
    index_years,
)
from intake.model.process import Process
from intake.render.markup.charts import COLORS, Series, bar_chart, number
from intake.render.markup.markdown import escape, plain
from intake.render.markup.templates import Trusted, render
from intake.render.portfolio.pages import front_matter, html_table

INDEX_DIR = "digitaliseringsindex"  # portfolj/digitaliseringsindex/index.md
MISSING = "saknas"
# The measures' names in the table's headings, short so that the table fits beside the menu.
SHORT = {"mognad": "Mognad", "tilltro": "Tilltro", "teknik": "Teknik", "kompetens": "Kompetens"}


def _value(value: float | None) -> str:
    return number(value, MISSING)


def _year(row: IndexYear) -> str:
    return f"{row.year} (hittills)" if row.partial else str(row.year)


def _decided(process: Process) -> str:
    names = [s.name for s in process.stages if s.id in decided_stages(process)]
    steps = " eller ".join(", ".join(names).rsplit(", ", 1))
    return f"steget {steps}" if len(names) == 1 else f"stegen {steps}"


def reading(process: Process, rows: Sequence[IndexYear]) -> str:
    """One sentence on the latest year that has a value for Resultat."""
    known = [r for r in rows if r.results is not None]
    if not known:
        return "Inget år har ännu något behov som rådet har beslutat om, så Resultat saknas."
    last = known[-1]
    return (
        f"År {_year(last)} var {last.in_work} behov i {_decided(process)}, och {last.delivered} "
        f"av dem blev klara under året, vilket ger Resultat {_value(last.results)}."
    )


def _table(rows: Sequence[IndexYear]) -> Trusted:
    cells = [
        [
            escape(_year(r)),
            _value(r.prerequisites),
            _value(r.results),
            _value(r.nytta),
            _value(r.total) if r.total is not None else "ofullständigt",
            f"{r.delivered} av {r.in_work}",
            f"{r.benefits.reached} av {r.benefits.measured}" if r.benefits else "–",
        ]
        for r in rows
    ]
    heads = [
        "År",
        "Förutsättningar",
        "Resultat",
        "Nytta",
        "Index",
        "Klara av beslutade behov",
        "Nådda mål av uppföljda nyttor",
    ]
    return html_table(heads, cells, numeric={1, 2, 3, 4, 5, 6})


def _prerequisite_table(given: Sequence[PrerequisiteYear]) -> Trusted:
    cells = [
        [
            str(year.year),
            *[_value(year.values.get(key)) for key in PREREQUISITES],
            _value(year.value),
            escape(year.source or ""),
        ]
        for year in given
    ]
    heads = ["År", *(SHORT[key] for key in PREREQUISITES), "Medel", "Källa"]
    return html_table(heads, cells, numeric={1, 2, 3, 4, 5})


def render_index(
    process: Process, portfolio: Portfolio, prerequisites: Sequence[PrerequisiteYear]
) -> dict[str, str]:
    """The index page below the portfolio folder."""
    rows = index_years(process, portfolio, prerequisites)
    text = reading(process, rows)
    chart = bar_chart(
        "index",
        "Indexets delar år för år, på skalan 0 till 10",
        text,
        [(_year(r), (r.prerequisites, r.results, r.nytta)) for r in rows],
        [
            Series("Förutsättningar", COLORS[0]),
            Series("Resultat", COLORS[1]),
            Series("Nytta", COLORS[2]),
        ],
        scale=SCALE,
        missing=MISSING,
    )
    page = render(
        "portfolio_yearindex.md.j2",
        front_matter=front_matter(
            "Vårt digitaliseringsindex",
            f"{plain(process.municipality.name)}s eget digitaliseringsindex, år för år.",
            portfolio.updated,
        ),
        municipality=process.municipality.name,
        updated=portfolio.updated,
        reading=text,
        chart=chart,
        table=_table(rows),
        prerequisites=_prerequisite_table(prerequisites),
        has_prerequisites=bool(prerequisites),
        measures=list(PREREQUISITES.values()),
        decided=_decided(process),
        benefits_known=any(r.benefits is not None for r in rows),
    )
    return {f"{INDEX_DIR}/index.md": page}
