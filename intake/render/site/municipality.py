"""What makes the site the municipality's own, generated from the process file's `municipality:`.

Written pages never name the municipality's repository, address or e-mail themselves. They use
reference links that the shared include defines (`[Anmäl ett behov][formular-behov]`,
`[skriv till oss][kontakt]`, `[skapa ett ärende][nytt-arende]`), and the accessibility statement
includes two generated lists. `mkdocs.yml` gets its site name, address, author and repository here.
"""

from __future__ import annotations

import json
import re

import yaml

from intake.model.process import Process
from intake.model.yamltext import load_yaml

COMMON_INCLUDE_PATH = "docs/includes/gemensamt.md"
RESPONSIBLE_PATH = "docs/includes/redogorelse-ansvar.md"
CONTACT_PATH = "docs/includes/redogorelse-kontakt.md"
COUNCIL_PATH = "docs/includes/radets-moten.md"
ADDRESSES_PATH = "docs/includes/kontaktuppgifter.md"
CONTROLLER_PATH = "docs/includes/personuppgiftsansvar.md"
MKDOCS_PATH = "mkdocs.yml"
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

# Where written pages must use the references instead of writing an address out.
_HARD_CODED = re.compile(r"mailto:|https?://github\.com/[^/\s)]+/[^/\s)]+/issues", re.IGNORECASE)


def link_references(process: Process) -> str:
    """Reference link definitions for the form of every kind, new issues and the contact."""
    municipality = process.municipality
    lines = [f"[formular-{form.id}]: {municipality.form_url(form.id)}" for form in process.forms]
    lines += [
        f"[nytt-arende]: {municipality.web_url}/issues/new",
        f"[kontakt]: mailto:{municipality.contact}",
        f"[e-tjanst]: {municipality.etjanst_url}",
        f"[dataskyddsombud]: mailto:{municipality.data_protection_officer}",
    ]
    return "\n".join(lines) + "\n"


def render_responsible(process: Process) -> str:
    """The accessibility statement's list of who answers for the site."""
    return f"- **Organisation:** {_inline(process.municipality.accessibility_body)}\n"


def render_contact(process: Process) -> str:
    """The accessibility statement's ways to reach the municipality, and how soon it answers."""
    municipality = process.municipality
    contact = municipality.contact
    return (
        f"- **Mejl:** [{contact}](mailto:{contact})\n"
        f"- **Telefon:** {_inline(municipality.phone)}\n"
        f"- **Post:** {_inline(municipality.postal_address)}\n"
        f"- **Ärende på GitHub:** [skapa ett ärende]({municipality.web_url}/issues/new). "
        "Det kräver ett konto på GitHub. Mejl, telefon och post fungerar utan konto.\n"
        f"\nVi svarar inom {_days(municipality.response_days)}.\n"
    )


def render_addresses(process: Process) -> str:
    """How to reach the municipality without GitHub, for the guidance pages."""
    municipality = process.municipality
    return (
        f"- **Mejl:** [{municipality.contact}][kontakt]\n"
        f"- **Telefon:** {_inline(municipality.phone)}\n"
        f"- **Post:** {_inline(municipality.postal_address)}\n"
        f"- **E-tjänsten för behov:** [{_inline(municipality.etjanst_url)}][e-tjanst]\n"
        f"\nVi svarar inom {_days(municipality.response_days)}.\n"
    )


def render_controller(process: Process) -> str:
    """Who answers for the personal data, and how to reach the dataskyddsombud."""
    municipality = process.municipality
    officer = municipality.data_protection_officer
    return (
        f"- **Personuppgiftsansvarig:** {_inline(municipality.controller)}\n"
        f"- **Dataskyddsombud:** [{officer}][dataskyddsombud]\n"
        f"- **Frågor om behoven:** [{municipality.contact}][kontakt], "
        f"telefon {_inline(municipality.phone)}\n"
    )


def _days(count: int) -> str:
    words = ("", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")
    return f"{words[count] if count < len(words) else count} arbetsdag{'ar' if count > 1 else ''}"


def render_meetings(process: Process) -> str:
    """When the council meets, year by year, and how to reach it: from the process file."""
    council = process.council
    by_year: dict[int, list[str]] = {}
    for day in sorted(council.meetings):
        by_year.setdefault(day.year, []).append(f"{day.day} {MONTHS[day.month - 1]}")
    if not by_year:
        lines = [f"{_inline(council.name)} har inga mötesdagar inskrivna ännu."]
    else:
        lines = [f"{_inline(council.name)} möts de här dagarna:", ""]
        lines += [f"- **{year}:** {', '.join(days)}" for year, days in by_year.items()]
    lines += ["", "Har du frågor om rådet eller ett behov? [Skriv till oss][kontakt]."]
    return "\n".join(lines) + "\n"


def _inline(text: str) -> str:
    return " ".join(text.replace("*", "\\*").replace("_", "\\_").split())


def _scalar(value: str) -> str:
    """A YAML scalar for the value: plain when it reads back the same, else double-quoted."""
    try:
        if load_yaml(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def mkdocs_settings(process: Process) -> dict[str, str]:
    """The top-level settings of mkdocs.yml that come from the municipality."""
    municipality = process.municipality
    return {
        "site_description": f"Så går ett behov från idé till nytta i {municipality.name}.",
        "site_author": municipality.name,
        "site_url": municipality.site_url,
        "repo_url": municipality.web_url,
        "repo_name": municipality.repository,
        "copyright": f"{municipality.name}. Texten får återanvändas fritt.",
    }


def render_mkdocs(process: Process, current: str) -> str:
    """mkdocs.yml with the municipality's settings in place; everything else kept as written."""
    text = current
    for key, value in mkdocs_settings(process).items():
        line = f"{key}: {_scalar(value)}"
        pattern = re.compile(rf"^{key}:.*$", re.MULTILINE)
        text, found = pattern.subn(line.replace("\\", "\\\\"), text, count=1)
        if not found:
            text = text.rstrip("\n") + f"\n{line}\n"
    return text


def hard_coded_links(text: str) -> list[int]:
    """Line numbers of a written page that spell out a mail or issue address themselves."""
    return [n for n, line in enumerate(text.split("\n"), 1) if _HARD_CODED.search(line)]
