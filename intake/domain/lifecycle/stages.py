"""Where a need is in the lifecycle: its current stage, its history, and the one transition."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.issue import LabelEvent
from intake.domain.lifecycle.labels import LabelChange
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


def stages_of(process: Process, labels: tuple[str, ...]) -> list[Stage]:
    """The stages and outcomes whose labels the issue carries, in process order (case-blind)."""
    present = {label.casefold() for label in labels}
    return [s for s in process.all_stages if s.label.casefold() in present]


def current_stage(
    process: Process, labels: tuple[str, ...], entered: dict[str, date] | None = None
) -> Stage | None:
    """The one stage or outcome a need is in, from its labels.

    Two stage labels at once should not happen; then an outcome wins, then the stage entered
    last (when `entered` gives the days), then the later stage in the process.
    """
    present = stages_of(process, labels)
    if not present:
        return None
    order = process.all_stages
    days = entered or {}

    def rank(stage: Stage) -> tuple[bool, date, int]:
        return (stage in process.outcomes, days.get(stage.id, date.min), order.index(stage))

    return max(present, key=rank)


def stage_history(process: Process, events: tuple[LabelEvent, ...]) -> list[StageVisit]:
    """The stages an issue entered and left, from its label events (label names case-blind)."""
    by_label = {s.label.casefold(): s.id for s in process.all_stages}
    visits: list[StageVisit] = []
    still_open: dict[str, int] = {}
    for event in events:
        stage = by_label.get(event.label.casefold())
        if stage is None:
            continue
        if event.action == "labeled" and stage not in still_open:
            still_open[stage] = len(visits)
            visits.append(StageVisit(stage=stage, entered=day(event.at)))
        elif event.action == "unlabeled" and stage in still_open:
            index = still_open.pop(stage)
            visits[index] = visits[index].model_copy(update={"left": day(event.at)})
    return visits


def transition(process: Process, current: tuple[str, ...], target: str) -> LabelChange:
    """Move an issue to the stage or outcome `target` (an id): drop sibling labels, add the target.

    Nothing changes when the issue is already there alone. Raises TransitionError for a move that
    `transitions` does not allow; an issue without a stage may only enter the first stage.
    """
    stages = {s.id: s for s in process.all_stages}
    if target not in stages:
        raise TransitionError(f"Steget ”{target}” finns inte i processen.")
    goal = stages[target]
    now = stages_of(process, current)
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
