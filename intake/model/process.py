"""The process file as typed, cross-checked models."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_PROCESS = Path(__file__).parent.parent / "process.yml"
UNITS = "units"  # the name by which a form field offers the units as its choices

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
Color = Annotated[str, Field(pattern=r"^[0-9a-f]{6}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_label(name: str) -> str:
    if "/" in name:
        raise ValueError(f"label {name!r} contains '/', which the GitHub API cannot remove")
    if len(name) > 50:
        raise ValueError(f"label {name!r} is longer than GitHub's 50 characters")
    if name != name.strip() or not name:
        raise ValueError(f"label {name!r} is empty or has leading or trailing spaces")
    return name


Label = Annotated[str, Field(min_length=1)]


class Municipality(_Model):
    name: str
    site_url: Annotated[str, Field(pattern=r"^https?://.+/$")]


class Stage(_Model):
    """A stage of the lifecycle, or an outcome that ends it."""

    id: Id
    name: str
    label: Label
    color: Color
    summary: str
    page: str

    _label = field_validator("label")(_check_label)


class Status(_Model):
    id: Id
    label: Label
    color: Color
    summary: str

    _label = field_validator("label")(_check_label)


class Role(_Model):
    id: Id
    name: str
    summary: str
    appointed_by: Id | None = None


class Unit(_Model):
    id: Id
    name: str
    kind: Literal["verksamhet", "objekt"]
    label: Label

    _label = field_validator("label")(_check_label)


class CouncilMember(_Model):
    login: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]+$")]
    name: str
    role: str


class Council(_Model):
    name: str
    members: list[CouncilMember]


class Choice(_Model):
    """One option a form field offers; `name` is what the form shows."""

    id: Id
    name: str
    label: Label | None = None

    @field_validator("label")
    @classmethod
    def _label_ok(cls, value: str | None) -> str | None:
        return None if value is None else _check_label(value)

    @field_validator("name")
    @classmethod
    def _name_ok(cls, value: str) -> str:
        if value.strip() != value or not value or value == "None":
            raise ValueError(f"choice name {value!r} is empty, padded or GitHub's reserved 'None'")
        return value


class Checkbox(_Model):
    label: str
    required: bool = False


class Condition(_Model):
    """The field is required when `field` has one of the choices `any_of`."""

    field: Id
    any_of: list[Id]


class FieldDef(_Model):
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


class FormDef(_Model):
    id: Id
    name: str
    description: str
    title: str
    intro: str
    fields: list[FieldDef]

    @property
    def path(self) -> str:
        """Where the generated issue form lives in the repository."""
        return f".github/ISSUE_TEMPLATE/{self.id}.yml"

    def field(self, field_id: str) -> FieldDef:
        """The field with this id."""
        return next(f for f in self.fields if f.id == field_id)


class PortfolioDef(_Model):
    group_by: Id
    columns: list[Id]


class LabelSpec(_Model):
    """A repository label as the process wants it."""

    name: str
    color: Color
    description: str


class Process(_Model):
    municipality: Municipality
    stages: list[Stage]
    outcomes: list[Stage]
    transitions: dict[Id, list[Id]]
    statuses: list[Status]
    roles: list[Role]
    units: list[Unit]
    council: Council
    choices: dict[Id, list[Choice]]
    forms: list[FormDef]
    solution_phrases: list[str]
    portfolio: PortfolioDef

    @property
    def first_stage(self) -> Stage:
        """The stage a valid new need enters."""
        return self.stages[0]

    @property
    def need_form(self) -> FormDef:
        """The form that captures needs (the first form)."""
        return self.forms[0]

    @property
    def status_incomplete(self) -> Status:
        """The status label of a need that must be completed."""
        return self.statuses[0]

    def stage(self, stage_id: str) -> Stage:
        """The stage or outcome with this id."""
        return next(s for s in [*self.stages, *self.outcomes] if s.id == stage_id)

    def options(self, field: FieldDef) -> list[Choice]:
        """The choices a dropdown field offers, in form order (units and any extra included)."""
        if field.choices is None:
            return []
        if field.choices == UNITS:
            found = [Choice(id=u.id, name=u.name, label=u.label) for u in self.units]
        else:
            found = list(self.choices[field.choices])
        if field.extra:
            found.append(Choice(id="ingen", name=field.extra))
        return found

    def labels(self) -> list[LabelSpec]:
        """Every label the process defines, in a stable order."""
        specs = [LabelSpec(name=s.label, color=s.color, description=s.summary) for s in self.stages]
        specs += [
            LabelSpec(name=s.label, color=s.color, description=s.summary) for s in self.outcomes
        ]
        specs += [
            LabelSpec(name=s.label, color=s.color, description=s.summary) for s in self.statuses
        ]
        for form in self.forms:
            for field in form.fields:
                specs += [
                    LabelSpec(name=c.label, color="ededed", description=f"{field.label} {c.name}")
                    for c in self.options(field)
                    if c.label
                ]
        return specs

    def check(self) -> list[str]:
        """Every cross-reference problem of the process, in English, all at once."""
        problems: list[str] = []
        stage_ids = [s.id for s in self.stages]
        all_ids = stage_ids + [o.id for o in self.outcomes]
        problems += _duplicates("stage or outcome id", all_ids)
        for source, targets in self.transitions.items():
            if source not in stage_ids:
                problems.append(f"transitions: {source!r} is not a stage")
            problems += [
                f"transitions: {source!r} leads to unknown {t!r}"
                for t in targets
                if t not in all_ids
            ]
        role_ids = [r.id for r in self.roles]
        problems += _duplicates("role id", role_ids)
        problems += [
            f"roles: {r.id!r} is appointed by unknown role {r.appointed_by!r}"
            for r in self.roles
            if r.appointed_by and r.appointed_by not in role_ids
        ]
        problems += _duplicates("unit id", [u.id for u in self.units])
        for name, choices in self.choices.items():
            problems += _duplicates(f"choice id in {name}", [c.id for c in choices])
            problems += _duplicates(f"choice name in {name}", [c.name for c in choices])
        if not self.forms:
            problems.append("forms: at least one form is needed")
        for form in self.forms:
            problems += self._check_form(form)
        problems += _duplicates("label", [spec.name.casefold() for spec in self.labels()])
        if not self.statuses:
            problems.append("statuses: the 'needs completion' status is needed")
        return problems

    def _check_form(self, form: FormDef) -> list[str]:
        problems = _duplicates(f"field id in form {form.id}", [f.id for f in form.fields])
        problems += _duplicates(f"field label in form {form.id}", [f.label for f in form.fields])
        by_id = {f.id: f for f in form.fields}
        for field in form.fields:
            where = f"forms.{form.id}.{field.id}"
            if field.type == "dropdown":
                if field.choices is None:
                    problems.append(f"{where}: a dropdown needs `choices`")
                elif field.choices != UNITS and field.choices not in self.choices:
                    problems.append(f"{where}: unknown choices {field.choices!r}")
            if field.type == "checkboxes" and not field.options:
                problems.append(f"{where}: checkboxes need `options`")
            condition = field.required_when
            if condition:
                other = by_id.get(condition.field)
                if other is None or other.type != "dropdown":
                    problems.append(f"{where}: required_when names no dropdown {condition.field!r}")
                else:
                    known = {c.id for c in self.options(other)}
                    problems += [
                        f"{where}: required_when names unknown choice {c!r}"
                        for c in condition.any_of
                        if c not in known
                    ]
        if form is self.forms[0]:
            for field_id in [self.portfolio.group_by, *self.portfolio.columns]:
                if field_id not in by_id:
                    problems.append(f"portfolio: {field_id!r} is not a field of form {form.id}")
        return problems


def _duplicates(what: str, values: list[str]) -> list[str]:
    counts = Counter(values)
    return [f"duplicate {what}: {v!r}" for v in sorted(counts) if counts[v] > 1]


class ProcessError(Exception):
    """The process file is invalid; the message names the file and every problem."""


def parse_process(text: str, source: str = "process.yml") -> Process:
    """Parse and cross-check the process file's text, reporting every problem at once."""
    try:
        data = yaml.safe_load(text)
        process = Process.model_validate(data)
    except yaml.YAMLError as error:
        raise ProcessError(f"{source}: not valid YAML: {error}") from error
    except ValidationError as error:
        lines = [
            f"  {'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in error.errors()
        ]
        raise ProcessError(f"{source}: {len(lines)} problem(s):\n" + "\n".join(lines)) from error
    problems = process.check()
    if problems:
        raise ProcessError(f"{source}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return process


def load_process(path: Path = DEFAULT_PROCESS) -> Process:
    """Read and validate the process file."""
    return parse_process(path.read_text(encoding="utf-8"), source=str(path))
