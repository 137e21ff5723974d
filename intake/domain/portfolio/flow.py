"""Flow measures: how long needs stay in each stage, how many enter and leave, and how long
the open ones have waited.

Pure: needs (or anything with their history) and the day the data runs to, in; measures out. A
need's stays come from its history, which `build_need` takes from the bot's record of accepted
moves or, for a need the bot has no record of, from the label history.

Definitions (the flow page says the same in Swedish): a need enters a stage on the day it got the
stage and leaves it on the day it got the next stage or outcome. Every stay counts, also a second
stay after a need was sent back. A stay whose first day is unknown (no history) adds no time in
stage. Percentiles interpolate linearly between the sorted values (Excel's PERCENTILE.INC).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal, Protocol

from intake.domain.lifecycle.stages import StageVisit
from intake.model.base import Model
from intake.model.process import Process

MONTHS = 12  # how many calendar months the throughput covers, the one of `until` last


class Stay(Model):
    """One stretch a need spent in one stage of the process (outcomes are no stages)."""

    stage: str
    """Stage id from the process."""
    entered: date
    """The day it entered the stage."""
    left: date | None
    """The day it left the stage; null while it is still there."""
    known: bool
    """False when the first day is unknown (the day the need was filed stands in)."""

    @property
    def days(self) -> int | None:
        """Whole days in the stage, for a stay that ended and whose start is known."""
        return stay_days(self.entered, self.left, self.known)


def stay_days(entered: date, left: date | None, known: bool) -> int | None:
    """Whole days of a stay in a stage, for a stay that ended and whose start is known."""
    if left is None or not known:
        return None
    return max(0, (left - entered).days)


class HasHistory(Protocol):
    """What the flow measures and the index read of a need (the portfolio's `Need` has it)."""

    @property
    def history(self) -> list[StageVisit]: ...
    @property
    def state(self) -> Literal["open", "closed"]: ...
    @property
    def stage(self) -> str | None: ...
    @property
    def closed(self) -> date | None: ...
    @property
    def days_in_stage(self) -> int: ...


class MonthFlow(Model):
    """How many stays in a stage began and ended in one calendar month."""

    month: str
    """YYYY-MM."""
    entered: int
    """Stays with a known first day that began in the month."""
    left: int
    """Stays that ended in the month."""


class StageFlow(Model):
    """The flow measures of one stage."""

    stage: str
    """Stage id from the process."""
    left: int
    """Stays that ended and whose first day is known: the ones the times below are taken from."""
    median_days: float | None
    """Median days in the stage of those stays; null when there are none."""
    p85_days: float | None
    """85th percentile of the same days: 85 of 100 stays were this long or shorter."""
    open_needs: int
    """Open needs in the stage now."""
    open_median_age: float | None
    """Median days the open needs have been in the stage so far; null when there are none."""
    open_oldest_age: int | None
    """Days the open need that has waited longest has been in the stage."""
    months: list[MonthFlow]
    """The last twelve calendar months, oldest first."""


class FlowMeasures(Model):
    """Flow measures per stage, counted up to the portfolio's `updated` day."""

    until: date
    """The day the measures count up to: the portfolio's `updated`."""
    stages: list[StageFlow]
    """One entry per stage of the process, in process order (outcomes are no stages)."""


def stays(process: Process, history: Sequence[StageVisit]) -> list[Stay]:
    """A need's stays in the stages of the process, oldest first (outcomes left out)."""
    ours = {s.id for s in process.stages}
    return [
        Stay(stage=v.stage, entered=v.entered, left=v.left, known=v.known)
        for v in history
        if v.stage in ours
    ]


def days_per_stage(process: Process, history: Sequence[StageVisit]) -> dict[str, int]:
    """Whole days a need spent in each stage it left, stays in the same stage added up."""
    totals: dict[str, int] = {}
    ours = {s.id for s in process.stages}
    for visit in history:  # its stays (`stays`), without making them
        days = stay_days(visit.entered, visit.left, visit.known)
        if visit.stage in ours and days is not None:
            totals[visit.stage] = totals.get(visit.stage, 0) + days
    return {s.id: totals[s.id] for s in process.stages if s.id in totals}


def percentile(values: Sequence[float], share: float) -> float | None:
    """The `share` (0–1) percentile, linear between the sorted values; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def months_up_to(until: date, count: int = MONTHS) -> list[str]:
    """The `count` calendar months up to and including the one of `until`, as YYYY-MM."""
    index = until.year * 12 + until.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def flow_measures(process: Process, needs: Sequence[HasHistory], until: date) -> FlowMeasures:
    """The flow measures of every stage of the process, from the needs' histories."""
    months = months_up_to(until)
    all_stays = [stay for need in needs for stay in stays(process, need.history)]
    result = []
    for stage in process.stages:
        here = [s for s in all_stays if s.stage == stage.id]
        done = [float(s.days) for s in here if s.days is not None]
        ages = [float(n.days_in_stage) for n in needs if n.state == "open" and n.stage == stage.id]
        entered = [_month(s.entered) for s in here if s.known]
        left = [_month(s.left) for s in here if s.left is not None]
        result.append(
            StageFlow(
                stage=stage.id,
                left=len(done),
                median_days=_rounded(percentile(done, 0.5)),
                p85_days=_rounded(percentile(done, 0.85)),
                open_needs=len(ages),
                open_median_age=_rounded(percentile(ages, 0.5)),
                open_oldest_age=int(max(ages)) if ages else None,
                months=[
                    MonthFlow(month=m, entered=entered.count(m), left=left.count(m)) for m in months
                ],
            )
        )
    return FlowMeasures(until=until, stages=result)
