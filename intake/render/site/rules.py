"""Who may move a need where: the rules table, generated from the process file for the site."""

from __future__ import annotations

from intake.model.process import Process
from intake.render.site.process_facts import either

RULES_PATH = "docs/includes/regler.md"
_REQUIRES = {
    "complete": "anmälan är komplett",
    "decision": "beslut",
    "projektagare": "projektägare",
}
_REASONS = {"completed": "klart", "not_planned": "inte planerat"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_rules(process: Process) -> str:
    """Every allowed move as a table row: from, to, who, and what must hold first.

    Four short columns: the table reads on a phone without scrolling sideways.
    """
    roles = {r.id: r.in_text for r in process.roles}
    lines = ["| Från | Till | Vem | Krav |", "| --- | --- | --- | --- |"]
    for source, targets in process.transitions.items():
        for target, move in targets.items():
            who = either([roles[r] for r in move.by])
            needs = either([_REQUIRES[r] for r in move.requires], "och") or "–"
            row = (process.stage(source).name, process.stage(target).name, who, needs)
            lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    outcomes = ", ".join(
        f"{o.name} ({_REASONS[o.close_reason or 'completed']})" for o in process.outcomes
    )
    lines += [
        "",
        f"Ett utfall stänger ärendet: {outcomes}. Alla andra flyttar gör roboten ogjorda och "
        "förklarar varför.",
    ]
    return "\n".join(lines) + "\n"
