"""Fetch, generate and build the portfolio of N synthetic needs; print requests, time and memory.

Usage: .venv/bin/python scripts/benchmark_portfolio.py [--sizes 1000 5000 10000] [--seed 2026]
       [--config mkdocs.yml] [--keep DIR]

For each N it starts the fake GitHub server (tests/fakegithub) on 127.0.0.1, port 0, with N needs:
bodies written by `render_body` from random answers of the need form, labels as the intake
workflow sets them, and label events that move each need through the stages. Then it measures
three phases, each in its own process so that the peak memory (the child's ru_maxrss) belongs to
that phase alone:

  fetch     the real gateway (PyGithub, GraphQL) reads every need with its label history;
  generate  the portfolio pages and exports are built and written (`publish`);
  build     `mkdocs build --strict` of the whole site: a temporary copy of docs/ and mkdocs.yml
            (or --config) with the generated portfolio.

Fetch and generate time the work inside their process; build times the whole mkdocs command.
The fetch paces its requests as `intake portfolio` does in production (0.25 s between requests),
so the pauses are part of the figures. Target on a 2-core machine: 5,000
needs in at most 60 s and 1 GB, growing linearly. Nothing here asserts a time: it prints figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The fake GitHub server lives in the test package at the repository root; a script run by path
# only sees scripts/ on its import path.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from intake.domain.body import render_body  # noqa: E402
from intake.adapters.settings import settings_from_env  # noqa: E402
from intake.domain.forms import Element, IssueForm, issue_form  # noqa: E402
from intake.adapters.github import READING, GitHub  # noqa: E402
from intake.domain.issue import Issue  # noqa: E402
from intake.domain.labels import plan_labels  # noqa: E402
from intake.domain.parse import FieldValue, parse  # noqa: E402
from intake.domain.portfolio import publish  # noqa: E402
from intake.model.process import Process, load_process  # noqa: E402
from intake.domain.validate import validate  # noqa: E402
from intake.fakegithub import FakeGitHub  # noqa: E402

DEFAULT_SIZES = (1000, 5000, 10000)
START = datetime.fromisoformat("2023-11-01T07:30:00+00:00")
NOW = datetime.fromisoformat("2026-11-20T16:00:00+00:00")  # no label event after this moment
SPAN_DAYS = 1000  # needs are filed over almost three years before NOW
INCOMPLETE_SHARE = 0.05  # needs whose answers fail validation: no stage, a status label
TODAY = NOW.date()  # only used when there are no needs

SUBJECTS = [
    "bygglovsansökningar",
    "beslut om färdtjänst",
    "schemaläggning i hemtjänsten",
    "frånvaroanmälan i förskolan",
    "fakturor från leverantörer",
    "felanmälan av gatubelysning",
    "ansökan om försörjningsstöd",
    "inspektioner av livsmedel",
    "ärenden i diariet",
    "kartor över detaljplaner",
    "rekrytering av vikarier",
    "frågor till kontaktcenter",
    "utlåning av bärbara datorer",
    "lönerapportering",
    "tillsyn av enskilda avlopp",
]
PROBLEMS = [
    "Handläggarna skriver av uppgifter för hand från pappersblanketter.",
    "Samma uppgifter matas in i tre olika system.",
    "Invånare ringer för att fråga hur långt deras ärende har kommit.",
    "Det tar ofta flera veckor innan ett beslut skickas ut.",
    "Underlagen kommer in som PDF och går inte att söka i.",
    "Medarbetare lägger mycket tid på att leta efter rätt version av en fil.",
    "Rapporterna tas fram i kalkylark som ingen annan kan uppdatera.",
    "Avtalet för det nuvarande systemet löper ut och behöver ses över.",
    "Uppgifterna finns men når inte dem som behöver dem i tid.",
    "Felen upptäcks först när någon klagar.",
]
AFFECTED = [
    "Invånare som söker tjänsten och handläggarna som tar emot ärendena.",
    "Medarbetare i verksamheten och deras chefer.",
    "Företag i kommunen.",
    "Vårdnadshavare och personal i förskolan.",
    "Kontaktcenter och flera förvaltningar.",
]
BENEFITS = [
    "Handläggningen går snabbare och invånarna får besked tidigare.",
    "Vi sparar uppskattningsvis 400 timmar per år.",
    "Färre fel, eftersom uppgifterna bara matas in en gång.",
    "Chefer får en bättre bild av läget varje vecka.",
    "Färre samtal till kontaktcenter.",
    "Lägre kostnader för papper, porto och arkiv.",
]
DEADLINES = ["före 1 juni 2027", "till årsskiftet", "innan avtalet löper ut i mars 2028"]


@dataclass(frozen=True)
class Figures:
    """One phase: seconds, peak memory of its process in MB, and what it reports."""

    seconds: float
    peak_mb: float
    report: dict[str, Any]


# --- the synthetic needs ---------------------------------------------------------------------


def _sentences(rng: random.Random, pool: Sequence[str], low: int, high: int) -> str:
    return " ".join(rng.sample(list(pool), rng.randint(low, min(high, len(pool)))))


def _answer(rng: random.Random, element: Element, typ: str) -> FieldValue:
    if element.type == "checkboxes":
        return [o for i, o in enumerate(element.options) if i == 0 or rng.random() < 0.6]
    if element.type == "dropdown":
        if element.multiple:
            return rng.sample(element.options, rng.randint(1, min(3, len(element.options))))
        return typ if element.id == "typ" else rng.choice(element.options)
    answers: dict[str, Callable[[], str]] = {
        "behov": lambda: _sentences(rng, PROBLEMS, 2, 5) + "\n\n" + _sentences(rng, PROBLEMS, 1, 3),
        "berorda": lambda: rng.choice(AFFECTED),
        "nytta": lambda: _sentences(rng, BENEFITS, 1, 4),
        "tidsram": lambda: rng.choice(DEADLINES),
        "budget": lambda: f"{rng.randint(1, 40) * 50_000} kronor i verksamhetens budget",
        "kostnad": lambda: "Inköp och införande: " + _sentences(rng, BENEFITS, 1, 2),
        "bilagor": lambda: "",
    }
    make = answers.get(element.id)
    return make() if make is not None else _sentences(rng, BENEFITS, 1, 2)


def synthetic_answers(rng: random.Random, form: IssueForm) -> dict[str, FieldValue]:
    """Random, valid answers of the need form (conditional fields filled when they apply)."""
    typ = rng.choice(next(e for e in form.elements if e.id == "typ").options)
    answers = {e.id: _answer(rng, e, typ) for e in form.elements}
    if rng.random() < 0.5 and "upphandling" not in typ.lower():
        answers["budget"] = answers["kostnad"] = None
    return answers


def _walk(process: Process, rng: random.Random) -> list[str]:
    """The stages and outcomes a need passes, from the first stage along allowed moves."""
    path = [process.first_stage.id]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 5])):
        moves = process.transitions.get(path[-1], [])
        forward = [m for m in moves if m not in path] or moves
        if not forward:
            break
        path.append(rng.choice(forward))
    return path


def seed_needs(fake: FakeGitHub, process: Process, count: int, seed: int = 2026) -> None:
    """Fill the fake with `count` needs, as the intake workflow and the council would label them."""
    rng = random.Random(seed)
    form_def = process.need_form
    form = issue_form(process, form_def)
    step = timedelta(days=SPAN_DAYS) / max(count, 1)
    for index in range(count):
        answers = synthetic_answers(rng, form)
        if rng.random() < INCOMPLETE_SHARE:
            answers["behov"] = "Det krånglar."  # too short: the need must be completed
        body = render_body(form, answers)
        title = f"{form_def.title}Enklare {rng.choice(SUBJECTS)} ({index + 1})"
        filed = START + step * index
        verdict = validate(process, form_def, parse(form, body), title=title, body=body)
        change = plan_labels(process, form_def, verdict, ())
        number = fake.add_issue(title, body, labels=change.add, created_at=filed)
        if not verdict.ok:
            continue
        with fake.lock:
            issue = fake.repo.issues[number]
            moved, path = filed, _walk(process, rng)
            for before, after in itertools.pairwise(path):
                at = moved + timedelta(days=rng.randint(3, 90), minutes=rng.randint(0, 600))
                if at > NOW:
                    break
                fake.repo.remove_label(issue, process.stage(before).label, "beredning", at)
                fake.repo.add_labels(issue, [process.stage(after).label], "beredning", at)
                moved = at
            stage = next(s for s in (*process.stages, *process.outcomes) if s.label in issue.labels)
            if stage.id in {"avslagen", "avslutad"}:  # outcomes that end the need
                issue.state, issue.closed_at = "closed", moved


# --- the phases, each run in its own process --------------------------------------------------


def fetch(env: dict[str, str]) -> tuple[list[Issue], int]:
    """Every need through the real gateway, paced as in production, and the requests it took."""
    gateway = GitHub(settings_from_env(env), READING)
    return gateway.needs_with_history(), gateway.requests_made


def _fetch_phase(work: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k.startswith("GITHUB_")}
    start = time.perf_counter()
    issues, requests = fetch(env)
    seconds = time.perf_counter() - start
    issues_json = [i.model_dump(mode="json") for i in issues]
    (work / "issues.json").write_text(json.dumps(issues_json), encoding="utf-8")
    return {"seconds": seconds, "requests": requests, "issues": len(issues)}


def _generate_phase(work: Path, out: Path) -> dict[str, Any]:
    data = json.loads((work / "issues.json").read_text(encoding="utf-8"))
    issues = [Issue.model_validate(item) for item in data]
    process = load_process()
    start = time.perf_counter()
    result = publish(process, lambda: (issues, None), out, None, today=TODAY)
    seconds = time.perf_counter() - start
    if result is None:
        raise SystemExit("generating the portfolio failed")
    files = sum(1 for p in out.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"seconds": seconds, "needs": len(result[0].needs), "files": files, "bytes": size}


def _child(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Run a command; its wall time, its peak resident memory in MB and its output."""
    log = cwd / "phase.log"
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        # wait4 gives the rusage of this one child: its own peak memory, not the largest so far.
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{text[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, text


def _phase(name: str, work: Path, env: dict[str, str], *extra: str) -> Figures:
    argv = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--work", str(work)]
    _, peak, text = _child([*argv, *extra], env, work)
    report: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    return Figures(report["seconds"], peak, report)


def _project(work: Path, config: Path) -> Path:
    """A copy of the site's pages and configuration, without any portfolio."""
    project = work / "site-project"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("portfolj"))
    shutil.copy(config, project / "mkdocs.yml")
    return project


def _build(project: Path) -> Figures:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    argv = [str(mkdocs), "build", "--strict", "--site-dir", "site"]
    seconds, peak, _ = _child(argv, env, project)
    site = project / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return Figures(seconds, peak, {"pages": pages, "bytes": size})


def run(count: int, seed: int, config: Path, keep: Path | None) -> dict[str, Figures]:
    """Seed a fake with `count` needs and measure the three phases."""
    process = load_process()
    work = Path(tempfile.mkdtemp(prefix=f"portfolio-{count}-", dir=keep))
    try:
        with FakeGitHub() as fake:
            seed_needs(fake, process, count, seed)
            env = {**os.environ, **fake.env()}
            fetched = _phase("fetch", work, env)
        if fetched.report["issues"] != count:
            raise SystemExit(f"fetched {fetched.report['issues']} of {count} needs")
        project = _project(work, config)
        out = project / "docs" / "portfolj"
        generated = _phase("generate", work, dict(os.environ), "--out", str(out))
        built = _build(project)
        return {"fetch": fetched, "generate": generated, "build": built}
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _table(results: dict[int, dict[str, Figures]]) -> str:
    header = (
        f"{'N':>6} {'requests':>8} {'fetch s':>8} {'generate s':>10} {'build s':>8} "
        f"{'total s':>8} {'fetch MB':>9} {'generate MB':>11} {'build MB':>9} {'pages':>6}"
    )
    lines = [header]
    for count, r in results.items():
        total = sum(f.seconds for f in r.values())
        lines.append(
            f"{count:>6} {r['fetch'].report['requests']:>8} {r['fetch'].seconds:>8.2f} "
            f"{r['generate'].seconds:>10.1f} {r['build'].seconds:>8.1f} {total:>8.1f} "
            f"{r['fetch'].peak_mb:>9.0f} {r['generate'].peak_mb:>11.0f} "
            f"{r['build'].peak_mb:>9.0f} {r['build'].report['pages']:>6}"
        )
    return "\n".join(lines)


def main() -> int:
    """Measure each size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--config", type=Path, default=ROOT / "mkdocs.yml", help="the mkdocs.yml to build with"
    )
    parser.add_argument("--keep", type=Path, help="keep the work folders below this folder")
    parser.add_argument("--phase", choices=["fetch", "generate"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "fetch":
        print(json.dumps(_fetch_phase(args.work)))
        return 0
    if args.phase == "generate":
        print(json.dumps(_generate_phase(args.work, args.out)))
        return 0
    print(
        "Portfolio benchmark: fake GitHub on 127.0.0.1, real gateway (GraphQL, 100 needs per "
        f"request,\n{READING.seconds_between_requests} s between requests as in production), "
        "Material for MkDocs build --strict."
    )
    print(f"config: {args.config}, seed {args.seed}, {os.cpu_count()} CPUs\n")
    results: dict[int, dict[str, Figures]] = {}
    for count in args.sizes:
        results[count] = run(count, args.seed, args.config.resolve(), args.keep)
        r = results[count]
        requests = r["fetch"].report["requests"]
        print(
            f"N={count}: {requests} requests (at most ceil(N/100) + 3 = "
            f"{math.ceil(count / 100) + 3}), {r['generate'].report['files']} files "
            f"({r['generate'].report['bytes'] / 1e6:.0f} MB) generated, "
            f"{r['build'].report['pages']} HTML pages ({r['build'].report['bytes'] / 1e6:.0f} MB)",
            flush=True,
        )
    print()
    print(_table(results))
    print("\nfetch and generate: time of the work in its process; build: the whole mkdocs command.")
    print("MB: peak resident memory of each phase's own process.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
