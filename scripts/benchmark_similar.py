"""Similar needs: print the quality on the written pairs and the time for N synthetic needs.

Usage: .venv/bin/python scripts/benchmark_similar.py [--sizes 1000 5000] [--seed 2026]

Quality: every need of tests/fixtures/similar/pairs.yml is compared with all the others, as the
bot compares a need that is filed. For the pairs set apart from tuning (`heldout`) and for those
used to tune, it prints how often the partner is among the suggestions; for the unrelated needs,
how many get any suggestion above the threshold. Targets: the partner for at least 8 of 10 kept-out
pairs, a suggestion for fewer than 1 in 10 unrelated needs.

Time: N needs with random answers of the need form (intake/fakegithub/synthetic.py) are turned
into stems, indexed and compared each with every other, as the nightly portfolio does; it prints
the CPU seconds of each part, the size of liknande.json, and the machine's cores. Nothing here
asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from intake.domain.need.forms import issue_form
from intake.domain.similar.index import IndexedNeed, SimilarIndex, need_terms
from intake.domain.similar.rank import Ranker
from intake.domain.similar.suggest import neighbours
from intake.fakegithub.synthetic import SUBJECTS, synthetic_answers
from intake.model.load import load_process
from intake.model.process import Process
from intake.render.portfolio.similar import render_similar_index

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "similar" / "pairs.yml"


def _need(process: Process, number: int, text: dict[str, str]) -> IndexedNeed:
    return IndexedNeed(
        id=f"kommun/behov#{number}",
        repository="kommun/behov",
        number=number,
        title=text["title"],
        stage=None,
        state="open",
        url=f"https://github.com/kommun/behov/issues/{number}",
        terms=" ".join(need_terms(text["title"], text, process.portfolio.similar.fields)),
    )


def quality(process: Process) -> None:
    """Print the share of pairs found and of unrelated needs given a suggestion."""
    data: dict[str, Any] = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    texts = [p[side] for p in data["pairs"] for side in ("a", "b")] + data["unrelated"]
    needs = [_need(process, number, text) for number, text in enumerate(texts, start=1)]
    ranker = Ranker(needs)
    settings = process.portfolio.similar

    def suggested(need: IndexedNeed) -> set[str]:
        found = ranker.similar(
            need.terms.split(),
            limit=settings.suggestions,
            threshold=settings.threshold,
            keep=lambda other: other.id != need.id,
        )
        return {m.need.id for m in found}

    for kind in ("heldout", "tuning"):
        pairs = [i for i, p in enumerate(data["pairs"]) if p["set"] == kind]
        found = sum(needs[2 * i].id in suggested(needs[2 * i + 1]) for i in pairs)
        print(f"{kind:>8}: partner bland förslagen för {found} av {len(pairs)} par")
    unrelated = needs[2 * len(data["pairs"]) :]
    given = sum(bool(suggested(n)) for n in unrelated)
    print(f"orelaterade: {given} av {len(unrelated)} fick ett förslag över tröskeln")


def timing(process: Process, size: int, seed: int) -> None:
    """Print the CPU time of stems, index and every need against every other."""
    rng = random.Random(seed)
    form = issue_form(process, process.need_form)
    drafts = [
        (f"Stöd för {rng.choice(SUBJECTS)}", synthetic_answers(rng, form)) for _ in range(size)
    ]
    started = time.process_time()
    fields = process.portfolio.similar.fields
    needs = [
        IndexedNeed(
            id=f"kommun/behov#{number}",
            repository="kommun/behov",
            number=number,
            title=title,
            stage=None,
            state="open",
            url=f"https://github.com/kommun/behov/issues/{number}",
            terms=" ".join(need_terms(title, answers, fields)),
        )
        for number, (title, answers) in enumerate(drafts, start=1)
    ]
    stemmed = time.process_time()
    index = SimilarIndex(updated=date(2026, 11, 20), fields=fields, latest={}, needs=needs)
    found = neighbours(process, index)
    compared = time.process_time()
    size_mb = len(render_similar_index(index).encode("utf-8")) / 1e6
    print(
        f"{size:>6} behov: ordstammar {stemmed - started:.1f} s, jämförelse "
        f"{compared - stemmed:.1f} s (processortid); {len(found)} behov med förslag; "
        f"liknande.json {size_mb:.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    process = load_process()
    print(f"Datorn har {os.cpu_count()} kärnor.")
    quality(process)
    for size in args.sizes:
        timing(process, size, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
