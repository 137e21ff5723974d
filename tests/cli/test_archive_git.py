"""scripts/archive-git against a local bare repository: fetch, push, and the one-line failures."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.paths import ROOT

SCRIPT = ROOT / "scripts" / "archive-git"
TARGET = "exempelkommun/digitaliseringsarkiv"  # the bundled process file's `archive: repository`


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "ARCHIVE_"))}
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=base | {"GIT_CONFIG_NOSYSTEM": "1", "HOME": env.pop("HOME")} | env,
    )


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout


def test_fetch_then_push_leaves_one_commit_and_no_token_in_the_clone(tmp_path: Path) -> None:
    server = tmp_path / "server"
    bare = server / f"{TARGET}.git"
    bare.mkdir(parents=True)
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    env = {"GITHUB_SERVER_URL": f"file://{server}", "ARCHIVE_TOKEN": "hemlig-nyckel"}
    clone = tmp_path / "arkiv"
    fetched = run("fetch", str(clone), env={"HOME": str(tmp_path)} | env)
    assert fetched.returncode == 0, fetched.stderr
    (clone / "index.json").write_text("{}\n", encoding="utf-8")
    pushed = run("push", str(clone), env={"HOME": str(tmp_path)} | env)
    assert pushed.returncode == 0, pushed.stderr
    assert f"arkivet skickat till {TARGET}" in pushed.stdout
    assert git("log", "--format=%s", "main", cwd=bare).startswith("Arkivet natten ")
    assert "hemlig" not in (clone / ".git" / "config").read_text(encoding="utf-8")
    again = run("push", str(clone), env={"HOME": str(tmp_path)} | env)
    assert again.returncode == 0
    assert "oförändrat" in again.stdout


def test_a_missing_token_or_repository_ends_with_one_line(tmp_path: Path) -> None:
    home = {"HOME": str(tmp_path)}
    missing = run("fetch", str(tmp_path / "a"), env=dict(home))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [missing.stderr.strip()]
    assert "ARCHIVE_TOKEN saknas" in missing.stderr
    env = {"GITHUB_SERVER_URL": f"file://{tmp_path / 'none'}", "ARCHIVE_TOKEN": "x"}
    refused = run("fetch", str(tmp_path / "a"), env=home | env)
    assert refused.returncode == 3
    assert len(refused.stderr.strip().splitlines()) == 1
    assert TARGET in refused.stderr
