"""Build the real site from a copy of the repository's pages, never touching the work tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from intake.cli.main import main
from tests.paths import ROOT, SAMPLES

BIN = Path(sys.executable).parent
TOOLS = ("mkdocs", "zensical")


def copy_project(target: Path) -> Path:
    """Copy mkdocs.yml and docs/ to target, with the generated portfolio in place."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("portfolj"))
    out = target / "docs" / "portfolj"
    code = main(["--root", str(ROOT), "portfolio", "--snapshot", str(SAMPLES), "--out", str(out)])
    if code != 0:
        raise AssertionError(f"intake portfolio failed with exit status {code}")
    return target


def build(project: Path, tool: str) -> tuple[Path, str]:
    """Build with "mkdocs" or "zensical" (strict), then, when the project has a portfolio, write
    the needs' pages into the site (`intake portfolio-pages`); returns the site folder and log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command: list[str | Path]
    if tool == "mkdocs":
        command = [BIN / "mkdocs", "build", "--strict", "--site-dir", "site-mkdocs"]
        site = project / "site-mkdocs"
    else:
        command = [BIN / "zensical", "build", "--strict", "--clean"]
        site = project / "site"
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise AssertionError(f"{tool} build failed:\n{log}")
    if not (project / "docs" / "portfolj" / "behovssidor.jsonl").is_file():
        return site, log  # a site without a portfolio (a test's two pages)
    finish: list[str | Path] = [BIN / "intake", "--root", ROOT, "portfolio-pages", site.name]
    done = subprocess.run(finish, cwd=project, env=env, capture_output=True, text=True)
    log += done.stdout + done.stderr
    if done.returncode != 0:
        raise AssertionError(f"intake portfolio-pages failed after {tool}:\n{log}")
    return site, log
