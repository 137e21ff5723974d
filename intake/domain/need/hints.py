"""Hints for the initiator: a need that reads like a solution, a need without an owner."""

from __future__ import annotations

from collections.abc import Iterable

from intake.domain.need.findings import GUIDE_ARENAS, GUIDE_SOLUTION, Finding, items_of, text_of
from intake.domain.need.parse import FieldValue, ParsedBody
from intake.domain.text.patterns import solution_phrase
from intake.model.forms import FormDef
from intake.model.process import Process

NO_OWNER = "ingen"  # the choice id that process.options() gives a dropdown's `extra` entry


def solution_phrases_in(phrases: Iterable[str], text: str) -> list[str]:
    """The phrases that occur in the text as whole words, ignoring case; in the given order."""
    found = []
    for phrase in phrases:
        if phrase.split() and solution_phrase(phrase).search(text):
            found.append(phrase)
    return found


def solution_hints(
    process: Process, form: FormDef, parsed: ParsedBody, title: str
) -> list[Finding]:
    # Only the fields that describe the need itself; other answers may rightly talk of buying.
    fields = [f for f in form.fields if f.solution_hint]
    if not fields:
        return []
    text = "\n".join(text_of(parsed.fields.get(f.id)) for f in fields)
    found = solution_phrases_in(process.solution_phrases, f"{title}\n{text}")
    if not found:
        return []
    quoted = ", ".join(f"”{phrase}”" for phrase in found)
    return [
        Finding(
            field=fields[0].id,
            code="solution",
            message=f"Det låter som att du beskriver en lösning ({quoted}). Beskriv hellre vad som "
            "ska bli bättre och för vem. Då kan beredningsgruppen hitta den bästa lösningen, "
            "och den kanske redan finns.",
            guide=GUIDE_SOLUTION,
        )
    ]


def owner_hints(process: Process, form: FormDef, answers: dict[str, FieldValue]) -> list[Finding]:
    hints = []
    for field in form.fields:
        if field.type == "dropdown" and field.extra and NO_OWNER in items_of(answers[field.id]):
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
