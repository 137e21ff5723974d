"""The portfolio use case: read every need of every repository, then build pages and exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.stages import day
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.publishing import published
from intake.domain.portfolio.schema import Portfolio
from intake.domain.portfolio.yearindex import PrerequisiteYear
from intake.domain.similar.index import build_index
from intake.domain.similar.suggest import neighbours
from intake.model.process import Process
from intake.render.portfolio.agenda import MEETINGS, meeting_csv, render_agenda
from intake.render.portfolio.benefits import render_benefit_page
from intake.render.portfolio.calendar import CALENDAR, render_calendar
from intake.render.portfolio.export import render_csv, render_json, render_schema
from intake.render.portfolio.feeds import render_feeds
from intake.render.portfolio.flow import FLOW_DIR, render_flow
from intake.render.portfolio.forvaltning import (
    FORVALTNING_DIR,
    forvaltning_pages,
    with_forvaltning_list,
)
from intake.render.portfolio.late_tables import LATE_TABLES, dump_tables, set_aside_tables
from intake.render.portfolio.need_page import (
    NEED_PAGES,
    dump_need_pages,
    placeholder_path,
    render_need_pages,
    render_placeholder,
)
from intake.render.portfolio.pages import FEED_DIR, GROUP_DIR, NEED_DIR, render_pages
from intake.render.portfolio.similar import SIMILAR_FILE, likely_duplicates, render_similar_index
from intake.render.portfolio.yearindex import INDEX_DIR, render_index
from intake.usecases.gateway import GitHubError, RateLimitError, RepositoryHiddenError

# Folders below the portfolio folder that the portfolio owns whole: files no longer made go.
OWNED = (NEED_DIR, GROUP_DIR, MEETINGS, FORVALTNING_DIR, FLOW_DIR, INDEX_DIR, FEED_DIR)


class IssueSource(Protocol):
    """Where the needs come from: the GitHub gateway, or a snapshot read beforehand."""

    def needs_with_history(self, repository: str) -> list[Issue]:
        """Every issue of the repository, open and closed, with its label history."""
        ...


def read_needs(source: IssueSource, repositories: Sequence[str]) -> list[Issue]:
    """The issues of every repository; fails whole, naming it, when one cannot be read."""
    issues: list[Issue] = []
    for repository in repositories:
        try:
            issues += source.needs_with_history(repository)
        except RepositoryHiddenError as error:
            raise RepositoryHiddenError(
                f"repositoryt {repository} gick inte att läsa: det finns inte, eller så får "
                "nyckeln inte läsa det (se PORTFOLIO_TOKEN i underhållsguiden)"
            ) from error
        except RateLimitError:
            raise  # no repository is to blame: the run says when GitHub answers again
        except GitHubError as error:
            raise GitHubError(f"repositoryt {repository} gick inte att läsa: {error}") from error
    return issues


def latest_update(issues: Sequence[Issue]) -> date | None:
    """The day of the latest change among the issues."""
    return max((day(i.updated_at) for i in issues), default=None)


def portfolio_files(
    process: Process, portfolio: Portfolio, prerequisites: Sequence[PrerequisiteYear] = ()
) -> dict[str, bytes]:
    """Path below the portfolio folder → bytes of every page, redirect and export.

    The needs' pages go to `NEED_PAGES` (not published) beside one placeholder page that the
    site's build turns into their shell, and long tables to `LATE_TABLES`; `intake
    portfolio-pages` puts both into the built site.
    """
    index = build_index(process, portfolio)  # the portfolio is the published one
    alike = neighbours(process, index)
    pages = {
        **render_pages(process, portfolio),
        placeholder_path(process): render_placeholder(portfolio.updated),
        **render_agenda(
            process, portfolio, likely_duplicates(process, portfolio.needs, alike, "../")
        ),
        **forvaltning_pages(process, portfolio),
        **render_flow(process, portfolio),
        **render_index(process, portfolio, prerequisites),
        **render_benefit_page(process, portfolio),
    }
    pages["index.md"] = with_forvaltning_list(process, portfolio, pages["index.md"])
    pages, tables = set_aside_tables(pages)  # long tables go into the built pages afterwards
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files[LATE_TABLES] = dump_tables(tables).encode("utf-8")
    for meeting in process.council.meetings:
        if meeting <= portfolio.updated:
            files[f"{MEETINGS}/{meeting.isoformat()}/beslut.csv"] = meeting_csv(
                process, portfolio, meeting
            )
    files[NEED_PAGES] = dump_need_pages(render_need_pages(process, portfolio, alike)).encode()
    files["portfolio.json"] = render_json(portfolio).encode("utf-8")
    files[SIMILAR_FILE] = render_similar_index(index).encode("utf-8")
    files.update(render_feeds(process, portfolio))
    files[CALENDAR] = render_calendar(process, portfolio.updated)
    files["portfolio.schema.json"] = render_schema(process).encode("utf-8")
    files["portfolio.csv"] = render_csv(process, portfolio)
    return dict(sorted(files.items()))


def make_portfolio(
    process: Process,
    issues: Sequence[Issue],
    updated: date | None,
    today: date,
    prerequisites: Sequence[PrerequisiteYear] = (),
) -> tuple[Portfolio, dict[str, bytes]]:
    """The portfolio and its files; ages count to `updated`, else the latest change, else today.

    `prerequisites`: the index's Förutsättningar per year, from the municipality's file.
    """
    until = updated or latest_update(issues) or today
    # The one point where the publishing setting acts: nothing renders the unstripped portfolio.
    portfolio = published(process, build_portfolio(process, issues, until))
    return portfolio, portfolio_files(process, portfolio, prerequisites)
