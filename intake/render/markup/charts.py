"""Static SVG bar charts for the portfolio's pages: no script, a title and a description for
screen readers, and always a table with the same numbers next to them (the caller's part)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as html_escape

from intake.render.markup.templates import Trusted

_WIDTH, _LABELS, _BAR, _GAP = 480, 150, 14, 10
_INK = "#1a1a1a"
# Bar colours with at least 3:1 contrast against the white background (WCAG 1.4.11).
COLORS = ("#3f51b5", "#a14a00", "#2e7d32")
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Series:
    """One kind of bar: its name in the legend and its colour."""

    name: str
    color: str


def number(value: float | None, missing: str = "–") -> str:
    """A number as Swedish text: decimal comma, no decimals for whole numbers."""
    if value is None:
        return missing
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def month_name(month: str) -> str:
    """YYYY-MM as a short Swedish month with its year: "jan 2026"."""
    year, _, index = month.partition("-")
    return f"{_MONTHS[int(index) - 1]} {year}"


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[Series],
    scale: float | None = None,
    missing: str = "–",
) -> Trusted:
    """Horizontal bars, one group per row and one bar per series, each with its number; the
    longest bar is `scale` (default: the largest value)."""
    most = scale or max((v for _, values in rows for v in values if v), default=0) or 1
    group = len(series) * _BAR + _GAP
    top = 28
    height = top + len(rows) * group + _GAP
    area = _WIDTH - _LABELS - 48
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {_WIDTH} {height}" '
        f'class="portfolj-stapel" aria-labelledby="{chart_id}-titel {chart_id}-text">',
        f'<title id="{chart_id}-titel">{html_escape(title)}</title>',
        f'<desc id="{chart_id}-text">{html_escape(description)}</desc>',
        f'<rect width="{_WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    x = _LABELS
    for item in series:
        parts += [
            f'<rect x="{x}" y="8" width="12" height="12" fill="{item.color}"/>',
            f'<text x="{x + 16}" y="19" font-size="13" fill="{_INK}">'
            f"{html_escape(item.name)}</text>",
        ]
        x += 24 + 8 * len(item.name)
    for index, (label, values) in enumerate(rows):
        y = top + index * group
        parts.append(
            f'<text x="{_LABELS - 8}" y="{y + len(series) * _BAR / 2 + 5:.0f}" font-size="13" '
            f'text-anchor="end" fill="{_INK}">{html_escape(label)}</text>'
        )
        for offset, (item, value) in enumerate(zip(series, values, strict=True)):
            top_of_bar = y + offset * _BAR
            width = 0.0 if not value else area * value / most
            if width:
                parts.append(
                    f'<rect x="{_LABELS}" y="{top_of_bar + 1}" width="{width:.1f}" '
                    f'height="{_BAR - 2}" fill="{item.color}"/>'
                )
            parts.append(
                f'<text x="{_LABELS + width + 4:.1f}" y="{top_of_bar + _BAR - 3}" font-size="12" '
                f'fill="{_INK}">{html_escape(number(value, missing))}</text>'
            )
    parts.append(
        f'<line x1="{_LABELS}" y1="{top - 2}" x2="{_LABELS}" y2="{height - _GAP / 2}" '
        'stroke="#4d4d4d"/>'
    )
    parts.append("</svg>")
    return Trusted('<figure class="portfolj-diagram">\n' + "\n".join(parts) + "\n</figure>")
