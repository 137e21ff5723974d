"""Each registered pattern's worst time on hostile input of 65,536 characters; target 50 ms.

Usage: .venv/bin/python scripts/benchmark_patterns.py [--size 65536]

For every pattern in intake/domain/text/patterns.py (`REGISTRY`) it times all hostile inputs of
512 characters (intake/fakegithub/hostile.py: a prefix, a long run of what the quantifiers
accept, an ending that makes the match fail), takes the four slowest and times them at the full
size, applied as the code applies the pattern (a search from every position, a match or a full
match). Times are CPU seconds of this process, best of two. Nothing here asserts a time: it
prints figures, the slowest first.
"""

from __future__ import annotations

import argparse

from intake.domain.text.patterns import REGISTRY
from intake.fakegithub.hostile import LIMIT, worst

TARGET = 0.050


def main() -> int:
    """Time each pattern and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=LIMIT, help="characters (default 65536)")
    args = parser.parse_args()
    rows = []
    for pattern in REGISTRY:
        seconds, (prefix, run, ending), _ = worst(pattern, args.size, budget=10.0)
        rows.append((seconds, pattern.name, pattern.use, f"{prefix!r} + {run!r} × n + {ending!r}"))
    print(f"{'pattern':18} {'use':9} {'worst ms':>9}  input ({args.size:,} characters)")
    for seconds, name, use, shown in sorted(rows, reverse=True):
        print(f"{name:18} {use:9} {seconds * 1000:9.2f}  {shown}")
    over = [name for seconds, name, _, _ in rows if seconds > TARGET]
    print(f"\nTarget: each under {TARGET * 1000:.0f} ms. ", end="")
    print(f"Over: {', '.join(over)}." if over else "All are under.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
