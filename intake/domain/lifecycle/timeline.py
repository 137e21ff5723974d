"""The timeline of an issue: its events, the moves between stages, and the one rebuild of the
moves from the events (for needs the bot has no record of)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from intake.model.process import Process


class Actor(BaseModel):
    """Who made a change, as GitHub's timeline names them (never text anyone can write)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    login: str
    id: int | None = None


class Change(BaseModel):
    """One event of an issue's timeline: a label added or removed, the issue closed or reopened."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = ""  # GitHub's node id; "" when the source does not give it
    kind: Literal["labeled", "unlabeled", "closed", "reopened"]
    label: str | None = None
    actor: Actor
    at: datetime


class Move(BaseModel):
    """A move of a need between stages, and who made it."""

    source: str | None = Field(alias="from", serialization_alias="from")
    """The stage it left; null for its first stage."""
    target: str = Field(alias="to", serialization_alias="to")
    """The stage or outcome it entered."""
    login: str | None
    """Who made the move (a GitHub login); null when the source does not say."""
    user_id: int | None
    """GitHub's id of that account, which a renamed login keeps."""
    at: datetime
    """When the move was made."""
    # What the person wrote for a rejection or a withdrawal: kept in the bot's record only, so
    # left out when none and never part of the portfolio's schema.
    reason: SkipJsonSchema[str | None] = Field(
        default=None, exclude_if=lambda reason: reason is None
    )

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, populate_by_name=True
    )


def moved(source: str | None, target: str, change: Change, reason: str | None = None) -> Move:
    """The move a change makes, by the change's actor at its moment."""
    return Move(
        source=source,
        target=target,
        login=change.actor.login,
        user_id=change.actor.id,
        at=change.at,
        reason=reason,
    )


class Replay(NamedTuple):
    """What a run of label changes did: the moves, and the stages still labelled after them."""

    moves: list[Move]
    present: list[str]  # stage ids, in the order they were labelled


def replay(process: Process, changes: Iterable[Change]) -> Replay:
    """The moves the stage-label changes make, oldest first: a stage labelled while not already
    there is a move from the stage entered last. Other changes are ignored."""
    present: list[str] = []
    moves: list[Move] = []
    for change in changes:
        stage = process.stage_of_label(change.label) if change.label else None
        if stage is None:
            continue
        if change.kind == "labeled" and stage.id not in present:
            present.append(stage.id)
            moves.append(moved(moves[-1].target if moves else None, stage.id, change))
        elif change.kind == "unlabeled" and stage.id in present:
            present.remove(stage.id)
    return Replay(moves=moves, present=present)
