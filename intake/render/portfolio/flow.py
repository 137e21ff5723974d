"""The flow page: time in stage, throughput and the age of waiting needs, as charts and tables."""

from __future__ import annotations

from intake.domain.portfolio.flow import FlowMeasures, StageFlow
from intake.domain.portfolio.schema import Portfolio
from intake.model.process import Process
from intake.render.markup.charts import COLORS, Series, bar_chart, month_name, number
from intake.render.markup.markdown import escape, plain
from intake.render.markup.templates import Trusted, render
from intake.render.portfolio.pages import front_matter, html_table

FLOW_DIR = "flode"  # portfolj/flode/index.md


def _name(process: Process, stage: StageFlow) -> str:
    return process.stage(stage.stage).name


def _days(value: float | None) -> str:
    return "" if value is None else number(value)


def time_reading(process: Process, flow: FlowMeasures) -> str:
    """One sentence on the time in stage, from the numbers."""
    timed = [s for s in flow.stages if s.median_days is not None]
    if not timed:
        return "Inget behov har lämnat något steg ännu, så det finns inga tider att visa."
    slowest = max(timed, key=lambda s: (s.median_days or 0, -flow.stages.index(s)))
    return (
        f"Längst tid stannar behoven i {_name(process, slowest)}: hälften av dem som lämnade "
        f"steget var där i högst {number(slowest.median_days)} dagar, och 85 av 100 i högst "
        f"{number(slowest.p85_days)} dagar."
    )


def throughput_reading(process: Process, flow: FlowMeasures) -> str:
    """One sentence on the needs that entered and left the stages, from the numbers."""
    entered = {s.stage: sum(m.entered for m in s.months) for s in flow.stages}
    left = {s.stage: sum(m.left for m in s.months) for s in flow.stages}
    if not any(entered.values()) and not any(left.values()):
        return "Inget behov gick in i eller ut ur något steg under de tolv månaderna."
    busiest = max(flow.stages, key=lambda s: (entered[s.stage], -flow.stages.index(s)))
    leaving = max(flow.stages, key=lambda s: (left[s.stage], -flow.stages.index(s)))
    return (
        f"Under de tolv månaderna gick flest behov in i {_name(process, busiest)} "
        f"({entered[busiest.stage]}), och flest lämnade {_name(process, leaving)} "
        f"({left[leaving.stage]})."
    )


def age_reading(process: Process, flow: FlowMeasures) -> str:
    """One sentence on the open needs now waiting, from the numbers."""
    waiting = [s for s in flow.stages if s.open_needs]
    if not waiting:
        return "Inget öppet behov finns i något steg just nu."
    most = max(waiting, key=lambda s: (s.open_needs, -flow.stages.index(s)))
    oldest = max(waiting, key=lambda s: (s.open_oldest_age or 0, -flow.stages.index(s)))
    return (
        f"Flest öppna behov finns i {_name(process, most)} ({most.open_needs}), och det behov "
        f"som har varit längst i sitt steg finns i {_name(process, oldest)}, där det har varit i "
        f"{number(oldest.open_oldest_age)} dagar."
    )


def _charts(process: Process, flow: FlowMeasures) -> dict[str, Trusted | str]:
    names = [_name(process, s) for s in flow.stages]
    time_rows = [(n, (s.median_days, s.p85_days)) for n, s in zip(names, flow.stages, strict=True)]
    moves = [
        (n, (float(sum(m.entered for m in s.months)), float(sum(m.left for m in s.months))))
        for n, s in zip(names, flow.stages, strict=True)
    ]
    ages = [
        (n, (s.open_median_age, None if s.open_oldest_age is None else float(s.open_oldest_age)))
        for n, s in zip(names, flow.stages, strict=True)
    ]
    readings = {
        "time_reading": time_reading(process, flow),
        "throughput_reading": throughput_reading(process, flow),
        "age_reading": age_reading(process, flow),
    }
    return {
        **readings,
        "time_chart": bar_chart(
            "tid",
            "Dagar i steget för behov som lämnade det",
            readings["time_reading"],
            time_rows,
            [Series("Median", COLORS[0]), Series("85:e percentilen", COLORS[1])],
        ),
        "throughput_chart": bar_chart(
            "genomflode",
            "Behov in i och ut ur varje steg under tolv månader",
            readings["throughput_reading"],
            moves,
            [Series("In", COLORS[0]), Series("Ut", COLORS[1])],
        ),
        "age_chart": bar_chart(
            "alder",
            "Dagar i steget för de öppna behoven",
            readings["age_reading"],
            ages,
            [Series("Median", COLORS[0]), Series("Längst", COLORS[1])],
        ),
    }


def _tables(process: Process, flow: FlowMeasures) -> dict[str, Trusted]:
    time_rows = [
        [escape(_name(process, s)), str(s.left), _days(s.median_days), _days(s.p85_days)]
        for s in flow.stages
    ]
    move_rows = [
        [
            escape(_name(process, s)),
            str(sum(m.entered for m in s.months)),
            str(sum(m.left for m in s.months)),
        ]
        for s in flow.stages
    ]
    age_rows = [
        [
            escape(_name(process, s)),
            str(s.open_needs),
            _days(s.open_median_age),
            _days(None if s.open_oldest_age is None else float(s.open_oldest_age)),
        ]
        for s in flow.stages
    ]
    months = [m.month for m in flow.stages[0].months] if flow.stages else []
    month_rows = [
        [escape(month_name(month))]
        + [
            f"{s.months[i].entered} in, {s.months[i].left} ut"
            if s.months[i].entered or s.months[i].left
            else ""
            for s in flow.stages
        ]
        for i, month in enumerate(months)
    ]
    return {
        "time_table": html_table(
            ["Steg", "Behov som lämnat steget", "Median, dagar", "85:e percentilen, dagar"],
            time_rows,
            numeric={1, 2, 3},
        ),
        "throughput_table": html_table(["Steg", "In", "Ut"], move_rows, numeric={1, 2}),
        "age_table": html_table(
            ["Steg", "Öppna behov", "Median, dagar", "Längst, dagar"], age_rows, numeric={1, 2, 3}
        ),
        "month_table": html_table(
            ["Månad", *[_name(process, s) for s in flow.stages]], month_rows, numeric=set()
        ),
    }


def render_flow(process: Process, portfolio: Portfolio) -> dict[str, str]:
    """The flow page below the portfolio folder, when the portfolio has flow measures."""
    flow = portfolio.flow
    if flow is None:
        return {}
    months = [m.month for m in flow.stages[0].months] if flow.stages else []
    page = render(
        "portfolio_flow.md.j2",
        front_matter=front_matter(
            "Flödet genom livscykeln",
            f"Hur länge behoven i {plain(process.municipality.name)} stannar i varje steg.",
            portfolio.updated,
        ),
        updated=portfolio.updated,
        first_month=month_name(months[0]) if months else "",
        last_month=month_name(months[-1]) if months else "",
        **_charts(process, flow),
        **_tables(process, flow),
    )
    return {f"{FLOW_DIR}/index.md": page}
