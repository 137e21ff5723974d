"""Registration on the agenda: decided needs that the registrar has not yet given a diarienummer."""

from __future__ import annotations

from collections.abc import Sequence

from intake.domain.portfolio.schema import Need
from intake.model.process import Process
from intake.render.markup.markdown import escape
from intake.render.markup.templates import Trusted
from intake.render.portfolio.pages import html_table, need_label, need_url

UNREGISTERED = "ej registrerat"  # what the agenda says of a decided need without a diarienummer


def unregistered(needs: Sequence[Need]) -> list[Need]:
    """Needs the council decided on that have no diarienummer, the oldest decision first."""
    found = [n for n in needs if n.decisions and not n.diarienummer]
    return sorted(found, key=lambda n: (n.decisions[-1].at, n.id))


def unregistered_table(process: Process, needs: Sequence[Need], up: str) -> Trusted:
    """The needs as a table: number, title, the decision that counts, and "ej registrerat"."""
    heads = ["Nr", "Titel", "Beslut", "Dag", "Diarienummer"]
    rows = [
        [
            f'<a href="{up}{need_url(n)}">{escape(need_label(process, n))}</a>',
            escape(n.title),
            escape(process.stage(n.decisions[-1].target).name),
            n.decisions[-1].at.date().isoformat(),
            UNREGISTERED,
        ]
        for n in needs
    ]
    return html_table(heads, rows, numeric=set())
