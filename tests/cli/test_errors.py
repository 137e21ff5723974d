"""Every command answers bad input with one line and an exit status, never with a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.cli.main import main
from intake.model.load import BUNDLED_PROCESS
from tests.paths import FIXTURES, ROOT, SAMPLES

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "behov.yml"
BODY = FIXTURES / "parse" / "complete" / "body.md"
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing answers, the connection is refused


def commands(bad: Path, out: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each command with `bad` where it reads a file: (arguments, environment)."""
    github = {"GITHUB_REPOSITORY": "kommun/behov", "GITHUB_TOKEN": "x", "GITHUB_API_URL": CLOSED}
    event = {**github, "GITHUB_EVENT_NAME": "issues", "GITHUB_EVENT_PATH": str(bad)}
    return {
        "parse-template": (["parse", "--template", str(bad), str(BODY)], {}),
        "parse-body": (["parse", "--template", str(FORM), str(bad)], {}),
        "validate-body": (["validate", str(bad)], {}),
        "validate-snapshot": (["validate", "--snapshot", str(bad)], {}),
        "portfolio-snapshot": (["portfolio", "--snapshot", str(bad), "--out", str(out)], {}),
        "check-process": (["--process", str(bad), "check"], {}),
        "handle-event": (["handle"], event),
        "import-file": (["import", "--dry-run", str(bad)], github),
    }


def run(arguments: list[str], env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command; fail on a traceback or an undocumented status; return what it printed."""
    from tests.conftest import FAST

    code = main(["--root", str(ROOT), *arguments], env=env, pacing=FAST)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2, 3), (arguments, code)
    assert "Traceback" not in out + err
    if code == 2:
        assert err.startswith("fel: "), err
        assert len(err.strip().splitlines()) == 1 or "fel i processfilen" in err, err
    return err


CASES = {
    "missing": None,
    "folder": "",
    "empty": b"",
    "latin-1": "Behov: förskolan\n".encode("latin-1"),
    "utf-16": "### Behov\n\nText\n".encode("utf-16"),
    "binary": bytes(range(256)),
    "json-not-list": b'{"issues": []}',
    "truncated-json": b'[{"number": 1, "title": "Behov',
    "yaml-list": b"- a\n- b\n",
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", list(commands(Path(), Path())))
def test_ordinary_mistakes_end_in_one_line(
    tmp_path: Path, command: str, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "input"
    content = CASES[case]
    if content == "":
        bad.mkdir()
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    arguments, env = commands(bad, tmp_path / "out")[command]
    err = run(arguments, env, capsys)
    if case in ("missing", "folder", "latin-1", "utf-16", "binary"):
        said = {
            "missing": "finns inte",
            "folder": "är en mapp",
            "latin-1": "UTF-8",
            "utf-16": "binära",  # UTF-16 text holds NUL bytes
            "binary": "binära",
        }[case]
        if command == "check-process":
            said = "inte text i UTF-8" if case in ("latin-1", "utf-16", "binary") else said
        if command == "import-file":  # an export may be Windows-1252: Latin-1 reads as a header
            said = {"latin-1": "inga rader", "utf-16": "UTF-16", "binary": "UTF-16"}.get(case, said)
        assert said in err, err
    assert not (tmp_path / "out").exists()


def _process_variant(tmp_path: Path, edit: str, to: str) -> Path:
    text = BUNDLED_PROCESS.read_text(encoding="utf-8")
    assert edit in text
    path = tmp_path / "process.yml"
    path.write_text(text.replace(edit, to, 1), encoding="utf-8")
    return path


def test_an_unknown_list_of_choices_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _process_variant(tmp_path, "choices: omfattning", "choices: storlekar")
    assert main(["--process", str(path), "check"], env={}) == 2
    err = capsys.readouterr().err
    line = path.read_text("utf-8").split("\n").index("        choices: storlekar") + 1
    assert f"{path}:{line}: forms.0.fields.5.choices: okänd lista med val: 'storlekar'" in err


def test_a_meeting_on_a_day_that_does_not_exist_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _process_variant(tmp_path, "2026-04-21", "2026-14-21")
    assert main(["--process", str(path), "check"], env={}) == 2
    err = capsys.readouterr().err
    line = next(
        n for n, text in enumerate(path.read_text("utf-8").split("\n"), 1) if "2026-14" in text
    )
    assert err == f"fel: {path}:{line}: ett datum som inte finns; skriv det som 2027-01-20\n"


def test_process_file_mistakes_are_said_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _process_variant(tmp_path, "  name: Exempelkommun", "  name: Exempelkommun\n  namn: x")
    assert main(["--process", str(path), "check"], env={}) == 2
    err = capsys.readouterr().err
    assert "municipality.namn: är ingen nyckel som processfilen känner till" in err


def test_a_site_url_without_its_slash_is_said_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "https://exempelkommun.github.io/digitaliseringsprocessen"
    path = _process_variant(tmp_path, f"site_url: {url}/", f"site_url: {url}")
    assert main(["--process", str(path), "check"], env={}) == 2
    err = capsys.readouterr().err
    assert f"ska sluta med ett snedstreck: skriv '{url}/'" in err
    assert "^https?" not in err  # words, not the pattern


def test_a_template_that_is_no_issue_form_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "--template", str(ROOT / "mkdocs.yml"), str(BODY)], env={}) == 2
    assert "is not a GitHub issue form" in capsys.readouterr().err


def test_actions_gets_annotations_and_a_terminal_plain_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "saknas.json")
    assert main(["validate", "--snapshot", missing], env={"GITHUB_ACTIONS": "true"}) == 2
    out, err = capsys.readouterr()
    assert out == f"::error::{missing}: filen finns inte\n"
    assert err == ""
    assert main(["validate", "--snapshot", missing], env={}) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"fel: {missing}: filen finns inte\n")


# --- random input -------------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
ISSUE_KEYS = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(
        ("number", "title", "body", "state", "labels", "created_at", "html_url"), JSON
    ),
)
RANDOM = st.one_of(
    st.binary(max_size=300),
    JSON.map(lambda value: json.dumps(value).encode()),
    st.lists(ISSUE_KEYS, max_size=3).map(lambda value: json.dumps(value).encode()),
    JSON.map(lambda value: yaml.safe_dump(value, allow_unicode=True).encode()),
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=RANDOM)
@pytest.mark.parametrize("command", list(commands(Path(), Path())))
def test_random_bytes_yaml_and_json_never_raise(
    tmp_path: Path, command: str, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "input"
    bad.write_bytes(content)
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    arguments, env = commands(bad, out)[command]
    run(arguments, env, capsys)


def test_the_samples_still_pass_through_every_reading_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--snapshot", str(SAMPLES)], env={}) == 0
    assert main(["portfolio", "--snapshot", str(SAMPLES), "--out", str(tmp_path)], env={}) == 0
    capsys.readouterr()
