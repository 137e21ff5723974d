"""Needs filed on someone's behalf: how another channel's export maps onto the need form."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# A column's target: a field id, or `<checkboxes id>:<option number>` (1-based) for one checkbox.
Target = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*(?::[1-9][0-9]*)?$")]

# Column headings that name the person behind a need. They stay in the channel: a mapping that
# sends one to a field of the form is refused (the issue may be public; see `personal_column`).
_PERSONAL = re.compile(
    r"namn|e-?post|mejl|mail|telefon|tfn|mobil|personnummer|samordningsnummer|adress",
    re.IGNORECASE,
)


def personal_column(heading: str) -> bool:
    """Whether a column heading names the person (name, e-mail, phone, personnummer, address)."""
    return bool(_PERSONAL.search(heading))


class ImportDef(BaseModel):
    """Columns of another channel's export (an e-tjänst, a form tool) and the fields they fill."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channel: str  # what the channel is called, e.g. "E-tjänsten"
    reference: str  # the column holding the channel's own reference: the key of a filed need
    field: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]  # the form field that keeps it
    title: str | None = None  # the column giving the title; else from the first answer
    columns: dict[str, Target]  # column heading → field id (or checkboxes id:option number)
    # The GitHub logins that run the import (the bot, or a person whose token it uses): a
    # reference counts only on issues these logins filed. Compared without regard to case.
    logins: list[str] = ["github-actions[bot]"]
    # What a cell says when a checkbox is ticked (compared without regard to case).
    yes: list[str] = ["ja", "x", "1", "sant", "true", "yes"]

    def target(self, column: str) -> tuple[str, int | None]:
        """(field id, 0-based checkbox option or None) that a column fills."""
        field_id, _, option = self.columns[column].partition(":")
        return field_id, int(option) - 1 if option else None
