"""`intake import`: file needs from another channel's export, and write the status file back."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from intake.adapters.files import InputError, read_bytes
from intake.adapters.settings import settings_from_env
from intake.cli.local import printable
from intake.cli.output import OK, PROBLEMS
from intake.domain.importing.rows import missing_columns
from intake.domain.importing.table import Table, TableError, read_table
from intake.model.process import Process
from intake.render.markup.markdown import escape_markdown
from intake.render.portfolio.status import render_status
from intake.usecases.importing import Pace, RowResult, filed_from_channel, import_needs

if TYPE_CHECKING:
    from intake.cli.main import Context

_SAID = {
    "filed": "anmält som #{number}",
    "would_file": "skulle anmälas (provkörning, inget skrevs)",
    "already": "redan anmält som #{number}",
    "changed": "ändrat sedan det anmäldes som #{number}; ändra ärendet för hand om ändringen "
    "ska med",
    "refused": "avvisat: {reason}. Inget av raden fördes över",
    "later": "väntar till nästa körning (högst {most} behov per körning)",
}
_COUNTED = {
    "filed": "anmälda",
    "would_file": "skulle anmälas",
    "already": "redan anmälda",
    "changed": "ändrade",
    "refused": "avvisade",
    "later": "väntar",
}


def _table(path: Path) -> Table:
    try:
        return read_table(read_bytes(path), json_file=path.suffix.lower() == ".json")
    except TableError as error:
        raise InputError(f"{path}: {error}") from error


def _line(result: RowResult, most: int) -> str:
    reference = printable(result.reference) or "utan referens"
    said = _SAID[result.result].format(number=result.number, reason=result.reason, most=most)
    if result.conflict is not None:
        said += (
            f". Konflikt: #{result.conflict} nämner samma referens men anmäldes av någon annan "
            "än importen; det räknas inte som kanalens behov"
        )
    return f"rad {result.row} ({reference}): {said}"


def run_import(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake import [FILE] [--dry-run] [--status OUT]`."""
    spec = process.channel_import
    if spec is None:
        raise InputError("processfilen har inget block `import:`; se docs/underhall.md")
    if args.file is None and args.status is None:
        raise InputError("ange en fil att läsa, eller --status FIL, eller båda")
    if args.pause < 0:
        raise InputError("--pause kan inte vara mindre än 0")
    table = _table(args.file) if args.file is not None else None
    if table is not None:
        missing = missing_columns(spec, table)
        if missing:
            names = ", ".join(repr(c) for c in missing)
            raise InputError(f"{args.file}: kolumnen {names} saknas i rubrikraden")
    settings = settings_from_env(context.env)
    from intake.adapters.github import GitHub  # PyGithub loads only for the commands that talk

    gh = GitHub(settings, context.pacing, context.clock)
    console = context.console
    results: list[RowResult] = []
    pace = Pace(seconds_between_needs=args.pause)
    if table is not None:
        results = import_needs(
            gh,
            process,
            table,
            dry_run=args.dry_run,
            pace=pace,
            sleep=time.sleep,
        )
        for result in results:
            line = _line(result, pace.most_per_run)
            if result.result in ("refused", "changed") or result.conflict is not None:
                console.annotate("warning", line, file=str(args.file))
            else:
                console.say(line)
        counts: Counter[str] = Counter(r.result for r in results)
        parts = [f"{counts[k]} {word}" for k, word in _COUNTED.items() if counts[k]]
        console.say(f"{len(results)} rader: {', '.join(parts)}")
    if args.status is not None and not args.dry_run:
        filed, clashes = filed_from_channel(gh, process)
        _write(args.status, render_status(process, filed, clashes))
        console.say(f"skrev {args.status} med {len(filed)} behov")
        for clash in clashes:
            console.annotate(
                "warning",
                f"#{clash.issue.number} nämner referensen {printable(clash.reference)} men "
                "anmäldes av någon annan än importen: konflikt",
            )
    gh.remove_own_duplicates()
    console.say(f"{gh.requests_made} anrop till GitHub")
    _summary(settings.step_summary, results, pace.most_per_run)
    problems = any(r.result in ("refused", "changed") or r.conflict for r in results)
    return PROBLEMS if problems else OK


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InputError(f"{path}: filen kan inte skrivas ({error.strerror})") from error


def _summary(path: Path | None, results: list[RowResult], most: int) -> None:
    if path is None or not results:
        return
    lines = ["## Behov från en annan kanal", ""]
    lines += [f"- {escape_markdown(_line(r, most))}" for r in results]
    with path.open("a", encoding="utf-8") as summary:
        summary.write("\n".join([*lines, ""]) + "\n")
