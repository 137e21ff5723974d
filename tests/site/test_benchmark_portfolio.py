"""The portfolio benchmark's fetch phase: copies of the sample needs, read in ⌈N/100⌉ + a few
requests, each copy with its own canvases and follow-ups."""

from __future__ import annotations

import math
from typing import NamedTuple

import pytest

from intake.adapters.github import GitHub
from intake.adapters.settings import READING, settings_from_env
from intake.domain.lifecycle.issue import Issue
from intake.domain.portfolio.build import build_portfolio
from intake.fakegithub import FakeGitHub
from intake.fakegithub.copies import seed_sample_copies
from intake.fakegithub.synthetic import TODAY
from intake.model.process import Process

NEEDS = 100  # the 37 sample needs twice, and 26 of a third copy


class Fetched(NamedTuple):
    issues: list[Issue]
    requests: int  # as the gateway counted them
    received: int  # as the fake server saw them


@pytest.fixture(scope="module")
def fetched(process: Process) -> Fetched:
    """The benchmark's fetch phase over its copied needs: the real gateway, reading pacing."""
    with FakeGitHub() as fake:
        seed_sample_copies(fake, process, NEEDS)
        gateway = GitHub(settings_from_env(fake.env()), READING)
        issues = gateway.needs_with_history()
        return Fetched(issues, gateway.requests_made, len(fake.requests))


def test_the_fetch_phase_reads_every_issue_in_a_page_of_requests(fetched: Fetched) -> None:
    assert len(fetched.issues) > NEEDS  # the canvases and follow-ups besides the needs
    assert fetched.requests == fetched.received
    assert fetched.requests <= math.ceil(len(fetched.issues) / 100) + 3


def test_the_copies_make_exactly_the_needs_asked_for_with_their_own_attachments(
    process: Process, fetched: Fetched
) -> None:
    portfolio = build_portfolio(process, fetched.issues, TODAY)
    assert len(portfolio.needs) == NEEDS
    assert len({need.number for need in portfolio.needs}) == NEEDS
    titles = [need.title for need in portfolio.needs]
    with_canvas = [need for need in portfolio.needs if need.canvases]
    # Every copy of a need with a canvas has one, filed in its own copy (a number above its own).
    assert len(with_canvas) >= 2 * 5
    for need in with_canvas:
        assert all(canvas.number > need.number for canvas in need.canvases)
        assert all(canvas.number - need.number < 60 for canvas in need.canvases)
    assert titles.count(with_canvas[0].title) >= 2
    stages = {need.stage for need in portfolio.needs}
    assert len(stages) >= 6  # most stages and outcomes, and needs without a stage
    assert None in stages  # some needs must be completed first
    assert any(need.decisions for need in portfolio.needs)
    assert any(need.followups for need in portfolio.needs)
