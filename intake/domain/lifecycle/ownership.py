"""Who may act for a need without a role in the process: its initiator, and who may file which
linked form (a projektcanvas, a nyttouppföljning) for it, as the process file's `filed_by` says."""

from __future__ import annotations

from intake.domain.lifecycle.authority import INITIATOR
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.record import Record
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.model.check import ANY_ROLE, OWNING_UNIT
from intake.model.forms import FormDef
from intake.model.process import Process

APPOINTED = ("projektagare", "projektledare")  # roles a need's record appoints


def initiator_of(process: Process, issue: Issue) -> str:
    """Who holds the initiator's role on a need: its author, unless the import filed it (an
    imported need has no GitHub initiator). Empty: nobody."""
    spec = process.channel_import
    importers = {login.casefold() for login in spec.logins} if spec else set()
    return "" if issue.author.casefold() in importers else issue.author


def may_file(
    process: Process, form: FormDef, filer: str, need: Issue, record: Record | None
) -> bool:
    """Whether `filer` may file this form for the need (an empty `filed_by`: anyone)."""
    if not form.filed_by:
        return True
    who = filer.casefold()
    for role in form.filed_by:
        if role == ANY_ROLE:
            people = {p for r in process.roles for p in process.people(r.id)}
        elif role == INITIATOR:
            people = {initiator_of(process, need)} - {""}
        elif role == OWNING_UNIT:
            people = set(owning_unit_people(process, need))
        elif role in APPOINTED:
            appointed = record.appointed(role) if record else None
            people = {appointed} if appointed else set()
        else:
            people = set(process.people(role))
        if who in {p.casefold() for p in people}:
            return True
    return False


def owning_unit_people(process: Process, need: Issue) -> list[str]:
    """The named people of the unit that owns the need (the need form's owner answer)."""
    field = process.need_form.field(process.portfolio.group_by)
    answer = parse(issue_form(process, process.need_form), need.body).fields.get(field.id)
    unit = next((u for u in process.units if u.name == answer or u.id == answer), None)
    return list(unit.people) if unit else []


def filers(process: Process, form: FormDef) -> str:
    """Who may file the form, as a sentence part ("den som anmälde behovet, projektägaren …")."""
    names = {r.id: r.in_text for r in process.roles}
    words = {
        INITIATOR: "den som anmälde behovet",
        "projektagare": "behovets projektägare",
        "projektledare": "behovets projektledare",
        ANY_ROLE: "den som har en roll i processen",
        OWNING_UNIT: "de utsedda personerna i verksamheten som äger behovet",
    }
    said = [words.get(role) or names.get(role, role) for role in form.filed_by]
    if len(said) <= 1:
        return "".join(said)
    return ", ".join(said[:-1]) + " eller " + said[-1]
