"""The issue forms of the process file: their fields, choices, conditions and labels."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from intake.model.base import Id, Label, Model, check_label, check_labels


class Choice(Model):
    """One option a form field offers; `name` is what the form shows."""

    id: Id
    name: str
    label: Label | None = None

    @field_validator("label")
    @classmethod
    def _label_ok(cls, value: str | None) -> str | None:
        return None if value is None else check_label(value)

    @field_validator("name")
    @classmethod
    def _name_ok(cls, value: str) -> str:
        if value.strip() != value or not value or value == "None":
            raise ValueError(
                f"valet {value!r} är tomt, börjar eller slutar med mellanslag "
                "eller är GitHubs reserverade 'None'"
            )
        return value


class Checkbox(Model):
    label: str
    required: bool = False


class Condition(Model):
    """The field is required when `field` has one of the choices `any_of`."""

    field: Id
    any_of: list[Id]


class FieldDef(Model):
    id: Id
    type: Literal["input", "textarea", "dropdown", "checkboxes"]
    label: str
    description: str | None = None
    placeholder: str | None = None
    required: bool = False
    required_when: Condition | None = None
    min_length: int | None = None
    multiple: bool = False
    choices: str | None = None
    extra: str | None = None
    options: list[Checkbox] = []
    render: str | None = None
    solution_hint: bool = False  # hint when the answer describes a solution, not a need
    short: str | None = None  # a short name for table headings; else the label


class FormDef(Model):
    """One issue form: what it captures (`kind`), where in the lifecycle, and its labels."""

    id: Id
    kind: Id
    name: str
    description: str
    title: str
    intro: str
    stages: list[Id] = []  # the stages in which this form is expected; empty: any
    # Stages or outcomes a need may enter only once this form is linked to it; empty: a reminder.
    required_for: list[Id] = []
    labels: list[Label] = []  # labels every valid issue of this form carries
    # Who may file this form for a need (a form linked to a need): role ids, among them
    # `initiativtagare` (the need's author, when not imported) and roles appointed on the need
    # (projektagare, projektledare); `alla_roller` lets anyone holding a role. Empty: anyone.
    filed_by: list[Id] = []
    fields: list[FieldDef]

    _labels = field_validator("labels")(check_labels)

    @property
    def path(self) -> str:
        """Where the generated issue form lives in the repository."""
        return f".github/ISSUE_TEMPLATE/{self.id}.yml"

    def field(self, field_id: str) -> FieldDef:
        """The field with this id."""
        return next(f for f in self.fields if f.id == field_id)
