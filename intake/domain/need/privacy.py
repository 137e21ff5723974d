"""Personnummer and samordningsnummer in a filed issue: found wherever they stand, never quoted."""

from __future__ import annotations

from intake.domain.need.findings import Finding, text_of
from intake.domain.need.parse import ParsedBody
from intake.domain.text.personnummer import find_personnummer, redact
from intake.domain.text.text import clean
from intake.model.forms import FormDef


def tidy(text: str) -> str:
    """Text fit to publish: cleaned of control characters, any personnummer masked."""
    return redact(clean(text))


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


def personnummer_errors(
    form: FormDef, parsed: ParsedBody, title: str, body: str | None
) -> list[Finding]:
    errors: list[Finding] = []
    seen: set[str] = set()
    for field in form.fields:
        numbers = _numbers(text_of(parsed.fields.get(field.id)))
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
