"""The `intake` command: every step the workflows run, runnable by a person too.

Configuration is read here, once: the process file, the environment. Each subcommand hands typed
objects to the module that owns the work.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from intake.model.process import DEFAULT_PROCESS, Process, ProcessError, load_process

# subcommand → "module:function"; each function takes (args, process) and returns an exit code.
# Imported lazily so that `intake parse` does not pay for PyGithub or MkDocs.
HANDLERS: dict[str, str] = {
    "parse": "intake.cli.main:run_parse",
    "generate": "intake.cli.main:run_generate",
    "check": "intake.cli.main:run_check",
    "validate": "intake.domain.validate:command",
    "handle": "intake.usecases.intake:command",
    "labels": "intake.usecases.intake:labels_command",
    "docs": "intake.usecases.docs_check:command",
    "portfolio": "intake.domain.portfolio:command",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `intake` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="intake",
        description="Need intake, validation, labels, site checks and portfolio for the "
        "digitalisation process.",
    )
    parser.add_argument(
        "--process",
        type=Path,
        default=DEFAULT_PROCESS,
        help="the process file (default: intake/process.yml)",
    )
    parser.add_argument(
        "--root", type=Path, default=Path(), help="repository root (default: current directory)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse an issue body against an issue form; print JSON")
    p.add_argument("--template", type=Path, required=True, help="the issue form YAML")
    p.add_argument("body", nargs="?", default="-", help="file with the body, or - for stdin")

    p = sub.add_parser("validate", help="validate a need body, or every issue of a snapshot")
    p.add_argument("--form", default=None, help="form id (default: the need form)")
    p.add_argument("--snapshot", type=Path, help="JSON array of REST issue objects")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.add_argument("body", nargs="?", default="-", help="file with the body, or - for stdin")

    sub.add_parser(
        "handle",
        help="validate the issue of the current GitHub event; comment and label it",
        description="Reads GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, GITHUB_REPOSITORY, "
        "GITHUB_API_URL, GITHUB_TOKEN and writes GITHUB_STEP_SUMMARY.",
    )

    p = sub.add_parser("labels", help="manage the repository's labels")
    labels = p.add_subparsers(dest="labels_command", required=True, metavar="ACTION")
    s = labels.add_parser("sync", help="create and update labels from the process file")
    s.add_argument("--dry-run", action="store_true", help="print what would change")

    sub.add_parser("generate", help="write every file generated from the process file")
    sub.add_parser("check", help="fail when a generated file has drifted from the process file")

    p = sub.add_parser("docs", help="check the site's pages")
    docs = p.add_subparsers(dest="docs_command", required=True, metavar="ACTION")
    docs.add_parser("check", help="front matter, review dates and LIX of every page")

    p = sub.add_parser("portfolio", help="generate the portfolio pages and exports")
    p.add_argument("--snapshot", type=Path, help="read issues from this JSON file, not GitHub")
    p.add_argument("--out", type=Path, default=Path("docs/portfolj"), help="output folder")
    p.add_argument("--date", help="the 'updated' date (YYYY-MM-DD; default: from the data)")
    return parser


def run_parse(args: argparse.Namespace, process: Process) -> int:
    """Print the parse result of a body as JSON."""
    from intake.domain.forms import read_issue_form
    from intake.domain.parse import parse

    form = read_issue_form(args.template.read_text(encoding="utf-8"))
    result = parse(form, _read_body(args.body))
    print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return 0


def run_generate(args: argparse.Namespace, process: Process) -> int:
    """Write the generated files."""
    from intake.render.generate import generated_files, write_files

    changed = write_files(args.root, generated_files(process))
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("everything generated is up to date")
    return 0


def run_check(args: argparse.Namespace, process: Process) -> int:
    """Fail when a generated file differs from what the process file gives."""
    from intake.render.generate import drifted, generated_files

    stale = drifted(args.root, generated_files(process))
    for path in stale:
        print(f"::error file={path}::{path} has drifted from {args.process}; run `intake generate`")
    if stale:
        return 1
    print(f"all generated files match {args.process}")
    return 0


def _read_body(source: str) -> str:
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8")
    return Path(source).read_bytes().decode("utf-8")


def _handler(command: str) -> Callable[[argparse.Namespace, Process], int]:
    module, _, name = HANDLERS[command].partition(":")
    function: Callable[[argparse.Namespace, Process], int] = getattr(
        importlib.import_module(module), name
    )
    return function


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `intake` command."""
    args = build_parser().parse_args(argv)
    try:
        process = load_process(args.process)
    except (ProcessError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return _handler(args.command)(args, process)


if __name__ == "__main__":
    sys.exit(main())
