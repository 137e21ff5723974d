"""Where the records are kept besides GitHub, and when they may be thinned out (`archive:`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from intake.model.base import Id, RepositoryName


class ThinningRule(BaseModel):
    """Issues closed with one of `outcomes` may be thinned out `years` after they were closed,
    by a recorded decision (the authority's informationshanteringsplan says which)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    outcomes: Annotated[list[Id], Field(min_length=1)]
    years: Annotated[int, Field(ge=1, le=100)]


class ArchiveDef(BaseModel):
    """The nightly archive: the private repository it is pushed to, and its thinning rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repository: RepositoryName
    thinning: list[ThinningRule] = []
    attachments: Id | None = None  # the forms' field where files are attached (its id)
    full_pass_days: Annotated[int, Field(ge=1, le=31)] = 7  # every issue read whole this often
    # At most this many issues read whole a night, changed ones first (about one GraphQL point
    # each); the rest follow the next night.
    issues_per_night: Annotated[int, Field(ge=1)] = 500
