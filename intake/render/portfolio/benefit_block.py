"""The benefit block of a need's page: its canvases, follow-ups, and planned against realised."""

from __future__ import annotations

from collections.abc import Iterable

from intake.domain.lifecycle.attachments import CANVAS_KIND, FOLLOW_UP_KIND, Attachment
from intake.domain.need.benefits import PlannedBenefit, RealisedBenefit, links_to_need, slots
from intake.domain.portfolio.schema import Need
from intake.domain.text.quantity import Quantity
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.render.markup.markdown import escape, escape_block, safe_url
from intake.render.markup.tables import html_table
from intake.render.markup.templates import Trusted


def benefit_types(process: Process) -> dict[str, str]:
    """Benefit type id → name: the choices of the canvases' first benefit type field."""
    for form in process.forms_of_kind(CANVAS_KIND):
        for parts in slots(form).values():
            if "typ" in parts:
                return {c.id: c.name for c in process.options(parts["typ"])}
    return {}


def _show(quantity: Quantity | None) -> str:
    return quantity.show() if quantity else ""


def _reached(benefit: RealisedBenefit | None) -> str:
    if benefit is None:
        return ""
    return {True: "Ja", False: "Nej", None: "Går inte att jämföra"}[benefit.reached]


def benefit_pairs(need: Need) -> list[tuple[PlannedBenefit, RealisedBenefit | None]]:
    realised = {r.slot: r for r in need.realised}
    return [(p, realised.get(p.slot)) for p in need.planned]


def benefit_cells(
    process: Process, planned: PlannedBenefit, realised: RealisedBenefit | None
) -> list[str]:
    return [
        escape(benefit_types(process).get(planned.type or "", "")),
        escape(planned.measure),
        escape(_show(planned.baseline)),
        escape(_show(planned.target)),
        planned.by.isoformat() if planned.by else "",
        escape(_show(realised.value if realised else None)),
        realised.measured.isoformat() if realised and realised.measured else "",
        _reached(realised),
    ]


BENEFIT_HEADS = ["Slag", "Mått", "Utgångsläge", "Mål", "Senast", "Uppnått", "Mätt", "Nådde målet"]


def _links(attachments: Iterable[Attachment], name: str) -> list[str]:
    found = []
    for a in attachments:
        url = safe_url(a.url)
        state = "" if a.complete else " (behöver kompletteras)"
        link = f"[{name} i ärende {a.number}]({url})" if url else f"{name} i ärende {a.number}"
        found.append(f"- {link}, {a.filed.isoformat()}{state}")
    return found


def _texts(process: Process, attachment: Attachment) -> list[str]:
    """The written answers of a canvas or follow-up as a definition list, under a heading."""
    form = next((f for f in process.forms if f.id == attachment.form), None)
    if form is None or not attachment.texts:
        return []
    rows = [
        f"<dt>{escape(field.label)}</dt>\n<dd>{escape_block(attachment.texts[field.id])}</dd>"
        for field in form.fields
        if field.id in attachment.texts
    ]
    return [
        f"### {escape(form.name)} i ärende {attachment.number}",
        "",
        '<dl class="portfolj-svar">\n' + "\n".join(rows) + "\n</dl>",
        "",
    ]


def missing_forms(process: Process, need: Need) -> list[FormDef]:
    """The linked forms expected in the need's current stage that it has no complete one of."""
    have = {a.form for a in [*need.canvases, *need.followups] if a.complete}
    return [
        form
        for form in process.forms
        if need.stage in form.stages and links_to_need(form) and form.id not in have
    ]


def need_benefits(process: Process, need: Need) -> Trusted:
    """The need page's block on its canvas, follow-ups and benefits; empty when it has none."""
    canvas = process.forms_of_kind(CANVAS_KIND)
    follow_up = process.forms_of_kind(FOLLOW_UP_KIND)
    if not (canvas or follow_up):
        return Trusted("")
    found = _links(need.canvases, canvas[0].name if canvas else "Projektcanvas")
    found += _links(need.followups, follow_up[0].name if follow_up else "Nyttouppföljning")
    expected = [
        f"{form.name} väntas i det här steget: [fyll i formuläret]"
        f"({process.municipality.form_url(form.id)})."
        for form in missing_forms(process, need)
    ]
    if not (found or expected):
        return Trusted("")
    lines = ["## Projektcanvas och nytta", ""]
    lines += [*found, ""] if found else []
    lines += [*expected, ""] if expected else []
    if need.planned:
        rows = [benefit_cells(process, p, r) for p, r in benefit_pairs(need)]
        lines += [html_table(BENEFIT_HEADS, rows, numeric={2, 3, 5}), ""]
    for attachment in [*need.canvases[-1:], *need.followups[-1:]]:
        lines += _texts(process, attachment)
    if need.followup_overdue and need.followup_due:
        lines += [
            f"**Uppföljningen är försenad.** Nyttan skulle ha följts upp senast "
            f"{need.followup_due.isoformat()}.",
            "",
        ]
    return Trusted("\n".join(lines) + "\n")


# The columns the portfolio's CSV gains for benefits (after its own columns).
BENEFIT_CSV_HEADS = [
    "Projektcanvas",
    "Planerad nytta",
    "Uppnådd nytta",
    "Uppföljning senast",
    "Uppföljning försenad",
]


def benefit_csv_cells(process: Process, need: Need) -> list[str]:
    """The need's canvas link and benefits as CSV cells, one line each, benefits split by " | "."""
    types = benefit_types(process)
    canvases = [a for a in need.canvases if a.complete] or need.canvases
    planned = [
        f"{types.get(p.type or '', '')}: {p.measure} {_show(p.baseline)} → {_show(p.target)}"
        + (f" senast {p.by.isoformat()}" if p.by else "")
        for p in need.planned
    ]
    realised = [
        f"{types.get(r.type or '', '')}: {_show(r.value)}"
        + (f" ({r.measured.isoformat()})" if r.measured else "")
        + (f", nådde målet: {_reached(r).lower()}" if r.reached is not None else "")
        for r in need.realised
    ]
    return [
        canvases[-1].url if canvases else "",
        " | ".join(" ".join(p.split()) for p in planned),
        " | ".join(" ".join(r.split()) for r in realised),
        need.followup_due.isoformat() if need.followup_due else "",
        "ja" if need.followup_overdue else "",
    ]


def missing_so_far(process: Process, need: Need) -> list[FormDef]:
    """The linked forms expected in a stage the need has been in or is in, that it lacks."""
    been = {v.stage for v in need.history} | {need.stage}
    have = {a.form for a in [*need.canvases, *need.followups] if a.complete}
    return [
        form
        for form in process.forms
        if been & set(form.stages) and links_to_need(form) and form.id not in have
    ]
