"""The intake use case: answer an issue event with one comment and the right labels.

The handler reconciles: it reads the issue as it is now, whatever the event said, so a late,
repeated or reordered event changes nothing that is already right.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.labels import LabelChange, plan_labels
from intake.domain.lifecycle.tamper import CommentChange
from intake.domain.need.benefits import links_to_need
from intake.domain.need.findings import Verdict
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import recognise
from intake.domain.need.validate import is_from_form, validate
from intake.domain.similar.index import SimilarIndex
from intake.domain.similar.rank import Match
from intake.domain.similar.suggest import earlier_alike
from intake.model.process import NEED_KIND, Process
from intake.render.bot.comment import MARKER, render_comment
from intake.usecases.gateway import CommentResult, Gateway, GitHubError, RateLimitError
from intake.usecases.linking import find_need, link

ACTIONS = ("opened", "edited", "reopened")


class IssueEvent(BaseModel):
    """The part of an `issues` event the handler needs, read from the event file at the edge."""

    model_config = ConfigDict(frozen=True)

    action: str
    number: int
    pull_request: bool = False
    comment: bool = False  # an `issue_comment` event: the issue itself did not change
    change: CommentChange | None = None  # an edit or deletion of a comment, and by whom


class Outcome(BaseModel):
    """What handling one event did, for the job summary."""

    model_config = ConfigDict(frozen=True)

    number: int | None
    title: str = ""
    form: str = ""  # the name of the form that wrote the issue
    handled: bool  # False: nothing was changed, see `reason`
    reason: str = ""
    verdict: Verdict | None = None
    comment: CommentResult | None = None
    labels: LabelChange = LabelChange()
    linked: int | None = None  # the need a canvas or follow-up was linked to
    requests: int = 0
    complete: bool | None = None  # a need's answers pass validation (None: not validated here)


def handle_event(
    gh: Gateway,
    process: Process,
    event: IssueEvent,
    issue: Issue | None = None,
    *,
    similar: SimilarIndex | None = None,
) -> Outcome:
    """Validate the issue an `issues` event is about; comment on it and label it, idempotently.

    `issue`: the issue as this run already read it (None: read it now). `similar`: the published
    index of similar needs; with it, the answer to a need names the earlier needs most like it
    (the index's and those filed since, read in one request).
    """
    if event.action not in ACTIONS or event.comment:
        return Outcome(
            number=None, handled=False, reason=f"händelsen ”{event.action}” hanteras inte"
        )
    number = event.number
    if event.pull_request:
        return Outcome(number=number, handled=False, reason="en pull request, inget behov")
    # The event may be stale (a newer run may have been queued behind it): read the issue now.
    issue = issue or gh.issue(number)
    skipped = Outcome(number=number, title=issue.title, handled=False, requests=gh.requests_made)
    form = recognise(process, issue.body)
    # A form linked to a need is closed by the bot once linked; a later edit is read again.
    if issue.state != "open" and (form is None or not links_to_need(form)):
        return skipped.model_copy(update={"reason": "ärendet är stängt"})
    parsed = parse(issue_form(process, form or process.need_form), issue.body)
    if form is None or not is_from_form(parsed):
        names = ", ".join(f"”{f.name}”" for f in process.forms)
        reason = f"texten är inte skriven i något av formulären {names}"
        return skipped.model_copy(update={"reason": reason})
    verdict = validate(process, form, parsed, title=issue.title, body=issue.body)
    need = None
    if links_to_need(form):
        verdict, need = find_need(gh, process, form, verdict, issue.author)
    linked = need.number if need is not None else None
    alike = _alike(gh, process, similar, issue) if form.kind == NEED_KIND else []
    text = render_comment(process, form, verdict, linked, alike)
    comment = gh.upsert_comment(number, MARKER, text)
    change = gh.apply_labels(number, plan_labels(process, form, verdict, issue.labels))
    if need is not None:
        link(gh, process, form, issue, need)
    return Outcome(
        number=number,
        title=issue.title,
        form=form.name,
        handled=True,
        verdict=verdict,
        comment=comment,
        labels=change,
        linked=linked,
        requests=gh.requests_made,
        complete=verdict.ok if form.kind == process.need_form.kind else None,
    )


def _alike(
    gh: Gateway, process: Process, similar: SimilarIndex | None, issue: Issue
) -> list[Match]:
    """The earlier needs most like the issue; none without an index. When the needs filed
    since the index cannot be read, the index alone is compared: suggestions never stop the
    answer (a rate limit still does: nothing further could be written)."""
    if similar is None:
        return []
    indexed = {r.casefold(): n for r, n in similar.latest.items()}
    try:
        recent = gh.issues_after(indexed.get(issue.repository.casefold(), 0))
    except RateLimitError:
        raise
    except GitHubError:
        recent = []
    return earlier_alike(process, similar, issue, recent)


def sync_labels(gh: Gateway, process: Process, *, dry_run: bool) -> list[str]:
    """Create and update the repository's labels from the process file; never deletes one."""
    return gh.sync_labels(process.labels(), dry_run=dry_run)
