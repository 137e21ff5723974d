"""Benefits planned in a projektcanvas and realised in a nyttouppföljning, read from the answers.

A form's benefit slots are its fields `nytta<n>_<part>`: planned (`typ`, `matt`, `utgangslage`,
`mal`, `nar`) or realised (`typ`, `varde`, `matdatum`). Slot n of a follow-up reports on slot n of
the canvas. A form with the field `behovsnummer` belongs to the need with that number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from intake.domain.need.findings import Finding, text_of
from intake.domain.need.parse import FieldValue
from intake.domain.text.patterns import NEED_NUMBER as _NEED_NUMBER
from intake.domain.text.quantity import Quantity, parse_quantity, parse_when
from intake.model.base import Model, kept
from intake.model.forms import FieldDef, FormDef

NEED_NUMBER = "behovsnummer"  # the field that names the need a form belongs to
GUIDE_CANVAS = "projektcanvas/"
GUIDE_FOLLOW_UP = "nyttorealisering/"
_SLOT = re.compile(r"^nytta([1-9])_([a-z]+)$")  # trusted: the process file's field ids
_QUANTITIES = ("utgangslage", "mal", "varde")
_DATES = ("nar", "matdatum")
_NEEDED = {"mal": ("typ", "matt", "mal"), "varde": ("typ", "varde")}


class PlannedBenefit(Model):
    """A benefit a projektcanvas counts on."""

    slot: int
    type: str | None
    """Choice id of the benefit type (the need form's `nyttotyper`)."""
    measure: str
    """What is measured, in the canvas's words."""
    baseline: Quantity | None
    target: Quantity | None
    by: date | None
    """When the target is to be reached."""


class RealisedBenefit(Model):
    """What a nyttouppföljning reports for one planned benefit."""

    slot: int
    type: str | None
    value: Quantity | None
    measured: date | None
    reached: bool | None = None
    """Whether the value reached the canvas's target; null when there is no comparable target."""


def slots(form: FormDef) -> dict[int, dict[str, FieldDef]]:
    """The form's benefit slots: slot number → part → field, in slot order (worked out once per
    form: read it, never change it)."""
    return kept("slots", (form,), lambda: _slots(form))


def _slots(form: FormDef) -> dict[int, dict[str, FieldDef]]:
    found: dict[int, dict[str, FieldDef]] = {}
    for field in form.fields:
        if match := _SLOT.match(field.id):
            found.setdefault(int(match[1]), {})[match[2]] = field
    return dict(sorted(found.items()))


def links_to_need(form: FormDef) -> bool:
    """Whether issues of this form belong to a need (the form asks for its number)."""
    return any(field.id == NEED_NUMBER for field in form.fields)


def need_number(value: FieldValue) -> int | None:
    """The need number an answer gives ("12", "#12", "behov 12"); None when it gives none."""
    # One space between words: the pattern never meets two runs of spaces (linear time).
    match = _NEED_NUMBER.fullmatch(" ".join(text_of(value).split()))
    return int(match[1]) if match else None


def _filled(value: FieldValue) -> bool:
    return bool(text_of(value).strip())


def benefit_findings(form: FormDef, answers: Mapping[str, FieldValue]) -> list[Finding]:
    """Problems with the need number and the benefit slots, in plain Swedish."""
    guide = GUIDE_FOLLOW_UP if any("varde" in s for s in slots(form).values()) else GUIDE_CANVAS
    found: list[Finding] = []
    given = answers.get(NEED_NUMBER)
    if links_to_need(form) and _filled(given) and need_number(given) is None:
        label = form.field(NEED_NUMBER).label
        found.append(
            Finding(
                field=NEED_NUMBER,
                code="need_number",
                message=f"Svaret på ”{label}” är inget ärendenummer. Skriv bara behovets "
                "nummer, till exempel 12.",
                guide=guide,
            )
        )
    for number, parts in slots(form).items():
        if not any(_filled(answers.get(f.id)) for f in parts.values()):
            continue
        for part, field in parts.items():
            value = answers.get(field.id)
            key = next((k for k in _NEEDED if k in parts), None)
            if not _filled(value) and key is not None and part in _NEEDED[key]:
                found.append(
                    Finding(
                        field=field.id,
                        code="benefit_incomplete",
                        message=f"Nytta {number} är bara delvis ifylld. Svara också på "
                        f"”{field.label}”, eller töm alla fälten för nytta {number}.",
                        guide=guide,
                    )
                )
            elif part in _QUANTITIES and _filled(value) and parse_quantity(text_of(value)) is None:
                found.append(
                    Finding(
                        field=field.id,
                        code="not_a_number",
                        message=f"Svaret på ”{field.label}” går inte att läsa som ett tal. Skriv "
                        "ett tal med enhet, till exempel ”4 veckor”, ”1 200 timmar” eller ”35 %”.",
                        guide=guide,
                    )
                )
            elif part in _DATES and _filled(value) and parse_when(text_of(value)) is None:
                found.append(
                    Finding(
                        field=field.id,
                        code="not_a_date",
                        message=f"Svaret på ”{field.label}” går inte att läsa som en tidpunkt. "
                        "Skriv till exempel 2027-06-30, 2027-06 eller juni 2027.",
                        guide=guide,
                    )
                )
    return found


def _choice(value: FieldValue) -> str | None:
    return value if isinstance(value, str) and value else None


def planned_of(form: FormDef, answers: Mapping[str, FieldValue]) -> list[PlannedBenefit]:
    """The benefits a canvas's answers plan, slot by slot; empty slots left out."""
    found = []
    for number, parts in slots(form).items():
        if "mal" not in parts:
            continue
        got = {part: answers.get(field.id) for part, field in parts.items()}
        if not any(_filled(v) for v in got.values()):
            continue
        found.append(
            PlannedBenefit(
                slot=number,
                type=_choice(got.get("typ")),
                measure=" ".join(text_of(got.get("matt")).split()),
                baseline=parse_quantity(text_of(got.get("utgangslage"))),
                target=parse_quantity(text_of(got.get("mal"))),
                by=parse_when(text_of(got.get("nar"))),
            )
        )
    return found


def realised_of(form: FormDef, answers: Mapping[str, FieldValue]) -> list[RealisedBenefit]:
    """The values a follow-up's answers report, slot by slot; empty slots left out."""
    found = []
    for number, parts in slots(form).items():
        if "varde" not in parts:
            continue
        got = {part: answers.get(field.id) for part, field in parts.items()}
        if not any(_filled(v) for v in got.values()):
            continue
        found.append(
            RealisedBenefit(
                slot=number,
                type=_choice(got.get("typ")),
                value=parse_quantity(text_of(got.get("varde"))),
                measured=parse_when(text_of(got.get("matdatum"))),
            )
        )
    return found


def reached(planned: PlannedBenefit, value: Quantity | None) -> bool | None:
    """Whether a realised value reaches the planned target; None when they cannot be compared.

    Lower is better when the target is below the baseline (shorter waits, lower costs). A value
    with a unit other than the target's cannot be compared (a value without a unit takes the
    target's).
    """
    target = planned.target
    if target is None or value is None:
        return None
    if value.unit and value.unit != target.unit:
        return None
    baseline = planned.baseline
    if baseline is not None and baseline.unit == target.unit and target.value < baseline.value:
        return value.value <= target.value
    return value.value >= target.value
