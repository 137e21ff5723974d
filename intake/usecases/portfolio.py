"""The portfolio use case: read every need of every repository, then build pages and exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from intake.domain.issue import Issue
from intake.domain.portfolio import Portfolio, build_portfolio
from intake.domain.stages import day
from intake.model.process import Process
from intake.render.agenda import MEETINGS, meeting_csv, render_agenda
from intake.render.benefits import render_benefit_page
from intake.render.export import render_csv, render_json, render_schema
from intake.render.portfolio import GROUP_DIR, NEED_DIR, redirects, render_pages

# Folders below the portfolio folder that the portfolio owns whole: files no longer made go.
OWNED = (NEED_DIR, GROUP_DIR, MEETINGS)


class IssueSource(Protocol):
    """Where the needs come from: the GitHub gateway, or a snapshot read beforehand."""

    def needs_with_history(self, repository: str) -> list[Issue]:
        """Every issue of the repository, open and closed, with its label history."""
        ...


def read_needs(source: IssueSource, repositories: Sequence[str]) -> list[Issue]:
    """The issues of every repository; the source fails whole when one cannot be read."""
    return [issue for repository in repositories for issue in source.needs_with_history(repository)]


def latest_update(issues: Sequence[Issue]) -> date | None:
    """The day of the latest change among the issues."""
    return max((day(i.updated_at) for i in issues), default=None)


def portfolio_files(process: Process, portfolio: Portfolio) -> dict[str, bytes]:
    """Path below the portfolio folder → bytes of every page, redirect and export."""
    pages = {
        **render_pages(process, portfolio),
        **redirects(process, portfolio),
        **render_agenda(process, portfolio),
        **render_benefit_page(process, portfolio),
    }
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    for meeting in process.council.meetings:
        if meeting <= portfolio.updated:
            files[f"{MEETINGS}/{meeting.isoformat()}/beslut.csv"] = meeting_csv(
                process, portfolio, meeting
            )
    files["portfolio.json"] = render_json(portfolio).encode("utf-8")
    files["portfolio.schema.json"] = render_schema(process).encode("utf-8")
    files["portfolio.csv"] = render_csv(process, portfolio)
    return dict(sorted(files.items()))


def make_portfolio(
    process: Process, issues: Sequence[Issue], updated: date | None, today: date
) -> tuple[Portfolio, dict[str, bytes]]:
    """The portfolio and its files; ages count to `updated`, else the latest change, else today."""
    until = updated or latest_update(issues) or today
    portfolio = build_portfolio(process, issues, until)
    return portfolio, portfolio_files(process, portfolio)
