"""`intake archive`: the nightly archive, thinning by decision and verification."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from intake.adapters.archive_store import ArchiveFolder
from intake.adapters.files import InputError
from intake.adapters.settings import READING, ConfigError, settings_from_env
from intake.cli.output import OK, PROBLEMS
from intake.model.archive import ArchiveDef
from intake.model.process import Process
from intake.render.markup.markdown import escape_markdown
from intake.usecases.archive import archive_night
from intake.usecases.archive_checks import due_now, thin, verify

if TYPE_CHECKING:
    from intake.adapters.reading import ArchiveReader
    from intake.cli.main import Context
    from intake.usecases.archive import AttachmentFetcher


def _settings(process: Process) -> ArchiveDef:
    if process.archive is None:
        raise ConfigError(
            "processfilen har inget block archive: som säger vilket repository arkivet sparas i; "
            "se underhållsguiden"
        )
    return process.archive


def _reader(context: Context) -> ArchiveReader:
    from intake.adapters.reading import ArchiveReader  # PyGithub loads only when read

    return ArchiveReader(settings_from_env(context.env), context.pacing or READING)


def _attachment_reader() -> AttachmentFetcher:
    from intake.adapters.attachments import AttachmentReader

    return AttachmentReader()


def _decided(text: str | None, today: date) -> date:
    if text is None:
        return today
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InputError(
            f"--decided {text!r} är inget datum; skriv till exempel 2026-11-20"
        ) from error


def run_archive(args: argparse.Namespace, process: Process, context: Context) -> int:
    """Archive, list or thin what is due, or verify; see `intake archive --help`."""
    settings = _settings(process)
    if args.target:
        context.console.say(settings.repository)
        return OK
    if args.dir is None:
        raise InputError("ange arkivets mapp, till exempel: intake archive arkiv")
    if args.full and not args.verify:
        raise InputError("--full hör till --verify: skriv intake archive --verify --full MAPP")
    if args.decided is not None and args.thin is None:
        raise InputError("--decided hör till --thin: skriv intake archive --thin DIARIENUMMER")
    if args.due:
        for item in due_now(process, settings, ArchiveFolder(args.dir), context.today):
            context.console.say(
                f"{item.key}: {item.outcome}, stängt {item.closed.isoformat()}, får gallras "
                f"efter {item.years} år"
            )
        return OK
    if args.thin is not None:
        decision = " ".join(args.thin.split())
        if not decision:
            raise InputError("--thin behöver beslutets diarienummer, till exempel KS 2026/123")
        store = ArchiveFolder(args.dir)
        changes = thin(process, settings, store, decision, _decided(args.decided, context.today))
        store.apply(changes)
        for line in changes.lines:
            context.console.say(line)
        return OK
    reader = _reader(context)
    if args.verify:
        lines = verify(
            process, reader, ArchiveFolder(args.dir), full=args.full, night=context.today
        )
        for line in lines:
            context.console.say(line)
        context.console.say(
            f"{len(lines)} skillnader mot GitHub" if lines else "arkivet stämmer med GitHub"
        )
        return PROBLEMS if lines else OK
    store = ArchiveFolder(args.dir, create=True)
    now = datetime.now(UTC)
    fetcher = context.attachments or _attachment_reader()
    changes = archive_night(process, settings, reader, store, context.today, now, fetcher)
    store.apply(changes)
    for line in changes.lines:
        context.console.say(line)
    context.console.say(f"{reader.requests_made} anrop till GitHub")
    summary_path = context.env.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as summary:  # noqa: PTH123
            said = "".join(f"- {escape_markdown(line)}\n" for line in changes.lines)
            summary.write(f"### Arkivet\n\n{said}\n{reader.requests_made} anrop till GitHub.\n")
    return OK
