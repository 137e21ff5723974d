"""Projektcanvases and nyttouppföljningar as the portfolio keeps them: with the need they belong to.

Pure: issues and the process in, attachments keyed by their need out. The form issue itself is
closed once linked; its content lives on with the need.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.ownership import may_file
from intake.domain.lifecycle.record import Link
from intake.domain.lifecycle.stages import day
from intake.domain.need.benefits import (
    NEED_NUMBER,
    PlannedBenefit,
    RealisedBenefit,
    links_to_need,
    need_number,
    planned_of,
    reached,
    realised_of,
    slots,
)
from intake.domain.need.findings import text_of
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.privacy import tidy
from intake.domain.need.recognise import recognise
from intake.domain.need.validate import validate
from intake.model.forms import FormDef
from intake.model.process import NEED_KIND, Process

CANVAS_KIND = "projektcanvas"
FOLLOW_UP_KIND = "nyttouppfoljning"


class Attachment(BaseModel):
    """A projektcanvas or a nyttouppföljning filed for a need."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    form: str
    """The id of the form that wrote it."""
    kind: str
    """What the form captures: `projektcanvas` or `nyttouppfoljning` in the bundled process."""
    number: int
    """Its issue number, in the need's repository."""
    url: str
    filed: date
    complete: bool
    """Whether its answers pass validation."""
    planned: list[PlannedBenefit] = []
    realised: list[RealisedBenefit] = []
    unit: str | None = None
    """Choice id of the nyttoägare's unit (a follow-up's answer)."""
    lessons: str | None = None
    """What was learned (a follow-up's answer). No personnummer."""
    texts: dict[str, str] = {}
    """The written answers besides the need number and the benefit slots, by field id (the
    canvas's boxes). No personnummer."""


def linked_form(process: Process, issue: Issue) -> FormDef | None:
    """The form that wrote the issue when that belongs to a need (a canvas, a follow-up)."""
    form = recognise(process, issue.body)
    if form is None or form.kind == NEED_KIND or not links_to_need(form):
        return None
    return form


def attachment_of(process: Process, form: FormDef, issue: Issue) -> tuple[int | None, Attachment]:
    """The need number an issue of a linked form names (None: none), and what it records."""
    parsed = parse(issue_form(process, form), issue.body)
    verdict = validate(
        process, form, parsed, title=issue.title, body=issue.body, searched_hints=False
    )
    answers = verdict.answers
    slot_fields = {f.id for parts in slots(form).values() for f in parts.values()}
    unit = answers.get("nyttoagare")
    lessons = text_of(answers.get("lardomar")).strip()
    found = Attachment(
        form=form.id,
        kind=form.kind,
        number=issue.number,
        url=issue.html_url,
        filed=day(issue.created_at),
        complete=verdict.ok,
        planned=[
            p.model_copy(update={"measure": tidy(p.measure)}) for p in planned_of(form, answers)
        ],
        realised=realised_of(form, answers),
        unit=unit if isinstance(unit, str) else None,
        lessons=tidy(lessons) or None,
        texts={
            field.id: tidy(text)
            for field in form.fields
            if field.type in ("input", "textarea")
            and field.id != NEED_NUMBER
            and field.id not in slot_fields
            and (text := text_of(answers.get(field.id)).strip())
        },
    )
    return need_number(answers.get(NEED_NUMBER)), found


def attachments_by_need(
    process: Process,
    issues: Iterable[Issue],
    needs: Mapping[tuple[str, int], Issue] | None = None,
    forms: Mapping[str, FormDef] | None = None,
) -> dict[tuple[str, int], list[Attachment]]:
    """(repository, need number) → the canvases and follow-ups filed for it, in issue order.

    `needs`: the needs by (repository in lower case, number); given, a form counts only when
    the need's trusted record links it, or, for a need the bot keeps no record of, when its
    filer may file it (`filed_by`). None: every form counts. `forms`: each issue's linked form
    by key when the caller has recognised them already."""
    found: dict[tuple[str, int], list[Attachment]] = {}
    for issue in sorted(issues, key=lambda i: i.number):
        form = forms.get(issue.key) if forms is not None else linked_form(process, issue)
        if form is None:
            continue
        number, attachment = attachment_of(process, form, issue)
        if number is None:
            continue
        key = (issue.repository.casefold(), number)
        if needs is None or _owned(process, form, issue, needs.get(key)):
            found.setdefault(key, []).append(attachment)
    return found


def _owned(process: Process, form: FormDef, issue: Issue, need: Issue | None) -> bool:
    if need is None:
        return False
    if need.record is not None:
        return Link(form=form.id, number=issue.number) in need.record.links
    return may_file(process, form, issue.author, need, None)


def planned_benefits(attachments: Sequence[Attachment]) -> list[PlannedBenefit]:
    """The benefits the latest complete canvas plans."""
    canvases = [a for a in attachments if a.kind == CANVAS_KIND and a.complete]
    return list(canvases[-1].planned) if canvases else []


def realised_benefits(
    attachments: Sequence[Attachment], planned: Sequence[PlannedBenefit]
) -> list[RealisedBenefit]:
    """Per slot, the latest value the complete follow-ups report, judged against the plan."""
    by_slot = {p.slot: p for p in planned}
    latest: dict[int, RealisedBenefit] = {}
    for follow_up in (a for a in attachments if a.kind == FOLLOW_UP_KIND and a.complete):
        for benefit in follow_up.realised:
            plan = by_slot.get(benefit.slot)
            judged = reached(plan, benefit.value) if plan is not None else None
            latest[benefit.slot] = benefit.model_copy(update={"reached": judged})
    return [latest[slot] for slot in sorted(latest)]


def add_months(start: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for dom in (start.day, 30, 29, 28):
        try:
            return date(year, month, dom)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def benefits_in_year(realised: Iterable[RealisedBenefit], year: int) -> tuple[int, int]:
    """For the index: (followed-up benefits measured in the calendar year, those that reached
    their target).

    Give it every need's `realised` benefits. A benefit counts in the year of its `measured` date
    (one without a date counts in no year); it reached its target when `reached` is true, so one
    that cannot be compared with its canvas counts as measured but not as reached.
    """
    measured = [b for b in realised if b.measured is not None and b.measured.year == year]
    return len(measured), sum(b.reached is True for b in measured)
