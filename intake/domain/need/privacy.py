"""Personal data in a filed issue: found wherever it stands, however written, never quoted.

A personnummer or samordningsnummer stops the need. A person's e-mail address or phone number is
pointed out as a hint: it does not stop the need, and the site and the exports mask it.
"""

from __future__ import annotations

from collections.abc import Collection

from intake.domain.need.findings import Finding, text_of
from intake.domain.need.parse import ParsedBody
from intake.domain.text.personal import contact_details
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


def contact_hints(
    form: FormDef, parsed: ParsedBody, title: str, public: Collection[str]
) -> list[Finding]:
    """A hint naming where a person's e-mail address or phone number stands (not the texts)."""
    fields = [f for f in form.fields if contact_details(text_of(parsed.fields.get(f.id)), public)]
    places = [f"”{f.label}”" for f in fields]
    if contact_details(title, public):
        places.insert(0, "rubriken")
    if not places:
        return []
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " och " + places[-1]
    return [
        Finding(
            field=fields[0].id if fields else None,
            code="contact_details",
            message="Det ser ut som att det står en e-postadress eller ett telefonnummer i "
            f"{where}. Ärendet kan läsas av alla. Dina kontaktuppgifter finns redan i din "
            "profil på GitHub, så ta bort dem här. På webbplatsen döljs de.",
        )
    ]


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
