"""`intake portfolio`: read every need, then write the portfolio's pages and exports."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from intake.adapters.files import InputError, write_tree
from intake.adapters.prerequisites import prerequisites_path, require_prerequisites
from intake.adapters.settings import READING, settings_from_env
from intake.adapters.snapshot import read_snapshots
from intake.cli.output import OK
from intake.domain.lifecycle.issue import Issue
from intake.model.process import Process
from intake.usecases.portfolio import OWNED, make_portfolio, read_needs

if TYPE_CHECKING:
    from intake.cli.main import Context


def run_portfolio(args: argparse.Namespace, process: Process, context: Context) -> int:
    """Read the needs (GitHub, or --snapshot), build the portfolio and write it to --out."""
    updated: date | None = None
    if args.date:
        try:
            updated = date.fromisoformat(args.date)
        except ValueError as error:
            raise InputError(
                f"--date {args.date!r} är inget datum; skriv till exempel 2026-11-20"
            ) from error
    from intake.cli.main import process_path  # main imports this module when the command runs

    prerequisites = require_prerequisites(prerequisites_path(process_path(args)))
    requests: int | None = None
    issues: list[Issue]
    if args.snapshot:
        issues = read_snapshots(args.snapshot, process.municipality.repository)
    else:
        from intake.adapters.reading import PortfolioReader  # PyGithub loads only when read

        settings = settings_from_env(context.env)
        gateway = PortfolioReader(settings, context.pacing or READING, context.clock)
        # The gateway retries within its bounds; what still fails ends the run, nothing written.
        issues = read_needs(gateway, process.portfolio_repositories)
        requests = gateway.requests_made
    portfolio, files = make_portfolio(process, issues, updated, context.today, prerequisites)
    write_tree(args.out, files, OWNED)
    context.console.say(
        f"skrev {len(files)} filer för {len(portfolio.needs)} behov till {args.out}"
    )
    if requests is not None:
        context.console.say(f"{requests} anrop till GitHub")
        summary_path = context.env.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as summary:  # noqa: PTH123
                summary.write(
                    f"### Portföljen\n\n{len(portfolio.needs)} behov, hämtade med {requests} "
                    f"anrop till GitHub. Uppgifterna gäller till och med "
                    f"{portfolio.updated.isoformat()}.\n"
                )
    return OK
