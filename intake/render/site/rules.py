"""Who may move a need where: the rules table, generated from the process file for the site."""

from __future__ import annotations

from intake.model.process import Process

RULES_PATH = "docs/includes/regler.md"
_REQUIRES = {
    "complete": "när anmälan är komplett",
    "decision": "efter ett beslut",
    "projektagare": "med en projektägare",
}
_REASONS = {"completed": "klart", "not_planned": "inte planerat"}


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " eller " + words[-1]


def render_rules(process: Process) -> str:
    """Every allowed move as a list by the stage it starts from: where to, who, and what first.

    A list, not a table: it reads on a phone without scrolling sideways.
    """
    roles = {r.id: r.in_text for r in process.roles}
    lines = []
    for source, targets in process.transitions.items():
        parts = []
        for target, move in targets.items():
            who = _either([roles[r] for r in move.by])
            needs = "".join(f", {_REQUIRES[r]}" for r in move.requires)
            parts.append(f"{process.stage(target).name} ({who}{needs})")
        lines.append(f"- **Från {process.stage(source).name}** till {_either(parts)}.")
    outcomes = ", ".join(
        f"{o.name} ({_REASONS[o.close_reason or 'completed']})" for o in process.outcomes
    )
    lines += [
        "",
        f"Ett utfall stänger ärendet: {outcomes}. Alla andra flyttar gör roboten ogjorda och "
        "förklarar varför.",
    ]
    return "\n".join(lines) + "\n"
