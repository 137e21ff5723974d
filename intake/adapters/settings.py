"""Settings from the standard GitHub Actions environment, read once at the entry point."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, SecretStr


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


def settings_from_env(env: Mapping[str, str]) -> Settings:
    """Build the settings from `GITHUB_*` variables; fails naming every missing one."""
    missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_TOKEN") if not env.get(name)]
    if missing:
        raise ConfigError("missing environment variable(s): " + ", ".join(missing))
    api_url = env.get("GITHUB_API_URL") or "https://api.github.com"
    return Settings(
        repository=env["GITHUB_REPOSITORY"],
        api_url=api_url.rstrip("/"),
        graphql_url=env.get("GITHUB_GRAPHQL_URL") or f"{api_url.rstrip('/')}/graphql",
        token=SecretStr(env["GITHUB_TOKEN"]),
        event_name=env.get("GITHUB_EVENT_NAME") or None,
        event_path=Path(env["GITHUB_EVENT_PATH"]) if env.get("GITHUB_EVENT_PATH") else None,
        step_summary=Path(env["GITHUB_STEP_SUMMARY"]) if env.get("GITHUB_STEP_SUMMARY") else None,
    )
