"""Linking a projektcanvas or nyttouppföljning to its need: check the number, link, close.

Reconciles like intake: the need is read as it is now; the link is the bot's one comment per form
issue on the need (updated, never repeated), and a form issue already closed stays closed.
"""

from __future__ import annotations

from intake.domain.lifecycle.expected import link_marker
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.ownership import filers, may_file
from intake.domain.lifecycle.tamper import restored
from intake.domain.lifecycle.triage import STATUS_MARKER
from intake.domain.need.benefits import NEED_NUMBER, need_number
from intake.domain.need.findings import Finding, Verdict
from intake.domain.need.recognise import is_need
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.render.bot.linking import link_comment
from intake.usecases.gateway import CommentResult, Gateway


def find_need(
    gh: Gateway, process: Process, form: FormDef, verdict: Verdict, filer: str
) -> tuple[Verdict, Issue | None]:
    """The need a complete form names, when `filer` may file the form for it; otherwise the
    verdict gains the problem (a plain answer, and no link)."""
    number = need_number(verdict.answers.get(NEED_NUMBER))
    if not verdict.ok or number is None:
        return verdict, None
    need = gh.find_issue(number)
    if need is not None and is_need(process, need.labels, need.body):
        return _owned(gh, process, form, filer, verdict, need)
    label = form.field(NEED_NUMBER).label
    problem = Finding(
        field=NEED_NUMBER,
        code="not_a_need",
        message=f"Ärende {number} är inget anmält behov. Kontrollera numret under ”{label}”. "
        "Behovets nummer står efter # i behovets rubrik.",
        guide="livscykeln/behov/",
    )
    return verdict.model_copy(update={"errors": [*verdict.errors, problem]}), None


def _owned(
    gh: Gateway, process: Process, form: FormDef, filer: str, verdict: Verdict, need: Issue
) -> tuple[Verdict, Issue | None]:
    """The need, when the filer may file the form for it (read from the bot's trusted record)."""
    if not form.filed_by:
        return verdict, need
    view = gh.triage_view(need.number)
    record = restored(view.comments, gh.bot, STATUS_MARKER)
    if may_file(process, form, filer, need, record):
        return verdict, need
    problem = Finding(
        field=NEED_NUMBER,
        code="not_owner",
        message=f"Du kan inte koppla en {form.name.lower()} till behov {need.number}. Det kan "
        f"{filers(process, form)}. Be någon av dem fylla i formuläret, eller kontakta "
        f"{process.municipality.contact}.",
        guide="roller/",
    )
    return verdict.model_copy(update={"errors": [*verdict.errors, problem]}), None


def link(gh: Gateway, process: Process, form: FormDef, issue: Issue, need: Issue) -> CommentResult:
    """Comment on the need with a link to the form issue, then close the form issue."""
    result = gh.upsert_comment(
        need.number, link_marker(form.id, issue.number), link_comment(process, form, issue)
    )
    if issue.state == "open":
        gh.close_issue(issue.number)
    return result
