"""What the portfolio publishes: everything, or only titles and stages (process: portfolio.publish).

The one place the setting acts: the portfolio is stripped before anything renders it, so every
page and export made from it, now and later, leaves the initiator's answers out.
"""

from __future__ import annotations

from intake.domain.lifecycle.attachments import Attachment
from intake.domain.portfolio.schema import Need, Portfolio
from intake.model.process import Process

TITLES_AND_STAGES = "titles_and_stages"


def answers_published(process: Process) -> bool:
    """Whether pages and exports show the initiator's answers."""
    return process.portfolio.publish != TITLES_AND_STAGES


def _kept_labels(process: Process, need: Need) -> list[str]:
    """Only the labels of stages, outcomes and statuses: the others repeat answers."""
    statuses = {s.label.casefold() for s in process.statuses}
    return [
        label
        for label in need.labels
        if process.stage_of_label(label) or label.casefold() in statuses
    ]


def strip_answers(process: Process, need: Need) -> Need:
    """The need with only its title, stage, dates, decisions' outcomes and roles.

    Left out: every answer, the owner it was grouped by, what its answers lack, its labels from
    answers, the motiveringar and reasons (written text that may repeat the answers), and the
    answers of its canvases and follow-ups: their links and dates stay, their benefits go.
    """
    return need.model_copy(
        update={
            "answers": {},
            "columns": {},
            "group": None,
            "missing": [],
            "reason": None,
            "labels": _kept_labels(process, need),
            "decisions": [d.model_copy(update={"motivering": ""}) for d in need.decisions],
            "canvases": [_bare(a) for a in need.canvases],
            "followups": [_bare(a) for a in need.followups],
            "planned": [],
            "realised": [],
        }
    )


def _bare(attachment: Attachment) -> Attachment:
    """A canvas or follow-up as a link and a date only."""
    return attachment.model_copy(
        update={"planned": [], "realised": [], "unit": None, "lessons": None, "texts": {}}
    )


def published(process: Process, portfolio: Portfolio) -> Portfolio:
    """The portfolio as the process allows it to be published."""
    if answers_published(process):
        return portfolio
    needs = [strip_answers(process, need) for need in portfolio.needs]
    return portfolio.model_copy(update={"needs": needs, "fields": []})
