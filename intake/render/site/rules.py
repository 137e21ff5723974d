"""Who may move a need where: the rules table, generated from the process file for the site."""

from __future__ import annotations

from intake.model.process import Process
from intake.render.site.process_facts import either

RULES_PATH = "docs/includes/regler.md"
_REQUIRES = {
    "complete": "när anmälan är komplett",
    "decision": "efter rådets beslut",
    "projektagare": "med en projektägare",
}
_REASONS = {"completed": "klart", "not_planned": "inte planerat"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_rules(process: Process) -> str:
    """Every allowed move as a table row: the move, then who may make it and what must hold first.

    Two columns: the table reads on a phone without scrolling or splitting a word.
    """
    roles = {r.id: r.in_text for r in process.roles}
    lines = ["| Flytt | Vem får göra den |", "| --- | --- |"]
    for source, targets in process.transitions.items():
        for target, move in targets.items():
            who = ", ".join([either([roles[r] for r in move.by])] + [_REQUIRES[r] for r in move.requires])
            step = f"{process.stage(source).name} → {process.stage(target).name}"
            lines.append(f"| {_cell(step)} | {_cell(who)} |")
    outcomes = ", ".join(
        f"{o.name} ({_REASONS[o.close_reason or 'completed']})" for o in process.outcomes
    )
    lines += [
        "",
        f"Ett utfall stänger ärendet: {outcomes}. Alla andra flyttar gör roboten ogjorda och "
        "förklarar varför.",
    ]
    return "\n".join(lines) + "\n"
