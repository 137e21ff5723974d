"""A need's page as HTML, written straight into the built site (no Markdown pass, no theme run).

The builder (MkDocs or Zensical) builds one placeholder page at the depth of every need page;
`shell.py` turns that built page into a shell and fills it with each need. What a need's page
holds is made here, before the build: the article's HTML, its headings (for the table of contents
and the search index, each with the words of its section) and its title and description. The
pages travel to the finishing step in one file the builders do not publish (`NEED_PAGES`).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from intake.domain.lifecycle.attachments import CANVAS_KIND, FOLLOW_UP_KIND, Attachment
from intake.domain.lifecycle.stages import day
from intake.domain.portfolio.publishing import answers_published
from intake.domain.portfolio.schema import Need, Portfolio
from intake.domain.similar.rank import Match
from intake.model.process import Process
from intake.render.markup.markdown import escape, escape_block, one_line, plain, safe_url
from intake.render.markup.tables import html_table
from intake.render.markup.tampering import tamper_sentence
from intake.render.markup.templates import Trusted, render
from intake.render.portfolio.benefit_block import (
    BENEFIT_HEADS,
    benefit_cells,
    benefit_pairs,
    missing_forms,
)
from intake.render.portfolio.pages import (
    GROUP_DIR,
    NEED_DIR,
    NO_GROUP,
    front_matter,
    need_label,
    need_url,
    render_redirect,
    repository_folder,
    stage_name,
    status_names,
)

NEED_PAGES = "behovssidor.jsonl"  # below the portfolio folder; mkdocs.yml: exclude_docs
# What a heading's permalink says (mkdocs.yml: markdown_extensions, toc, permalink_title). The
# finishing step compares it with the built shell and stops when they differ.
PERMALINK_TITLE = "Länk till det här avsnittet"
PERMALINK = "&para;"

# The placeholder page's markers: lower-case words joined by hyphens, so that they read the same
# in a title, an attribute, an anchor (slug) and JSON. Issue number 0 never exists.
TITLE_MARK = "intake-behovssida-titel"
DESCRIPTION_MARK = "intake-behovssida-beskrivning"
BODY_MARK = "intake-behovssida-innehall"
PARENT_MARK = "intake-behovssida-avsnitt"  # a section with a subsection
CHILD_MARK = "intake-behovssida-underavsnitt"
LEAF_MARK = "intake-behovssida-sista-avsnitt"  # a section without one


@dataclass(frozen=True)
class Section:
    """A heading of a need's page and the words of its section, as plain text (not HTML)."""

    level: int  # 1: the page's title, whose section is the text before the first h2
    anchor: str
    title: str
    text: str


@dataclass(frozen=True)
class NeedPage:
    """One need's page: where it lives, its title, description, sections and article HTML."""

    path: str  # below the portfolio folder, as the site addresses it: behov/<folder>/<n>/
    title: str  # plain text, for <title> and the header
    description: str  # plain text
    sections: tuple[Section, ...]
    html: str  # the article, headings included


def placeholder_path(process: Process) -> str:
    """The placeholder page below the portfolio folder: as deep as every need page."""
    folder = repository_folder(process.municipality.repository)
    return f"{NEED_DIR}/{folder}/0.md"


def placeholder_url(process: Process) -> str:
    """The built address of the placeholder page below the portfolio folder."""
    return placeholder_path(process).removesuffix(".md") + "/"


def render_placeholder(updated: date) -> str:
    """The placeholder page in Markdown: a title, a description, a body and three headings."""
    return (
        f"{front_matter(TITLE_MARK, DESCRIPTION_MARK, updated)}\n"
        f"# {TITLE_MARK}\n\n{BODY_MARK}\n\n"
        f"## {PARENT_MARK}\n\n### {CHILD_MARK}\n\n## {LEAF_MARK}\n"
    )


def heading(level: int, anchor: str, title: str) -> Trusted:
    """A heading as the toc extension writes it (id and permalink); `title` is HTML already."""
    return Trusted(
        f'<h{level} id="{anchor}">{title}<a class="headerlink" href="#{anchor}" '
        f'title="{PERMALINK_TITLE}">{PERMALINK}</a></h{level}>'
    )


@functools.lru_cache(maxsize=1024)  # pure; the sections' names repeat on every page
def slugify(text: str) -> str:
    """An anchor as Python-Markdown's toc extension makes it: ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    kept = "".join(c for c in ascii_text if c.isalnum() or c in "_-" or c.isspace())
    out: list[str] = []
    for char in kept.strip().lower():
        if char == "-" or char.isspace():
            if not out or out[-1] != "-":
                out.append("-")
        else:
            out.append(char)
    return "".join(out)


class _Sections:
    """The page's headings in order, with unique anchors (as the toc extension makes them)."""

    def __init__(self) -> None:
        self.found: list[Section] = []
        self.html: dict[str, Trusted] = {}

    def add(self, key: str, level: int, title: str, *words: str) -> None:
        anchor = slugify(title) or "avsnitt"
        taken = {s.anchor for s in self.found}
        base, count = anchor, 0
        while anchor in taken:
            count += 1
            anchor = f"{base}_{count}"
        text = " ".join(" ".join(w.split()) for w in words if w)
        self.found.append(Section(level, anchor, title, text))
        self.html[key] = heading(level, anchor, escape(title))


def _issue_state(need: Need) -> str:
    state = "öppet" if need.state == "open" else "stängt"
    closed = f" sedan {need.closed.isoformat()}" if need.closed else ""
    return state + closed + (", utan utfall" if need.outcome_missing else "")


def _answer_rows(process: Process, need: Need) -> list[dict[str, Any]]:
    """Each answer shown: its label, its HTML and its words (for search)."""
    spec = process.channel_import
    rows = []
    for field in process.need_form.fields:
        value = need.answers.get(field.id)
        if value is None and spec is not None and spec.field == field.id:
            continue  # filed on GitHub, not from another channel: nothing to say
        if value is None or value == []:
            shown, words = "Inget svar.", "Inget svar."
        elif isinstance(value, str):
            block = field.type in ("textarea", "input")
            shown, words = (escape_block(value) if block else escape(value)), value
        else:
            shown = "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>"
            words = " ".join(value)
        rows.append({"label": field.label, "html": Trusted(shown), "words": words})
    return rows


def _attachment_links(attachments: Sequence[Attachment], name: str) -> list[dict[str, Any]]:
    return [
        {
            "text": f"{name} i ärende {a.number}",
            "url": Trusted(url) if (url := safe_url(a.url)) else None,
            "filed": a.filed,
            "state": "" if a.complete else " (behöver kompletteras)",
        }
        for a in attachments
    ]


def _benefits(process: Process, need: Need) -> dict[str, Any] | None:
    """The canvas and benefit block's content; None when the need has nothing to show."""
    canvas = process.forms_of_kind(CANVAS_KIND)
    follow_up = process.forms_of_kind(FOLLOW_UP_KIND)
    if not (canvas or follow_up):
        return None
    links = _attachment_links(need.canvases, canvas[0].name if canvas else "Projektcanvas")
    links += _attachment_links(
        need.followups, follow_up[0].name if follow_up else "Nyttouppföljning"
    )
    expected = [
        {"name": form.name, "url": Trusted(process.municipality.form_url(form.id))}
        for form in missing_forms(process, need)
    ]
    if not (links or expected):
        return None
    rows = [benefit_cells(process, p, r) for p, r in benefit_pairs(need)]
    texts = []
    for attachment in [*need.canvases[-1:], *need.followups[-1:]]:
        form = next((f for f in process.forms if f.id == attachment.form), None)
        if form is None or not attachment.texts:
            continue
        texts.append(
            {
                "key": f"bilaga-{attachment.number}",
                "title": f"{form.name} i ärende {attachment.number}",
                "rows": [
                    {
                        "label": field.label,
                        "html": Trusted(escape_block(attachment.texts[field.id])),
                        "words": attachment.texts[field.id],
                    }
                    for field in form.fields
                    if field.id in attachment.texts
                ],
            }
        )
    return {
        "links": links,
        "expected": expected,
        "table": html_table(BENEFIT_HEADS, rows, numeric={2, 3, 5}) if need.planned else None,
        "cells": [cell for row in rows for cell in row],
        "texts": texts,
        "overdue": need.followup_due if need.followup_overdue else None,
    }


def _similar(process: Process, need: Need, matches: Sequence[Match]) -> list[dict[str, Any]]:
    here = repository_folder(need.repository)
    return [
        {
            "title": m.need.title,
            # From behov/<folder>/<n>/ to a need in the same or another repository's folder.
            "link": Trusted(
                f"../{m.need.number}/"
                if repository_folder(m.need.repository) == here
                else f"../../{repository_folder(m.need.repository)}/{m.need.number}/"
            ),
            "stage": stage_name(process, m.need.stage),
            "state": "öppet" if m.need.state == "open" else "stängt",
            "likeness": f"{round(m.likeness * 100)} %",
        }
        for m in matches
    ]


SIMILAR_INTRO = (
    "De här behoven liknar det här, efter orden i titeln och svaren. Gäller de samma sak "
    "markerar beredningsgruppen det senare som dubblett."
)
TAMPER_INTRO = (
    "Någon annan än roboten har ändrat robotens kommentarer i ärendet. Uppgifterna här kommer "
    "från det roboten kan lita på; de ändrade kommentarerna står kvar i ärendet."
)
MISSING_INTRO = (
    "Anmälan är inte komplett. Behovet får ett steg när initiativtagaren har rättat det här:"
)


def group_names(process: Process) -> dict[str, str]:
    """Choice id → name of the answer the portfolio groups needs by (their owning unit)."""
    return {
        c.id: c.name for c in process.options(process.need_form.field(process.portfolio.group_by))
    }


def render_need_page(
    process: Process,
    portfolio: Portfolio,
    need: Need,
    similar: Sequence[Match] = (),
    groups: Mapping[str, str] | None = None,
) -> NeedPage:
    """The page of one need: its stage, answers, similar needs, history and labels.

    `groups`: `group_names(process)`, made once for many pages.
    """
    label = need_label(process, need)
    stage = stage_name(process, need.stage)
    status = status_names(process, need)
    shown = answers_published(process)
    group_id = need.group or NO_GROUP
    group = (group_names(process) if groups is None else groups).get(group_id, "Ingen uppgift")
    url = safe_url(need.url)
    decisions = [
        {
            "day": day(d.at),
            "paragraph": d.paragraph or "",
            "target": stage_name(process, d.target),
            "motivering": d.motivering,
        }
        for d in need.decisions
    ]
    assessment = [
        {"name": c.name, "value": f"{need.assessment[c.id]:.1f}".replace(".", ",")}
        for c in process.scoring.criteria
        if c.id in need.assessment
    ]
    history = [
        {
            "stage": stage_name(process, v.stage),
            "entered": v.entered,
            "left": v.left,
            "known": v.known,
        }
        for v in need.history
    ]
    moves = [
        {
            "source": stage_name(process, m.source) if m.source else "",
            "target": stage_name(process, m.target),
            "login": m.login or "okänd",
            "at": day(m.at),
        }
        for m in need.moves
    ]
    tampering = [tamper_sentence(t) for t in need.tampering]
    reason_repeated = bool(need.decisions) and need.reason == need.decisions[-1].motivering
    benefits = _benefits(process, need)
    alike = _similar(process, need, similar)
    answers = _answer_rows(process, need) if shown else []
    several = len(process.portfolio_repositories) > 1
    own = need.repository

    s = _Sections()
    s.add(
        "title",
        1,
        f"Behov {label}: {one_line(need.title)}",
        f"Steg: {stage}.",
        f"I steget sedan: {need.entered.isoformat()}, {need.days_in_stage} dagar."
        if need.stage
        else "",
        f"Status: {status}." if status else "",
        f"Ägare: {group}." if shown else "",
        f"Förvaltning: {need.forvaltning}." if several else "",
        f"Diarienummer: {need.diarienummer}." if need.diarienummer else "",
        f"Anmält: {need.created.isoformat()}.",
        f"Ärendet: {_issue_state(need)}.",
        f"På GitHub: ärende {need.number} i {own}." if url else "",
    )
    if need.decisions or need.projektagare:
        s.add(
            "decisions",
            2,
            "Beslut och roller",
            f"Projektägare: {need.projektagare}." if need.projektagare else "",
            f"Projektledare: {need.projektledare}." if need.projektledare else "",
            *(
                f"Beslut {d['day']} {d['paragraph']}: {d['target']}. {d['motivering']}"
                for d in decisions
            ),
        )
    if tampering:
        s.add("tampering", 2, "Ändrat av någon annan", TAMPER_INTRO, *tampering)
    if need.score is not None:
        s.add(
            "assessment",
            2,
            "Bedömning",
            f"Poäng {need.score} av 100.",
            *(f"{c['name']}: {c['value']}" for c in assessment),
        )
    if need.reason and not reason_repeated:
        s.add("reason", 2, "Skälet", need.reason)
    if need.missing:
        s.add("missing", 2, "Det här saknas", MISSING_INTRO, *need.missing)
    if benefits:
        s.add(
            "benefits",
            2,
            "Projektcanvas och nytta",
            *(f"{link['text']}, {link['filed'].isoformat()}" for link in benefits["links"]),
            *(f"{e['name']} väntas i det här steget." for e in benefits["expected"]),
            *benefits["cells"],
            "Uppföljningen är försenad." if benefits["overdue"] else "",
        )
        for text in benefits["texts"]:
            s.add(
                text["key"],
                3,
                text["title"],
                *(f"{row['label']} {row['words']}" for row in text["rows"]),
            )
    if alike:
        s.add(
            "similar",
            2,
            "Liknande behov",
            SIMILAR_INTRO,
            *(f"{a['title']}: {a['stage']}, {a['state']}, likhet {a['likeness']}" for a in alike),
        )
    s.add(
        "answers",
        2,
        "Svar",
        *(f"{row['label']} {row['words']}" for row in answers)
        if shown
        else [f"{process.municipality.name} publicerar bara behovens titlar och steg."],
    )
    s.add(
        "history",
        2,
        "Historik",
        *(f"{stage_name(process, v.stage)} {v.entered.isoformat()}" for v in need.history)
        if history
        else ["Behovet har inte fått något steg ännu."],
    )
    if moves:
        s.add(
            "moves",
            3,
            "Vem flyttade behovet",
            *(f"{m['at']}: {m['source']} {m['target']}, av {m['login']}" for m in moves),
        )
    s.add("labels", 2, "Etiketter", *(need.labels or ["Behovet har inga etiketter."]))

    html = render(
        "portfolio_need.html.j2",
        h=s.html,
        need=need,
        label=label,
        repository=own,
        stage=stage,
        status=status,
        answers=answers,
        benefits=benefits,
        similar=alike,
        similar_intro=SIMILAR_INTRO,
        tamper_intro=TAMPER_INTRO,
        missing_intro=MISSING_INTRO,
        history=history,
        moves=moves,
        decisions=decisions,
        assessment=assessment,
        tampering=tampering,
        url=Trusted(url) if url else None,
        group={"name": group, "link": Trusted(f"../../../{GROUP_DIR}/{group_id}/")},
        dash=Trusted("–"),
        several=several,
        answers_shown=shown,
        municipality=process.municipality.name,
    )
    return NeedPage(
        path=need_url(need),
        title=f"Behov {label}: {plain(need.title, 80)}",
        description=f"Behov {label} i portföljen. Steg: {plain(stage)}.",
        sections=tuple(s.found),
        html=html,
    )


def render_need_pages(
    process: Process, portfolio: Portfolio, similar: Mapping[str, Sequence[Match]]
) -> list[NeedPage]:
    """Every need's page, in the order of their addresses."""
    groups = group_names(process)
    pages = [
        render_need_page(process, portfolio, n, similar.get(n.id, ()), groups)
        for n in portfolio.needs
    ]
    return sorted(pages, key=lambda p: p.path)


def redirect_files(process: Process, pages: Sequence[NeedPage]) -> dict[str, str]:
    """The municipality's own needs at their first address, `behov/<number>/`, sent on: path
    below the portfolio folder → a static page."""
    own = f"{NEED_DIR}/{repository_folder(process.municipality.repository)}/"
    found = {}
    for page in pages:
        if page.path.startswith(own):
            number = page.path.removeprefix(own).strip("/")
            target = f"../{own.removeprefix(NEED_DIR + '/')}{number}/"
            found[f"{NEED_DIR}/{number}/index.html"] = render_redirect(target)
    return found


def dump_need_pages(pages: Sequence[NeedPage]) -> str:
    """The pages as JSON Lines, one page a line, fields in a fixed order: deterministic bytes."""
    return "".join(
        json.dumps(
            {
                "path": p.path,
                "title": p.title,
                "description": p.description,
                "sections": [[s.level, s.anchor, s.title, s.text] for s in p.sections],
                "html": p.html,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
        for p in pages
    )


def load_need_pages(text: str) -> list[NeedPage]:
    """The pages `dump_need_pages` wrote; ValueError (one line) when the text is not that."""
    pages = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            data = json.loads(line)
            pages.append(
                NeedPage(
                    path=str(data["path"]),
                    title=str(data["title"]),
                    description=str(data["description"]),
                    sections=tuple(
                        Section(int(level), str(anchor), str(title), str(words))
                        for level, anchor, title, words in data["sections"]
                    ),
                    html=str(data["html"]),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"rad {number} är ingen behovssida ({error})") from error
    return pages
