"""The portfolio benchmark's fetch phase: its synthetic needs, read in ⌈N/100⌉ + a few requests."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest

from intake.domain.issue import Issue
from intake.domain.portfolio import build_portfolio
from intake.model.process import Process
from intake.fakegithub import FakeGitHub

SCRIPT = Path(__file__).parent.parent / "scripts" / "benchmark_portfolio.py"
NEEDS = 300


class Fetched(NamedTuple):
    issues: list[Issue]
    requests: int  # as the gateway counted them
    received: int  # as the fake server saw them


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    """scripts/benchmark_portfolio.py as a module (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("benchmark_portfolio", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fetched(process: Process, benchmark: ModuleType) -> Fetched:
    """The benchmark's fetch phase over its synthetic needs."""
    with FakeGitHub() as fake:
        benchmark.seed_needs(fake, process, NEEDS, seed=7)
        issues, requests = benchmark.fetch(fake.env())
        return Fetched(issues, requests, len(fake.requests))


def test_the_fetch_phase_reads_every_need_in_a_page_of_requests(fetched: Fetched) -> None:
    assert len(fetched.issues) == NEEDS
    assert fetched.requests == fetched.received
    assert fetched.requests <= math.ceil(NEEDS / 100) + 3


def test_the_synthetic_needs_spread_over_stages_with_history(
    process: Process, benchmark: ModuleType, fetched: Fetched
) -> None:
    portfolio = build_portfolio(process, fetched.issues, benchmark.TODAY)
    stages = {need.stage for need in portfolio.needs}
    assert len(portfolio.needs) == NEEDS
    assert len(stages) >= 6  # most stages and outcomes, and needs without a stage
    assert None in stages  # some needs must be completed first
    assert any(len(need.history) >= 3 for need in portfolio.needs)
    assert any(need.state == "closed" for need in portfolio.needs)
