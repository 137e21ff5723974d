"""The need form is generated from the process file, valid for GitHub, and read back faithfully."""

import subprocess
import sys
from pathlib import Path

import pytest

from intake.adapters.files import drifted, write_files
from intake.cli.main import main
from intake.domain.need.forms import read_issue_form
from intake.model.load import load_process
from intake.model.process import Process
from intake.render.site.generate import SOURCES, generated_files
from intake.render.site.issue_forms import render_issue_config, render_issue_form
from tests.paths import ROOT

ROOT = ROOT


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


def test_form_offers_the_process_choices(process: Process) -> None:
    form = read_issue_form(render_issue_form(process, process.need_form))
    owner = next(e for e in form.elements if e.id == "behovsagare")
    assert owner.options == [u.name for u in process.units] + ["Ingen tydlig ägare"]
    assert owner.required
    assert [e.id for e in form.elements] == [f.id for f in process.need_form.fields]


def test_form_links_to_the_guidance_on_the_municipality_site(process: Process) -> None:
    text = render_issue_form(process, process.need_form)
    assert f"{process.municipality.site_url}behov-fore-losning/" in text
    assert "{site_url}" not in text


def test_issue_chooser_allows_no_blank_issues(process: Process) -> None:
    text = render_issue_config(process)
    assert "blank_issues_enabled: false" in text


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/behov.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
    ],
)
def test_generated_files_validate_against_githubs_schemas(
    process: Process, tmp_path: Path, schema: str, path: str
) -> None:
    write_files(tmp_path, generated_files(process, sources()))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, tmp_path / path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def sources(root: Path = ROOT) -> dict[str, str]:
    """The texts generation reads, as the command reads them below root."""
    return {p: (root / p).read_text("utf-8") if (root / p).exists() else "" for p in SOURCES}


def test_generation_is_deterministic(process: Process) -> None:
    assert generated_files(process, sources()) == generated_files(load_process(), sources())


def test_drift_is_found_and_named(process: Process, tmp_path: Path) -> None:
    files = generated_files(process, sources())
    write_files(tmp_path, files)
    assert drifted(tmp_path, files) == []
    form = tmp_path / process.need_form.path
    form.write_text(form.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    (tmp_path / ".github/ISSUE_TEMPLATE/config.yml").unlink()
    assert drifted(tmp_path, files) == [
        ".github/ISSUE_TEMPLATE/behov.yml",
        ".github/ISSUE_TEMPLATE/config.yml",
    ]


def test_check_command_fails_on_drift_and_passes_after_generate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def intake(*args: str, actions: bool = False) -> int:
        env = {"GITHUB_ACTIONS": "true"} if actions else {}
        return main(["--root", str(tmp_path), *args], env=env)

    assert intake("check") == 1
    assert "fel: .github/ISSUE_TEMPLATE/behov.yml stämmer inte" in capsys.readouterr().err
    assert intake("check", actions=True) == 1
    assert "::error file=.github/ISSUE_TEMPLATE/behov.yml::" in capsys.readouterr().out
    assert intake("generate") == 0
    assert intake("check") == 0
    assert intake("generate") == 0
    assert "är aktuellt" in capsys.readouterr().out


def test_committed_files_match_the_process(process: Process) -> None:
    assert drifted(ROOT, generated_files(process, sources())) == []
