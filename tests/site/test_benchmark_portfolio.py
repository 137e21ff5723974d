"""The portfolio benchmark's fetch phase: its synthetic needs, read in ⌈N/100⌉ + a few requests."""

from __future__ import annotations

import math
from typing import NamedTuple

import pytest

from intake.adapters.github import GitHub
from intake.adapters.settings import READING, settings_from_env
from intake.domain.lifecycle.issue import Issue
from intake.domain.portfolio.build import build_portfolio
from intake.fakegithub import FakeGitHub
from intake.fakegithub.synthetic import TODAY, seed_needs
from intake.model.process import Process

NEEDS = 300


class Fetched(NamedTuple):
    issues: list[Issue]
    requests: int  # as the gateway counted them
    received: int  # as the fake server saw them


@pytest.fixture(scope="module")
def fetched(process: Process) -> Fetched:
    """The benchmark's fetch phase over its synthetic needs: the real gateway, reading pacing."""
    with FakeGitHub() as fake:
        seed_needs(fake, process, NEEDS, seed=7)
        gateway = GitHub(settings_from_env(fake.env()), READING)
        issues = gateway.needs_with_history()
        return Fetched(issues, gateway.requests_made, len(fake.requests))


def test_the_fetch_phase_reads_every_need_in_a_page_of_requests(fetched: Fetched) -> None:
    assert len(fetched.issues) == NEEDS
    assert fetched.requests == fetched.received
    assert fetched.requests <= math.ceil(NEEDS / 100) + 3


def test_the_synthetic_needs_spread_over_stages_with_history(
    process: Process, fetched: Fetched
) -> None:
    portfolio = build_portfolio(process, fetched.issues, TODAY)
    stages = {need.stage for need in portfolio.needs}
    assert len(portfolio.needs) == NEEDS
    assert len(stages) >= 6  # most stages and outcomes, and needs without a stage
    assert None in stages  # some needs must be completed first
    assert any(len(need.history) >= 3 for need in portfolio.needs)
    assert any(need.state == "closed" for need in portfolio.needs)
