"""GitHub issue forms: generated from the process, and read back as the parser's template."""

from __future__ import annotations

from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from intake.model.process import FieldDef, FormDef, Process

GENERATED_HEADER = (
    "# Generated from intake/process.yml by `intake generate`. Do not edit by hand.\n"
)
ISSUE_CONFIG_PATH = ".github/ISSUE_TEMPLATE/config.yml"


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
    """Read a GitHub issue form's YAML into the parser's template."""
    data = yaml.safe_load(text)
    elements: list[Element] = []
    for index, item in enumerate(data.get("body", [])):
        kind = item["type"]
        if kind == "markdown":
            continue
        attributes = item.get("attributes", {})
        options = attributes.get("options", [])
        elements.append(
            Element(
                id=item.get("id") or f"field-{index}",
                type=kind,
                label=attributes["label"],
                options=[o["label"] if isinstance(o, dict) else str(o) for o in options],
                multiple=bool(attributes.get("multiple", False)),
                render=attributes.get("render"),
                required=bool(item.get("validations", {}).get("required", False)),
            )
        )
    return IssueForm(name=data.get("name", ""), elements=elements)


def issue_form(process: Process, form: FormDef) -> IssueForm:
    """The parser's template for a form of the process, without a YAML round trip."""
    return read_issue_form(render_issue_form(process, form))


def render_issue_form(process: Process, form: FormDef) -> str:
    """The GitHub issue form YAML for a form of the process."""
    site = process.municipality.site_url
    body: list[dict[str, Any]] = [
        {"type": "markdown", "attributes": {"value": form.intro.replace("{site_url}", site)}}
    ]
    body += [_element(process, field) for field in form.fields]
    document = {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "body": body,
    }
    return GENERATED_HEADER + _dump(document)


def render_issue_config(process: Process) -> str:
    """The issue chooser's config: no blank issues, links to the guidance."""
    site = process.municipality.site_url
    document = {
        "blank_issues_enabled": False,
        "contact_links": [
            {
                "name": "Läs om processen innan du anmäler",
                "url": site,
                "about": "Så går det till från behov till nytta, och vem som gör vad.",
            },
            {
                "name": "Behov före lösning",
                "url": f"{site}behov-fore-losning/",
                "about": "Så beskriver du ett behov i stället för en lösning.",
            },
            {
                "name": "Portföljen",
                "url": f"{site}portfolj/",
                "about": "Se alla behov och var i livscykeln de är.",
            },
        ],
    }
    return GENERATED_HEADER + _dump(document)


def _element(process: Process, field: FieldDef) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": field.label}
    if field.description:
        attributes["description"] = field.description
    if field.placeholder:
        attributes["placeholder"] = field.placeholder
    if field.type == "dropdown":
        attributes["multiple"] = field.multiple
        attributes["options"] = [c.name for c in process.options(field)]
    if field.type == "checkboxes":
        attributes["options"] = [
            {"label": o.label, "required": o.required} if o.required else {"label": o.label}
            for o in field.options
        ]
    if field.render:
        attributes["render"] = field.render
    element: dict[str, Any] = {"type": field.type, "id": field.id, "attributes": attributes}
    if field.required:
        element["validations"] = {"required": True}
    return element


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, as a person would."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
