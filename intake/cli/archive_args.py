"""The arguments of `intake archive`, apart from the command so that `intake --help` stays quick."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `archive` subcommand's arguments."""
    p = sub.add_parser(
        "archive",
        help="keep every issue, comment, edit and the bot's record in an archive folder; list "
        "and thin what is due; verify the archive against GitHub",
        description="Without an option: archive what changed since the last night (every issue "
        "on the weekly full pass) into DIR: one JSON file (the record) and one Markdown page per "
        "issue, index.json, schema.json and thinning.json. Issues and comments gone from GitHub "
        "stay, marked. Reads GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN and "
        "PORTFOLIO_TOKEN, and the process file's `archive:` block. Exit status 1: --verify "
        "found differences.",
    )
    p.add_argument("dir", nargs="?", type=Path, help="the archive's folder")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--due", action="store_true", help="list the issues the thinning rules make due today"
    )
    what.add_argument(
        "--thin",
        metavar="DECISION",
        help="remove the due issues from the archive's current files by this decision (its "
        "diarienummer) and record it in thinning.json",
    )
    what.add_argument(
        "--verify",
        action="store_true",
        help="compare the archive with GitHub (listing, updatedAt, file hashes, schema); one "
        "line per difference",
    )
    what.add_argument(
        "--target",
        action="store_true",
        help="print the archive repository named in the process file (for the workflow)",
    )
    p.add_argument("--full", action="store_true", help="with --verify: compare contents too")
    p.add_argument(
        "--decided", help="with --thin: the decision's date (YYYY-MM-DD; default: today)"
    )
