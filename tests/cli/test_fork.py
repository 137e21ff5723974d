"""A municipality makes the repository its own by changing the process file's `municipality:`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from intake.cli.main import main
from intake.model.load import load_process
from intake.usecases.fork import fork_findings
from tests.paths import ROOT

NEW = {
    "name": "Norrby kommun",
    "site_url": "https://norrby.github.io/digitalisering/",
    "repository": "norrby-kommun/digitalisering",
    "contact": "digital@norrby.se",
    "accessibility_body": "Norrby kommun, kommunstyrelsen",
    "controller": "Kommunstyrelsen i Norrby kommun",
    "data_protection_officer": "dataskydd@norrby.se",
    "phone": "0980-319 210",
    "postal_address": "Norrby kommun, 981 00 Norrby",
    "response_days": 3,
    "etjanst_url": "https://e.norrby.se/behov",
}
TRACES = ("exempelkommun",)  # its name, its address, its repository and its e-mail all hold it
# What GitHub Actions would say about the copy's own repository.
FORK_ENV = {"GITHUB_REPOSITORY": str(NEW["repository"])}


def test_example_people_are_fine_in_the_example_repository() -> None:
    process = load_process()
    assert fork_findings(process) == []
    assert fork_findings(process, "exempelkommun/digitaliseringsprocessen") == []


def test_a_copy_running_elsewhere_with_the_example_people_fails() -> None:
    [finding] = fork_findings(load_process(), "norrby-kommun/digitalisering")
    assert finding.level == "error"
    assert "ordforande-exempel" in finding.message
    assert "koden körs i norrby-kommun/digitalisering" in finding.message


def test_intake_check_fails_in_a_copy_not_yet_made_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--root", str(ROOT), "check"], env=FORK_ENV) == 1
    assert "exempelpersonerna" in capsys.readouterr().err


def _copy(target: Path) -> Path:
    """The repository's files as a municipality gets them, without what a build leaves."""
    skip = shutil.ignore_patterns(
        ".git", ".venv", "site", "node_modules", "test-artifacts", "__pycache__", "portfolj"
    )
    shutil.copytree(ROOT, target, ignore=skip)
    # The copy runs on this checkout's environment: the same locked packages, already installed.
    venv = target / ".venv"
    venv.mkdir()
    for part in ("bin", "lib", "tools", "pyvenv.cfg"):
        if (ROOT / ".venv" / part).exists():
            (venv / part).symlink_to(ROOT / ".venv" / part)
    for profile in ("runtime", "dev", "bot"):  # as scripts/setup stamps a finished install
        digest = subprocess.run(
            ["bash", "-c", f"sha256sum requirements/{profile}.txt requirements/uv.txt "
             "pyproject.toml | sha256sum | cut -c1-16"],
            cwd=target, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        (venv / f".installed-{profile}").write_text(digest + "\n", encoding="utf-8")
    return target


@pytest.mark.slow
def test_a_fork_changing_only_its_settings_shows_no_trace_of_the_example(tmp_path: Path) -> None:
    copy = _copy(tmp_path / "norrby")
    process_file = copy / "intake" / "process.yml"
    text = process_file.read_text(encoding="utf-8")
    old = yaml.safe_load(text)["municipality"]
    for key, value in NEW.items():
        text = text.replace(f"  {key}: {old[key]}\n", f"  {key}: {value}\n", 1)
    process_file.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["municipality"] == {**NEW, "public_contacts": []}  # none shown
    assert main(["--root", str(copy), "generate"], env={}) == 0
    env = {**os.environ, "CI": "true", "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}"}
    run = subprocess.run(
        ["bash", "scripts/run", "--no-serve"], cwd=copy, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "exempelpersonerna" in run.stdout  # a warning: the example people still hold roles
    site = copy / "site"
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        made_from_samples = (
            "portfolj/behov/",
            "portfolj/portfolio.",
            "portfolj/dagordning/",
            "portfolj/moten/",
            "portfolj/liknande.json",
            "portfolj/prenumerera/nya-behov.xml",
            "portfolj/prenumerera/beslut.xml",
            "portfolj/prenumerera/forvaltning-",
        )
        if relative.startswith(made_from_samples):
            continue  # made from the bundled sample needs (and their issue links): may name it
        text = path.read_text(encoding="utf-8", errors="replace")
        if relative.endswith("search_index.json") or relative == "search.json":
            text = _search_text_outside_needs(text)
        found += [f"{relative}: {trace}" for trace in TRACES if trace in text.lower()]
    assert found == []
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/norrby-kommun/digitalisering/issues/new?template=behov.yml" in start
    statement = (site / "tillganglighetsredogorelse" / "index.html").read_text(encoding="utf-8")
    assert "Norrby kommun, kommunstyrelsen" in statement
    assert "mailto:digital@norrby.se" in statement
    assert "0980-319 210" in statement
    assert "Vi svarar inom tre arbetsdagar." in statement
    privacy = (site / "personuppgifter" / "index.html").read_text(encoding="utf-8")
    assert "Kommunstyrelsen i Norrby kommun" in privacy
    assert "mailto:dataskydd@norrby.se" in privacy


def _search_text_outside_needs(index: str) -> str:
    data = json.loads(index)
    documents = data.get("docs") or data.get("items") or []
    return json.dumps(
        [d for d in documents if not d["location"].lstrip("/").startswith("portfolj/behov/")],
        ensure_ascii=False,
    )
