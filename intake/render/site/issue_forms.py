"""GitHub issue forms and the issue chooser's config, generated from the process file."""

from __future__ import annotations

from typing import Any

import yaml

from intake.model.forms import FieldDef, FormDef
from intake.model.process import Process

GENERATED_HEADER = (
    "# Generated from intake/process.yml by `intake generate`. Do not edit by hand.\n"
)
ISSUE_CONFIG_PATH = ".github/ISSUE_TEMPLATE/config.yml"


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
