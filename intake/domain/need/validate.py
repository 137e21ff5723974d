"""Server-side validation of a need, every rule derived from the form in the process file.

Messages are plain Swedish addressed to the initiator. They quote the form's own labels and options,
never the initiator's text, and never a personnummer: answers are redacted before they leave here.
"""

from __future__ import annotations

from intake.domain.need.benefits import benefit_findings
from intake.domain.need.findings import (
    GUIDE_ARENAS,
    GUIDE_NEED,
    GUIDE_SOLUTION,
    GUIDE_WHEN,
    Finding,
    Verdict,
    items_of,
    text_of,
)
from intake.domain.need.hints import owner_hints, solution_hints, solution_phrases_in
from intake.domain.need.parse import NOT_FROM_FORM, FieldValue, ParsedBody, Problem
from intake.domain.need.privacy import contact_hints, personnummer_errors
from intake.domain.text.personnummer import redact
from intake.model.forms import Choice, FieldDef, FormDef
from intake.model.process import Process

# Site-relative guide pages that explain a rule.

_UNREADABLE = "internal_error"  # a parser bug: the fields are empty, so no rule can be checked
_QUOTE_LIMIT = 80
__all__ = [  # the guides and the phrase search live beside, callers find them here too
    "GUIDE_ARENAS",
    "GUIDE_NEED",
    "GUIDE_SOLUTION",
    "GUIDE_WHEN",
    "is_from_form",
    "solution_phrases_in",
    "validate",
]


def is_from_form(parsed: ParsedBody) -> bool:
    """Whether the body was written from the form (not empty, not some other text)."""
    return not any(p.code in NOT_FROM_FORM for p in parsed.problems)


def validate(
    process: Process,
    form: FormDef,
    parsed: ParsedBody,
    *,
    title: str = "",
    body: str | None = None,
    searched_hints: bool = True,
) -> Verdict:
    """Check a parsed need against every rule of its form; reports all problems at once.

    `title` and the raw `body` are optional: when given, they are searched for personnummer too
    (the body also outside the form's sections) and the title for solution phrases.
    `searched_hints`: False leaves out the hints that search the answers (solution phrases, no
    owner, contact details), for callers that read only the errors and the answers.
    """
    answers = {
        field.id: _answer(process, field, parsed.fields.get(field.id)) for field in form.fields
    }
    errors: list[Finding] = []
    hints: list[Finding] = []
    codes = {p.code for p in parsed.problems}
    if "empty_body" in codes:
        errors.append(
            Finding(
                field=None,
                code="empty_body",
                message=f"Anmälan är tom. Fyll i formuläret ”{form.name}”, så att "
                "beredningsgruppen vet vilket behov du har.",
                guide=GUIDE_NEED,
            )
        )
    elif _UNREADABLE in codes:
        errors.append(
            Finding(
                field=None,
                code="internal_error",
                message="Vi kunde inte läsa anmälan på grund av ett fel hos oss. Du behöver inte "
                "göra något. Vi rättar felet och läser anmälan igen.",
            )
        )
    elif "not_form" in codes:
        errors.append(
            Finding(
                field=None,
                code="not_form",
                message=f"Anmälan är inte skriven i formuläret ”{form.name}”, så vi kan inte "
                "läsa svaren. Gör en ny anmälan med formuläret.",
                guide=GUIDE_NEED,
            )
        )
    else:
        for field in form.fields:
            found_errors, found_hints = _check_field(process, form, field, parsed, answers)
            errors += found_errors
            hints += found_hints
        for problem in parsed.problems:
            finding = _body_problem(form, problem)
            if finding is not None:
                (errors if finding.code == "duplicate_section" else hints).append(finding)
        if searched_hints:
            hints += solution_hints(process, form, parsed, title)
            hints += owner_hints(process, form, answers)
            hints += contact_hints(form, parsed, title, process.municipality.public_addresses)
        errors += benefit_findings(form, answers)
    errors += personnummer_errors(form, parsed, title, body)
    return Verdict(errors=errors, hints=hints, answers=answers)


# --- answers -------------------------------------------------------------------------------------


def _answer(process: Process, field: FieldDef, value: FieldValue) -> FieldValue:
    """The answer as the domain uses it: choice ids for dropdowns, redacted text otherwise."""
    if field.type == "dropdown":
        by_name = {c.name: c.id for c in process.options(field)}
        ids = [by_name[item] for item in items_of(value) if item in by_name]
        if field.multiple:
            return ids
        return ids[0] if ids else None
    if field.type == "checkboxes":
        known = {o.label for o in field.options}
        return [item for item in items_of(value) if item in known]
    text = text_of(value)
    return redact(text) if text.strip() else None


def _is_empty(value: FieldValue) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


# --- rules per field -----------------------------------------------------------------------------


def _check_field(
    process: Process,
    form: FormDef,
    field: FieldDef,
    parsed: ParsedBody,
    answers: dict[str, FieldValue],
) -> tuple[list[Finding], list[Finding]]:
    codes = {p.code for p in parsed.problems if p.field == field.id}
    condition = _active_condition(process, form, field, answers)
    needed = field.required or condition is not None or any(o.required for o in field.options)
    if "missing_section" in codes:
        finding = Finding(
            field=field.id,
            code="missing_section",
            message=f"Rubriken ”{field.label}” saknas. Den kan ha försvunnit när du ändrade "
            f"texten. Lägg tillbaka raden ”### {field.label}” med ditt svar under.",
            guide=GUIDE_NEED,
        )
        return ([finding], []) if needed else ([], [finding])
    value = answers[field.id]
    if field.type == "dropdown" and (
        "unknown_option" in codes or _has_unknown(process, field, parsed)
    ):
        names = ", ".join(c.name for c in process.options(field))
        return [
            Finding(
                field=field.id,
                code="unknown_option",
                message=f"Svaret på ”{field.label}” är inte ett av formulärets alternativ. "
                f"Skriv {'ett eller flera' if field.multiple else 'ett'} av dem: {names}.",
                guide=GUIDE_NEED,
            )
        ], []
    errors: list[Finding] = []
    hints: list[Finding] = []
    if field.type == "checkboxes":
        checked = items_of(value)
        if "unknown_option" in codes:
            hints.append(
                Finding(
                    field=field.id,
                    code="unknown_option",
                    message=f"En rad under ”{field.label}” är inte ett av formulärets alternativ "
                    "och kommer inte med. Ändra tillbaka texten efter kryssrutan.",
                    guide=GUIDE_NEED,
                )
            )
        errors += [
            Finding(
                field=field.id,
                code="required_option",
                message=f"Kryssa i ”{option.label}” under ”{field.label}”. Det krävs innan "
                "beredningsgruppen kan ta emot behovet.",
                guide=GUIDE_NEED,
            )
            for option in field.options
            if option.required and option.label not in checked
        ]
    elif _is_empty(value) and field.required:
        errors.append(_required(field))
    elif _is_empty(value) and condition is not None:
        chosen, condition_field = condition
        errors.append(
            Finding(
                field=field.id,
                code="required_when",
                message=f"Du har valt ”{chosen.name}” under ”{condition_field.label}”. Då behöver "
                f"du också svara på ”{field.label}”.{_describe(field)}",
                guide=GUIDE_WHEN,
            )
        )
    elif field.min_length and not _is_empty(value):
        length = len(" ".join(text_of(value).split()))
        if length < field.min_length:
            errors.append(
                Finding(
                    field=field.id,
                    code="too_short",
                    message=f"Svaret på ”{field.label}” är för kort ({length} tecken). Skriv minst "
                    f"{field.min_length} tecken, så att den som läser förstår behovet utan att "
                    "behöva fråga dig.",
                    guide=GUIDE_SOLUTION,
                )
            )
    return errors, hints


def _required(field: FieldDef) -> Finding:
    if field.type == "dropdown":
        what = "ett eller flera alternativ" if field.multiple else "ett alternativ"
        message = (
            f"Du har inte valt något under ”{field.label}”. Välj {what}, så att behovet hamnar "
            "hos rätt personer."
        )
    else:
        message = (
            f"Du har inte svarat på ”{field.label}”. Beredningsgruppen behöver svaret för att "
            f"kunna bereda behovet.{_describe(field)}"
        )
    return Finding(field=field.id, code="required", message=message, guide=GUIDE_NEED)


def _describe(field: FieldDef) -> str:
    return f" {field.description}" if field.description else ""


def _active_condition(
    process: Process, form: FormDef, field: FieldDef, answers: dict[str, FieldValue]
) -> tuple[Choice, FieldDef] | None:
    """The choice that makes this field required, with the field it was chosen in."""
    condition = field.required_when
    if condition is None:
        return None
    other = form.field(condition.field)
    chosen = items_of(answers.get(other.id))
    for choice in process.options(other):
        if choice.id in chosen and choice.id in condition.any_of:
            return choice, other
    return None


def _has_unknown(process: Process, field: FieldDef, parsed: ParsedBody) -> bool:
    names = {c.name for c in process.options(field)}
    return any(item not in names for item in items_of(parsed.fields.get(field.id)))


# --- problems of the body as a whole -------------------------------------------------------------


def _quote(detail: str) -> str:
    text = " ".join(redact(detail).split())
    if len(text) <= _QUOTE_LIMIT:
        return text
    # Drop a trailing run of digits: it may be the first half of a number cut in two.
    return text[: _QUOTE_LIMIT - 1].rstrip("0123456789 +-") + "…"


def _body_problem(form: FormDef, problem: Problem) -> Finding | None:
    """A finding for a parse problem not tied to one field's answer; None when handled per field."""
    if problem.code in ("missing_section", "unknown_option", _UNREADABLE, *NOT_FROM_FORM):
        return None
    if problem.code == "unknown_section":
        heading = f" ”{_quote(problem.detail)}”" if problem.detail.strip() else ""
        message = (
            f"Rubriken{heading} finns inte i formuläret. Det du skrivit under den kommer inte med "
            "i portföljen. Flytta texten till rätt fråga om den är viktig."
        )
    elif problem.code == "duplicate_section":
        message = (
            "En av formulärets rubriker finns flera gånger. Vi läser bara den första. Samla "
            "svaret under en rubrik och ta bort de andra."
        )
    elif problem.code == "stray_text" and problem.field in {f.id for f in form.fields}:
        message = (
            f"En rad under ”{form.field(problem.field).label}” är ingen kryssruta och kommer "
            "inte med. Skriv den under en annan fråga om den är viktig."
        )
    elif problem.code == "text_before_heading":
        message = (
            "Det finns text före den första rubriken. Den kommer inte med i portföljen. Flytta "
            "den till rätt fråga om den är viktig."
        )
    else:
        message = "En del av anmälan stämmer inte med formuläret. Jämför med formulärets rubriker."
    return Finding(field=problem.field, code=problem.code, message=message, guide=GUIDE_NEED)
