"""Forms expected in a stage: the bot reminds by default, and refuses a move when the process file
makes the form a precondition. End to end through `intake handle` and the fake GitHub."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from intake.cli.main import main
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.fakegithub import FakeGitHub
from intake.model.load import BUNDLED_PROCESS, load_process
from tests.conftest import FAST
from tests.usecases.test_linking import CANVAS
from tests.usecases.test_triage import (
    BEHOV,
    BEREDA,
    BEREDNING,
    PRIORITERA,
    click,
    event,
    file_need,
    handle,
    stage_labels,
    status,
)


def _strict_process(tmp_path: Path) -> Path:
    """The bundled process with the canvas required before Prioritera."""
    data = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    for form in data["forms"]:
        if form["id"] == "projektcanvas":
            form["required_for"] = ["prioritera"]
    path = tmp_path / "process.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _handle(fake: FakeGitHub, tmp_path: Path, payload: dict[str, Any], process: Path) -> int:
    """`intake handle` with the given process file, for this event."""
    path = tmp_path / f"event-{len(fake.requests)}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    env = fake.env(GITHUB_EVENT_PATH=path, GITHUB_EVENT_NAME="issues")
    return main(["--process", str(process), "handle"], env=env, pacing=FAST)


def _file_canvas(fake: FakeGitHub, need: int) -> int:
    process = load_process()
    body = render_body(
        issue_form(process, process.form("projektcanvas")), {**CANVAS, "behovsnummer": str(need)}
    )
    return fake.add_issue("Projektcanvas: snabbare bygglov", body, user="anna-exempel")


def test_the_status_comment_reminds_of_a_canvas_until_one_is_linked(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    need = file_need(fake_github, tmp_path)
    click(fake_github, need, BEREDA, BEREDNING, remove=BEHOV)
    assert handle(fake_github, tmp_path, event("labeled", need, BEREDNING, BEREDA)) == 0
    assert (
        "**Påminnelse:** i det här steget väntas en projektcanvas" in status(fake_github, need).body
    )
    # By default the canvas is no precondition: the move to Prioritera is accepted without one.
    click(fake_github, need, PRIORITERA, BEREDNING, remove=BEREDA)
    assert handle(fake_github, tmp_path, event("labeled", need, BEREDNING, PRIORITERA)) == 0
    assert stage_labels(fake_github, need) == {PRIORITERA}


def test_a_required_canvas_stops_the_move_until_it_is_linked(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    strict = _strict_process(tmp_path)
    need = file_need(fake_github, tmp_path)
    click(fake_github, need, BEREDA, BEREDNING, remove=BEHOV)
    assert _handle(fake_github, tmp_path, event("labeled", need, BEREDNING, BEREDA), strict) == 0
    click(fake_github, need, PRIORITERA, BEREDNING, remove=BEREDA)
    assert (
        _handle(fake_github, tmp_path, event("labeled", need, BEREDNING, PRIORITERA), strict) == 0
    )
    assert stage_labels(fake_github, need) == {BEREDA}
    refusal = fake_github.bot_comments(need)[-1].body
    assert "går till Prioritera först när det har en komplett [Projektcanvas]" in refusal
    canvas = _file_canvas(fake_github, need)
    assert _handle(fake_github, tmp_path, event("opened", canvas, "anna-exempel"), strict) == 0
    assert fake_github.issue(canvas).state == "closed"
    click(fake_github, need, PRIORITERA, BEREDNING, remove=BEREDA)
    assert (
        _handle(fake_github, tmp_path, event("labeled", need, BEREDNING, PRIORITERA), strict) == 0
    )
    assert stage_labels(fake_github, need) == {PRIORITERA}
    assert "Påminnelse" not in status(fake_github, need).body
