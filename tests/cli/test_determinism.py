"""Generated files do not depend on Python's string hashing: the same bytes under two seeds.

This process runs under one seed (random, unless PYTHONHASHSEED is set); each test runs the same
command once more in a process with another, fixed seed and compares the bytes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from intake.cli.main import main
from tests.conftest import BIN
from tests.paths import ROOT, SAMPLES

PORTFOLIO = [
    "portfolio",
    *("--snapshot", str(SAMPLES), "--snapshot", str(SAMPLES.parent / "stadsbyggnad.json")),
    *("--date", "2026-11-20"),
]


def _other_seed() -> dict[str, str]:
    """The environment with a hash seed this process does not use."""
    mine = os.environ.get("PYTHONHASHSEED", "random")
    return {**os.environ, "PYTHONHASHSEED": "4242" if mine == "1" else "1"}


def _digests(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_the_portfolio_is_the_same_under_two_hash_seeds(tmp_path: Path) -> None:
    assert main([*PORTFOLIO, "--out", str(tmp_path / "here")]) == 0
    command = [sys.executable, "-m", "intake", *PORTFOLIO, "--out", str(tmp_path / "there")]
    subprocess.run(command, cwd=ROOT, env=_other_seed(), check=True, capture_output=True)
    here = _digests(tmp_path / "here")
    assert len(here) > 30  # the needs' pages are one file (behovssidor.jsonl)
    assert _digests(tmp_path / "there") == here


def test_the_files_generated_from_the_process_are_the_same_under_another_seed() -> None:
    # The files in the repository were written under some seed; `intake check` (run by the test
    # command under yet another) compares them byte for byte, and so does this run.
    command = [str(BIN / "intake"), "check"]
    run = subprocess.run(command, cwd=ROOT, env=_other_seed(), capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
