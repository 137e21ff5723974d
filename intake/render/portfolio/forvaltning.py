"""The portfolio by förvaltning: one page for each repository's needs, and the index's list.

Written only when the process names more than one repository; each page lives at
`forvaltning/<repository name>/index.md`, next to the pages per owner.
"""

from __future__ import annotations

from intake.domain.portfolio.schema import Portfolio
from intake.model.process import Process
from intake.render.markup.markdown import escape
from intake.render.markup.templates import Trusted, render
from intake.render.portfolio.pages import _context, front_matter, repository_folder

FORVALTNING_DIR = "forvaltning"
OWNERS_HEADING = "## Behov per ägare"  # the index page's section the list goes before


def several(process: Process) -> bool:
    """Whether the portfolio spans more than one förvaltning's repository."""
    return len(process.portfolio_repositories) > 1


def forvaltning_pages(process: Process, portfolio: Portfolio) -> dict[str, str]:
    """Path below the portfolio folder → the page of each förvaltning's needs."""
    if not several(process):
        return {}
    pages: dict[str, str] = {}
    for repository in process.portfolio_repositories:
        name = process.forvaltning(repository)
        needs = [n for n in portfolio.needs if n.repository.casefold() == repository.casefold()]
        pages[f"{FORVALTNING_DIR}/{repository_folder(repository)}/index.md"] = render(
            "portfolio_forvaltning.md.j2",
            front_matter=front_matter(
                f"Portföljen: {name}",
                f"Behov som är anmälda hos {name} och var i livscykeln de är.",
                portfolio.updated,
            ),
            name=name,
            back=Trusted("../../index.md"),
            **_context(process, portfolio, needs, "../../"),
        )
    return pages


def forvaltning_list(process: Process, portfolio: Portfolio) -> str:
    """The index page's section: each förvaltning with its number of needs and its page."""
    if not several(process):
        return ""
    rows = []
    for repository in process.portfolio_repositories:
        count = sum(n.repository.casefold() == repository.casefold() for n in portfolio.needs)
        link = f"{FORVALTNING_DIR}/{repository_folder(repository)}/index.md"
        rows.append(f"| [{escape(process.forvaltning(repository))}]({link}) | {count} |")
    return (
        "## Behov per förvaltning\n\nVarje förvaltning tar emot behov i ett eget repository. "
        "Välj en förvaltning för att se bara dess behov.\n\n"
        "| Förvaltning | Antal behov |\n|---|--:|\n" + "\n".join(rows) + "\n"
    )


def with_forvaltning_list(process: Process, portfolio: Portfolio, index: str) -> str:
    """The index page with the list of förvaltningar before its list of owners (else at its end)."""
    section = forvaltning_list(process, portfolio)
    if not section:
        return index
    head, mark, tail = index.partition(OWNERS_HEADING)
    return f"{head}{section}\n{mark}{tail}" if mark else f"{index.rstrip()}\n\n{section}"
