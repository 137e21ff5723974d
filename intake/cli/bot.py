"""Commands the bot runs in GitHub Actions: handle an issue event, synchronise the labels."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import TYPE_CHECKING

from intake.adapters.events import read_issue_event
from intake.adapters.files import InputError
from intake.adapters.published import read_similar_index
from intake.adapters.settings import Settings, settings_from_env
from intake.cli.output import OK
from intake.model.process import Process
from intake.render.markup.markdown import escape_markdown
from intake.render.portfolio.similar import similar_index_url
from intake.usecases.fork import fork_findings
from intake.usecases.gateway import IssueGoneError
from intake.usecases.intake import ACTIONS, Outcome, handle_event, sync_labels
from intake.usecases.triage import TriageOutcome, after_labels, settle_need

if TYPE_CHECKING:
    from intake.adapters.github import GitHub
    from intake.cli.main import Context

_COMMENT_WORDS: dict[str | None, str] = {
    "created": "skapad",
    "updated": "uppdaterad",
    "unchanged": "oförändrad",
    None: "ingen",
}


def render_summary(outcome: Outcome, warnings: list[str]) -> str:
    """The job summary in Markdown; everything from the issue escaped."""
    heading = f"## Ärende #{outcome.number}" if outcome.number else "## Ärende"
    lines = [heading, ""]
    lines += [f"> **Varning:** {escape_markdown(w)}" for w in warnings]
    lines += [""] if warnings else []
    if outcome.title:
        lines += [f"**{escape_markdown(outcome.title)}**", ""]
    if not outcome.handled:
        lines += [f"Ingenting ändrades: {escape_markdown(outcome.reason)}.", ""]
    elif outcome.verdict is not None:
        status = "komplett" if outcome.verdict.ok else "behöver kompletteras"
        lines += [f"- Formulär: {escape_markdown(outcome.form)}", f"- Anmälan: {status}"]
        lines += [f"- Kommentar: {_COMMENT_WORDS[outcome.comment]}"]
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


def _write_summary(settings: Settings, text: str) -> None:
    if settings.step_summary is not None:
        with settings.step_summary.open("a", encoding="utf-8") as summary:
            summary.write(text)


def _gateway(settings: Settings, context: Context) -> GitHub:
    from intake.adapters.github import GitHub  # PyGithub loads only for the commands that talk

    return GitHub(settings, context.pacing, context.clock)


def run_handle(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake handle`: validate, comment and label the issue of the current event."""
    settings = settings_from_env(context.env)
    process = process.for_repository(settings.repository)  # this förvaltning's people
    console = context.console
    if settings.event_name not in ("issues", "issue_comment"):
        console.say(f"inget att göra för händelsen {settings.event_name!r}")
        return OK
    if settings.event_path is None:
        raise InputError("miljövariabeln GITHUB_EVENT_PATH saknas; den sätts i GitHub Actions")
    event = read_issue_event(settings.event_path)
    warnings = [f.message for f in fork_findings(process, settings.repository)]
    for warning in warnings:
        console.annotate("warning", warning)
    gh = _gateway(settings, context)
    change = event.change
    if change is not None and change.author.casefold() != settings.bot.casefold():
        change = None  # only the bot's comments are its record
    similar = None
    if settings.event_name == "issues" and event.action in ACTIONS and not event.pull_request:
        # One request to the published site; without the index the answer has no suggestions.
        similar = read_similar_index(similar_index_url(process.municipality.site_url))
    try:
        # One read of the issue serves both steps: its answers, its labels, its timeline.
        view = None if event.pull_request else gh.triage_view(event.number)
        outcome = handle_event(gh, process, event, view.issue if view else None, similar=similar)
        # Every run settles the need's stage too: runs for one issue go one at a time and a
        # newer one replaces a waiting one, so each must leave nothing outstanding.
        settled = None
        if view is not None:
            settled = settle_need(
                gh,
                process,
                event.number,
                bot=settings.bot,
                ref=settings.ref,
                adopt=False,
                view=after_labels(view, outcome.labels, settings.bot),
                complete=outcome.complete,
                change=change,
            )
        if outcome.linked is not None:
            # The link goes into the need's record now: the portfolio reads links only from there.
            settle_need(
                gh, process, outcome.linked, bot=settings.bot, ref=settings.ref, adopt=False
            )
    except IssueGoneError:  # deleted after the event: nothing is left to answer
        console.say(f"ärende #{event.number} finns inte längre; inget att göra")
        return OK
    title = f"Ärende #{event.number}"
    if outcome.verdict is None:
        if event.action in ACTIONS:
            console.annotate("notice", f"{title}: {outcome.reason}")
    else:
        for finding in outcome.verdict.errors:
            console.annotate("warning", finding.message, title=title)
        for finding in outcome.verdict.hints:
            console.annotate("notice", finding.message, title=title)
    _write_summary(settings, render_summary(outcome, warnings) + _triage_summary(settled))
    if settled is not None and settled.handled:
        console.say(_triage_line(settled))
    if outcome.handled:
        added, removed = ", ".join(outcome.labels.add), ", ".join(outcome.labels.remove)
        console.say(
            f"ärende #{outcome.number}: kommentaren {_COMMENT_WORDS[outcome.comment]}; "
            f"etiketter +[{added}] -[{removed}]"
        )
    gh.remove_own_duplicates()
    console.say(f"{gh.requests_made} anrop till GitHub")
    return OK


def _triage_line(settled: TriageOutcome) -> str:
    moved = f"flyttat {settled.moved}" if settled.moved else "ingen flytt"
    return (
        f"ärende #{settled.number}: steg {settled.stage or '–'}; {moved}; "
        f"{settled.notes} meddelanden; {settled.writes} skrivningar"
    )


def _triage_summary(settled: TriageOutcome | None) -> str:
    if settled is None or not settled.handled:
        return ""
    lines = ["### Steg", "", f"- {escape_markdown(_triage_line(settled))}"]
    if settled.tampered:
        lines.append(
            f"- Någon annan än roboten hade ändrat {settled.tampered} av robotens kommentarer; "
            "det står nu i behovet."
        )
    if settled.restored:
        lines.append("- Protokollet återställdes i en ny statuskommentar. Inget togs bort.")
    if settled.rebuilt:
        lines.append("- Inget av robotens egna gick att lita på: historiken byggdes om.")
    return "\n".join([*lines, ""]) + "\n"


def run_reconcile(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake reconcile`: settle every open need, and those closed in the last two days."""
    settings = settings_from_env(context.env)
    process = process.for_repository(settings.repository)  # this förvaltning's people
    gh = _gateway(settings, context)
    recent = context.today - timedelta(days=2)
    numbers = [
        issue.number
        for issue in gh.needs_with_history()
        if issue.state == "open" or (issue.closed_at and issue.closed_at.date() >= recent)
    ]
    lines = []
    for number in numbers:
        try:
            settled = settle_need(
                gh, process, number, bot=settings.bot, ref=settings.ref, adopt=True
            )
        except IssueGoneError:  # deleted since the list was read
            continue
        if settled.handled and settled.writes:
            lines.append(_triage_line(settled))
            context.console.say(lines[-1])
    gh.remove_own_duplicates()
    context.console.say(
        f"{len(numbers)} ärenden gicks igenom, {len(lines)} ändrades; "
        f"{gh.requests_made} anrop till GitHub"
    )
    summary = ["## Nattens genomgång", ""] + [f"- {escape_markdown(line)}" for line in lines]
    summary += ["", f"{len(numbers)} ärenden, {len(lines)} ändrade.", ""]
    _write_summary(settings, "\n".join(summary))
    return OK


def run_labels_sync(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake labels sync [--dry-run]`: create and update the repository's labels."""
    settings = settings_from_env(context.env)
    targets = [settings.repository]
    if args.all:
        targets = process.portfolio_repositories
    elif args.repository:
        targets = args.repository
    summary = ["## Etiketter", ""]
    verb = "skulle ändras" if args.dry_run else "ändrades"
    for repository in targets:
        gh = _gateway(settings.model_copy(update={"repository": repository}), context)
        changes = sync_labels(gh, process, dry_run=args.dry_run)
        for change in changes:
            context.console.say(f"{repository}: {change}" if len(targets) > 1 else change)
        where = f" i {repository}" if len(targets) > 1 else ""
        context.console.say(
            f"{len(changes)} etiketter {verb}{where}; {gh.requests_made} anrop till GitHub"
        )
        summary += [f"- {escape_markdown(repository)}: {escape_markdown(c)}" for c in changes]
        summary += [f"- {escape_markdown(repository)}: {len(changes)} ändringar"]
    _write_summary(settings, "\n".join([*summary, ""]))
    return OK
