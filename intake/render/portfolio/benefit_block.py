"""The benefit block of a need's page (need_page.py): planned against realised, and the forms
expected; the same cells serve the benefit page and the CSV."""

from __future__ import annotations

from intake.domain.lifecycle.attachments import CANVAS_KIND
from intake.domain.need.benefits import PlannedBenefit, RealisedBenefit, links_to_need, slots
from intake.domain.portfolio.schema import Need
from intake.domain.text.quantity import Quantity
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.render.markup.markdown import escape


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


def missing_forms(process: Process, need: Need) -> list[FormDef]:
    """The linked forms expected in the need's current stage that it has no complete one of."""
    have = {a.form for a in [*need.canvases, *need.followups] if a.complete}
    return [
        form
        for form in process.forms
        if need.stage in form.stages and links_to_need(form) and form.id not in have
    ]


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
