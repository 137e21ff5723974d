"""What validation finds: problems and hints in plain Swedish, and the verdict on a filed issue."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from intake.domain.need.parse import FieldValue

# Site-relative guide pages that explain a rule.
GUIDE_NEED = "livscykeln/behov/"
GUIDE_SOLUTION = "behov-fore-losning/"
GUIDE_WHEN = "nar-ska-behov-anmalas/"
GUIDE_ARENAS = "utvecklingsarenor/"


class Finding(BaseModel):
    """One problem or hint, in Swedish, with the guide page that explains it."""

    model_config = ConfigDict(frozen=True)

    field: str | None
    code: str
    message: str
    guide: str | None = None


class Verdict(BaseModel):
    """The outcome of validating a need; `answers` carry choice ids and no personnummer."""

    model_config = ConfigDict(frozen=True)

    errors: list[Finding]
    hints: list[Finding]
    answers: dict[str, FieldValue]

    @property
    def ok(self) -> bool:
        """Whether the need can be received as it is."""
        return not self.errors


def text_of(value: FieldValue) -> str:
    """An answer as text: lists one item a line, empty as ""."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    return value


def items_of(value: FieldValue) -> list[str]:
    """An answer as a list of its items: a text is one item unless blank."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return list(value)
