"""A need's score from its assessments: each assessor's latest counts, criteria weighted, 0–100."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.record import Assessment
from intake.model.process import Process


class Score(BaseModel):
    """The mean value of each criterion, the assessors, and the weighted score (None: none)."""

    model_config = ConfigDict(frozen=True)

    values: dict[str, float]
    assessors: int
    total: int | None


def latest_by_person(assessments: Sequence[Assessment]) -> list[Assessment]:
    """Each assessor's latest assessment, in the order they were made."""
    latest: dict[str, Assessment] = {}
    for assessment in assessments:
        latest[assessment.login.casefold()] = assessment
    return sorted(latest.values(), key=lambda a: a.at)


def score(process: Process, assessments: Sequence[Assessment]) -> Score:
    """Each criterion's mean over the assessors who gave it; then, placed on 0–1 within the
    scale (turned round when lower is better) and weighted, the score on 0–100."""
    counted = latest_by_person(assessments)
    low, high = process.scoring.scale
    values: dict[str, float] = {}
    for criterion in process.scoring.criteria:
        given = [a.values[criterion.id] for a in counted if criterion.id in a.values]
        if given:
            values[criterion.id] = sum(given) / len(given)
    weighted = weights = 0.0
    for criterion in process.scoring.criteria:
        if criterion.id in values:
            placed = (values[criterion.id] - low) / (high - low)
            weighted += criterion.weight * (placed if criterion.higher_is_better else 1 - placed)
            weights += criterion.weight
    total = round(100 * weighted / weights) if weights else None
    return Score(values=values, assessors=len(counted), total=total)
