"""How fast the bot answers: its install from nothing, and one event handled at production pacing.

Usage: .venv/bin/python scripts/benchmark_bot.py [--runs N]

1. install  `bash scripts/setup bot` in an empty copy of the repository's lock files, with empty
            caches for pip and uv, so every package is downloaded as on a fresh runner;
2. handle   `python -m intake handle` for one `issues.opened` event of a complete need, against
            the fake GitHub on 127.0.0.1, with PyGithub's production pauses (0.25 s between
            requests, 1 s between writes), as its own process like the workflow step;
3. fault    the same, when GitHub writes the bot's comment and then answers 502: the bot reads
            back that the comment is there instead of writing it again (one answer, checked).

Prints the seconds of each, the requests the handler made, and an estimate of the time from the
event to the bot's comment on a GitHub-hosted runner. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from intake.fakegithub import FakeGitHub, Fault

ROOT = Path(__file__).resolve().parent.parent
BODY = ROOT / "tests" / "fixtures" / "parse" / "complete" / "body.md"
# Measured elsewhere, not here: a GitHub-hosted runner's start, checkout and setup-python.
RUNNER_START = 6.0  # queued event to a running job (GitHub's own figures vary from 3 to 15 s)
CHECKOUT = 1.0
SETUP_PYTHON = 2.0  # a cached Python from the runner's tool cache


def measure_install() -> float:
    """Seconds for `scripts/setup bot` with nothing installed and nothing cached."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "requirements", work / "requirements")
        (work / "scripts").mkdir()
        shutil.copy(ROOT / "scripts" / "setup", work / "scripts" / "setup")
        shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
        # The system's python3 and its pip, as on a fresh runner: never this checkout's .venv.
        path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if ".venv" not in p]
        env = {
            **os.environ,
            "PATH": os.pathsep.join(path),
            "UV_CACHE_DIR": str(work / "uv-cache"),
            "PIP_NO_CACHE_DIR": "1",
        }
        start = time.perf_counter()
        subprocess.run(["bash", "scripts/setup", "bot"], cwd=work, env=env, check=True)
        seconds = time.perf_counter() - start
        check = [str(work / ".venv" / "bin" / "python"), "-c", "import github, jinja2, pydantic"]
        subprocess.run(check, check=True)
        return seconds


def measure_handler(*, fault: bool = False) -> tuple[float, int]:
    """Seconds and requests for one `intake handle`, as the workflow step runs it (`fault`: the
    first new comment is written, then answered with a 502)."""
    with FakeGitHub() as fake, tempfile.TemporaryDirectory() as folder:
        number = fake.add_issue("Behov: Snabbare bygglov", BODY.read_text(encoding="utf-8"))
        if fault:
            fake.inject(Fault("status", status=502, after=True, method="POST", path="/comments$"))
        event = Path(folder) / "event.json"
        payload = {"action": "opened", "issue": {"number": number, "title": "Behov"}}
        event.write_text(json.dumps(payload), encoding="utf-8")
        env = {
            "PATH": os.environ.get("PATH", ""),
            **fake.env(GITHUB_EVENT_PATH=event, GITHUB_EVENT_NAME="issues"),
        }
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "intake", "handle"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
        # The answer to the initiator; the status comment with the bot's record comes beside it.
        answers = [c for c in fake.bot_comments(number) if "intake:status" not in c.body]
        if len(answers) != 1:
            raise SystemExit("the handler left no answer")
        return seconds, len(fake.requests)


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    args = parser.parse_args()
    installs = [measure_install() for _ in range(args.runs)]
    handled = [measure_handler() for _ in range(args.runs)]
    faulted = [measure_handler(fault=True) for _ in range(args.runs)]
    install = statistics.median(installs)
    handle = statistics.median(seconds for seconds, _ in handled)
    requests = handled[0][1]
    print(f"install (scripts/setup bot, empty caches): {', '.join(f'{s:.1f}' for s in installs)} s")
    print(
        f"handle one event (production pacing):      {', '.join(f'{s:.1f}' for s, _ in handled)} s"
    )
    print(f"requests to GitHub for that event:          {requests}")
    seconds = ", ".join(f"{s:.1f}" for s, _ in faulted)
    print(f"the same, comment written then 502:        {seconds} s, {faulted[0][1]} requests")
    total = RUNNER_START + CHECKOUT + SETUP_PYTHON + install + handle
    print(
        f"estimate, event to comment on a GitHub-hosted runner: {total:.0f} s "
        f"(start {RUNNER_START:.0f} + checkout {CHECKOUT:.0f} + setup-python {SETUP_PYTHON:.0f} "
        f"+ install {install:.1f} + handle {handle:.1f}; the first three are GitHub's, not ours)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
