"""Renaming a stage or outcome in a running installation: what must not be stranded.

Open needs carry a stage's label and the bot's records hold its id. A stage or outcome that the
last generated list of ids (intake/ids.yml) names must still exist, or one must name it in
`renamed_from:` (the bot then reads old records and `intake labels sync` renames the label).
"""

from __future__ import annotations

import yaml

from intake.model.base import Location
from intake.model.process import Process


def parse_ids(text: str) -> dict[str, str]:
    """The id → label pairs of a list of ids; empty when the text holds none."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()}


def stranded(process: Process, previous: dict[str, str]) -> list[tuple[Location, str]]:
    """Every stage or outcome of `previous` that the process would strand, and what to write."""
    problems: list[tuple[Location, str]] = []
    by_id = {s.id: s for s in process.all_stages}
    for old_id, old_label in previous.items():
        stage = by_id.get(old_id)
        heir = next(
            (
                s
                for s in process.all_stages
                if s.renamed_from and s.renamed_from.id == old_id and s.id != old_id
            ),
            stage,
        )
        kept_label = heir is not None and (
            heir.label.casefold() == old_label.casefold()
            or (heir.renamed_from is not None and heir.renamed_from.label == old_label)
        )
        if heir is not None and kept_label:
            continue
        where: Location = ("stages", heir.id) if heir is not None else ("stages",)
        hint = f'renamed_from: {{id: {old_id}, label: "{old_label}"}}'
        problems.append(
            (
                where,
                f"{old_id!r} med etiketten {old_label!r} finns inte längre: öppna behov kan "
                f"bära den. Skriv {hint} på steget eller utfallet som ersätter det, eller ta "
                "tillbaka det",
            )
        )
    return problems
