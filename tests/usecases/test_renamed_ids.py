"""A fork renames the council's stage and an outcome: it works end to end, or `intake check` says
where. The renamed process is the bundled one with `prioritera` → `radsbeslut` and `avslagen` →
`nej` in every place that names them (tests/fixtures/process/renamed/renames.yml)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import yaml

from intake.cli.main import main
from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.record import Record
from intake.domain.lifecycle.renames import with_current_ids
from intake.domain.lifecycle.stages import labels_to_reach
from intake.domain.lifecycle.timeline import Move
from intake.fakegithub import FakeGitHub
from intake.model.load import BUNDLED_PROCESS, ProcessError, parse_process
from intake.model.renames import parse_ids, stranded
from intake.render.site.ids import render_ids
from tests.conftest import FAST
from tests.paths import FIXTURES
from tests.usecases.test_commands import comment_event
from tests.usecases.test_triage import BEREDA, BEREDNING, RAD, click, event, notes, record

RENAMES: dict[str, Any] = yaml.safe_load(
    (FIXTURES / "process" / "renamed" / "renames.yml").read_text(encoding="utf-8")
)
BUNDLED = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))


def renamed(data: dict[str, Any], *, everywhere: bool = True, note: bool = True) -> str:
    """The process text with the fixture's renames: in `stages`/`outcomes` only, or everywhere."""
    ids: dict[str, str] = {r["from"]: r["to"] for r in RENAMES["renames"]}
    new = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    for stage in [*new["stages"], *new["outcomes"]]:
        rename = next((r for r in RENAMES["renames"] if r["from"] == stage["id"]), None)
        if rename is not None:
            if note:
                stage["renamed_from"] = {"id": stage["id"], "label": stage["label"]}
            stage.update(id=rename["to"], name=rename["name"], label=rename["label"])

    def swap(value: str) -> str:
        return ids.get(value, value)

    if everywhere:
        new["transitions"] = {
            swap(source): {swap(target): move for target, move in moves.items()}
            for source, moves in new["transitions"].items()
        }
        decisions = new["commands"]["decisions"]
        new["commands"]["decisions"] = {word: swap(t) for word, t in decisions.items()}
        for form in new["forms"]:
            form["stages"] = [swap(s) for s in form.get("stages", [])]
            form["required_for"] = [swap(s) for s in form.get("required_for", [])]
    return yaml.safe_dump(new, allow_unicode=True, sort_keys=False)


@pytest.fixture
def process_file(tmp_path: Path) -> Path:
    path = tmp_path / "process.yml"
    path.write_text(renamed(BUNDLED), encoding="utf-8")
    return path


def test_renamed_everywhere_the_process_passes_its_checks(process_file: Path) -> None:
    process = parse_process(process_file.read_text(encoding="utf-8"))
    assert process.council_stage is not None
    assert process.council_stage.id == "radsbeslut"
    assert process.commands.decisions["avslå"] == "nej"
    previous = parse_ids(render_ids(parse_process(BUNDLED_PROCESS.read_text("utf-8"))))
    assert stranded(process, previous) == []


def test_renamed_in_stages_only_the_check_names_every_place() -> None:
    with pytest.raises(ProcessError) as caught:
        parse_process(renamed(BUNDLED, everywhere=False))
    message = str(caught.value)
    for place in ("transitions.prioritera", "transitions.behov", "commands.decisions.avslå"):
        assert place in message
    assert "transitions har ingen flytt radsbeslut → avslagen" not in message


def test_a_rename_without_renamed_from_is_refused_as_stranding(tmp_path: Path) -> None:
    (tmp_path / "intake").mkdir()
    bundled = parse_process(BUNDLED_PROCESS.read_text("utf-8"))
    (tmp_path / "intake" / "ids.yml").write_text(render_ids(bundled), encoding="utf-8")
    path = tmp_path / "process.yml"
    path.write_text(renamed(BUNDLED, note=False), encoding="utf-8")
    process = parse_process(path.read_text(encoding="utf-8"))
    problems = stranded(process, parse_ids(render_ids(bundled)))
    assert [message.split(" med ")[0] for _, message in problems] == ["'prioritera'", "'avslagen'"]
    args = ["--root", str(tmp_path), "--process", str(path)]
    assert main([*args, "generate"]) == 1
    assert not (tmp_path / "mkdocs.yml").exists()  # nothing written


def handle(
    fake: FakeGitHub, tmp_path: Path, process: Path, payload: dict[str, Any], name: str = "issues"
) -> None:
    """`intake handle` with the renamed process file, for this event."""
    path = tmp_path / f"event-{len(fake.requests)}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    env = fake.env(GITHUB_EVENT_PATH=path, GITHUB_EVENT_NAME=name)
    assert main(["--process", str(process), "handle"], env=env, pacing=FAST) == 0


def test_the_decision_path_runs_through_the_renamed_ids(
    fake_github: FakeGitHub, tmp_path: Path, process_file: Path
) -> None:
    body = (FIXTURES / "parse" / "complete" / "body.md").read_text(encoding="utf-8")
    number = fake_github.add_issue("Behov: Snabbare bygglov", body, user="anna-exempel")
    handle(fake_github, tmp_path, process_file, event("opened", number, "anna-exempel"))
    click(fake_github, number, BEREDA, BEREDNING, remove="steg: behov")
    handle(fake_github, tmp_path, process_file, event("labeled", number, BEREDNING, BEREDA))
    click(fake_github, number, "steg: rådsbeslut", BEREDNING, remove=BEREDA)
    moved = event("labeled", number, BEREDNING, "steg: rådsbeslut")
    handle(fake_github, tmp_path, process_file, moved)
    assert record(fake_github, number)["stage"] == "radsbeslut"
    out = tmp_path / "portfolj"
    args = ["--process", str(process_file), "portfolio", "--out", str(out)]
    assert main(args, env=fake_github.env(), pacing=FAST) == 0
    agenda = (out / "dagordning" / "index.md").read_text(encoding="utf-8")
    assert "Snabbare bygglov" in agenda  # the agenda finds it in the renamed stage
    assert urllib.parse.quote('label:"steg: rådsbeslut"', safe="") in agenda  # GitHub's list
    words = "/beslut avslå Ryms inte i årets budget."
    comment_id = fake_github.add_comment(number, words, user=RAD)
    said = comment_event(number, RAD, words, comment_id)
    handle(fake_github, tmp_path, process_file, said, "issue_comment")
    assert {n for n in fake_github.labels_of(number) if n.startswith(("steg", "utfall"))} == {
        "utfall: nej"
    }
    assert fake_github.issue(number).state == "closed"
    assert record(fake_github, number)["stage"] == "nej"
    assert any("Ryms inte i årets budget." in n for n in notes(fake_github, number))


def test_records_with_the_old_ids_are_read_with_the_new(process_file: Path) -> None:
    process = parse_process(process_file.read_text(encoding="utf-8"))
    at = "2026-11-02T09:00:00Z"
    old = Record(
        stage="avslagen",
        moves=[
            Move.model_validate(
                {"from": "bereda", "to": "prioritera", "login": RAD, "user_id": None, "at": at}
            ),
            Move.model_validate(
                {"from": "prioritera", "to": "avslagen", "login": RAD, "user_id": None, "at": at}
            ),
        ],
    )
    now = with_current_ids(process, old)
    assert now.stage == "nej"
    assert [(m.source, m.target) for m in now.moves] == [
        ("bereda", "radsbeslut"),
        ("radsbeslut", "nej"),
    ]


def test_labels_sync_renames_the_label_and_issues_keep_it(
    fake_github: FakeGitHub, process_file: Path
) -> None:
    number = fake_github.add_issue("Behov: Snabbare bygglov", "text", user="anna-exempel")
    fake_github.label_issue(number, "steg: prioritera")
    sync = ["--process", str(process_file), "labels", "sync"]
    assert main(sync, env=fake_github.env(), pacing=FAST) == 0
    assert fake_github.labels_of(number) == {"steg: rådsbeslut"}
    assert fake_github.repo.label("steg: prioritera") is None


def test_until_labels_sync_the_old_label_names_the_renamed_stage(process_file: Path) -> None:
    process = parse_process(process_file.read_text(encoding="utf-8"))
    renamed = process.stage("radsbeslut")
    assert process.stage_of_label("Steg: Prioritera") == renamed
    assert labels_to_reach(process, ("steg: prioritera", "bug"), renamed) == LabelChange(
        add=("steg: rådsbeslut",), remove=("steg: prioritera",)
    )
    assert labels_to_reach(process, ("steg: rådsbeslut",), renamed) == LabelChange()
