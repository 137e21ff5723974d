"""The parser's view of an issue form: its answerable elements, from the process or from YAML."""

from __future__ import annotations

from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from intake.model.base import kept
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.model.yamltext import load_yaml


class FormError(ValueError):
    """A file that is not a GitHub issue form; the message says what is wrong."""


class Element(BaseModel):
    """One answerable element of an issue form, as the parser needs it."""

    model_config = ConfigDict(frozen=True)

    id: str
    type: Literal["input", "textarea", "dropdown", "checkboxes"]
    label: str
    options: list[str] = []
    multiple: bool = False
    render: str | None = None
    required: bool = False


class IssueForm(BaseModel):
    """The answerable elements of a GitHub issue form, in form order (markdown elements dropped)."""

    model_config = ConfigDict(frozen=True)

    name: str
    elements: list[Element]


def read_issue_form(text: str) -> IssueForm:
    """Read a GitHub issue form's YAML into the parser's template; FormError if it is none."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        raise FormError("is not valid YAML") from error
    body = data.get("body") if isinstance(data, dict) else None
    if not isinstance(body, list):
        raise FormError("is not a GitHub issue form (it has no `body` list)")
    elements: list[Element] = []
    for index, item in enumerate(body):
        try:
            if item["type"] == "markdown":
                continue
            attributes = item.get("attributes", {})
            options = attributes.get("options", [])
            elements.append(
                Element(
                    id=item.get("id") or f"field-{index}",
                    type=item["type"],
                    label=attributes["label"],
                    options=[o["label"] if isinstance(o, dict) else str(o) for o in options],
                    multiple=bool(attributes.get("multiple", False)),
                    render=attributes.get("render"),
                    required=bool((item.get("validations") or {}).get("required", False)),
                )
            )
        except (KeyError, TypeError, AttributeError, ValidationError) as error:
            raise FormError(f"element {index + 1} of `body` is not a valid form element") from error
    return IssueForm(name=str(data.get("name", "")), elements=elements)


def issue_form(process: Process, form: FormDef) -> IssueForm:
    """The parser's template for a form of the process: what GitHub's form shows, in order."""
    parts = (form, process.units, process.choices)  # what the dropdowns' options come from
    return kept("issue_form", parts, lambda: _issue_form(process, form))


def _issue_form(process: Process, form: FormDef) -> IssueForm:
    elements = [
        Element(
            id=field.id,
            type=field.type,
            label=field.label,
            options=[c.name for c in process.options(field)]
            if field.type == "dropdown"
            else [o.label for o in field.options],
            multiple=field.multiple if field.type == "dropdown" else False,
            render=field.render,
            required=field.required,
        )
        for field in form.fields
    ]
    return IssueForm(name=form.name, elements=elements)
