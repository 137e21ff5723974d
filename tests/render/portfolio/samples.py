"""The bundled samples the portfolio's tests build from, and the publishing setting they vary."""

from __future__ import annotations

from intake.adapters.snapshot import read_snapshots
from intake.domain.lifecycle.issue import Issue
from intake.model.process import Process
from tests.paths import REPOSITORY, ROOT, SAMPLES


def both_samples() -> list[Issue]:
    """The bundled samples of both förvaltningar."""
    further = ROOT / "intake" / "samples" / "stadsbyggnad.json"
    return read_snapshots([SAMPLES, further], REPOSITORY)


def titles_only(process: Process) -> Process:
    """The process publishing only the needs' titles and stages."""
    setting = process.portfolio.model_copy(update={"publish": "titles_and_stages"})
    return process.model_copy(update={"portfolio": setting})
