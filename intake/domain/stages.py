"""The lifecycle's one idempotent transition between stage labels."""

from __future__ import annotations

from intake.domain.labels import LabelChange
from intake.model.process import Process, Stage


class TransitionError(ValueError):
    """A move the process does not allow; the message is Swedish, for the person who asked."""


def stages_of(process: Process, labels: tuple[str, ...]) -> list[Stage]:
    """The stages and outcomes whose labels the issue carries, in process order."""
    present = {label.casefold() for label in labels}
    return [s for s in [*process.stages, *process.outcomes] if s.label.casefold() in present]


def transition(process: Process, current: tuple[str, ...], target: str) -> LabelChange:
    """Move an issue to the stage or outcome `target` (an id): drop sibling labels, add the target.

    Nothing changes when the issue is already there alone. Raises TransitionError for a move that
    `transitions` does not allow; an issue without a stage may only enter the first stage.
    """
    stages = {s.id: s for s in [*process.stages, *process.outcomes]}
    if target not in stages:
        raise TransitionError(f"Steget ”{target}” finns inte i processen.")
    goal = stages[target]
    now = stages_of(process, current)
    if goal not in now:
        allowed = (
            {a for s in now for a in process.transitions.get(s.id, [])}
            if now
            else {process.first_stage.id}
        )
        if target not in allowed:
            source = " och ".join(s.name for s in now) or "inget steg"
            names = ", ".join(
                s.name for s in [*process.stages, *process.outcomes] if s.id in allowed
            )
            raise TransitionError(
                f"Ett behov kan inte gå från {source} till {goal.name}. "
                f"Det kan gå vidare till: {names or 'inget annat steg'}."
            )
    present = {label.casefold(): label for label in current}
    remove = tuple(present[s.label.casefold()] for s in now if s is not goal)
    add = () if goal in now else (goal.label,)
    return LabelChange(add=add, remove=remove)
