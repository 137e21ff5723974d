"""Reading every förvaltning's repository: the own one with its token, the others with the one
that may read them (PORTFOLIO_TOKEN), when there is one."""

from __future__ import annotations

from intake.adapters.github import GitHub
from intake.adapters.settings import Pacing, Settings
from intake.adapters.transport import Clock
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
        own = repository.casefold() == self._own
        gateway = self._gateways[0] if own else self._gateways[-1]
        return gateway.needs_with_history(repository)

    @property
    def requests_made(self) -> int:
        """HTTP requests sent so far, by every gateway."""
        return sum(g.requests_made for g in self._gateways)
