"""Fetch, generate and build the portfolio of N needs; print time, CPU, memory and the machine.

Usage: .venv/bin/python scripts/benchmark_portfolio.py [--sizes 5000] [--repeat 3]
       [--config mkdocs.yml] [--keep DIR]
       .venv/bin/python scripts/benchmark_portfolio.py --hostile 20

For each N it starts the fake GitHub server (intake/fakegithub) on 127.0.0.1, port 0, with N needs
in one repository, copied from the bundled samples (intake/samples/*.json): their bodies, labels,
label histories and the bot's records, each copy with its own canvases and follow-ups. Then it
measures three phases, each in its own process so that the peak memory (the child's ru_maxrss)
and the CPU time belong to that phase alone:

  fetch     the real gateway (PyGithub, GraphQL) reads every issue with its label history;
  generate  the portfolio pages and exports are built and written (`make_portfolio`);
  build     `mkdocs build --strict` of the whole site (a temporary copy of docs/ and mkdocs.yml,
            or --config, with the generated portfolio), then `intake portfolio-pages site`,
            which writes every need's page into the built site (the build makes only one
            placeholder page for them) and adds them to the search index and the sitemap.

Fetch and generate time the work inside their process; build times the two whole commands, each
in its own process (their seconds and CPU seconds added, the larger peak memory).
The fetch paces its requests as `intake portfolio` does in production, so the pauses are part of
the figures. With --repeat, every figure is the median of the runs. CPU seconds (user + system of
the phase's process) say how much work a phase did even when other processes share the cores;
the load average before and after says how busy the machine was. Target on a 2-core machine:
5,000 needs in at most 30 s and 1 GB. Nothing here asserts a time: it prints figures.

With --hostile COUNT it measures something else: the portfolio of the bundled samples, plain and
with COUNT projektcanvases and nyttouppföljningar of 64 KB whose every written answer is a run an
attacker would choose (intake/fakegithub/hostile.py): `intake portfolio`, and `mkdocs build
--strict` of a copy of the site followed by `intake portfolio-pages`, each in a new process.
Target: at most twice the plain time.

Each measurement is a section (`SECTIONS`) that prints its own table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.adapters.files import write_tree
from intake.adapters.github import GitHub
from intake.adapters.settings import READING, settings_from_env
from intake.domain.lifecycle.issue import Issue
from intake.fakegithub import FakeGitHub
from intake.fakegithub.copies import seed_sample_copies
from intake.fakegithub.synthetic import TODAY
from intake.model.load import load_process
from intake.usecases.portfolio import OWNED, make_portfolio

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_SIZES = (5000,)


@dataclass(frozen=True)
class Figures:
    """One phase: seconds, CPU seconds and peak memory (MB) of its process, what it reports."""

    seconds: float
    cpu: float
    peak_mb: float
    report: dict[str, Any]


def machine() -> str:
    """The cores this process may use, the memory and the load average, on one line."""
    cores = len(os.sched_getaffinity(0))
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{cores} cores ({os.cpu_count()} CPUs), {memory:.1f} GB memory, load average {load}"


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
    portfolio, made = make_portfolio(process, issues, None, today=TODAY)
    write_tree(out, made, OWNED)
    seconds = time.perf_counter() - start
    files = sum(1 for p in out.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"seconds": seconds, "needs": len(portfolio.needs), "files": files, "bytes": size}


def _child(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float, str]:
    """Run a command; its wall time, CPU time, peak resident memory in MB and its output."""
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
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def _phase(name: str, work: Path, env: dict[str, str], *extra: str) -> Figures:
    argv = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--work", str(work)]
    _, cpu, peak, text = _child([*argv, *extra], env, work)
    report: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    return Figures(report["seconds"], cpu, peak, report)


def _project(work: Path, config: Path) -> Path:
    """A copy of the site's pages and configuration, without any portfolio."""
    project = work / "site-project"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("portfolj"))
    shutil.copy(config, project / "mkdocs.yml")
    return project


def _build(project: Path) -> Figures:
    """`mkdocs build --strict`, then `intake portfolio-pages site`, each in its own process."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    argv = [str(bin_dir / "mkdocs"), "build", "--strict", "--site-dir", "site"]
    seconds, cpu, peak, _ = _child(argv, env, project)
    finish = [str(bin_dir / "intake"), "--root", str(ROOT), "portfolio-pages", "site"]
    more_seconds, more_cpu, more_peak, _ = _child(finish, env, project)
    site = project / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    report = {
        "pages": pages,
        "bytes": size,
        "mkdocs": [round(seconds, 1), round(cpu, 1), round(peak)],
        "need_pages": [round(more_seconds, 1), round(more_cpu, 1), round(more_peak)],
    }
    return Figures(seconds + more_seconds, cpu + more_cpu, max(peak, more_peak), report)


def run(count: int, config: Path, keep: Path | None) -> dict[str, Figures]:
    """Seed a fake with `count` needs and measure the three phases."""
    process = load_process()
    work = Path(tempfile.mkdtemp(prefix=f"portfolio-{count}-", dir=keep))
    try:
        with FakeGitHub() as fake:
            seed_sample_copies(fake, process, count)
            env = {**os.environ, **fake.env()}
            fetched = _phase("fetch", work, env)
        if fetched.report["issues"] < count:
            raise SystemExit(f"fetched {fetched.report['issues']} of {count} needs")
        project = _project(work, config)
        out = project / "docs" / "portfolj"
        generated = _phase("generate", work, dict(os.environ), "--out", str(out))
        if generated.report["needs"] != count:
            raise SystemExit(f"the portfolio has {generated.report['needs']} of {count} needs")
        built = _build(project)
        return {"fetch": fetched, "generate": generated, "build": built}
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _median(runs: list[dict[str, Figures]]) -> dict[str, Figures]:
    """Each phase's figures as the median over the runs (reports from the first run)."""
    return {
        phase: Figures(
            statistics.median(r[phase].seconds for r in runs),
            statistics.median(r[phase].cpu for r in runs),
            statistics.median(r[phase].peak_mb for r in runs),
            runs[0][phase].report,
        )
        for phase in runs[0]
    }


def _table(results: dict[int, dict[str, Figures]]) -> str:
    header = (
        f"{'N':>6} {'requests':>8} {'':>4}{'fetch':>8} {'generate':>9} {'build':>8} "
        f"{'total':>8} {'fetch MB':>9} {'generate MB':>11} {'build MB':>9} {'pages':>6}"
    )
    lines = [header]
    for count, r in results.items():
        measures: tuple[tuple[str, Callable[[Figures], float]], ...] = (
            ("s", lambda f: f.seconds),
            ("CPU", lambda f: f.cpu),
        )
        for unit, value in measures:
            total = sum(value(f) for f in r.values())
            first = f"{count:>6} {r['fetch'].report['requests']:>8}" if unit == "s" else " " * 15
            memory = (
                f"{r['fetch'].peak_mb:>9.0f} {r['generate'].peak_mb:>11.0f} "
                f"{r['build'].peak_mb:>9.0f} {r['build'].report['pages']:>6}"
                if unit == "s"
                else ""
            )
            lines.append(
                f"{first} {unit:>4}{value(r['fetch']):>8.1f} {value(r['generate']):>9.1f} "
                f"{value(r['build']):>8.1f} {total:>8.1f} {memory}".rstrip()
            )
    return "\n".join(lines)


def _parts(figures: list[float]) -> str:
    seconds, cpu, peak = figures
    return f"({seconds} s, {cpu} CPU s, {peak:.0f} MB)"


def portfolio_section(args: argparse.Namespace) -> None:
    """Fetch, generate and build the portfolio at each size; the median of --repeat runs."""
    print(
        "Portfolio: needs copied from the bundled samples into one repository of the fake "
        f"GitHub on 127.0.0.1,\nthe real gateway (GraphQL, 100 issues per request, "
        f"{READING.seconds_between_requests} s between requests as in production), "
        f"Material for MkDocs build --strict.\nconfig: {args.config}, {args.repeat} run(s) "
        "per size, medians shown.\n"
    )
    results: dict[int, dict[str, Figures]] = {}
    for count in args.sizes:
        runs = []
        for _ in range(args.repeat):
            runs.append(run(count, args.config.resolve(), args.keep))
            r = runs[-1]
            total = sum(f.seconds for f in r.values())
            print(
                f"N={count}: {total:.1f} s ({r['fetch'].seconds:.1f} fetch, "
                f"{r['generate'].seconds:.1f} generate, {r['build'].seconds:.1f} build), "
                f"{r['fetch'].report['requests']} requests (at most ceil(issues/100) + 3 = "
                f"{math.ceil(r['fetch'].report['issues'] / 100) + 3}), "
                f"{r['generate'].report['files']} files "
                f"({r['generate'].report['bytes'] / 1e6:.0f} MB) generated, "
                f"{r['build'].report['pages']} HTML pages "
                f"({r['build'].report['bytes'] / 1e6:.0f} MB); build = mkdocs "
                f"{_parts(r['build'].report['mkdocs'])} + portfolio-pages "
                f"{_parts(r['build'].report['need_pages'])}; "
                f"load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
        results[count] = _median(runs)
    print()
    print(_table(results))
    print("\ns: seconds; fetch and generate time the work in their process, build the whole")
    print("mkdocs command. CPU: user + system seconds of each phase's whole process (the fake")
    print("GitHub not counted), what the phase costs on a machine that nobody else uses.")
    print("MB: peak resident memory of each phase's own process.")


# --- hostile text (--hostile): the samples plain and with hostile canvases and follow-ups ------

SAMPLES = (ROOT / "intake/samples/issues.json", ROOT / "intake/samples/stadsbyggnad.json")


def _timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """A command in its own process: (wall seconds, CPU seconds of that process)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed: {error}")
    return seconds, usage.ru_utime + usage.ru_stime


def _site(work: Path, name: str, snapshots: list[Path]) -> tuple[float, float, float, float]:
    """The portfolio written into a copy of the site, then built: wall and CPU of each step."""
    project = work / name
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("portfolj"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    bin_dir = Path(sys.executable).parent
    portfolio = [str(bin_dir / "intake"), "portfolio", *(f"--snapshot={p}" for p in snapshots)]
    made = _timed([*portfolio, f"--out={project / 'docs' / 'portfolj'}"], ROOT)
    built = _timed([str(bin_dir / "mkdocs"), "build", "--strict", "--quiet"], project)
    finish = [str(bin_dir / "intake"), "--root", str(ROOT), "portfolio-pages", "site"]
    finished = _timed(finish, project)
    shutil.rmtree(project)
    return (*made, built[0] + finished[0], built[1] + finished[1])


def hostile(count: int, size: int, repeat: int) -> int:
    """Time the portfolio of the samples plain and with `count` hostile forms; print figures."""
    from intake.adapters.rest import rest_of_issue
    from intake.adapters.snapshot import read_snapshots
    from intake.fakegithub.hostile import hostile_attachments

    process = load_process()
    issues = read_snapshots(list(SAMPLES), process.municipality.repository)
    needs = [i for i in issues if i.title.startswith(process.need_form.title)]
    extra = hostile_attachments(process, needs, count, size)
    print(
        f"Portfolio of the samples ({len(issues)} issues), plain and with {count} canvases and "
        f"follow-ups of {size:,} characters\nwhose every written answer is a hostile run "
        f"(intake/fakegithub/hostile.py).\nBest of {repeat}, each command in a new process; "
        "CPU: the time that process worked, whatever else the machine does.\n"
    )
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        work = Path(folder)
        snapshot = work / "hostile.json"
        snapshot.write_text(json.dumps([rest_of_issue(i) for i in extra]), encoding="utf-8")
        plain = [_site(work, "plain", list(SAMPLES)) for _ in range(repeat)]
        bad = [_site(work, "hostile", [*SAMPLES, snapshot]) for _ in range(repeat)]
    print(f"{'':30} {'plain':>8} {'hostile':>8} {'ratio':>6}")
    steps = ["intake portfolio, wall s", "intake portfolio, CPU s"]
    steps += ["build + need pages, wall s", "build + need pages, CPU s"]
    for index, what in enumerate(steps):
        low, high = min(r[index] for r in plain), min(r[index] for r in bad)
        print(f"{what:30} {low:8.2f} {high:8.2f} {high / low:6.2f}")
    print("\nTarget: with the hostile forms at most twice the plain time.")
    return 0


def hostile_section(args: argparse.Namespace) -> None:
    """The samples' portfolio plain and with --hostile COUNT hostile forms."""
    hostile(args.hostile, 65_536, repeat=3)


# Each section measures one thing and prints its own figures; `--section` picks some, and
# `--hostile COUNT` runs the hostile one alone.
SECTIONS: dict[str, Callable[[argparse.Namespace], None]] = {
    "portfolio": portfolio_section,
    "hostile": hostile_section,
}


def main() -> int:
    """Measure each section and print its table beside the machine's cores, memory and load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (default 1)")
    parser.add_argument(
        "--config", type=Path, default=ROOT / "mkdocs.yml", help="the mkdocs.yml to build with"
    )
    parser.add_argument("--keep", type=Path, help="keep the work folders below this folder")
    parser.add_argument(
        "--section",
        choices=list(SECTIONS),
        nargs="+",
        default=["portfolio"],
        help="what to measure (default: portfolio)",
    )
    parser.add_argument("--phase", choices=["fetch", "generate"], help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--hostile",
        type=int,
        metavar="COUNT",
        help="instead: the samples plain and with COUNT hostile 64 KB canvases and follow-ups",
    )
    args = parser.parse_args()
    if args.hostile is not None:
        args.section = ["hostile"]
    if args.phase == "fetch":
        print(json.dumps(_fetch_phase(args.work)))
        return 0
    if args.phase == "generate":
        print(json.dumps(_generate_phase(args.work, args.out)))
        return 0
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}\n")
    for name in args.section:
        SECTIONS[name](args)
        print()
    print(f"machine afterwards: {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
