"""Which labels a need should carry after validation: the status, the first stage, the answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from intake.model.forms import FormDef
from intake.model.process import NEED_KIND, Process

if TYPE_CHECKING:
    from intake.domain.need.findings import Verdict


class LabelChange(BaseModel):
    """Labels to add to and remove from an issue; empty when nothing needs to change."""

    model_config = ConfigDict(frozen=True)

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether applying the change would do nothing."""
        return not self.add and not self.remove


def derived_labels(process: Process, form: FormDef, answers: dict[str, object]) -> list[str]:
    """The labels the answers call for (unit, kind, scope …), in form order."""
    wanted = []
    for field in form.fields:
        value = answers.get(field.id)
        chosen = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        wanted += [c.label for c in process.options(field) if c.label and c.id in chosen]
    return wanted


def _all_derived(process: Process, form: FormDef) -> list[str]:
    return [c.label for field in form.fields for c in process.options(field) if c.label]


def plan_labels(
    process: Process, form: FormDef, verdict: Verdict, current: tuple[str, ...]
) -> LabelChange:
    """The change that brings an issue's labels in line with its verdict; idempotent.

    Invalid: add the "needs completion" status, leave the rest. Valid: drop that status, add the
    form's own labels, let a need enter the first stage unless it already has a stage or outcome,
    and make the derived labels match the answers. Labels the process does not define are never
    touched.
    """
    have = {label.casefold(): label for label in current}
    status = process.status_incomplete.label
    if not verdict.ok:
        return LabelChange(add=() if status.casefold() in have else (status,))
    wanted = [*form.labels, *derived_labels(process, form, dict(verdict.answers))]
    staged = bool(process.stages_labelled(current))
    if form.kind == NEED_KIND and not staged:
        wanted.insert(0, process.first_stage.label)
    unwanted = [status] + [label for label in _all_derived(process, form) if label not in wanted]
    return LabelChange(
        add=tuple(label for label in wanted if label.casefold() not in have),
        remove=tuple(have[label.casefold()] for label in unwanted if label.casefold() in have),
    )
