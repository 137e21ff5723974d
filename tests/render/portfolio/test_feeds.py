"""Feeds and the council's calendar: valid Atom (RFC 4287's schema) and iCalendar (parsed with
`icalendar`), dated from the data, the same bytes on every rebuild, everything escaped, nothing
the portfolio does not publish."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from lxml import etree

from intake.domain.lifecycle.issue import Issue
from intake.model.process import Process
from intake.render.portfolio.calendar import CALENDAR, escape_text, fold, render_calendar
from intake.render.portfolio.feeds import DECISIONS, NEW_NEEDS
from intake.usecases.portfolio import make_portfolio
from tests.paths import REPOSITORY, SCHEMAS
from tests.render.portfolio.samples import both_samples, titles_only

TODAY = date(2026, 11, 20)
ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom" / "atom.rng")))


@pytest.fixture(scope="module")
def issues() -> list[Issue]:
    return both_samples()


def _feeds(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in files.items() if path.endswith(".xml")}


def _valid(content: bytes) -> etree._Element:
    """The feed, checked against the schema and the RFC's two Schematron rules."""
    root = etree.fromstring(content)
    assert SCHEMA.validate(root), SCHEMA.error_log
    assert root.find(f"{ATOM}author/{ATOM}name") is not None  # so no entry needs its own
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


def test_every_feed_is_valid_atom(process: Process, issues: list[Issue]) -> None:
    _, files = make_portfolio(process, issues, None, TODAY)
    feeds = _feeds(files)
    assert {NEW_NEEDS, DECISIONS} <= set(feeds)
    assert len(feeds) == 2 + len(process.portfolio_repositories)  # one per förvaltning
    for content in feeds.values():
        _valid(content)


def test_the_feeds_hold_new_needs_decisions_with_motivering_and_each_forvaltnings_needs(
    process: Process, issues: list[Issue]
) -> None:
    portfolio, files = make_portfolio(process, issues, None, TODAY)
    new = _valid(files[NEW_NEEDS])
    titles = [e.findtext(f"{ATOM}title") for e in new.iter(f"{ATOM}entry")]
    newest = sorted(portfolio.needs, key=lambda n: (n.created, n.url), reverse=True)
    assert titles == [n.title for n in newest]
    decisions = _valid(files[DECISIONS])
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in decisions.iter(f"{ATOM}entry")]
    made = [d for n in portfolio.needs for d in n.decisions]
    assert len(summaries) == len(made) > 0
    assert all(d.motivering.split()[0] in "\n".join(summaries) for d in made)
    own = _valid(files["prenumerera/forvaltning-stadsbyggnad.xml"])
    ids = {e.findtext(f"{ATOM}id") for e in own.iter(f"{ATOM}entry")}
    assert ids == {n.url for n in portfolio.needs if n.repository.endswith("/stadsbyggnad")}


def test_dates_come_from_the_data_and_a_rebuild_writes_the_same_bytes(
    process: Process, issues: list[Issue]
) -> None:
    portfolio, files = make_portfolio(process, issues, None, TODAY)
    _, later = make_portfolio(process, list(reversed(issues)), None, TODAY + timedelta(days=40))
    for path in [*_feeds(files), CALENDAR]:
        assert files[path] == later[path], path
    updated = _valid(files[NEW_NEEDS]).findtext(f"{ATOM}updated")
    newest = max(n.created for n in portfolio.needs)
    assert updated == f"{newest.isoformat()}T00:00:00Z"  # the newest need's filing day


def _hostile(issues: list[Issue]) -> list[Issue]:
    first = next(i for i in issues if i.number == 3 and i.repository == REPOSITORY)
    title = 'Behov: <script>alert(1)</script> & "citat" ]]> \x00\x1b 19121212-1212'
    return [first.model_copy(update={"title": title}), *(i for i in issues if i is not first)]


def test_text_from_an_issue_is_escaped_and_carries_no_personnummer(
    process: Process, issues: list[Issue]
) -> None:
    _, files = make_portfolio(process, _hostile(issues), None, TODAY)
    root = _valid(files[NEW_NEEDS])
    titles = [e.findtext(f"{ATOM}title") or "" for e in root.iter(f"{ATOM}entry")]
    hostile = next(t for t in titles if "script" in t)
    assert '<script>alert(1)</script> & "citat" ]]>' in hostile  # as text, not as markup
    assert b"<script>" not in files[NEW_NEEDS]
    for content in _feeds(files).values():
        assert b"1212-1212" not in content
        assert b"\x00" not in content


def test_with_titles_and_stages_the_feeds_carry_no_answer_or_motivering(
    process: Process, issues: list[Issue]
) -> None:
    portfolio, everything = make_portfolio(process, issues, None, TODAY)
    _, files = make_portfolio(titles_only(process), issues, None, TODAY)
    texts = [d.motivering for n in portfolio.needs for d in n.decisions]
    texts += [str(n.answers.get("behov")) for n in portfolio.needs if n.answers.get("behov")]
    assert any(t in everything[DECISIONS].decode() for t in texts)
    for content in _feeds(files).values():
        _valid(content)
        assert not [t for t in texts if t in content.decode("utf-8")]
        assert b"Motivering" not in content


# --- the council's calendar ------------------------------------------------------------------


def test_the_calendar_has_each_meeting_as_an_all_day_event_linking_to_its_agenda(
    process: Process, issues: list[Issue]
) -> None:
    portfolio, files = make_portfolio(process, issues, None, TODAY)
    calendar = icalendar.Calendar.from_ical(files[CALENDAR])
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == sorted(process.council.meetings)
    site = process.municipality.site_url
    for event in events:
        start = event.decoded("DTSTART")
        assert not isinstance(start, datetime)  # a day, not a moment
        assert event.decoded("DTEND") == start + timedelta(days=1)
        url = str(event["URL"])
        if start <= portfolio.updated:
            assert url == f"{site}portfolj/moten/{start.isoformat()}/"
        else:
            assert url == f"{site}portfolj/dagordning/"
        assert url in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP") == datetime.combine(start, datetime.min.time(), UTC)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all(len(line) <= 75 for line in files[CALENDAR].split(b"\r\n"))


def test_the_calendar_is_the_same_bytes_whenever_it_is_built(process: Process) -> None:
    assert render_calendar(process, TODAY) == render_calendar(process, TODAY)
    before_any = render_calendar(process, date(2020, 1, 1))
    assert icalendar.Calendar.from_ical(before_any).walk("VEVENT")


def test_text_in_the_calendar_is_escaped(process: Process) -> None:
    name = 'Rådet; för "digitalisering", med\nny rad \\ och <b> \x07'
    council = process.council.model_copy(update={"name": name})
    calendar = render_calendar(process.model_copy(update={"council": council}), TODAY)
    parsed = icalendar.Calendar.from_ical(calendar)
    summary = str(parsed.walk("VEVENT")[0]["SUMMARY"])
    assert summary == 'Rådet; för "digitalisering", med\nny rad \\ och <b>  sammanträder'
    # icalendar does not know the property Outlook reads the name from: it keeps it escaped.
    assert str(parsed["X-WR-CALNAME"]).startswith("Rådet\\; för")


@pytest.mark.parametrize("text", ["å" * 200, "a" * 74 + "ö" * 3, "x" * 75, ""])
def test_folding_never_splits_a_character(text: str) -> None:
    lines = fold("SUMMARY:" + text).encode("utf-8").split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"".join(line.removeprefix(b" ") for line in lines).decode() == "SUMMARY:" + text
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
