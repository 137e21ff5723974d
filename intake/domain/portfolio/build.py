"""The portfolio as data: every need with its stage, history and answers, built from issues.

`build_portfolio` is pure: issues and the process in, a `Portfolio` out, no personnummer in any
text. Dates are days in Swedish time; ages count up to a date given, never the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from intake.domain.lifecycle.attachments import (
    CANVAS_KIND,
    FOLLOW_UP_KIND,
    Attachment,
    add_months,
    attachments_by_need,
    linked_form,
    planned_benefits,
    realised_benefits,
)
from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.record import Decision, Record
from intake.domain.lifecycle.renames import with_current_ids
from intake.domain.lifecycle.stages import StageVisit, current_stage, day, stage_visits
from intake.domain.lifecycle.timeline import Change, Move, replay
from intake.domain.need.forms import IssueForm, issue_form
from intake.domain.need.parse import FieldValue, ParsedBody, parse
from intake.domain.need.privacy import tidy
from intake.domain.need.recognise import is_need
from intake.domain.need.validate import validate
from intake.domain.portfolio.flow import days_per_stage, flow_measures
from intake.domain.portfolio.schema import (
    FieldInfo,
    Need,
    Portfolio,
    StageCount,
    StatusInfo,
)
from intake.domain.portfolio.scoring import score
from intake.model.process import Process

NO_STAGE_NAME = "Behöver kompletteras"  # needs without a stage: their answers are not complete


def _tidy_value(value: FieldValue) -> FieldValue:
    if isinstance(value, list):
        return [tidy(v) for v in value]
    return None if value is None else tidy(value)


def display(value: FieldValue) -> str:
    """An answer as one line of text."""
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def build_need(process: Process, form: IssueForm, issue: Issue, updated: date) -> Need | None:
    """The need an issue records, or None when the issue is no need."""
    if not is_need(process, issue.labels, issue.body):
        return None
    if issue.record is not None:
        issue = issue.model_copy(update={"record": with_current_ids(process, issue.record)})
    parsed = parse(form, issue.body)
    answers = {e.id: _tidy_value(parsed.fields.get(e.id)) for e in form.elements}
    moves = moves_of(process, issue)
    visits = stage_visits(moves)
    if issue.record is not None:
        current = process.stage(issue.record.stage) if issue.record.stage else None
    else:
        entered_days = {v.stage: v.entered for v in visits if v.left is None}
        current = current_stage(process, issue.labels, entered_days)
    created = day(issue.created_at)
    entered, known = created, False
    if current is not None:
        open_visits = [v for v in visits if v.stage == current.id and v.left is None]
        if open_visits:
            entered, known = open_visits[-1].entered, True
        else:
            visits.append(StageVisit(stage=current.id, entered=created, known=False))
            visits.sort(key=lambda v: v.entered)
    closed = day(issue.closed_at) if issue.closed_at and issue.state == "closed" else None
    rated = score(process, issue.record.assessments if issue.record else [])
    labels = {label.casefold() for label in issue.labels}
    group_field = process.need_form.field(process.portfolio.group_by)
    group_ids = {c.name: c.id for c in process.options(group_field)}
    group_answer = answers.get(group_field.id)
    return Need(
        id=issue.key,
        repository=issue.repository,
        number=issue.number,
        title=tidy(issue.title.removeprefix(process.need_form.title).strip() or issue.title),
        url=issue.html_url,
        state=issue.state,
        stage=current.id if current else None,
        entered=entered,
        entered_known=known,
        days_in_stage=max(0, ((closed or updated) - entered).days),
        statuses=[s.id for s in process.statuses if s.label.casefold() in labels],
        group=group_ids.get(group_answer) if isinstance(group_answer, str) else None,
        columns={f: display(answers.get(f)) for f in process.portfolio.columns},
        answers=answers,
        labels=sorted(tidy(label) for label in issue.labels),
        history=visits,
        moves=moves,
        outcome_missing=issue.state == "closed" and (current is None or current in process.stages),
        missing=_missing(process, parsed, issue) if current is None else [],
        reason=_reason(issue),
        decisions=_decisions(issue.record),
        tampering=list(issue.record.tampering) if issue.record else [],
        projektagare=issue.record.appointed("projektagare") if issue.record else None,
        projektledare=issue.record.appointed("projektledare") if issue.record else None,
        score=rated.total,
        assessment=rated.values,
        created=created,
        closed=closed,
        forvaltning=process.forvaltning(issue.repository),
        diarienummer=_diarienummer(issue),
        stage_days=days_per_stage(process, visits),
    )


def _decisions(record: Record | None) -> list[Decision]:
    """The council's decisions, their paragraphs as corrected, no personnummer."""
    if record is None:
        return []
    return [
        d.model_copy(update={"motivering": tidy(d.motivering), "paragraph": record.paragraph(d)})
        for d in record.decisions
    ]


def _diarienummer(issue: Issue) -> str | None:
    """The diarienummer the registrar gave, when there is one."""
    number = issue.record.diarienummer if issue.record else None
    return tidy(number) if number else None


def _missing(process: Process, parsed: ParsedBody, issue: Issue) -> list[str]:
    """What a need without a stage must complete, in the bot's own words (no personnummer)."""
    verdict = validate(
        process, process.need_form, parsed, title=issue.title, body=issue.body, searched_hints=False
    )
    return [tidy(finding.message) for finding in verdict.errors]


def _reason(issue: Issue) -> str | None:
    """The reason given for the need's last accepted outcome, such as a rejection."""
    moves = issue.record.moves if issue.record else []
    last = moves[-1] if moves else None
    return tidy(last.reason) if last and last.reason else None


def moves_of(process: Process, issue: Issue) -> list[Move]:
    """The accepted moves of a need: its record, or for a need without one its label history
    without the changes the bot undid (a refused move is never published)."""
    if issue.record is not None:  # the reasons are the need's `reason`, tidied
        return [m.model_copy(update={"reason": None}) for m in issue.record.moves]
    return replay(process, without_refused(process, issue.history)).moves


def without_refused(process: Process, history: Sequence[Change]) -> list[Change]:
    """The label history without each change to a stage label that a bot undid next."""
    undone: set[int] = set()
    for index, change in enumerate(history):
        if _by_bot(change) or not change.label or not process.stage_of_label(change.label):
            continue
        following = next(
            (
                i
                for i in range(index + 1, len(history))
                if (history[i].label or "").casefold() == change.label.casefold()
            ),
            None,
        )
        undoes = following is not None and history[following].kind != change.kind
        if following is not None and undoes and _by_bot(history[following]):
            undone |= {index, following}
    return [c for i, c in enumerate(history) if i not in undone]


def _by_bot(change: Change) -> bool:
    return change.actor.login.casefold().endswith("[bot]")


def build_portfolio(process: Process, issues: Sequence[Issue], updated: date) -> Portfolio:
    """The portfolio of every need among the issues, ages counted up to `updated`."""
    form = issue_form(process, process.need_form)
    repositories = process.portfolio_repositories
    rank = {name.casefold(): index for index, name in enumerate(repositories)}

    def order(issue: Issue) -> tuple[int, str, int]:
        known = rank.get(issue.repository.casefold(), len(repositories))
        return (known, issue.repository.casefold(), issue.number)

    forms = {i.key: linked for i in issues if (linked := linked_form(process, i)) is not None}
    by_key = {(i.repository.casefold(), i.number): i for i in issues if i.key not in forms}
    found = attachments_by_need(process, [i for i in issues if i.key in forms], by_key, forms)
    others = sorted((i for i in issues if i.key not in forms), key=order)
    built = (build_need(process, form, i, updated) for i in others)
    needs = [with_attachments(process, n, found, updated) for n in built if n is not None]
    return Portfolio(
        municipality=process.municipality.name,
        repositories=repositories,
        site_url=process.municipality.site_url,
        updated=updated,
        stages=stage_counts(process, needs),
        statuses=[StatusInfo(id=s.id, label=s.label) for s in process.statuses],
        fields=[FieldInfo(id=f.id, label=f.label) for f in process.need_form.fields],
        needs=needs,
        flow=flow_measures(process, needs, updated),
    )


def with_attachments(
    process: Process, need: Need, found: dict[tuple[str, int], list[Attachment]], updated: date
) -> Need:
    """The need with its canvases, follow-ups and benefits, and whether a follow-up is overdue."""
    attachments = found.get((need.repository.casefold(), need.number), [])
    planned = planned_benefits(attachments)
    followups = [a for a in attachments if a.kind == FOLLOW_UP_KIND]
    due = None
    follow_up_stages = {s for f in process.forms_of_kind(FOLLOW_UP_KIND) for s in f.stages}
    if need.stage in follow_up_stages and need.entered_known:
        due = add_months(need.entered, process.benefits.followup_months)
    return need.model_copy(
        update={
            "canvases": [a for a in attachments if a.kind == CANVAS_KIND],
            "followups": followups,
            "planned": planned,
            "realised": realised_benefits(attachments, planned),
            "followup_due": due,
            "followup_overdue": due is not None
            and due <= updated
            and not any(a.complete for a in followups),
        }
    )


def stage_counts(process: Process, needs: Sequence[Need]) -> list[StageCount]:
    """How many needs are in each stage and outcome, then how many have no stage, in that order."""
    counts = [
        StageCount(
            id=s.id,
            name=s.name,
            label=s.label,
            kind="stage" if s in process.stages else "outcome",
            count=sum(n.stage == s.id for n in needs),
        )
        for s in process.all_stages
    ]
    none = sum(n.stage is None for n in needs)
    return [*counts, StageCount(id=None, name=NO_STAGE_NAME, label=None, kind="none", count=none)]
