"""Where a need is in the lifecycle: its stage, its visits, and the labels that reach a stage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.timeline import Move
from intake.model.process import Process, Stage

TIMEZONE = ZoneInfo("Europe/Stockholm")  # the municipality's days, also for label events at night


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


def labels_to_reach(process: Process, current: Iterable[str], goal: Stage | None) -> LabelChange:
    """The labels to add and remove so that an issue carries `goal`'s label and no other stage or
    outcome label (None: none); nothing when it already does. Other labels are never touched.

    Only the delta: whether the move may be made is the rules' question (`authority`,
    `requirements`), asked before. Used alike for accepted moves, for undoing refused ones and for
    restoring the recorded stage.
    """
    stale = [label for label in current if process.stage_of_label(label) is not None]
    keep = goal.label.casefold() if goal is not None else None
    remove = tuple(label for label in stale if label.casefold() != keep)
    have = {label.casefold() for label in current}
    add = (goal.label,) if goal is not None and keep not in have else ()
    return LabelChange(add=add, remove=remove)
