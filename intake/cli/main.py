"""The `intake` command: every step the workflows run, runnable by a person too.

This is the only place that reads the environment and the clock. It builds a `Context` once and
hands it, with the process, to the subcommand; every mistake a person can make ends here as one
line and an exit status (see EXIT_STATUSES), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from intake.adapters.files import InputError
from intake.adapters.settings import ConfigError, Pacing
from intake.cli.archive_args import add_parser as add_archive_parser
from intake.cli.import_args import add_parser as add_import_parser
from intake.cli.output import GITHUB_FAILED, UNUSABLE, Console
from intake.cli.portfolio_pages_args import add_parser as add_portfolio_pages_parser
from intake.domain.need.forms import FormError
from intake.model.load import BUNDLED_PROCESS, PROCESS_FILE, ProcessError, load_process
from intake.model.process import Process
from intake.usecases.gateway import GitHubError, RateLimitError

if TYPE_CHECKING:
    from intake.adapters.transport import Clock
    from intake.usecases.archive import AttachmentFetcher

EXIT_STATUSES = """exit status:
  0  done, nothing wrong
  1  problems found (an incomplete need, a drifted file, a page with errors, an imported
     row refused or changed since it was filed, an archive that differs from GitHub)
  2  unusable input or usage (a missing or broken file, a wrong option, missing settings,
     an export file in the wrong encoding, empty or without a mapped column, a built site
     without the portfolio's placeholder page)
  3  GitHub could not be reached or answered wrongly, also after retries, or its hourly
     limit is spent (the line says when it answers again); the next run finishes the rest"""

# subcommand → "module:function"; each function takes (args, process, context) and returns an
# exit status. Imported lazily so that `intake parse` does not pay for PyGithub.
HANDLERS: dict[str, str] = {
    "parse": "intake.cli.local:run_parse",
    "validate": "intake.cli.local:run_validate",
    "generate": "intake.cli.local:run_generate",
    "check": "intake.cli.local:run_check",
    "docs": "intake.cli.local:run_docs_check",
    "handle": "intake.cli.bot:run_handle",
    "labels": "intake.cli.bot:run_labels_sync",
    "reconcile": "intake.cli.bot:run_reconcile",
    "portfolio": "intake.cli.portfolio:run_portfolio",
    "portfolio-pages": "intake.cli.portfolio_pages:run_portfolio_pages",
    "import": "intake.cli.importing:run_import",
    "archive": "intake.cli.archive:run_archive",
}


@dataclass(frozen=True)
class Context:
    """What the outside world gave this run: the environment, today's date, where to print."""

    root: Path
    env: Mapping[str, str]
    today: date
    console: Console
    pacing: Pacing | None = None  # how the gateway talks to GitHub; None: production pacing
    clock: Clock | None = None  # where the gateway's pauses go; None: the real clock
    attachments: AttachmentFetcher | None = None  # downloads attached files; None: from GitHub


Handler = Callable[[argparse.Namespace, Process, Context], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `intake` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="intake",
        description="Need intake, validation, labels, site checks and portfolio for the "
        "digitalisation process.",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--process",
        type=Path,
        default=None,
        help=f"the process file (default: {PROCESS_FILE} below --root)",
    )
    parser.add_argument(
        "--root", type=Path, default=Path(), help="repository root (default: current directory)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse an issue body against an issue form; print JSON")
    p.add_argument("--template", type=Path, required=True, help="the issue form YAML")
    p.add_argument("body", nargs="?", default="-", help="file with the body, or - for stdin")

    p = sub.add_parser("validate", help="validate an issue body, or every issue of a snapshot")
    p.add_argument("--form", default=None, help="form id (default: the form that wrote the body)")
    p.add_argument("--snapshot", type=Path, help="JSON array of REST issue objects")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.add_argument("body", nargs="?", default="-", help="file with the body, or - for stdin")

    sub.add_parser(
        "reconcile",
        help="settle the stage of every open need, as `handle` does for one (run nightly)",
        description="Reads GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN, GITHUB_REF_NAME.",
    )
    sub.add_parser(
        "handle",
        help="validate the issue of the current GitHub event, comment and label it, and settle "
        "its stage",
        description="Reads GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, GITHUB_REPOSITORY, "
        "GITHUB_API_URL, GITHUB_TOKEN and writes GITHUB_STEP_SUMMARY.",
    )

    p = sub.add_parser("labels", help="manage the repository's labels")
    labels = p.add_subparsers(dest="labels_command", required=True, metavar="ACTION")
    s = labels.add_parser("sync", help="create and update labels from the process file")
    s.add_argument("--dry-run", action="store_true", help="print what would change")
    s.add_argument(
        "--repository",
        action="append",
        metavar="OWNER/NAME",
        help="sync this repository instead of GITHUB_REPOSITORY (repeatable; the token must "
        "be allowed to write its labels)",
    )
    s.add_argument(
        "--all", action="store_true", help="sync every repository the process file names"
    )

    sub.add_parser("generate", help="write every file generated from the process file")
    sub.add_parser("check", help="fail when a generated file has drifted from the process file")

    p = sub.add_parser("docs", help="check the site's pages")
    docs = p.add_subparsers(dest="docs_command", required=True, metavar="ACTION")
    d = docs.add_parser("check", help="front matter, review dates, LIX, glossary and links")
    d.add_argument("--lix", action="store_true", help="also print LIX and words per page")
    d.add_argument(
        "--sources",
        type=Path,
        help="folder of source texts (*.txt): fail on a run of 8 words a page shares with one",
    )

    add_import_parser(sub)
    add_archive_parser(sub)

    p = sub.add_parser("portfolio", help="generate the portfolio pages and exports")
    p.add_argument(
        "--snapshot",
        type=Path,
        action="append",
        help="read issues from this JSON file, not GitHub; repeat it for several repositories",
    )
    p.add_argument(
        "--archive",
        type=Path,
        metavar="DIR",
        help="read issues from the archive (intake archive), not GitHub",
    )
    p.add_argument("--out", type=Path, default=Path("docs/portfolj"), help="output folder")
    p.add_argument("--date", help="the 'updated' date (YYYY-MM-DD; default: from the data)")
    add_portfolio_pages_parser(sub)
    return parser


def process_path(args: argparse.Namespace) -> Path:
    """The process file: as given, else the one below --root, else the bundled one."""
    if args.process is not None:
        return Path(args.process)
    local = Path(args.root) / PROCESS_FILE
    return local if local.exists() else BUNDLED_PROCESS


def _handler(command: str) -> Handler:
    module, _, name = HANDLERS[command].partition(":")
    function: Handler = getattr(importlib.import_module(module), name)
    return function


def main(
    argv: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    pacing: Pacing | None = None,
    clock: Clock | None = None,
    attachments: AttachmentFetcher | None = None,
) -> int:
    """Run the `intake` command (`env`: the environment; `pacing` and `clock`: the gateway's,
    `attachments`: what downloads attached files, for benchmarks and tests against a local
    fake)."""
    environment = os.environ if env is None else env
    console = Console(actions=environment.get("GITHUB_ACTIONS") == "true")
    args = build_parser().parse_args(argv)
    context = Context(
        root=Path(args.root),
        env=environment,
        today=date.today(),
        console=console,
        pacing=pacing,
        clock=clock,
        attachments=attachments,
    )

    try:
        process = load_process(process_path(args))
        return _handler(args.command)(args, process, context)
    except ProcessError as error:
        first, *rest = str(error).split("\n")
        console.fail(first)
        for line in rest:
            print(line, file=sys.stderr)
        return UNUSABLE
    except (InputError, ConfigError, FormError) as error:
        console.fail(str(error))
        return UNUSABLE
    except RateLimitError as error:
        console.fail(_limit_line(error))
        return GITHUB_FAILED
    except GitHubError as error:
        console.fail(f"GitHub svarade inte som väntat, inget skrevs: {error}")
        return GITHUB_FAILED


def _limit_line(error: RateLimitError) -> str:
    """When GitHub takes requests again, in one Swedish line."""
    when = (
        f"kl. {error.reset:%H.%M} UTC den {error.reset:%Y-%m-%d}"
        if error.reset
        else "inom en timme"
    )
    return (
        f"GitHubs gräns för anrop den här timmen är nådd. GitHub svarar igen {when}; "
        "kör då igen, så gör körningen klart det som återstår"
    )


if __name__ == "__main__":
    sys.exit(main())
