"""The council's agenda: what awaits a decision, by score, what was decided; each meeting's list.

Plain Markdown with HTML tables (cards on a phone) and a static, accessible SVG chart, written with
the portfolio; every value from an issue escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from html import escape as html_escape

from intake.domain.lifecycle.record import Decision
from intake.domain.portfolio.schema import Need, Portfolio
from intake.model.process import Process
from intake.render.markup.markdown import escape, plain, safe_url
from intake.render.markup.templates import Trusted, render
from intake.render.portfolio.benefits import agenda_reminders
from intake.render.portfolio.export import neutralise
from intake.render.portfolio.pages import front_matter, html_table, need_label, need_url
from intake.render.portfolio.registration import unregistered, unregistered_table

AGENDA = "dagordning/index.md"  # a folder of its own: its HTML links read alike to both tools
MEETINGS = "moten"


def awaiting(process: Process, needs: Sequence[Need]) -> list[Need]:
    """Needs waiting for the council: in the stage it decides in, or decided to start a project
    but without a projektägare; the highest score first, then the longest wait."""
    deciding = process.council_stage
    starts = process.project_stages
    found = [
        n
        for n in needs
        if n.state == "open"
        and (
            (deciding is not None and n.stage == deciding.id)
            or (n.decisions and n.decisions[-1].target in starts and n.projektagare is None)
        )
    ]
    return sorted(found, key=lambda n: (n.score is None, -(n.score or 0), -n.days_in_stage, n.id))


def _meetings(process: Process, updated: date) -> tuple[date | None, date | None]:
    past = [m for m in process.council.meetings if m <= updated]
    coming = [m for m in process.council.meetings if m > updated]
    return (max(past) if past else None), (min(coming) if coming else None)


def _line(text: str | None, limit: int = 140) -> str:
    first = " ".join((text or "").split())
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _decisions(needs: Sequence[Need]) -> list[tuple[Need, Decision]]:
    return sorted(((n, d) for n in needs for d in n.decisions), key=lambda pair: pair[1].at)


def matrix(process: Process, needs: Sequence[Need]) -> Trusted:
    """Benefit against effort of the assessed needs, as an SVG with its points labelled."""
    x_id, y_id = process.scoring.matrix
    low, high = process.scoring.scale
    names = {c.id: c.name for c in process.scoring.criteria}
    points = [n for n in needs if x_id in n.assessment and y_id in n.assessment]
    size, pad = 300, 44

    def place(value: float, flip: bool) -> float:
        share = (value - low) / (high - low)
        return pad + (1 - share if flip else share) * (size - 2 * pad)

    described = "; ".join(
        f"behov {need_label(process, n)}: {names[x_id].lower()} {n.assessment[x_id]:.1f}, "
        f"{names[y_id].lower()} {n.assessment[y_id]:.1f}"
        for n in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" aria-labelledby="matris-titel matris-text">',
        f'<title id="matris-titel">{html_escape(names[y_id])} mot '
        f"{html_escape(names[x_id])}</title>",
        f'<desc id="matris-text">{html_escape(described or "Inga behov är bedömda än.")}</desc>',
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>',
        f'<line x1="{pad}" y1="{size - pad}" x2="{size - pad}" y2="{size - pad}" '
        'stroke="#4d4d4d"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{size - pad}" stroke="#4d4d4d"/>',
        f'<text x="{size / 2}" y="{size - 10}" font-size="14" text-anchor="middle" fill="#1a1a1a">'
        f"{html_escape(names[x_id])} →</text>",
        f'<text x="14" y="{size / 2}" font-size="14" text-anchor="middle" fill="#1a1a1a" '
        f'transform="rotate(-90 14 {size / 2})">{html_escape(names[y_id])} →</text>',
    ]
    for need in points:
        x = place(need.assessment[x_id], flip=False)
        y = place(need.assessment[y_id], flip=True)
        label = html_escape(need_label(process, need))
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#3f51b5"/>',
            f'<text x="{x + 8:.1f}" y="{y + 5:.1f}" font-size="14" fill="#1a1a1a">{label}</text>',
        ]
    parts.append("</svg>")
    return Trusted('<figure class="portfolj-matris">\n' + "\n".join(parts) + "\n</figure>")


def _awaiting_table(process: Process, needs: Sequence[Need], up: str) -> Trusted:
    columns = process.portfolio.columns
    form = process.need_form
    heads = ["Nr", "Titel", "Poäng", "Dagar"]
    heads += [form.field(c).short or form.field(c).label for c in columns]
    heads += [form.field(c).short or form.field(c).label for c in process.portfolio.export]
    heads.append("Ärendet")
    rows = []
    for need in needs:
        link = f'<a href="{up}{need_url(need)}">{escape(need_label(process, need))}</a>'
        url = safe_url(need.url)
        issue = f'<a href="{url}">på GitHub</a>' if url else ""
        cells = [link, escape(need.title), str(need.score) if need.score is not None else ""]
        cells.append(str(need.days_in_stage))
        cells += [escape(need.columns.get(c) or "") for c in columns]
        cells += [escape(_line(_text(need.answers.get(c)))) for c in process.portfolio.export]
        cells.append(issue)
        rows.append(cells)
    return html_table(heads, rows, numeric={2, 3})


def _search(text: str) -> str:
    """A search for GitHub's issue list as a URL's query: letters and digits kept, the rest %XX."""
    return "".join(
        c if c.isascii() and c.isalnum() else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
        for c in text
    )


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def _decision_table(process: Process, pairs: Sequence[tuple[Need, Decision]], up: str) -> Trusted:
    heads = ["Nr", "Titel", "Beslut", "Dag", "Paragraf", "Motivering", "Av"]
    rows = [
        [
            f'<a href="{up}{need_url(n)}">{escape(need_label(process, n))}</a>',
            escape(n.title),
            escape(process.stage(d.target).name),
            d.at.date().isoformat(),
            escape(d.paragraph or ""),
            escape(_line(d.motivering, 300)),
            escape(d.login),
        ]
        for n, d in pairs
    ]
    return html_table(heads, rows, numeric=set())


def render_agenda(
    process: Process, portfolio: Portfolio, duplicates: Trusted | None = None
) -> dict[str, str]:
    """The agenda page and, for each past meeting, its decisions as a page.

    `duplicates`: the table of undecided needs and the needs most like them (similar.py).
    """
    last, coming = _meetings(process, portfolio.updated)
    waiting = awaiting(process, portfolio.needs)
    since = [(n, d) for n, d in _decisions(portfolio.needs) if last is None or d.at.date() > last]
    deciding = process.council_stage or process.first_stage
    query = _search(f'is:issue is:open label:"{deciding.label}"')
    pages = {
        AGENDA: render(
            "agenda.md.j2",
            front_matter=front_matter(
                "Rådets dagordning",
                f"Behov som väntar på beslut av {plain(process.council.name)}, och nya beslut.",
                portfolio.updated,
            ),
            council=process.council.name,
            coming=coming.isoformat() if coming else "",
            last=last.isoformat() if last else "",
            waiting=_awaiting_table(process, waiting, "../"),
            waiting_count=len(waiting),
            reminders=agenda_reminders(process, waiting, portfolio.needs, "../"),
            duplicates=duplicates or Trusted(""),
            matrix=matrix(process, waiting),
            since=_decision_table(process, since, "../"),
            since_count=len(since),
            unregistered=unregistered_table(process, unregistered(portfolio.needs), "../"),
            unregistered_count=len(unregistered(portfolio.needs)),
            github=Trusted(f"{process.municipality.web_url}/issues?q={query}"),
            criteria=[
                {
                    "name": c.name,
                    "weight": f"{c.weight:g}",
                    "better": "högre är bättre" if c.higher_is_better else "lägre är bättre",
                }
                for c in process.scoring.criteria
            ],
            scale=f"{process.scoring.scale[0]} till {process.scoring.scale[1]}",
            meetings=[
                {"day": m.isoformat(), "link": Trusted(f"../{MEETINGS}/{m.isoformat()}/index.md")}
                for m in sorted(process.council.meetings)
                if m <= portfolio.updated
            ],
        )
    }
    for meeting in (m for m in process.council.meetings if m <= portfolio.updated):
        decided = [(n, d) for n, d in _decisions(portfolio.needs) if d.meeting == meeting]
        pages[f"{MEETINGS}/{meeting.isoformat()}/index.md"] = render(
            "meeting.md.j2",
            front_matter=front_matter(
                f"Beslut vid mötet {meeting.isoformat()}",
                f"Besluten som {plain(process.council.name)} tog den {meeting.isoformat()}.",
                portfolio.updated,
            ),
            council=process.council.name,
            day=meeting.isoformat(),
            decisions=_decision_table(process, decided, "../../"),
            count=len(decided),
        )
    return pages


def meeting_csv(process: Process, portfolio: Portfolio, meeting: date) -> bytes:
    """A meeting's decisions for the protocol's appendix: CSV as Swedish Excel reads it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            *("Repository", "Nummer", "Titel", "Beslut", "Dag", "Paragraf", "Motivering", "Av"),
            "Diarienummer",
        ]
    )
    for need, decision in _decisions(portfolio.needs):
        if decision.meeting == meeting:
            row = [
                need.repository,
                str(need.number),
                need.title,
                process.stage(decision.target).name,
                decision.at.date().isoformat(),
                decision.paragraph or "",
                " ".join(decision.motivering.split()),
                decision.login,
                need.diarienummer or "",
            ]
            writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
