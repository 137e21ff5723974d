"""Whether a copy of the repository has been made the municipality's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from intake.model.process import EXAMPLE_REPOSITORY, Process


@dataclass(frozen=True)
class ForkFinding:
    """An error (the copy runs with another repository's people) or a warning (example people)."""

    level: Literal["error", "warning"]
    message: str


def fork_findings(process: Process, running_in: str | None = None) -> list[ForkFinding]:
    """What a copy still takes from the example repository, in Swedish.

    The example logins (`…-exempel`) are accounts anyone could register. They are honoured in the
    example repository, so that anyone can try the flow there. In a repository other than those
    the process file names they are an error; in a process file made for another repository they
    are a warning until the municipality's own people replace them.
    """
    return (
        _example_repositories(process)
        + _example_archive(process)
        + _example_people(process, running_in)
    )


def _example_archive(process: Process) -> list[ForkFinding]:
    """The example's archive repository, still named in another municipality's file."""
    archive = process.archive
    owner = EXAMPLE_REPOSITORY.split("/")[0] + "/"
    named = process.municipality.repository.casefold()
    if archive is None or named == EXAMPLE_REPOSITORY or not archive.repository.startswith(owner):
        return []
    return [
        ForkFinding(
            "warning",
            f"arkivet sparas i exemplets repository {archive.repository}: skriv in ert eget, "
            "privata repository under archive: i intake/process.yml.",
        )
    ]


def _example_repositories(process: Process) -> list[ForkFinding]:
    """The example förvaltningar's repositories, still listed in another municipality's file."""
    named = process.municipality.repository
    owner = EXAMPLE_REPOSITORY.split("/")[0] + "/"
    listed = [
        r.repository for r in process.repositories if r.repository.casefold().startswith(owner)
    ]
    if named.casefold() == EXAMPLE_REPOSITORY or not listed:
        return []
    return [
        ForkFinding(
            "warning",
            f"processfilen nämner exemplets repositoryn {', '.join(listed)} under repositories. "
            "Portföljen kan inte läsa dem: skriv in era egna förvaltningars repositoryn.",
        )
    ]


def _example_people(process: Process, running_in: str | None) -> list[ForkFinding]:
    people = process.example_people()
    if not people:
        return []
    named = process.municipality.repository
    who = ", ".join(people)
    ours = {r.casefold() for r in process.portfolio_repositories}  # each förvaltning's too
    if running_in and running_in.casefold() not in ours:
        return [
            ForkFinding(
                "error",
                f"exempelpersonerna {who} har roller i processfilen, som gäller {named}, men "
                f"koden körs i {running_in}. Skriv in repositoryt och era egna GitHub-konton i "
                "intake/process.yml.",
            )
        ]
    if named.casefold() != EXAMPLE_REPOSITORY:
        return [
            ForkFinding(
                "warning",
                f"exempelpersonerna {who} har fortfarande roller i processfilen. Vem som helst kan "
                "skapa de kontona: skriv in era egna GitHub-konton i intake/process.yml.",
            )
        ]
    return []
