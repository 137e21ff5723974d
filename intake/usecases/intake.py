"""The intake use case: answer an issue event with one comment and the right labels.

`handle_event` is pure over the gateway it is given; `command` and `labels_command` are the entry
points that read the environment (once) and write the job summary and annotations.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from intake.render.comment import MARKER, escape_markdown, render_comment
from intake.adapters.settings import ConfigError, Settings, settings_from_env
from intake.domain.forms import issue_form
from intake.adapters.github import CommentResult, GitHub, GitHubError, Pacing
from intake.domain.labels import LabelChange, plan_labels
from intake.domain.parse import parse
from intake.model.process import Process
from intake.domain.validate import Verdict, is_from_form, validate

ACTIONS = ("opened", "edited", "reopened")


class Outcome(BaseModel):
    """What handling one event did, for the job summary."""

    model_config = ConfigDict(frozen=True)

    number: int | None
    title: str = ""
    handled: bool  # False: nothing was changed, see `reason`
    reason: str = ""
    verdict: Verdict | None = None
    comment: CommentResult | None = None
    labels: LabelChange = LabelChange()
    requests: int = 0


def handle_event(gh: GitHub, process: Process, event: dict[str, Any]) -> Outcome:
    """Validate the need an `issues` event is about; comment on it and label it, idempotently."""
    action = event.get("action")
    data = event.get("issue") or {}
    number = data.get("number")
    if action not in ACTIONS or not isinstance(number, int):
        return Outcome(number=None, handled=False, reason=f"händelsen ”{action}” hanteras inte")
    if "pull_request" in data:
        return Outcome(number=number, handled=False, reason="en pull request, inget behov")
    # The event may be stale (a newer run may have been queued behind it): read the issue now.
    issue = gh.issue(number)
    skipped = Outcome(number=number, title=issue.title, handled=False, requests=gh.requests_made)
    if issue.state != "open":
        return skipped.model_copy(update={"reason": "ärendet är stängt"})
    form = process.need_form
    parsed = parse(issue_form(process, form), issue.body)
    if not is_from_form(parsed):
        reason = f"texten är inte skriven i formuläret ”{form.name}”"
        return skipped.model_copy(update={"reason": reason})
    verdict = validate(process, form, parsed, title=issue.title, body=issue.body)
    comment = gh.upsert_comment(number, MARKER, render_comment(process, verdict))
    change = gh.apply_labels(number, plan_labels(process, form, verdict, issue.labels))
    return Outcome(
        number=number,
        title=issue.title,
        handled=True,
        verdict=verdict,
        comment=comment,
        labels=change,
        requests=gh.requests_made,
    )


def render_summary(outcome: Outcome) -> str:
    """The job summary in Markdown; everything from the issue escaped."""
    heading = f"## Behov #{outcome.number}" if outcome.number else "## Behov"
    lines = [heading, ""]
    if outcome.title:
        lines += [f"**{escape_markdown(outcome.title)}**", ""]
    if not outcome.handled:
        lines += [f"Ingenting ändrades: {escape_markdown(outcome.reason)}.", ""]
    elif outcome.verdict is not None:
        status = "komplett" if outcome.verdict.ok else "behöver kompletteras"
        lines += [f"- Anmälan: {status}", f"- Kommentar: {_COMMENT_WORDS[outcome.comment]}"]
        added = ", ".join(escape_markdown(n) for n in outcome.labels.add) or "inga"
        removed = ", ".join(escape_markdown(n) for n in outcome.labels.remove) or "inga"
        lines += [f"- Etiketter som lades till: {added}", f"- Etiketter som togs bort: {removed}"]
        lines.append("")
        for title, findings in (("Fel", outcome.verdict.errors), ("Tips", outcome.verdict.hints)):
            if findings:
                lines += [f"### {title}", ""]
                lines += [f"- {escape_markdown(f.message)}" for f in findings]
                lines.append("")
    lines += [f"Anrop till GitHub: {outcome.requests}", ""]
    return "\n".join(lines)


_COMMENT_WORDS: dict[str | None, str] = {
    "created": "skapad",
    "updated": "uppdaterad",
    "unchanged": "oförändrad",
    None: "ingen",
}


def workflow_commands(outcome: Outcome) -> list[str]:
    """Workflow commands (`::warning::`, `::notice::`) that show in the run's annotations."""
    if outcome.verdict is None:
        return [_command("notice", f"Behov #{outcome.number}: {outcome.reason}")]
    title = f"Behov #{outcome.number}"
    found = [_command("warning", f.message, title=title) for f in outcome.verdict.errors]
    found += [_command("notice", f.message, title=title) for f in outcome.verdict.hints]
    return found


def _command(name: str, message: str, **properties: str) -> str:
    """A workflow command, escaped as GitHub's runner expects."""
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _write_summary(settings: Settings, text: str) -> None:
    if settings.step_summary is not None:
        with settings.step_summary.open("a", encoding="utf-8") as summary:
            summary.write(text)


def _settings() -> Settings | None:
    try:
        return settings_from_env(os.environ)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def command(args: argparse.Namespace, process: Process, *, pacing: Pacing | None = None) -> int:
    """`intake handle`: handle the event of the current workflow run."""
    settings = _settings()
    if settings is None:
        return 2
    if settings.event_path is None:
        print("error: GITHUB_EVENT_PATH is not set", file=sys.stderr)
        return 2
    if settings.event_name != "issues":
        print(f"nothing to do for a {settings.event_name!r} event")
        return 0
    event = json.loads(Path(settings.event_path).read_text(encoding="utf-8"))
    gh = GitHub(settings, pacing)
    try:
        outcome = handle_event(gh, process, event)
    except GitHubError as error:
        print(_command("error", str(error)))
        _write_summary(settings, f"## Behov\n\nGitHub svarade inte: {escape_markdown(error)}\n")
        return 1
    for line in workflow_commands(outcome):
        print(line)
    _write_summary(settings, render_summary(outcome))
    if outcome.handled:
        added, removed = ", ".join(outcome.labels.add), ", ".join(outcome.labels.remove)
        print(f"issue #{outcome.number}: comment {outcome.comment}; +[{added}] -[{removed}]")
    print(f"{outcome.requests} request(s) to GitHub")
    return 0


def labels_command(
    args: argparse.Namespace, process: Process, *, pacing: Pacing | None = None
) -> int:
    """`intake labels sync [--dry-run]`: create and update the repository's labels."""
    settings = _settings()
    if settings is None:
        return 2
    gh = GitHub(settings, pacing)
    try:
        changes = gh.sync_labels(process.labels(), dry_run=args.dry_run)
    except GitHubError as error:
        print(_command("error", str(error)))
        return 1
    verb = "would " if args.dry_run else ""
    for change in changes:
        print(f"{verb}{change}")
    print(f"{len(changes)} label(s) {verb}change; {gh.requests_made} request(s) to GitHub")
    summary = ["## Etiketter", ""] + [f"- {escape_markdown(c)}" for c in changes]
    summary += ["", f"{len(changes)} ändringar. Anrop till GitHub: {gh.requests_made}", ""]
    _write_summary(settings, "\n".join(summary))
    return 0
