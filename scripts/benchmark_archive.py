"""Archive N synthetic needs from the fake GitHub, then archive again unchanged; print requests
and time of both nights.

Usage: .venv/bin/python scripts/benchmark_archive.py [--sizes 500 2000] [--seed 2026]
       [--per-night N]

For each N it starts the fake GitHub server on 127.0.0.1 with N needs (as the portfolio
benchmark does) and runs `intake archive` twice into a temporary folder through the real gateway,
with the reading pace of production (0.1 s between requests). The first night reads at most
--per-night issues whole (default: all N); the second, unchanged night reads only the listing
and the comments edited since. Nothing here asserts a time: it prints figures.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

from intake.adapters.attachments import AttachmentReader
from intake.adapters.settings import READING
from intake.cli.main import main
from intake.fakegithub import FakeGitHub
from intake.fakegithub.synthetic import seed_needs
from intake.model.load import BUNDLED_PROCESS, load_process


def night(fake: FakeGitHub, folder: Path, process: Path) -> tuple[int, float]:
    """One `intake archive` run: (requests, seconds)."""
    before, started = len(fake.requests), time.perf_counter()
    code = main(
        ["--process", str(process), "archive", str(folder)],
        env=fake.env(),
        pacing=READING,
        attachments=AttachmentReader(allowed=()),  # GitHub's own requests only, no downloads
    )
    if code != 0:
        sys.exit(f"intake archive ended with {code}")
    return len(fake.requests) - before, time.perf_counter() - started


def run(size: int, seed: int, per_night: int | None) -> None:
    """Seed the fake, archive twice, print one line per night."""
    process = load_process()
    with tempfile.TemporaryDirectory() as temporary, FakeGitHub() as fake:
        seed_needs(fake, process, size, seed=seed)
        path = Path(temporary) / "process.yml"
        text = BUNDLED_PROCESS.read_text(encoding="utf-8")
        limit = per_night or size
        path.write_text(text.replace("issues_per_night: 500", f"issues_per_night: {limit}"))
        folder = Path(temporary) / "arkiv"
        listing = math.ceil(size / 100) + 1  # the own repository's pages and the other's one
        for name in ("first night", "unchanged night"):
            requests, seconds = night(fake, folder, path)
            print(
                f"N={size} {name}: {requests} requests (listing {listing}), {seconds:.1f} s",
                flush=True,
            )


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--per-night", type=int, default=None)
    return parser.parse_args()


if __name__ == "__main__":
    args = parse_args()
    for n in args.sizes:
        run(n, args.seed, args.per_night)
