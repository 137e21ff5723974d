"""The council's meetings as an iCalendar file (RFC 5545) that Outlook can subscribe to.

Each meeting of the process file is an all-day event linking to its agenda: the agenda page for a
meeting to come, the page of its decisions for one that has been held. UID and DTSTAMP come from
the meeting's day and the calendar's address, never the clock: the same process file gives the same
bytes. Text is escaped as the standard says, and lines are folded at 75 octets.
"""

from __future__ import annotations

from datetime import date, timedelta

from intake.model.process import Process
from intake.render.portfolio.agenda import AGENDA, MEETINGS
from intake.render.portfolio.feeds import portfolio_url
from intake.render.portfolio.pages import FEED_DIR

CALENDAR = f"{FEED_DIR}/radet.ics"
_LIMIT = 75  # octets per line before folding


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped, control characters gone."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c == "\n" or c == "\t" or (ord(c) >= 0x20 and c != "\x7f"))
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(plain, escaped)
    return value


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets, never inside a character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _LIMIT if not parts else _LIMIT - 1  # a continuation starts with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _agenda_url(process: Process, meeting: date, held_by: date) -> str:
    if meeting <= held_by:
        return portfolio_url(process) + f"{MEETINGS}/{meeting.isoformat()}/"
    return portfolio_url(process) + AGENDA.removesuffix("index.md")


def render_calendar(process: Process, updated: date) -> bytes:
    """The council's meetings as all-day events; `updated`: meetings up to it have been held."""
    # A UID is the calendar's own address and the day: unique everywhere, and no "@" that
    # would read as an e-mail address where personal data is looked for.
    own = portfolio_url(process) + CALENDAR
    council = process.council.name
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(process.municipality.name)}//Digitaliseringsprocessen//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(council)}",
    ]
    for meeting in sorted(set(process.council.meetings)):
        url = _agenda_url(process, meeting, updated)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{own}#{meeting.isoformat()}",
            f"DTSTAMP:{meeting.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{meeting.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(meeting + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(f'{council} sammanträder')}",
            f"DESCRIPTION:{escape_text(f'Dagordning och beslut: {url}')}",
            f"URL:{url}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
