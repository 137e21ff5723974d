"""Atom feeds for people without GitHub: new needs, decisions, and each förvaltning's needs.

Outlook and other feed readers follow them. Every date comes from the data (a need's filing day,
the day it entered its stage, a decision's moment), never the clock, so a rebuild without changes
writes the same bytes. Only what the portfolio publishes goes in: the portfolio given is the
published one, and no login is named. Text is escaped by the XML writer, after characters XML
cannot hold are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree as ET

from intake.domain.lifecycle.stages import day
from intake.domain.portfolio.build import NO_STAGE_NAME
from intake.domain.portfolio.publishing import answers_published
from intake.domain.portfolio.schema import Need, Portfolio
from intake.domain.text.patterns import NOT_XML
from intake.model.process import Process
from intake.render.portfolio.pages import FEED_DIR, forvaltning_feed, need_url

NEW_NEEDS = f"{FEED_DIR}/nya-behov.xml"
DECISIONS = f"{FEED_DIR}/beslut.xml"
ENTRIES = 100  # a feed holds the latest entries only; the portfolio has them all
_ATOM = "http://www.w3.org/2005/Atom"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def portfolio_url(process: Process) -> str:
    """The published address of the portfolio folder."""
    return process.municipality.site_url + "portfolj/"


def _text(value: str) -> str:
    return NOT_XML.sub("", value)


def _moment(value: date | datetime) -> str:
    """An RFC 3339 moment: a day is its midnight in UTC."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0), tzinfo=UTC)
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Entry:
    """One entry of a feed: a need, or something that happened to it."""

    id: str  # an IRI that never changes for the same entry
    title: str
    updated: date | datetime
    link: str
    summary: str


def _stage(process: Process, need: Need) -> str:
    return process.stage(need.stage).name if need.stage else NO_STAGE_NAME


def _summary(process: Process, need: Need) -> str:
    parts = [f"Steg: {_stage(process, need)}.", f"Anmält {need.created.isoformat()}."]
    if len(process.portfolio_repositories) > 1:
        parts.append(f"Förvaltning: {need.forvaltning}.")
    if answers_published(process):  # the answers that describe the need, as on its page
        for field in process.portfolio.similar.fields:
            described = need.answers.get(field)
            if isinstance(described, str):
                parts.append(described)
    return " ".join(parts)


def render_feed(
    process: Process, path: str, title: str, subtitle: str, entries: Sequence[Entry], since: date
) -> bytes:
    """An Atom feed (RFC 4287) of the entries, newest first; `since` dates an empty feed."""
    base = portfolio_url(process)
    ET.register_namespace("", _ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> None:
        element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = _text(text)

    feed = ET.Element(f"{{{_ATOM}}}feed", {_LANG: "sv"})
    add(feed, "id", base + path)
    add(feed, "title", title)
    add(feed, "subtitle", subtitle)
    newest = max((e.updated for e in entries), default=since, key=_moment)
    add(feed, "updated", _moment(newest))
    add(feed, "link", rel="self", type="application/atom+xml", href=base + path)
    add(feed, "link", rel="alternate", type="text/html", href=base)
    author = ET.SubElement(feed, f"{{{_ATOM}}}author")
    add(author, "name", process.municipality.name)
    for entry in entries:
        item = ET.SubElement(feed, f"{{{_ATOM}}}entry")
        add(item, "id", entry.id)
        add(item, "title", entry.title)
        add(item, "updated", _moment(entry.updated))
        add(item, "link", rel="alternate", type="text/html", href=entry.link)
        add(item, "summary", entry.summary)
    ET.indent(feed)
    written: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _need_entry(process: Process, need: Need, updated: date, title: str) -> Entry:
    return Entry(
        id=need.url,
        title=title,
        updated=updated,
        link=portfolio_url(process) + need_url(need),
        summary=_summary(process, need),
    )


def _newest(entries: list[Entry]) -> list[Entry]:
    entries.sort(key=lambda e: (_moment(e.updated), e.id), reverse=True)
    return entries[:ENTRIES]


def render_feeds(process: Process, portfolio: Portfolio) -> dict[str, bytes]:
    """Path below the portfolio folder → every feed's bytes."""
    since = portfolio.updated
    municipality = process.municipality.name
    new = [_need_entry(process, n, n.created, n.title) for n in portfolio.needs]
    feeds = {
        NEW_NEEDS: render_feed(
            process,
            NEW_NEEDS,
            f"Nya behov i {municipality}",
            "Behov som har anmälts, det senaste först.",
            _newest(new),
            since,
        ),
        DECISIONS: render_feed(
            process,
            DECISIONS,
            f"Beslut av {process.council.name}",
            f"Besluten som {process.council.name} har tagit om behoven, det senaste först.",
            _newest(_decision_entries(process, portfolio)),
            since,
        ),
    }
    for repository in process.portfolio_repositories:
        name = process.forvaltning(repository)
        needs = [n for n in portfolio.needs if n.repository.casefold() == repository.casefold()]
        moved = [
            _need_entry(process, n, n.entered, f"{n.title} ({_stage(process, n)})") for n in needs
        ]
        path = forvaltning_feed(repository)
        feeds[path] = render_feed(
            process,
            path,
            f"Behov hos {name}",
            f"Behoven hos {name}. Ett behov kommer först när det har flyttat till ett nytt steg.",
            _newest(moved),
            since,
        )
    return feeds


def _decision_entries(process: Process, portfolio: Portfolio) -> list[Entry]:
    entries = []
    for need in portfolio.needs:
        for decision in need.decisions:
            outcome = process.stage(decision.target).name
            said = [f"{process.council.name} beslutade {day(decision.at).isoformat()}"]
            if decision.paragraph:
                said.append(f"({decision.paragraph})")
            summary = " ".join(said) + f": {outcome}."
            if decision.motivering:
                summary += f" Motivering: {decision.motivering}"
            entries.append(
                Entry(
                    id=f"{need.url}#beslut-{_moment(decision.at)}",
                    title=f"{outcome}: {need.title}",
                    updated=decision.at,
                    link=portfolio_url(process) + need_url(need),
                    summary=summary,
                )
            )
    return entries
