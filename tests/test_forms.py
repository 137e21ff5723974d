"""The need form is generated from the process file, valid for GitHub, and read back faithfully."""

import subprocess
import sys
from pathlib import Path

import pytest

from intake.domain.forms import read_issue_form, render_issue_config, render_issue_form
from intake.render.generate import drifted, generated_files, write_files
from intake.model.process import Process, load_process

ROOT = Path(__file__).resolve().parents[1]


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
    write_files(tmp_path, generated_files(process))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, tmp_path / path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generation_is_deterministic(process: Process) -> None:
    assert generated_files(process) == generated_files(load_process())


def test_drift_is_found_and_named(process: Process, tmp_path: Path) -> None:
    files = generated_files(process)
    write_files(tmp_path, files)
    assert drifted(tmp_path, files) == []
    form = tmp_path / process.need_form.path
    form.write_text(form.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    (tmp_path / ".github/ISSUE_TEMPLATE/config.yml").unlink()
    assert drifted(tmp_path, files) == [
        ".github/ISSUE_TEMPLATE/behov.yml",
        ".github/ISSUE_TEMPLATE/config.yml",
    ]


def test_check_command_fails_on_drift_and_passes_after_generate(tmp_path: Path) -> None:
    def intake(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "intake", "--root", str(tmp_path), *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )

    stale = intake("check")
    assert stale.returncode == 1
    assert "::error file=.github/ISSUE_TEMPLATE/behov.yml::" in stale.stdout
    assert intake("generate").returncode == 0
    assert intake("check").returncode == 0
    assert "up to date" in intake("generate").stdout


def test_committed_files_match_the_process(process: Process) -> None:
    assert drifted(ROOT, generated_files(process)) == []
