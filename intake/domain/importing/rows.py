"""An exported row made into a need as the need form writes it, or refused, and why.

Only mapped columns reach the need; the person's name, e-mail and phone stay in the channel. A row
with a personnummer or samordningsnummer anywhere is refused whole, and so is a row whose answers
hold an e-mail address or a phone number, or would not pass the need form's own validation: the
initiator is not on GitHub to complete it. Reasons name columns and fields, never cell text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from intake.domain.importing.table import Row, Table
from intake.domain.lifecycle.issue import Issue
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import FieldValue, parse
from intake.domain.need.validate import validate
from intake.domain.text.patterns import LIST_SEPARATOR
from intake.domain.text.personal import contact_details
from intake.domain.text.personnummer import contains_personnummer
from intake.model.channel import ImportDef
from intake.model.forms import FieldDef
from intake.model.process import Process

TITLE_LENGTH = 80


@dataclass(frozen=True)
class Draft:
    """A row ready to be filed: the issue's title and body, and its answers as read back."""

    row: int
    reference: str
    title: str
    body: str
    answers: dict[str, FieldValue]


@dataclass(frozen=True)
class Refusal:
    """A row that is not filed; `reference` is empty when it cannot be shown."""

    row: int
    reference: str
    reason: str


@dataclass(frozen=True)
class FiledNeed:
    """A need filed from the channel: its reference as written in its body, and the issue."""

    reference: str
    issue: Issue


def filed_needs(process: Process, spec: ImportDef, issues: list[Issue]) -> dict[str, FiledNeed]:
    """The needs the import filed, by the channel's reference (case-blind; the first one wins).
    A reference counts only on an issue one of the import's logins filed."""
    found: dict[str, FiledNeed] = {}
    for issue in sorted(issues, key=lambda i: i.number):
        reference = reference_of(process, spec, issue.body)
        if reference is not None and by_import(spec, issue):
            found.setdefault(reference.casefold(), FiledNeed(reference, issue))
    return found


def by_import(spec: ImportDef, issue: Issue) -> bool:
    """Whether one of the logins that run the import filed the issue."""
    return issue.author.casefold() in {login.casefold() for login in spec.logins}


def conflicts(process: Process, spec: ImportDef, issues: list[Issue]) -> list[FiledNeed]:
    """Issues people filed naming a channel's reference: never the channel's need, reported."""
    return [
        FiledNeed(reference, issue)
        for issue in sorted(issues, key=lambda i: i.number)
        if not by_import(spec, issue)
        and (reference := reference_of(process, spec, issue.body)) is not None
    ]


def missing_columns(spec: ImportDef, table: Table) -> list[str]:
    """The columns the mapping needs that the file lacks (the title column is optional)."""
    return [c for c in [spec.reference, *spec.columns] if table.column(c) is None]


def answers_of(process: Process, body: str | None) -> dict[str, FieldValue]:
    """A filed need's answers, as the project's parser reads its body."""
    return parse(issue_form(process, process.need_form), body).fields


def reference_of(process: Process, spec: ImportDef, body: str | None) -> str | None:
    """The channel's reference kept in a filed need's body; None when it has none."""
    value = answers_of(process, body).get(spec.field)
    return value.strip() if isinstance(value, str) and value.strip() else None


def draft_need(process: Process, spec: ImportDef, table: Table, row: Row) -> Draft | Refusal:
    """The need a row files, or why it is refused."""
    reference = _cell(table, row, spec.reference).strip()
    if any(contains_personnummer(cell) for cell in [*row.cells, *row.cells.values()]):
        shown = "" if contains_personnummer(reference) else reference
        return Refusal(row.number, shown, "har ett personnummer eller samordningsnummer")
    if not reference:
        return Refusal(row.number, "", f"kolumnen {spec.reference!r} är tom")
    if len(reference) > 100 or "\n" in reference:
        return Refusal(row.number, "", f"referensen i {spec.reference!r} är för lång")
    public = process.municipality.public_addresses
    if _contact(reference, public):
        return Refusal(row.number, "", f"{spec.reference!r} har en e-postadress eller ett nummer")
    form = process.need_form
    answers: dict[str, FieldValue] = {spec.field: reference}
    for column in spec.columns:
        field_id, option = spec.target(column)
        field = form.field(field_id)
        text = _cell(table, row, column).replace("\r\n", "\n").strip()
        if _contact(text, public):
            return Refusal(
                row.number, reference, f"har en e-postadress eller ett telefonnummer i {column!r}"
            )
        if option is not None:
            checked = answers.setdefault(field_id, [])
            if text.casefold() in {y.casefold() for y in spec.yes} and isinstance(checked, list):
                checked.append(field.options[option].label)
            continue
        value = _value(process, field, text)
        if value is None:
            return Refusal(
                row.number, reference, f"har ett val i {column!r} som formuläret inte har"
            )
        answers[field_id] = value
    title = _title(process, spec, table, row, answers)
    if _contact(title, public):
        return Refusal(
            row.number, reference, "har en e-postadress eller ett telefonnummer i titeln"
        )
    elements = issue_form(process, form)
    body = render_body(elements, answers)
    parsed = parse(elements, body)
    if parsed.problems:
        return Refusal(
            row.number, reference, "ett svar har en rad som liknar en rubrik i formuläret"
        )
    verdict = validate(process, form, parsed, title=title, body=body)
    if not verdict.ok:
        errors = [e.field for e in verdict.errors if e.field]
        labels = [f"”{form.field(f).label}”" for f in dict.fromkeys(errors)]
        where = ", ".join(labels) if labels else "texten som helhet"
        return Refusal(row.number, reference, f"saknar svar eller har ofullständiga svar: {where}")
    return Draft(row.number, reference, title, body, parsed.fields)


def _contact(text: str, public: Collection[str]) -> bool:
    """Whether the text holds a person's e-mail address or phone number."""
    return bool(contact_details(text, public))


def _cell(table: Table, row: Row, wanted: str) -> str:
    column = table.column(wanted)
    return row.cells.get(column, "") if column is not None else ""


def _value(process: Process, field: FieldDef, text: str) -> FieldValue:
    """A cell as the field's answer; None when a dropdown cell names no choice of it."""
    if field.type != "dropdown" or not text:
        return text or ([] if field.multiple else "")
    options = process.options(field)
    by_key = {key: c.name for c in options for key in (c.id.casefold(), c.name.casefold())}
    whole = by_key.get(text.casefold())
    if whole is not None:
        return [whole] if field.multiple else whole
    if not field.multiple:
        return None
    parts = [p.strip().casefold() for p in LIST_SEPARATOR.split(text) if p.strip()]
    if not all(p in by_key for p in parts):
        return None
    return list(dict.fromkeys(by_key[p] for p in parts))


def _title(
    process: Process, spec: ImportDef, table: Table, row: Row, answers: dict[str, FieldValue]
) -> str:
    text = _cell(table, row, spec.title) if spec.title else ""
    if not text.strip():
        first = answers.get(process.need_form.fields[0].id)
        text = first if isinstance(first, str) else ""
    words = " ".join(text.split())
    if len(words) > TITLE_LENGTH:
        words = words[:TITLE_LENGTH].rsplit(" ", 1)[0] + " …"
    return process.need_form.title + words
