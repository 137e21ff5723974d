"""Who may move a need where: the rules table, generated from the process file for the site."""

from __future__ import annotations

from intake.model.process import Process

RULES_PATH = "docs/includes/regler.md"
_REQUIRES = {"complete": "Anmälan är komplett"}
_REASONS = {"completed": "klart", "not_planned": "inte planerat"}


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " eller " + words[-1]


def render_rules(process: Process) -> str:
    """A Markdown table of every allowed move, who may make it and what it requires."""
    roles = {r.id: r.name for r in process.roles}
    lines = ["| Från | Till | Vem får flytta | Villkor |", "| --- | --- | --- | --- |"]
    for source, targets in process.transitions.items():
        for target, move in targets.items():
            who = _either([roles[r] for r in move.by])
            needs = ", ".join(_REQUIRES[r] for r in move.requires) or "–"
            lines.append(
                f"| {process.stage(source).name} | {process.stage(target).name} | {who} | {needs} |"
            )
    outcomes = ", ".join(
        f"{o.name} ({_REASONS[o.close_reason or 'completed']})" for o in process.outcomes
    )
    lines += [
        "",
        f"Ett utfall stänger ärendet: {outcomes}. Alla andra flyttar gör roboten ogjorda och "
        "förklarar varför.",
    ]
    return "\n".join(lines) + "\n"
