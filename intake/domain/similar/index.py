"""The index of similar needs: each published need as the stems it is compared by.

Built from the published portfolio, so it holds nothing the site does not show: with
`publish: titles_and_stages` only titles, and only the needs of repositories the portfolio
publishes. Published with the site as one JSON file that the bot reads in one request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from intake.domain.need.parse import FieldValue
from intake.domain.portfolio.publishing import answers_published
from intake.domain.portfolio.schema import Portfolio
from intake.domain.similar.words import stems
from intake.domain.text.personal import MASKS, mask_personal_data
from intake.model.process import Process

INDEX_VERSION = 1  # of liknande.json; raise it when a field changes meaning or goes away


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndexedNeed(_Model):
    """One need as the comparison sees it."""

    id: str  # owner/name#number
    repository: str
    number: int
    title: str
    stage: str | None  # stage or outcome id
    state: Literal["open", "closed"]
    url: str  # the issue on GitHub
    terms: str  # the stems of its title and describing answers, separated by spaces


class SimilarIndex(_Model):
    """Every published need's stems, and up to which issue number each repository is indexed."""

    version: int = INDEX_VERSION
    updated: date  # the portfolio's date: the day of the latest change in the data
    fields: list[str]  # the answers indexed besides the title (empty: titles only)
    latest: dict[str, int]  # repository → the highest issue number among its indexed needs
    needs: list[IndexedNeed]


def indexed_fields(process: Process) -> list[str]:
    """The answers compared besides the title: none when only titles and stages are published."""
    return list(process.portfolio.similar.fields) if answers_published(process) else []


def _unmasked(text: str) -> str:
    """The text with personal data taken out (the municipality's own contacts too), and the
    placeholders with it: they say nothing of the need."""
    masked = mask_personal_data(text)
    for placeholder in set(MASKS.values()):
        masked = masked.replace(placeholder, " ")
    return masked


def need_terms(title: str, answers: Mapping[str, FieldValue], fields: Sequence[str]) -> list[str]:
    """The stems a need is compared by: its title's, then the chosen answers'.

    Personal data is taken out before anything is read: the stems never carry it.
    """
    parts = [title]
    for field in fields:
        value = answers.get(field)
        if isinstance(value, list):
            parts += value
        elif value:
            parts.append(value)
    return [s for part in parts for s in stems(_unmasked(part))]


def build_index(process: Process, portfolio: Portfolio) -> SimilarIndex:
    """The index of the published portfolio (call it with what `published` returns)."""
    fields = indexed_fields(process)
    needs = [
        IndexedNeed(
            id=n.id,
            repository=n.repository,
            number=n.number,
            title=n.title,
            stage=n.stage,
            state=n.state,
            url=n.url,
            terms=" ".join(need_terms(n.title, n.answers, fields)),
        )
        for n in portfolio.needs
    ]
    latest: dict[str, int] = {}
    for need in needs:
        latest[need.repository] = max(latest.get(need.repository, 0), need.number)
    return SimilarIndex(updated=portfolio.updated, fields=fields, latest=latest, needs=needs)
