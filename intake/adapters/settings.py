"""Settings from the standard GitHub Actions environment, read once at the entry point."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, SecretStr

# The environment variable of the token that reads the other förvaltningar's repositories.
READ_TOKEN = "PORTFOLIO_TOKEN"  # noqa: S105 - the name of a variable, no secret


class ConfigError(Exception):
    """A required environment variable is missing."""


class Settings(BaseModel):
    """What a command needs to reach GitHub; the token never shows in `repr`."""

    model_config = ConfigDict(frozen=True)

    repository: str
    api_url: str = "https://api.github.com"
    graphql_url: str = "https://api.github.com/graphql"
    token: SecretStr
    event_name: str | None = None
    event_path: Path | None = None
    step_summary: Path | None = None
    ref: str = "main"  # the branch a workflow the bot starts runs on (GITHUB_REF_NAME)
    bot: str = "github-actions[bot]"  # the login GITHUB_TOKEN writes as
    # A token that may read the förvaltningar's other repositories (PORTFOLIO_TOKEN); None: the
    # portfolio reads them with `token`, which reaches public repositories only.
    read_token: SecretStr | None = None


def settings_from_env(env: Mapping[str, str]) -> Settings:
    """Build the settings from `GITHUB_*` variables; fails naming every missing one."""
    missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_TOKEN") if not env.get(name)]
    if missing:
        raise ConfigError(
            "miljövariabeln " + " och ".join(missing) + " saknas; den sätts i GitHub Actions"
        )
    api_url = env.get("GITHUB_API_URL") or "https://api.github.com"
    return Settings(
        repository=env["GITHUB_REPOSITORY"],
        api_url=api_url.rstrip("/"),
        graphql_url=env.get("GITHUB_GRAPHQL_URL") or f"{api_url.rstrip('/')}/graphql",
        token=SecretStr(env["GITHUB_TOKEN"]),
        event_name=env.get("GITHUB_EVENT_NAME") or None,
        event_path=Path(env["GITHUB_EVENT_PATH"]) if env.get("GITHUB_EVENT_PATH") else None,
        step_summary=Path(env["GITHUB_STEP_SUMMARY"]) if env.get("GITHUB_STEP_SUMMARY") else None,
        ref=env.get("GITHUB_REF_NAME") or "main",
        read_token=SecretStr(env[READ_TOKEN]) if env.get(READ_TOKEN) else None,
    )


class Pacing(BaseModel):
    """How politely and persistently the gateway talks to GitHub (defaults: PyGithub's pauses)."""

    model_config = ConfigDict(frozen=True)

    seconds_between_requests: float = 0.25
    seconds_between_writes: float = 1.0
    retries: int = 4
    backoff_factor: float = 1.0
    max_backoff: float = 30.0
    max_rate_limit_wait: float = 60.0
    timeout: int = 15
    # No pause before a retry may end later than this many seconds into one gateway's life; with
    # the last request's timeout on top, a run that meets a persistent fault ends within
    # `worst_case_seconds`.
    retry_budget: float = 210.0

    @property
    def worst_case_seconds(self) -> float:
        """The longest a gateway keeps retrying before it gives up: every pause ends within the
        budget, and the last request may then take its timeout and PyGithub's pause."""
        return self.retry_budget + self.timeout + self.seconds_between_writes


# For the nightly read of every need. PyGithub pauses a second after every POST, as GitHub asks of
# writes, but a GraphQL query is a POST that only reads. GitHub asks readers to send one request at
# a time, which the gateway does; a short pause on top keeps 5,000 needs (50 queries) within the
# time budget (docs/underhall.md) and far below the secondary limit of 2,000 points a minute.
READING = Pacing(seconds_between_requests=0.1, seconds_between_writes=0.1)
