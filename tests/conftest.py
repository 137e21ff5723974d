"""Shared fixtures: the process, a running fake GitHub, and a gateway pointed at it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]  # no stubs in the lock
import pytest

import intake.adapters.published
import intake.cli.archive
import intake.cli.bot
from intake.adapters.attachments import AttachmentReader
from intake.adapters.github import GitHub
from intake.adapters.settings import Pacing, settings_from_env
from intake.domain.similar.index import SimilarIndex
from intake.fakegithub import FakeGitHub
from intake.model.load import load_process
from intake.model.process import Process
from tests.paths import FIXTURES, SCHEMAS

BIN = Path(sys.executable).parent  # the virtualenv's scripts: intake, zizmor, check-jsonschema

# No pauses and no backoff: the fake answers at once. Production keeps PyGithub's defaults.
FAST = Pacing(seconds_between_requests=0, seconds_between_writes=0, backoff_factor=0, timeout=5)


@pytest.fixture(scope="session")
def process() -> Process:
    """The repository's process file."""
    return load_process()


@pytest.fixture(autouse=True)
def _published_site_on_loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """`intake handle` reads the index of similar needs from the published site: in tests only
    from a site served on 127.0.0.1 (tests/usecases/test_similar.py), never from the network."""
    real = intake.adapters.published.read_similar_index

    def local(url: str, timeout: float = 15.0) -> SimilarIndex | None:
        return real(url, timeout) if url.startswith("http://127.0.0.1:") else None

    monkeypatch.setattr(intake.cli.bot, "read_similar_index", local)


@pytest.fixture(autouse=True)
def _attachments_never_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """`intake archive` downloads attached files from GitHub: in tests from no address at all,
    unless a test passes its own reader (tests/usecases/test_archive_files.py)."""
    monkeypatch.setattr(intake.cli.archive, "_attachment_reader", lambda: AttachmentReader(()))


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A fresh fake GitHub on a free loopback port, stopped after the test."""
    with FakeGitHub() as fake:
        yield fake


@pytest.fixture
def gateway(fake_github: FakeGitHub) -> GitHub:
    """The real gateway (real PyGithub) talking to the fake, without pauses."""
    return GitHub(settings_from_env(fake_github.env()), FAST)


def event_fixture(name: str) -> dict[str, Any]:
    """An event payload from tests/fixtures/events/."""
    data: dict[str, Any] = json.loads((FIXTURES / "events" / name).read_text(encoding="utf-8"))
    return data


def schema(name: str) -> dict[str, Any]:
    """A JSON schema extracted into tests/schemas/ (e.g. "rest/issue")."""
    data: dict[str, Any] = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def assert_valid(name: str, data: Any) -> None:
    """Fail unless `data` validates against an extracted schema (e.g. "rest/issue")."""
    jsonschema.Draft202012Validator(schema(name)).validate(data)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests first: the longest start at once on both workers (`pytest -n 2`)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)
