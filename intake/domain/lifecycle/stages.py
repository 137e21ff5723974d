"""Where a need is in the lifecycle: its current stage, its history, and the one transition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.timeline import Move
from intake.model.process import Process, Stage

TIMEZONE = ZoneInfo("Europe/Stockholm")  # the municipality's days, also for label events at night


class TransitionError(ValueError):
    """A move the process does not allow; the message is Swedish, for the person who asked."""


class StageVisit(BaseModel):
    """A stretch of time a need carried a stage or outcome label."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    stage: str
    """Stage or outcome id from the process."""
    entered: date
    """The day the label was added."""
    left: date | None = None
    """The day the label was removed; null while it is still there."""
    known: bool = True
    """False when no label event was recorded: `entered` is then the day the need was filed."""


def day(moment: datetime) -> date:
    """The Swedish calendar day of a moment (a moment without zone is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(TIMEZONE).date()


def current_stage(
    process: Process, labels: tuple[str, ...], entered: dict[str, date] | None = None
) -> Stage | None:
    """The one stage or outcome a need is in, from its labels.

    Two stage labels at once should not happen; then an outcome wins, then the stage entered
    last (when `entered` gives the days), then the later stage in the process.
    """
    present = process.stages_labelled(labels)
    if not present:
        return None
    order = process.all_stages
    days = entered or {}

    def rank(stage: Stage) -> tuple[bool, date, int]:
        return (stage in process.outcomes, days.get(stage.id, date.min), order.index(stage))

    return max(present, key=rank)


def stage_visits(moves: Sequence[Move]) -> list[StageVisit]:
    """The stretches in each stage that the moves make: each lasts until the next move."""
    return [
        StageVisit(
            stage=move.target,
            entered=day(move.at),
            left=day(moves[i + 1].at) if i + 1 < len(moves) else None,
        )
        for i, move in enumerate(moves)
    ]


def transition(process: Process, current: tuple[str, ...], target: str) -> LabelChange:
    """Move an issue to the stage or outcome `target` (an id): drop sibling labels, add the target.

    Nothing changes when the issue is already there alone. Raises TransitionError for a move that
    `transitions` does not allow; an issue without a stage may only enter the first stage.
    """
    stages = {s.id: s for s in process.all_stages}
    if target not in stages:
        raise TransitionError(f"Steget ”{target}” finns inte i processen.")
    goal = stages[target]
    now = process.stages_labelled(current)
    if goal not in now:
        allowed = (
            {a for s in now for a in process.targets(s.id)} if now else {process.first_stage.id}
        )
        if target not in allowed:
            source = " och ".join(s.name for s in now) or "inget steg"
            names = ", ".join(s.name for s in process.all_stages if s.id in allowed)
            raise TransitionError(
                f"Ett behov kan inte gå från {source} till {goal.name}. "
                f"Det kan gå vidare till: {names or 'inget annat steg'}."
            )
    present = {label.casefold(): label for label in current}
    remove = tuple(present[s.label.casefold()] for s in now if s is not goal)
    add = () if goal in now else (goal.label,)
    return LabelChange(add=add, remove=remove)
