"""The portfolio as data: JSON with a published JSON Schema, and CSV that Excel opens in Swedish."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from intake.domain.portfolio.build import NO_STAGE_NAME, display
from intake.domain.portfolio.publishing import answers_published
from intake.domain.portfolio.schema import Need, Portfolio
from intake.model.process import Process
from intake.render.portfolio.benefit_block import BENEFIT_CSV_HEADS, benefit_csv_cells

SCHEMA_NAME = "portfolio.schema.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A spreadsheet runs a cell starting with one of these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def render_json(portfolio: Portfolio) -> str:
    """The portfolio as JSON, keys in model order, UTF-8 text, `$schema` first."""
    # pydantic serialises in Rust, seven times faster than model_dump and json.dumps; the same
    # text, except that a number that is no number (NaN) becomes null, as JSON requires.
    body = portfolio.model_dump_json(indent=2, by_alias=True)
    return "{\n" + f'  "$schema": {json.dumps(SCHEMA_NAME)},\n' + body.removeprefix("{\n") + "\n"


def render_schema(process: Process) -> str:
    """The JSON Schema of portfolio.json, generated from the model."""
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{process.municipality.site_url}portfolj/{SCHEMA_NAME}",
        **Portfolio.model_json_schema(mode="serialization"),
    }
    schema["properties"] = {"$schema": {"type": "string"}, **schema["properties"]}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _columns(process: Process) -> list[str]:
    portfolio = process.portfolio
    if not answers_published(process):
        return []
    wanted = [portfolio.group_by, *portfolio.columns, *portfolio.export]
    return list(dict.fromkeys(wanted))


def _row(process: Process, need: Need) -> list[str]:
    stage = process.stage(need.stage).name if need.stage else NO_STAGE_NAME
    statuses = [s.label for s in process.statuses if s.id in need.statuses]
    return [
        need.repository,
        str(need.number),
        need.title,
        stage,
        need.entered.isoformat(),
        str(need.days_in_stage),
        ", ".join(statuses),
        "öppet" if need.state == "open" else "stängt",
        need.created.isoformat(),
        *[" ".join(display(need.answers.get(c)).split()) for c in _columns(process)],
        *_decision(process, need),
        need.projektagare or "",
        need.projektledare or "",
        "" if need.score is None else str(need.score),
        need.url,
        need.forvaltning,  # schema version 3
        need.diarienummer or "",
        *_stage_days(process, need),
        *benefit_csv_cells(process, need),
    ]


def _stage_days(process: Process, need: Need) -> list[str]:
    """Flow measures (schema 3): whole days in each stage the need left, empty for the others."""
    return [str(need.stage_days[s.id]) if s.id in need.stage_days else "" for s in process.stages]


def _decision(process: Process, need: Need) -> list[str]:
    """The decision that counts (the last one): what, when, and why, on one line."""
    if not need.decisions:
        return ["", "", ""]
    last = need.decisions[-1]
    return [
        process.stage(last.target).name,
        last.at.date().isoformat(),
        " ".join(last.motivering.split()),
    ]


def render_csv(process: Process, portfolio: Portfolio) -> bytes:
    """The needs as CSV for Excel with Swedish settings: UTF-8 with BOM, `;`, CRLF."""
    headings = [process.need_form.field(c).label for c in _columns(process)]
    header = [
        "Repository",
        "Nummer",
        "Titel",
        "Steg",
        "I steget sedan",
        "Dagar i steget",
        "Status",
        "Ärendet",
        "Anmält",
        *headings,
        "Beslut",
        "Beslutsdag",
        "Motivering",
        "Projektägare",
        "Projektledare",
        "Poäng",
        "Länk",
        "Förvaltning",  # schema version 3
        "Diarienummer",
        *[f"Dagar i {s.name} (lämnat)" for s in process.stages],
        *BENEFIT_CSV_HEADS,
    ]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for need in portfolio.needs:
        writer.writerow([neutralise(cell) for cell in _row(process, need)])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
