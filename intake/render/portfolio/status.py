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
    "Konflikt",
]


def status_row(
    process: Process, reference: str, issue: Issue, conflict: list[int] | None = None
) -> list[str]:
    """One need's line: its issue, stage, state and the decision that counts, with its why,
    and the issues people filed naming the same reference (they are not the channel's need)."""
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
        _conflict(conflict or []),
    ]


def _conflict(numbers: list[int]) -> str:
    if not numbers:
        return ""
    listed = ", ".join(f"#{n}" for n in numbers)
    return f"Samma referens i {listed}, anmält av någon annan: inte kanalens behov"


def render_status(
    process: Process, filed: list[FiledNeed], conflicts: list[FiledNeed] | None = None
) -> bytes:
    """Every need filed from the channel, by issue number: UTF-8 with BOM, `;`, CRLF. An issue a
    person filed naming a reference is named in that need's row, or in a row of its own when
    the channel's need is not filed yet."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(STATUS_HEADER)
    clashes: dict[str, list[int]] = {}
    for clash in conflicts or []:
        clashes.setdefault(clash.reference.casefold(), []).append(clash.issue.number)
    for need in sorted(filed, key=lambda n: n.issue.number):
        row = status_row(
            process, need.reference, need.issue, clashes.pop(need.reference.casefold(), [])
        )
        writer.writerow([neutralise(cell) for cell in row])
    for clash in conflicts or []:
        numbers = clashes.pop(clash.reference.casefold(), None)
        if numbers:
            row = [clash.reference, "", "", "", "", "", "", "", _conflict(numbers)]
            writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
