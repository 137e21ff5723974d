"""The benefit page: planned against realised benefit per need, per unit and per benefit type.

Every value is escaped; numbers are shown with their units.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape as html_escape

from intake.domain.lifecycle.attachments import CANVAS_KIND, FOLLOW_UP_KIND
from intake.domain.need.benefits import PlannedBenefit, RealisedBenefit
from intake.domain.portfolio.schema import Need, Portfolio
from intake.domain.text.quantity import Quantity
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.render.markup.markdown import escape, plain
from intake.render.markup.tables import html_table
from intake.render.markup.templates import Trusted, render
from intake.render.portfolio.benefit_block import (
    BENEFIT_HEADS,
    benefit_cells,
    benefit_pairs,
    benefit_types,
    missing_so_far,
)
from intake.render.portfolio.pages import front_matter, need_label, need_url

BENEFIT_PAGE = "nytta/index.md"
_NO_UNIT = "utan-uppgift"
_BAR_COLORS = ("#3f51b5", "#00796b", "#8a4b08")  # contrast at least 4.5:1 against white


def _change(value: Quantity | None, baseline: Quantity | None) -> tuple[str, float] | None:
    """How far a value is from the baseline, with its unit; None when they cannot be compared."""
    if value is None or baseline is None or (value.unit and value.unit != baseline.unit):
        return None
    if baseline.unit == "%":
        return None  # shares of different things do not add up
    return baseline.unit, value.value - baseline.value


def _sum(changes: Iterable[tuple[str, float] | None]) -> str:
    """Changes summed per unit, as text: "−6 veckor; 1 200 timmar"."""
    totals: dict[str, float] = {}
    for change in changes:
        if change is not None:
            totals[change[0]] = totals.get(change[0], 0) + change[1]
    return "; ".join(Quantity(value=v, unit=u).show() for u, v in sorted(totals.items()))


Pairs = list[tuple[PlannedBenefit, RealisedBenefit | None]]


def _counts(pairs: Pairs) -> tuple[int, int, int]:
    followed = [r for _, r in pairs if r is not None]
    return len(pairs), len(followed), sum(r.reached is True for r in followed)


def _count_rows(groups: dict[str, Pairs], names: dict[str, str]) -> list[list[str]]:
    rows = []
    for key, pairs in groups.items():
        planned, followed, reached = _counts(pairs)
        rows.append(
            [
                escape(names.get(key, "Ingen uppgift")),
                str(planned),
                str(followed),
                str(reached),
                escape(_sum(_change(p.target, p.baseline) for p, _ in pairs)),
                escape(_sum(_change(r.value, p.baseline) for p, r in pairs if r is not None)),
            ]
        )
    return rows


_COUNT_HEADS = ["Nyttor", "Planerade", "Uppföljda", "Nådde målet"]
_SUM_HEADS = ["Planerad förändring", "Uppnådd förändring"]


def bar_chart(groups: dict[str, Pairs], names: dict[str, str]) -> Trusted:
    """Planned, followed-up and reached benefits per benefit type as an SVG with its numbers
    written beside each bar; the table after it has the same numbers."""
    series = ("planerade", "uppföljda", "nådde målet")
    width, left, bar, gap = 640, 230, 16, 14
    most = max((_counts(p)[0] for p in groups.values()), default=0) or 1
    height = max(1, len(groups)) * (3 * bar + gap) + 40
    described = "; ".join(
        f"{names.get(k, 'Ingen uppgift')}: "
        + ", ".join(f"{n} {label}" for n, label in zip(_counts(p), series, strict=True))
        for k, p in groups.items()
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        'width="100%" style="max-width: 40rem" aria-labelledby="nytta-titel nytta-text">',
        '<title id="nytta-titel">Nyttor per slag: planerade, uppföljda och nådda mål</title>',
        f'<desc id="nytta-text">{html_escape(described or "Inga nyttor är planerade än.")}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for x, (label, color) in enumerate(zip(series, _BAR_COLORS, strict=True)):
        parts += [
            f'<rect x="{left + x * 130}" y="8" width="14" height="14" fill="{color}"/>',
            f'<text x="{left + x * 130 + 20}" y="20" font-size="14" fill="#1a1a1a">'
            f"{html_escape(label.capitalize())}</text>",
        ]
    y = 36
    for key, pairs in groups.items():
        parts.append(
            f'<text x="{left - 8}" y="{y + 1.5 * bar + 5}" font-size="14" text-anchor="end" '
            f'fill="#1a1a1a">{html_escape(names.get(key, "Ingen uppgift")[:30])}</text>'
        )
        for n, color in zip(_counts(pairs), _BAR_COLORS, strict=True):
            length = (width - left - 60) * n / most
            parts += [
                f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{color}"/>',
                f'<text x="{left + length + 6:.1f}" y="{y + bar - 4}" font-size="13" '
                f'fill="#1a1a1a">{n}</text>',
            ]
            y += bar
        y += gap
    parts.append("</svg>")
    return Trusted('<figure class="portfolj-nytta">\n' + "\n".join(parts) + "\n</figure>")


def render_benefit_page(process: Process, portfolio: Portfolio) -> dict[str, str]:
    """The benefit page below the portfolio folder."""
    types = benefit_types(process)
    group_field = process.need_form.field(process.portfolio.group_by)
    units = {c.id: c.name for c in process.options(group_field)}
    planned = [n for n in portfolio.needs if n.planned]
    by_type: dict[str, Pairs] = {t: [] for t in types}
    by_unit: dict[str, Pairs] = {}
    rows = []
    for need in planned:
        for p, r in benefit_pairs(need):
            by_type.setdefault(p.type or _NO_UNIT, []).append((p, r))
            by_unit.setdefault(need.group or _NO_UNIT, []).append((p, r))
            link = f'<a href="../{need_url(need)}">{escape(need_label(process, need))}</a>'
            rows.append([link, escape(need.title), *benefit_cells(process, p, r)])
    by_type = {k: v for k, v in by_type.items() if v}
    overdue = [n for n in portfolio.needs if n.followup_overdue]
    total = [pair for pairs in by_type.values() for pair in pairs]
    count, followed, reached = _counts(total)
    forms = {f.kind: f for f in process.forms}
    return {
        BENEFIT_PAGE: render(
            "benefits.md.j2",
            front_matter=front_matter(
                "Nyttan",
                f"Planerad och uppnådd nytta av behoven i {plain(process.municipality.name)}.",
                portfolio.updated,
            ),
            needs=len(planned),
            count=count,
            followed=followed,
            reached=reached,
            chart=bar_chart(by_type, types),
            by_type=html_table(
                ["Slag", *_COUNT_HEADS[1:], *_SUM_HEADS], _count_rows(by_type, types), {1, 2, 3}
            ),
            by_unit=html_table(
                ["Ägare", *_COUNT_HEADS[1:], *_SUM_HEADS], _count_rows(by_unit, units), {1, 2, 3}
            ),
            table=html_table(["Nr", "Titel", *BENEFIT_HEADS], rows, {4, 5, 7}),
            overdue=html_table(
                ["Nr", "Titel", "Skulle följas upp senast"],
                [
                    [
                        f'<a href="../{need_url(n)}">{escape(need_label(process, n))}</a>',
                        escape(n.title),
                        n.followup_due.isoformat() if n.followup_due else "",
                    ]
                    for n in overdue
                ],
                set(),
            ),
            overdue_count=len(overdue),
            months=process.benefits.followup_months,
            canvas_url=_form_url(process, forms.get(CANVAS_KIND)),
            follow_up_url=_form_url(process, forms.get(FOLLOW_UP_KIND)),
            dash=Trusted("–"),
        )
    }


def _form_url(process: Process, form: FormDef | None) -> Trusted | None:
    return Trusted(process.municipality.form_url(form.id)) if form else None


def agenda_reminders(
    process: Process, waiting: Sequence[Need], needs: Sequence[Need], up: str
) -> Trusted:
    """The agenda's reminders: waiting needs without an expected form, overdue follow-ups."""
    lines = []
    for need in waiting:
        for form in missing_so_far(process, need):
            lines.append(
                f'- <a href="{up}{need_url(need)}">Behov {escape(need_label(process, need))}</a> '
                f"saknar {form.name.lower()}."
            )
    for need in (n for n in needs if n.followup_overdue and n.followup_due):
        due = need.followup_due.isoformat() if need.followup_due else ""
        lines.append(
            f'- <a href="{up}{need_url(need)}">Behov {escape(need_label(process, need))}</a>: '
            f"nyttan skulle ha följts upp senast {due}."
        )
    return Trusted("\n".join(lines))
