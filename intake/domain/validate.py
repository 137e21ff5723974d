"""Server-side validation of a need, every rule derived from the form in the process file.

Messages are plain Swedish addressed to the initiator. They quote the form's own labels and options,
never the initiator's text, and never a personnummer: answers are redacted before they leave here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from intake.domain.parse import FieldValue, ParsedBody, Problem
from intake.domain.personnummer import find_personnummer, redact
from intake.model.process import Choice, FieldDef, FormDef, Process

# Site-relative guide pages that explain a rule.
GUIDE_NEED = "livscykeln/behov/"
GUIDE_SOLUTION = "behov-fore-losning/"
GUIDE_WHEN = "nar-ska-behov-anmalas/"
GUIDE_ARENAS = "utvecklingsarenor/"

# The choice id that process.options() gives a dropdown's `extra` entry ("Ingen tydlig ägare").
NO_OWNER = "ingen"
# Parse problems that mean the body was not written from the form at all.
NOT_FROM_FORM = ("empty_body", "not_form")
_UNREADABLE = "internal_error"  # a parser bug: the fields are empty, so no rule can be checked
_QUOTE_LIMIT = 80


class Finding(BaseModel):
    """One problem or hint, in Swedish, with the guide page that explains it."""

    model_config = ConfigDict(frozen=True)

    field: str | None
    code: str
    message: str
    guide: str | None = None


class Verdict(BaseModel):
    """The outcome of validating a need; `answers` carry choice ids and no personnummer."""

    model_config = ConfigDict(frozen=True)

    errors: list[Finding]
    hints: list[Finding]
    answers: dict[str, FieldValue]

    @property
    def ok(self) -> bool:
        """Whether the need can be received as it is."""
        return not self.errors


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
) -> Verdict:
    """Check a parsed need against every rule of its form; reports all problems at once.

    `title` and the raw `body` are optional: when given, they are searched for personnummer too
    (the body also outside the form's sections) and the title for solution phrases.
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
        hints += _solution_hints(process, form, parsed, title)
        hints += _owner_hints(process, form, answers)
    errors += _personnummer_errors(form, parsed, title, body)
    return Verdict(errors=errors, hints=hints, answers=answers)


# --- answers -------------------------------------------------------------------------------------


def _text(value: FieldValue) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    return value


def _items(value: FieldValue) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return list(value)


def _answer(process: Process, field: FieldDef, value: FieldValue) -> FieldValue:
    """The answer as the domain uses it: choice ids for dropdowns, redacted text otherwise."""
    if field.type == "dropdown":
        by_name = {c.name: c.id for c in process.options(field)}
        ids = [by_name[item] for item in _items(value) if item in by_name]
        if field.multiple:
            return ids
        return ids[0] if ids else None
    if field.type == "checkboxes":
        known = {o.label for o in field.options}
        return [item for item in _items(value) if item in known]
    text = _text(value)
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
        checked = _items(value)
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
        length = len(" ".join(_text(value).split()))
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
    chosen = _items(answers.get(other.id))
    for choice in process.options(other):
        if choice.id in chosen and choice.id in condition.any_of:
            return choice, other
    return None


def _has_unknown(process: Process, field: FieldDef, parsed: ParsedBody) -> bool:
    names = {c.name for c in process.options(field)}
    return any(item not in names for item in _items(parsed.fields.get(field.id)))


# --- problems of the body as a whole -------------------------------------------------------------


def _quote(detail: str) -> str:
    text = " ".join(redact(detail).split())
    if len(text) <= _QUOTE_LIMIT:
        return text
    # Drop a trailing run of digits: it may be the first half of a number cut in two.
    return re.sub(r"[0-9 +-]+$", "", text[: _QUOTE_LIMIT - 1]) + "…"


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


# --- hints ---------------------------------------------------------------------------------------


def solution_phrases_in(phrases: Iterable[str], text: str) -> list[str]:
    """The phrases that occur in the text as whole words, ignoring case; in the given order."""
    found = []
    for phrase in phrases:
        words = [re.escape(word) for word in phrase.split()]
        # \w is Unicode-aware, so "köpa" does not match inside "köpare" nor "inköpa".
        pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
        if words and re.search(pattern, text, re.IGNORECASE):
            found.append(phrase)
    return found


def _solution_hints(
    process: Process, form: FormDef, parsed: ParsedBody, title: str
) -> list[Finding]:
    # The need itself is the form's first field; the other answers may rightly talk of buying.
    need = form.fields[0]
    found = solution_phrases_in(
        process.solution_phrases, f"{title}\n{_text(parsed.fields.get(need.id))}"
    )
    if not found:
        return []
    quoted = ", ".join(f"”{phrase}”" for phrase in found)
    return [
        Finding(
            field=need.id,
            code="solution",
            message=f"Det låter som att du beskriver en lösning ({quoted}). Beskriv hellre vad som "
            "ska bli bättre och för vem. Då kan beredningsgruppen hitta den bästa lösningen, "
            "och den kanske redan finns.",
            guide=GUIDE_SOLUTION,
        )
    ]


def _owner_hints(process: Process, form: FormDef, answers: dict[str, FieldValue]) -> list[Finding]:
    hints = []
    for field in form.fields:
        if field.type == "dropdown" and field.extra and NO_OWNER in _items(answers[field.id]):
            hints.append(
                Finding(
                    field=field.id,
                    code="no_owner",
                    message=f"Du har valt ”{field.extra}”. Då kan behovet gå till en "
                    "utvecklingsarena. Där driver flera verksamheter tillsammans behov som ingen "
                    "av dem äger ensam.",
                    guide=GUIDE_ARENAS,
                )
            )
    return hints


# --- personnummer --------------------------------------------------------------------------------


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())[-10:]


def _numbers(text: str) -> list[tuple[str, str]]:
    """(last ten digits, kind) of every personnummer in the text."""
    return [(_digits(text[s.start : s.end]), s.kind) for s in find_personnummer(text)]


def _personnummer_message(kind: str, where: str) -> str:
    return (
        f"Det ser ut som att du har skrivit ett {kind} {where}. Ta bort det. Ärendet kan läsas av "
        "många, och personnummer får inte stå här. Skriv aldrig uppgifter som pekar ut en person."
    )


def _personnummer_errors(
    form: FormDef, parsed: ParsedBody, title: str, body: str | None
) -> list[Finding]:
    errors: list[Finding] = []
    seen: set[str] = set()
    for field in form.fields:
        numbers = _numbers(_text(parsed.fields.get(field.id)))
        seen.update(digits for digits, _ in numbers)
        if numbers:
            where = f"under ”{field.label}”"
            errors.append(
                Finding(
                    field=field.id,
                    code="personnummer",
                    message=_personnummer_message(numbers[0][1], where),
                )
            )
    numbers = _numbers(title)
    seen.update(digits for digits, _ in numbers)
    if numbers:
        errors.append(
            Finding(
                field=None,
                code="personnummer",
                message=_personnummer_message(numbers[0][1], "i ärendets rubrik"),
            )
        )
    # Text the parser could not place (unknown sections, text before the first heading).
    elsewhere = [
        (digits, kind)
        for text in [body or "", *(p.detail for p in parsed.problems)]
        for digits, kind in _numbers(text)
        if digits not in seen
    ]
    if elsewhere:
        errors.append(
            Finding(
                field=None,
                code="personnummer",
                message=_personnummer_message(
                    elsewhere[0][1], "i en text som inte hör till någon av frågorna"
                ),
            )
        )
    return errors


# --- the command ---------------------------------------------------------------------------------


def command(args: argparse.Namespace, process: Process) -> int:
    """`intake validate`: one body (exit 1 when invalid) or every need of a snapshot (exit 0)."""
    from intake.render.comment import render_comment
    from intake.domain.forms import issue_form
    from intake.domain.parse import parse

    forms = {f.id: f for f in process.forms}
    if args.form is not None and args.form not in forms:
        print(f"error: unknown form {args.form!r}; known: {', '.join(forms)}", file=sys.stderr)
        return 2
    form = forms[args.form] if args.form else process.need_form
    template = issue_form(process, form)
    if args.snapshot is not None:
        return _snapshot(process, form, args.snapshot, as_json=args.json)
    body = _read(args.body)
    verdict = validate(process, form, parse(template, body), body=body)
    if args.json:
        print(
            json.dumps(
                {"ok": verdict.ok, **verdict.model_dump(mode="json")}, ensure_ascii=False, indent=2
            )
        )
    else:
        print(render_comment(process, verdict), end="")
    return 0 if verdict.ok else 1


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8")
    return Path(source).read_bytes().decode("utf-8")


def printable(text: str) -> str:
    """A one-line, personnummer-free rendering of untrusted text for logs and terminals."""
    flat = " ".join(redact(text).split())
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in flat)


def _snapshot(process: Process, form: FormDef, path: Path, *, as_json: bool) -> int:
    from intake.domain.forms import issue_form
    from intake.domain.issue import is_pull_request, issue_from_rest
    from intake.domain.parse import parse

    template = issue_form(process, form)
    data = json.loads(path.read_text(encoding="utf-8"))
    checked = valid = skipped = 0
    rows: list[dict[str, object]] = []
    for item in data:
        if is_pull_request(item):
            continue
        issue = issue_from_rest(item)
        parsed = parse(template, issue.body)
        if not is_from_form(parsed):
            skipped += 1
            continue
        verdict = validate(process, form, parsed, title=issue.title, body=issue.body)
        checked += 1
        valid += verdict.ok
        title = printable(issue.title)
        if as_json:
            rows.append(
                {
                    "number": issue.number,
                    "title": title,
                    "ok": verdict.ok,
                    **verdict.model_dump(mode="json"),
                }
            )
        else:
            status = "ok" if verdict.ok else f"{len(verdict.errors)} problem(s)"
            print(f"#{issue.number:<5} {status:<14} {title}")
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(
            f"{checked} need(s) checked: {valid} ok, {checked - valid} with problems; "
            f"{skipped} skipped (not from the form)"
        )
    return 0
