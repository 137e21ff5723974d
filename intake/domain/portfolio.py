"""The portfolio: every need with its stage, history and answers, built from issues and the process.

`build_portfolio` is pure: issues in, a `Portfolio` out, no personnummer in any text. `render_pages`
turns it into plain Markdown pages; `command` is `intake portfolio`, the only part doing I/O.
Dates are days in Swedish time; the 'updated' date comes from the data, never from the clock.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict, ValidationError

from intake.adapters.settings import ConfigError, Settings, settings_from_env
from intake.domain.forms import IssueForm, issue_form
from intake.domain.issue import Issue, is_pull_request, issue_from_rest
from intake.render.markdown import clean, escape, escape_block, plain, safe_url
from intake.domain.parse import FieldValue, parse
from intake.domain.personnummer import redact
from intake.model.process import Process, Stage

TIMEZONE = ZoneInfo("Europe/Stockholm")  # the municipality's days, also for label events at night
NO_GROUP = "utan-uppgift"  # group id of needs whose group field has no known answer
NEED_DIR = "behov"  # one page per need, outside the nav (mkdocs.yml: not_in_nav)
GROUP_DIR = "grupp"  # one page per group (unit), outside the nav
_NOT_FROM_FORM = ("empty_body", "not_form")  # parse problems of a body not written from the form


class Trusted(str):
    """Markdown made here from fixed text and escaped values; templates print it as it is."""

    __slots__ = ()


_DASH = Trusted("–")  # what an empty table cell shows


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class StageVisit(_Model):
    """A stretch of time a need carried a stage or outcome label."""

    stage: str
    """Stage or outcome id from the process."""
    entered: date
    """The day the label was added."""
    left: date | None = None
    """The day the label was removed; null while it is still there."""
    known: bool = True
    """False when no label event was recorded: `entered` is then the day the need was filed."""


class Need(_Model):
    """One need (an issue filed with the need form, or carrying a label of the process)."""

    number: int
    """The issue number."""
    title: str
    """The issue title without the need form's prefix ("Behov: ")."""
    url: str
    """The issue on GitHub."""
    state: Literal["open", "closed"]
    stage: str | None
    """The current stage or outcome id; null when the need has none yet."""
    entered: date
    """The day the need entered its current stage (see `entered_known`)."""
    entered_known: bool
    """False when the label history is unknown and `entered` is the day the need was filed."""
    days_in_stage: int
    """Whole days from `entered` to the portfolio's `updated` date."""
    statuses: list[str]
    """Status ids from the process, such as the one for a need that must be completed."""
    group: str | None
    """Choice id of the answer the portfolio groups by (the owning unit); null when unknown."""
    columns: dict[str, str]
    """The answers the portfolio tables show, by field id, as displayed."""
    answers: dict[str, FieldValue]
    """Every answer of the need form by field id; null when empty. No personnummer."""
    labels: list[str]
    history: list[StageVisit]
    """Stages and outcomes in the order the need entered them."""
    created: date
    closed: date | None = None


class StageCount(_Model):
    """How many needs are in a stage or outcome."""

    id: str | None
    """Stage or outcome id; null for needs without a stage."""
    name: str
    label: str | None
    kind: Literal["stage", "outcome", "none"]
    count: int


class FieldInfo(_Model):
    """A field of the need form, to read `answers` by."""

    id: str
    label: str


class StatusInfo(_Model):
    """A status a need can carry."""

    id: str
    label: str


class Portfolio(_Model):
    """Every need of a municipality's digitalisation process, for people and other tools."""

    municipality: str
    site_url: str
    updated: date
    """The day of the latest change in the data (or the date given); ages count up to it."""
    stages: list[StageCount]
    statuses: list[StatusInfo]
    fields: list[FieldInfo]
    needs: list[Need]
    """Sorted by number."""


# --- the model ---------------------------------------------------------------------------------


def day(moment: datetime) -> date:
    """The Swedish calendar day of a moment (a moment without zone is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(TIMEZONE).date()


def _tidy(text: str) -> str:
    return redact(clean(text))


def _tidy_value(value: FieldValue) -> FieldValue:
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return None if value is None else _tidy(value)


def display(value: FieldValue) -> str:
    """An answer as one line of text."""
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def _all_stages(process: Process) -> list[Stage]:
    return [*process.stages, *process.outcomes]


def stage_history(process: Process, issue: Issue) -> list[StageVisit]:
    """The stages an issue entered and left, from its label events."""
    by_label = {s.label: s.id for s in _all_stages(process)}
    visits: list[StageVisit] = []
    still_open: dict[str, int] = {}
    for event in issue.history:
        stage = by_label.get(event.label)
        if stage is None:
            continue
        if event.action == "labeled" and stage not in still_open:
            still_open[stage] = len(visits)
            visits.append(StageVisit(stage=stage, entered=day(event.at)))
        elif event.action == "unlabeled" and stage in still_open:
            index = still_open.pop(stage)
            visits[index] = visits[index].model_copy(update={"left": day(event.at)})
    return visits


def _current_stage(process: Process, issue: Issue, visits: list[StageVisit]) -> Stage | None:
    stages = _all_stages(process)
    present = [s for s in stages if s.label in issue.labels]
    if not present:
        return None
    entered = {v.stage: v.entered for v in visits if v.left is None}

    # Two stage labels at once should not happen; an outcome wins, then the latest, then the last.
    def rank(stage: Stage) -> tuple[bool, date, int]:
        return (stage in process.outcomes, entered.get(stage.id, date.min), stages.index(stage))

    return max(present, key=rank)


def _is_need(process: Process, issue: Issue, problems: Iterable[str]) -> bool:
    ours = {s.label for s in _all_stages(process)} | {s.label for s in process.statuses}
    from_form = not any(code in _NOT_FROM_FORM for code in problems)
    return from_form or any(label in ours for label in issue.labels)


def build_need(process: Process, form: IssueForm, issue: Issue, updated: date) -> Need | None:
    """The need an issue records, or None when the issue is no need."""
    parsed = parse(form, issue.body)
    if not _is_need(process, issue, [p.code for p in parsed.problems]):
        return None
    answers = {e.id: _tidy_value(parsed.fields.get(e.id)) for e in form.elements}
    visits = stage_history(process, issue)
    current = _current_stage(process, issue, visits)
    created = day(issue.created_at)
    entered, known = created, False
    if current is not None:
        open_visits = [v for v in visits if v.stage == current.id and v.left is None]
        if open_visits:
            entered, known = open_visits[-1].entered, True
        else:
            visits.append(StageVisit(stage=current.id, entered=created, known=False))
            visits.sort(key=lambda v: v.entered)
    group_field = process.need_form.field(process.portfolio.group_by)
    group_ids = {c.name: c.id for c in process.options(group_field)}
    group_answer = answers.get(group_field.id)
    return Need(
        number=issue.number,
        title=_tidy(issue.title.removeprefix(process.need_form.title).strip() or issue.title),
        url=issue.html_url,
        state=issue.state,
        stage=current.id if current else None,
        entered=entered,
        entered_known=known,
        days_in_stage=max(0, (updated - entered).days),
        statuses=[s.id for s in process.statuses if s.label in issue.labels],
        group=group_ids.get(group_answer) if isinstance(group_answer, str) else None,
        columns={f: display(answers.get(f)) for f in process.portfolio.columns},
        answers=answers,
        labels=sorted(_tidy(label) for label in issue.labels),
        history=visits,
        created=created,
        closed=day(issue.closed_at) if issue.closed_at else None,
    )


def latest_update(issues: Sequence[Issue]) -> date | None:
    """The day of the latest change among the issues."""
    return max((day(i.updated_at) for i in issues), default=None)


def build_portfolio(process: Process, issues: Sequence[Issue], updated: date) -> Portfolio:
    """The portfolio of every need among the issues, ages counted up to `updated`."""
    form = issue_form(process, process.need_form)
    built = (build_need(process, form, i, updated) for i in sorted(issues, key=lambda i: i.number))
    needs = [n for n in built if n is not None]
    return Portfolio(
        municipality=process.municipality.name,
        site_url=process.municipality.site_url,
        updated=updated,
        stages=_counts(process, needs),
        statuses=[StatusInfo(id=s.id, label=s.label) for s in process.statuses],
        fields=[FieldInfo(id=f.id, label=f.label) for f in process.need_form.fields],
        needs=needs,
    )


# --- the pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    id: str
    name: str
    needs: list[Need]


def _finalize(value: object) -> object:
    """Escape every value a template prints, unless it is Markdown made here (`Trusted`)."""
    if isinstance(value, Trusted):
        return value
    if value is None:
        raise TypeError("a template printed None; say what to show instead")
    if isinstance(value, date):
        return value.isoformat()
    return escape(str(value))


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("intake.render", "templates"),
        undefined=StrictUndefined,
        # Markdown, not HTML: `_finalize` escapes every printed value for Markdown and HTML at once.
        autoescape=False,  # noqa: S701
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


_ENV = _environment()


def front_matter(title: str, description: str, owner: str, updated: date) -> Trusted:
    """The YAML front matter of a page; values must be `plain` (Material prints them unescaped)."""

    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar too

    return Trusted(
        f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\n"
        f"ansvarig: {quoted(owner)}\ngranskad: {updated.isoformat()}\n---\n"
    )


def chart(counts: Sequence[StageCount], colors: dict[str, str]) -> Trusted:
    """Counts per stage as horizontal bars in plain HTML and CSS, each with its name and number."""
    most = max((c.count for c in counts), default=0) or 1
    rows = []
    for c in counts:
        color = colors.get(c.id or "", "ededed")
        width = round(100 * c.count / most)
        bar = (
            f'<span style="display: inline-block; width: {width}%; height: 1em; '
            f'background: #{color}; border: 1px solid currentColor"></span>'
            if c.count
            else ""
        )
        rows.append(
            '<div style="display: flex; align-items: center; gap: 0.5em; margin: 0.2em 0">'
            f'<span style="flex: 0 0 40%">{escape(c.name)}</span>'
            f'<span style="flex: 1 1 auto">{bar}</span>'
            f'<span style="flex: 0 0 3em; text-align: right">{c.count}</span></div>'
        )
    return Trusted(
        '<figure class="portfolj-diagram" '
        'style="width: 100%; max-width: 40rem; margin: 1em 0; text-align: left">\n'
        "<figcaption>Diagram: antal behov per steg. Tabellen under har samma siffror."
        "</figcaption>\n" + "\n".join(rows) + "\n</figure>"
    )


def _stage_name(process: Process, stage_id: str | None) -> str:
    return process.stage(stage_id).name if stage_id else "Utan steg"


def _status_names(process: Process, need: Need) -> str:
    names = [
        s.label.partition(": ")[2] or s.label for s in process.statuses if s.id in need.statuses
    ]
    return ", ".join(names)


def _sections(counts: Sequence[StageCount], needs: Sequence[Need]) -> list[dict[str, Any]]:
    by_stage: dict[str | None, list[Need]] = {}
    for need in needs:
        by_stage.setdefault(need.stage, []).append(need)
    return [{"name": c.name, "needs": by_stage.get(c.id, [])} for c in counts]


def _groups(process: Process, needs: Sequence[Need]) -> list[_Group]:
    field = process.need_form.field(process.portfolio.group_by)
    groups = [_Group(c.id, c.name, []) for c in process.options(field)]
    groups.append(_Group(NO_GROUP, "Ingen uppgift", []))
    by_id = {g.id: g for g in groups}
    for need in needs:
        by_id[need.group or NO_GROUP].needs.append(need)
    return [g for g in groups if g.needs]


def _counts(process: Process, needs: Sequence[Need]) -> list[StageCount]:
    stages: list[tuple[str | None, str, str | None, Literal["stage", "outcome", "none"]]] = [
        (s.id, s.name, s.label, "stage" if s in process.stages else "outcome")
        for s in _all_stages(process)
    ]
    stages.append((None, "Utan steg", None, "none"))
    return [
        StageCount(id=i, name=n, label=lab, kind=k, count=sum(x.stage == i for x in needs))
        for i, n, lab, k in stages
    ]


def _context(process: Process, portfolio: Portfolio, needs: Sequence[Need]) -> dict[str, Any]:
    counts = _counts(process, needs)
    return {
        "counts": counts,
        "total": len(needs),
        "chart": chart(counts, {s.id: s.color for s in _all_stages(process)}),
        "sections": _sections(counts, needs),
        "headings": [process.need_form.field(f).label for f in process.portfolio.columns],
        "columns": process.portfolio.columns,
        "statuses": {n.number: _status_names(process, n) for n in needs},
        "updated": portfolio.updated,
        "dash": _DASH,
    }


def render_pages(process: Process, portfolio: Portfolio) -> dict[str, str]:
    """Path below the portfolio folder → Markdown of every page: overview, groups, needs."""
    owner = process.council.name
    updated = portfolio.updated
    group_field = process.need_form.field(process.portfolio.group_by)
    groups = _groups(process, portfolio.needs)
    pages: dict[str, str] = {}
    pages["index.md"] = _ENV.get_template("portfolio_index.md.j2").render(
        front_matter=front_matter(
            "Portföljen",
            f"Alla behov i {plain(process.municipality.name)} och var i livscykeln de är.",
            owner,
            updated,
        ),
        group_label=group_field.label,
        groups=[{"id": g.id, "name": g.name, "count": len(g.needs)} for g in groups],
        need_dir=Trusted(NEED_DIR),
        group_dir=Trusted(GROUP_DIR),
        **_context(process, portfolio, portfolio.needs),
    )
    for group in groups:
        pages[f"{GROUP_DIR}/{group.id}.md"] = _ENV.get_template("portfolio_group.md.j2").render(
            front_matter=front_matter(
                f"Portföljen: {plain(group.name)}",
                f"Behov som {plain(group.name)} äger och var i livscykeln de är.",
                owner,
                updated,
            ),
            name=group.name,
            group_label=group_field.label,
            need_dir=Trusted(f"../{NEED_DIR}"),
            back=Trusted("../index.md"),
            **_context(process, portfolio, group.needs),
        )
    for need in portfolio.needs:
        pages[f"{NEED_DIR}/{need.number}.md"] = render_need(process, portfolio, need)
    return dict(sorted(pages.items()))


def _group_of(process: Process, need: Need) -> dict[str, str]:
    field = process.need_form.field(process.portfolio.group_by)
    names = {c.id: c.name for c in process.options(field)}
    group = need.group or NO_GROUP
    return {
        "name": names.get(group, "Ingen uppgift"),
        "link": Trusted(f"../{GROUP_DIR}/{group}.md"),
    }


def _answers(process: Process, need: Need) -> Trusted:
    """The answers as one HTML definition list: a raw HTML block costs Markdown no parsing."""
    rows = []
    for field in process.need_form.fields:
        value = need.answers.get(field.id)
        if value is None or value == []:
            shown = "Inget svar."
        elif isinstance(value, str):
            shown = escape_block(value) if field.type in ("textarea", "input") else escape(value)
        else:
            shown = "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>"
        rows.append(f"<dt>{escape(field.label)}</dt>\n<dd>{shown}</dd>")
    return Trusted('<dl class="portfolj-svar">\n' + "\n".join(rows) + "\n</dl>")


def render_need(process: Process, portfolio: Portfolio, need: Need) -> str:
    """The page of one need: its stage, answers, history and labels."""
    stage = _stage_name(process, need.stage)
    answers = _answers(process, need)
    history = [
        {
            "stage": _stage_name(process, v.stage),
            "entered": v.entered,
            "left": v.left,
            "known": v.known,
        }
        for v in need.history
    ]
    url = safe_url(need.url)
    return _ENV.get_template("portfolio_need.md.j2").render(
        front_matter=front_matter(
            f"Behov {need.number}: {plain(need.title, 80)}",
            f"Behov {need.number} i portföljen. Steg: {plain(stage)}.",
            process.council.name,
            portfolio.updated,
        ),
        need=need,
        stage=stage,
        status=_status_names(process, need),
        answers=answers,
        history=history,
        url=Trusted(url) if url else None,
        group=_group_of(process, need),
        back=Trusted("../index.md"),
        dash=_DASH,
    )


# --- the command -------------------------------------------------------------------------------


class FetchError(Exception):
    """The needs could not be read; nothing is written."""


def read_snapshot(path: Path) -> list[Issue]:
    """The issues of a JSON array of REST issue objects, pull requests left out."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(data, list):
            raise FetchError(f"{path}: expected a JSON array of issues")
        return [issue_from_rest(item) for item in data if not is_pull_request(item)]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FetchError(f"{path}: {error}") from error
    except (ValidationError, KeyError, TypeError, AttributeError) as error:
        raise FetchError(f"{path}: not a list of GitHub issue objects: {error}") from error


def fetch_live(settings: Settings) -> tuple[list[Issue], int]:
    """Every issue with its label history from GitHub, and the requests that took."""
    from intake.adapters.github import READING, GitHub, GitHubError

    gateway = GitHub(settings, READING)
    try:
        # The gateway has already retried within its bounds; what still fails is no data.
        return gateway.needs_with_history(), gateway.requests_made
    except GitHubError as error:
        raise FetchError(str(error)) from error


def portfolio_files(process: Process, portfolio: Portfolio) -> dict[str, bytes]:
    """Path below the portfolio folder → bytes of every page and export."""
    from intake.render.export import render_csv, render_json, render_schema

    files = {path: text.encode("utf-8") for path, text in render_pages(process, portfolio).items()}
    files["portfolio.json"] = render_json(portfolio).encode("utf-8")
    files["portfolio.schema.json"] = render_schema(process).encode("utf-8")
    files["portfolio.csv"] = render_csv(process, portfolio)
    return dict(sorted(files.items()))


def write_portfolio(out: Path, files: dict[str, bytes]) -> None:
    """Write the files below `out` and delete pages of needs and groups that no longer exist."""
    for folder in (NEED_DIR, GROUP_DIR):
        if (out / folder).is_dir():
            for old in sorted((out / folder).glob("*.md")):
                if f"{folder}/{old.name}" not in files:
                    old.unlink()
    for relative, content in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)


def publish(
    process: Process,
    fetch: Callable[[], tuple[list[Issue], int | None]],
    out: Path,
    updated: date | None,
    today: date,
) -> tuple[Portfolio, int | None] | None:
    """Fetch, build and write the portfolio; None (and nothing written) when fetching fails."""
    try:
        issues, requests = fetch()
    except FetchError as error:
        print(f"error: could not read the needs; nothing was written: {error}", file=sys.stderr)
        return None
    # The date comes from the data; only a repository without any issue falls back to today.
    updated = updated or latest_update(issues) or today
    portfolio = build_portfolio(process, issues, updated)
    files = portfolio_files(process, portfolio)
    write_portfolio(out, files)
    print(f"wrote {len(files)} files for {len(portfolio.needs)} needs to {out}")
    return portfolio, requests


def _summary(path: Path, portfolio: Portfolio, requests: int) -> None:
    with path.open("a", encoding="utf-8") as summary:
        summary.write(
            f"### Portföljen\n\n{len(portfolio.needs)} behov, hämtade med {requests} anrop "
            f"till GitHub. Uppgifterna gäller till och med {portfolio.updated.isoformat()}.\n"
        )


def command(args: argparse.Namespace, process: Process) -> int:
    """`intake portfolio`: read the needs, then write pages and exports to --out."""
    updated: date | None = None
    if args.date:
        try:
            updated = date.fromisoformat(args.date)
        except ValueError:
            print(f"error: --date {args.date!r} is not a date like 2026-11-20", file=sys.stderr)
            return 2
    settings: Settings | None = None
    if args.snapshot is None:
        try:
            settings = settings_from_env(os.environ)
        except ConfigError as error:
            print(f"error: {error} (or pass --snapshot FILE)", file=sys.stderr)
            return 2
    live = settings

    def fetch() -> tuple[list[Issue], int | None]:
        if live is None:
            return read_snapshot(args.snapshot), None
        return fetch_live(live)

    result = publish(process, fetch, args.out, updated, today=date.today())
    if result is None:
        return 1
    portfolio, requests = result
    if requests is not None:
        print(f"requests to GitHub: {requests}")
        if settings is not None and settings.step_summary is not None:
            _summary(settings.step_summary, portfolio, requests)
    return 0
