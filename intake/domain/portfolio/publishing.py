"""What the portfolio publishes: everything, or only titles and stages (process: portfolio.publish).

The one place the setting acts: the portfolio is stripped before anything renders it, so every
page and export made from it, now and later, leaves the initiator's answers out. It is also the
one place personal data is masked: personnummer, and people's e-mail addresses and phone numbers
(the municipality's own stay), in every text a need carries, so that pages, CSV, JSON, the search
index and any feed made from the published portfolio show none.
"""

from __future__ import annotations

from collections.abc import Collection

from intake.domain.lifecycle.attachments import Attachment
from intake.domain.need.parse import FieldValue
from intake.domain.portfolio.schema import Need, Portfolio
from intake.domain.text.personal import mask_personal_data
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


def _mask_value(value: FieldValue, public: Collection[str]) -> FieldValue:
    if isinstance(value, list):
        return [mask_personal_data(v, public) for v in value]
    return None if value is None else mask_personal_data(value, public)


def _mask_attachment(attachment: Attachment, public: Collection[str]) -> Attachment:
    def mask(text: str) -> str:
        return mask_personal_data(text, public)

    update: dict[str, object] = {
        "lessons": mask(attachment.lessons) if attachment.lessons else attachment.lessons,
        "texts": {k: mask(v) for k, v in attachment.texts.items()},
        "planned": [p.model_copy(update={"measure": mask(p.measure)}) for p in attachment.planned],
    }
    return attachment.model_copy(update=update) if _changed(attachment, update) else attachment


def _changed(model: Attachment | Need, update: dict[str, object]) -> bool:
    return any(getattr(model, key) != value for key, value in update.items())


def mask_need(need: Need, public: Collection[str]) -> Need:
    """The need with personal data masked in every text it carries; the same need if none."""

    def mask(text: str) -> str:
        return mask_personal_data(text, public)

    update: dict[str, object] = {
        "title": mask(need.title),
        "columns": {k: mask(v) for k, v in need.columns.items()},
        "answers": {k: _mask_value(v, public) for k, v in need.answers.items()},
        "labels": [mask(label) for label in need.labels],
        "missing": [mask(text) for text in need.missing],
        "reason": mask(need.reason) if need.reason else need.reason,
        "diarienummer": mask(need.diarienummer) if need.diarienummer else need.diarienummer,
        "decisions": [
            d.model_copy(update={"motivering": mask(d.motivering)}) for d in need.decisions
        ],
        "planned": [p.model_copy(update={"measure": mask(p.measure)}) for p in need.planned],
        "canvases": [_mask_attachment(a, public) for a in need.canvases],
        "followups": [_mask_attachment(a, public) for a in need.followups],
    }
    return need.model_copy(update=update) if _changed(need, update) else need


def published(process: Process, portfolio: Portfolio) -> Portfolio:
    """The portfolio as the process allows it to be published, personal data masked."""
    public = process.municipality.public_addresses
    needs = [mask_need(need, public) for need in portfolio.needs]
    if not answers_published(process):
        needs = [strip_answers(process, need) for need in needs]
        return portfolio.model_copy(update={"needs": needs, "fields": []})
    if all(new is old for new, old in zip(needs, portfolio.needs, strict=True)):
        return portfolio
    return portfolio.model_copy(update={"needs": needs})
