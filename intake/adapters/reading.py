"""Reading every förvaltning's repository: the own one with its token, the others with the one
that may read them (PORTFOLIO_TOKEN), when there is one."""

from __future__ import annotations

from datetime import date, datetime

from intake.adapters.github import GitHub
from intake.adapters.settings import Pacing, Settings
from intake.adapters.transport import Clock
from intake.domain.archive.index import Listed
from intake.domain.archive.schema import Answer, ArchivedIssue
from intake.domain.lifecycle.issue import Issue


class PortfolioReader:
    """Every issue of each repository, through the gateway whose token may read it."""

    def __init__(
        self, settings: Settings, pacing: Pacing | None = None, clock: Clock | None = None
    ) -> None:
        self._own = settings.repository.casefold()
        self._gateways = [GitHub(settings, pacing, clock)]
        if settings.read_token is not None:
            others = settings.model_copy(update={"token": settings.read_token})
            self._gateways.append(GitHub(others, pacing, clock))

    def needs_with_history(self, repository: str) -> list[Issue]:
        """Every issue of the repository, open and closed, with its label history."""
        return self.gateway_for(repository).needs_with_history(repository)

    def gateway_for(self, repository: str) -> GitHub:
        """The gateway whose token may read the repository."""
        own = repository.casefold() == self._own
        return self._gateways[0] if own else self._gateways[-1]

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far, by every gateway."""
        return sum(g.requests_made for g in self._gateways)


class ArchiveReader(PortfolioReader):
    """What the archive reads from each repository, through the gateway whose token may read it."""

    def archive_listing(self, repository: str) -> list[Listed]:
        """Every issue of a repository with its `updatedAt` and comment count."""
        return self.gateway_for(repository).archive_listing(repository)

    def comments_edited_since(self, repository: str, since: datetime) -> dict[int, datetime]:
        """Issue number → the latest update of its comments written or edited since `since`."""
        return self.gateway_for(repository).comments_edited_since(repository, since)

    def archive_issues(
        self, repository: str, numbers: list[int], night: date
    ) -> dict[int, ArchivedIssue]:
        """The issues read whole; one GitHub does not show is left out."""
        return self.gateway_for(repository).archive_issues(repository, numbers, night)

    def issue_fate(self, repository: str, number: int) -> tuple[Answer, str | None] | None:
        """GitHub's answer for an issue it no longer lists; None when it is there."""
        return self.gateway_for(repository).issue_fate(repository, number)

    def comment_fate(self, repository: str, comment_id: int) -> Answer | None:
        """GitHub's answer for a comment no longer on its issue; None when it is there."""
        return self.gateway_for(repository).comment_fate(repository, comment_id)
