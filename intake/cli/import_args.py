"""The arguments of `intake import`, apart from the command so that `intake --help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path

# Seconds between two filed needs. Each need takes three writes and PyGithub pauses a second after
# each: with this pause about seven needs a minute, far below GitHub's 80 writes a minute.
DEFAULT_PAUSE = 5.0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `import` subcommand's arguments."""
    p = sub.add_parser(
        "import",
        help="file needs exported from another channel (CSV or JSON) as issues; write a "
        "status file for the channel",
        description="Maps the file's columns to the need form by the process file's `import:` "
        "block and files each new valid row as an issue, answered as the intake workflow "
        "would. CSV: a header row, UTF-8 or Windows-1252, `;` or `,`. A file ending in .json: "
        "a list of objects. Exit status 1 when a row was refused or changed since it was "
        "filed. Reads GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN.",
    )
    p.add_argument("file", nargs="?", type=Path, help="the exported file (omit: status only)")
    p.add_argument("--dry-run", action="store_true", help="file nothing; say what would be filed")
    p.add_argument("--status", type=Path, help="write the status of every filed need here (CSV)")
    p.add_argument(
        "--pause",
        type=float,
        default=DEFAULT_PAUSE,
        help="seconds between two filed needs (default: %(default)s, within GitHub's limits)",
    )
