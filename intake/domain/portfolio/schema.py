"""The portfolio's data: every need with its stage, history, answers and benefits.

These models are what portfolio.json holds and what its published JSON Schema describes;
`intake.domain.portfolio.build` builds them from issues.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from intake.domain.lifecycle.attachments import Attachment
from intake.domain.lifecycle.record import Decision, Tamper
from intake.domain.lifecycle.stages import StageVisit
from intake.domain.lifecycle.timeline import Move
from intake.domain.need.benefits import PlannedBenefit, RealisedBenefit
from intake.domain.need.parse import FieldValue
from intake.domain.portfolio.flow import FlowMeasures
from intake.model.base import Model

SCHEMA_VERSION = 3  # of portfolio.json; raise it when a field changes meaning or goes away


class Need(Model):
    """One need (an issue filed with the need form, or carrying a label of the process)."""

    id: str
    """`owner/name#number`: the repository and the issue number, unique across repositories."""
    repository: str
    """The repository (owner/name) where the need is filed."""
    number: int
    """The issue number in its repository."""
    title: str
    """The issue title without the need form's prefix ("Behov: ")."""
    url: str
    """The issue on GitHub."""
    state: Literal["open", "closed"]
    stage: str | None
    """The current stage or outcome id; null when the need has none yet."""
    entered: date
    """The day the need entered its current stage (see `entered_known`)."""
    entered_known: bool
    """False when the label history is unknown and `entered` is the day the need was filed."""
    days_in_stage: int
    """Whole days from `entered` to the portfolio's `updated` date, or to the day it closed."""
    statuses: list[str]
    """Status ids from the process, such as the one for a need that must be completed."""
    group: str | None
    """Choice id of the answer the portfolio groups by (the owning unit); null when unknown."""
    columns: dict[str, str]
    """The answers the portfolio tables show, by field id, as displayed."""
    answers: dict[str, FieldValue]
    """Every answer of the need form by field id; null when empty. No personnummer."""
    labels: list[str]
    history: list[StageVisit]
    """Stages and outcomes in the order the need entered them."""
    moves: list[Move]
    """The accepted moves, oldest first: from the bot's record, or for a need it has none of,
    the label history (every change taken as it stands)."""
    outcome_missing: bool = False
    """The issue is closed, but the need has no outcome (stängd utan utfall)."""
    missing: list[str] = []
    """For a need without a stage: what its answers lack, as the bot told the initiator."""
    reason: str | None = None
    """The reason given for its outcome (a rejection's motivering), when the bot recorded one."""
    decisions: list[Decision] = []
    """The council's decisions on the need, oldest first; the last one counts."""
    tampering: list[Tamper] = []
    """Changes someone other than the bot made to the bot's comments on the need (its record):
    which comment, edited or deleted, by whom and when, as far as GitHub shows it."""
    projektagare: str | None = None
    """The login of the need's projektägare, when one is appointed."""
    projektledare: str | None = None
    """The login of the need's projektledare, when one is appointed."""
    score: int | None = None
    """0–100 from the assessments (/bedömning); null before anyone assessed the need."""
    assessment: dict[str, float] = {}
    """Each criterion's mean value over the assessors' latest assessments."""
    created: date
    closed: date | None = None
    # Added in schema version 3: the förvaltning and the registration.
    forvaltning: str = ""
    """The förvaltning whose repository the need is filed in (the process file names it)."""
    diarienummer: str | None = None
    """The number the registrar gave the need with /diarienummer; null before one is given."""
    # --- flow measures (schema 3) ---
    stage_days: dict[str, int] = {}
    """Whole days spent in each stage the need left, by stage id (stays added up); a stage whose
    first day is unknown is left out."""
    # --- after the decision: canvases, follow-ups and benefits (schema 3) ---
    canvases: list[Attachment] = []
    """The projektcanvases filed for the need, oldest first."""
    followups: list[Attachment] = []
    """The nyttouppföljningar filed for the need, oldest first."""
    planned: list[PlannedBenefit] = []
    """The benefits the latest complete canvas plans."""
    realised: list[RealisedBenefit] = []
    """Per benefit slot, the latest value the complete follow-ups report."""
    followup_due: date | None = None
    """In the follow-up stage: the day a follow-up is due (`benefits.followup_months`)."""
    followup_overdue: bool = False
    """Due on or before `updated`, and no complete follow-up yet."""


class StageCount(Model):
    """How many needs are in a stage or outcome."""

    id: str | None
    """Stage or outcome id; null for needs without a stage."""
    name: str
    label: str | None
    kind: Literal["stage", "outcome", "none"]
    count: int


class FieldInfo(Model):
    """A field of the need form, to read `answers` by."""

    id: str
    label: str


class StatusInfo(Model):
    """A status a need can carry."""

    id: str
    label: str


class Portfolio(Model):
    """Every need of a municipality's digitalisation process, for people and other tools."""

    schema_version: int = SCHEMA_VERSION
    """2 since needs are known by repository and number (`id`, `repository`); 3 since needs carry
    `forvaltning`, `diarienummer`, `stage_days`, canvases, follow-ups and benefits, and the
    portfolio its `flow`; see the maintainers' guide."""
    municipality: str
    repositories: list[str]
    """The repositories (owner/name) the portfolio reads, the municipality's own first."""
    site_url: str
    updated: date
    """The day of the latest change in the data (or the date given); ages count up to it."""
    stages: list[StageCount]
    statuses: list[StatusInfo]
    fields: list[FieldInfo]
    needs: list[Need]
    """Sorted by repository (the municipality's own first), then number."""
    flow: FlowMeasures | None = None
    """Flow measures per stage (schema 3): time in stage, throughput per month, open needs' age."""
