"""The way back to the channel: what became of each need it sent, as CSV for Excel in Swedish."""

from __future__ import annotations

import csv
import io

from intake.domain.importing.rows import FiledNeed
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.stages import current_stage
from intake.domain.text.personal import mask_personal_data
from intake.model.process import Process
from intake.render.portfolio.export import neutralise

STATUS_HEADER = [
    "Referens",
    "Ärende",
    "Steg",
    "Ärendet",
    "Beslut",
    "Beslutsdag",
    "Motivering",
    "Länk",
]


def status_row(process: Process, reference: str, issue: Issue) -> list[str]:
    """One need's line: its issue, stage, state and the decision that counts, with its why."""
    record = issue.record
    stage_id = record.stage if record is not None and record.stage else None
    stage = process.stage(stage_id) if stage_id else current_stage(process, issue.labels)
    decision = record.decision if record is not None else None
    public = process.municipality.public_addresses
    motivering = mask_personal_data(decision.motivering, public) if decision else ""
    return [
        reference,
        str(issue.number),
        stage.name if stage else "",
        "öppet" if issue.state == "open" else "stängt",
        process.stage(decision.target).name if decision else "",
        decision.at.date().isoformat() if decision else "",
        " ".join(motivering.split()),
        issue.html_url,
    ]


def render_status(process: Process, filed: list[FiledNeed]) -> bytes:
    """Every need filed from the channel, by issue number: UTF-8 with BOM, `;`, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(STATUS_HEADER)
    for need in sorted(filed, key=lambda n: n.issue.number):
        row = status_row(process, need.reference, need.issue)
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
