"""The site's label page: every label the process defines, grouped, with what it means."""

from __future__ import annotations

from intake.model.process import LabelSpec, Process
from intake.render.site.glossary import GLOSSARY_INCLUDE

LABEL_PAGE_PATH = "docs/etiketter.md"

# label prefix → (group heading, what the group tells), in page order
GROUPS: dict[str, tuple[str, str]] = {
    "steg": ("Steg", "Var i livscykeln behovet är just nu. Ett behov har ett steg i taget."),
    "utfall": ("Utfall", "Hur behovet lämnade livscykeln. Ärendet stängs med en av dessa."),
    "status": ("Status", "Något som behöver göras innan behovet kan gå vidare."),
    "enhet": ("Enhet och objekt", "Vem som äger behovet: en verksamhet eller ett objekt."),
    "objekt": ("Enhet och objekt", "Vem som äger behovet: en verksamhet eller ett objekt."),
    "typ": ("Typ", "Vad det är för slags behov. Sätts från svaret i anmälan."),
    "omfattning": ("Omfattning", "Hur många behovet berör. Sätts från svaret i anmälan."),
    "formulär": ("Formulär", "Vilket formulär som skrev ärendet, när det inte är ett behov."),
}
OTHER = ("Övriga", "Andra etiketter som processen använder.")


def _meanings(process: Process) -> dict[str, str]:
    """Label name → a meaning in plain Swedish, richer than the label's short description."""
    meanings: dict[str, str] = {}
    for stage in [*process.stages, *process.outcomes]:
        meanings[stage.label] = f"{stage.summary} Läs mer om [{stage.name}]({stage.page})."
    for status in process.statuses:
        meanings[status.label] = status.summary
    for unit in process.units:  # the group says whether it is a verksamhet or an objekt
        meanings[unit.label] = f"Ägs av {unit.name}."
    for form in process.forms:
        for field in form.fields:
            if field.choices in (None, "units"):
                continue
            for choice in process.options(field):
                if choice.label:
                    meanings[choice.label] = f"Svaret på frågan ”{field.label}” är ”{choice.name}”."
    return meanings


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_label_page(process: Process) -> str:
    """The Markdown of docs/etiketter.md, grouped by the labels' prefixes, in process order."""
    meanings = _meanings(process)
    grouped: dict[tuple[str, str], list[LabelSpec]] = {}
    for spec in process.labels():
        prefix = spec.name.split(":", 1)[0].strip() if ":" in spec.name else ""
        grouped.setdefault(GROUPS.get(prefix, OTHER), []).append(spec)
    order = [*dict.fromkeys(GROUPS.values()), OTHER]
    lines = [
        "---",
        "title: Etiketter",
        "description: Vad varje etikett på ett behov betyder, från steg och utfall till typ"
        " och omfattning.",
        "ansvarig: Digitaliseringsenheten",
        "genererad: intake/process.yml",
        "---",
        "",
        "<!-- Generated from intake/process.yml by `intake generate`. Do not edit by hand. -->",
        "",
        "# Etiketter",
        "",
        "Varje behov är ett ärende i GitHub. Etiketterna på ärendet visar var behovet är och vad"
        " det gäller. Roboten sätter de flesta av dem. Vem som får flytta ett behov står längst"
        " ned.",
        "",
    ]
    for heading, intro in order:
        specs = grouped.get((heading, intro))
        if not specs:
            continue
        lines += [f"## {heading}", "", intro, "", "| Etikett | Betyder |", "| --- | --- |"]
        lines += [
            f"| `{_cell(spec.name)}` | {_cell(meanings.get(spec.name, spec.description))} |"
            for spec in specs
        ]
        lines.append("")
    lines += [
        "## Vem får flytta vad?",
        "",
        "Ett behov flyttas genom att byta etikett. Roboten släpper bara igenom flyttar som står"
        " här, gjorda av någon med rätt roll. Läs mer i [guiden för rådet och"
        " beredningsgruppen](radet-och-beredningsgruppen.md).",
        "",
        '--8<-- "regler.md"',
        "",
        GLOSSARY_INCLUDE,
        "",
    ]
    return "\n".join(lines)
