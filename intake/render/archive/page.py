"""One archived issue as a Markdown page: the JSON file beside it is the record; the page shows it.

Every text from GitHub is shown literally: one-line text escaped, longer text in a fence longer
than any run of backticks inside it, so nothing in it can become a link, an image or HTML."""

from __future__ import annotations

import json
from datetime import date, datetime

from intake.domain.archive.schema import (
    ArchivedIssue,
    AttachedFile,
    Comment,
    Earlier,
    Edit,
    Event,
    Gone,
    attachment_path,
)
from intake.domain.text.patterns import BACKTICKS as _TICKS
from intake.render.markup.markdown import escape_markdown, safe_url

_ANSWERS = {
    "410": "410, raderat",
    "404": "404, finns inte eller får inte läsas",
    "301": "301, flyttat",
}


def _fence(text: str | None, info: str = "text") -> str:
    if not text:
        return "*(ingen text)*"
    longest = max((len(m.group()) for m in _TICKS.finditer(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def _address(url: str) -> str:
    """A plain http(s) address as a link; anything else as inert text."""
    safe = safe_url(url)
    return f"<{safe}>" if safe else escape_markdown(url)


def _when(moment: datetime | date | None) -> str:
    if moment is None:
        return "–"
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.isoformat()


def _gone(gone: Gone) -> str:
    text = f"Borta från GitHub sedan natten {_when(gone.since)}"
    text += f" (GitHub svarade {_ANSWERS[gone.answer]})"
    if gone.moved_to:
        text += f", flyttat till {_address(gone.moved_to)}"
    return text + "."


def _edit(edit: Edit) -> str:
    line = f"- {_when(edit.at)}, av {escape_markdown(edit.editor)}"
    if edit.deleted_at is not None:
        by = f" av {escape_markdown(edit.deleted_by)}" if edit.deleted_by else ""
        line += f"; borttagen ur historiken {_when(edit.deleted_at)}{by}"
    return line


def _earlier(earlier: list[Earlier], heading: str) -> list[str]:
    lines: list[str] = []
    for item in earlier:
        lines += [
            "",
            f"{heading} (arkiverad till och med {_when(item.seen)})",
            "",
            _fence(item.text),
        ]
    return lines


def _event(event: Event) -> str:
    who = escape_markdown(event.actor)
    label = escape_markdown(event.label or "")
    what = {
        "labeled": f"lade till etiketten {label}",
        "unlabeled": f"tog bort etiketten {label}",
        "closed": "stängde ärendet",
        "reopened": "öppnade ärendet igen",
        "renamed": f"bytte rubrik från {escape_markdown(event.previous or '')} till "
        f"{escape_markdown(event.current or '')}",
        "transferred": f"flyttade hit ärendet från {escape_markdown(event.previous or '')}",
    }[event.kind]
    return f"- {_when(event.at)}: {who} {what}"


def _comment(comment: Comment) -> list[str]:
    author = escape_markdown(comment.author)
    lines = ["", f"### Kommentar {comment.id} av {author}, {_when(comment.created_at)}", ""]
    if comment.gone is not None:
        lines += [_gone(comment.gone), ""]
    if comment.editor:
        lines += [
            f"Senast ändrad {_when(comment.last_edited_at)} av {escape_markdown(comment.editor)}.",
            "",
        ]
    lines.append(_fence(comment.body))
    if comment.edits:
        lines += ["", "Versioner i GitHubs historik:", "", *map(_edit, comment.edits)]
    lines += _earlier(comment.earlier, "Tidigare text")
    return lines


def render_issue_page(issue: ArchivedIssue) -> str:
    """The Markdown page of an archived issue."""
    state = "öppet" if issue.state == "open" else "stängt"
    if issue.state_reason:
        state += f" ({escape_markdown(issue.state_reason)})"
    rows = [
        ("Repository", escape_markdown(issue.repository)),
        ("Nummer", str(issue.number)),
        ("Adress", _address(issue.url)),
        ("Skrivet av", escape_markdown(issue.author)),
        ("Skapat", _when(issue.created_at)),
        ("Senast ändrat", _when(issue.updated_at)),
        ("Läge", state),
        ("Stängt", _when(issue.closed_at)),
        ("Etiketter", ", ".join(escape_markdown(label) for label in issue.labels) or "–"),
        ("Senast läst från GitHub", _when(issue.archived)),
    ]
    title = escape_markdown(issue.title)
    lines = [
        f"# {escape_markdown(issue.repository)} nummer {issue.number}: {title}",
        "",
        "Sidan visar det som arkivet har sparat. Handlingen är JSON-filen bredvid.",
        "",
    ]
    if issue.gone is not None:
        lines += [f"**{_gone(issue.gone)}**", ""]
    lines += ["| Uppgift | Värde |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows)]
    if issue.titles:
        lines += [
            "",
            "## Tidigare rubriker",
            "",
            *(f"- {escape_markdown(t)}" for t in issue.titles),
        ]
    lines += ["", "## Text", "", _fence(issue.body)]
    if issue.body_edits:
        lines += ["", "Versioner i GitHubs historik:", "", *map(_edit, issue.body_edits)]
    lines += _earlier(issue.earlier_bodies, "### Tidigare text")
    if issue.attachments:
        lines += ["", "## Bilagor", ""]
        lines += [_attachment(a) for a in issue.attachments]
    if issue.events:
        lines += ["", "## Tidslinje", "", *map(_event, issue.events)]
    if issue.comments:
        lines += ["", "## Kommentarer"]
        for comment in issue.comments:
            lines += _comment(comment)
    if issue.record is not None:
        trusted = "ja" if issue.record.trusted else "nej, någon annan än roboten har ändrat det"
        lines += ["", "## Robotens register", "", f"Betrott: {trusted}."]
        if issue.record.record is not None:
            data = json.dumps(issue.record.record, ensure_ascii=False, indent=2, sort_keys=True)
            lines += ["", _fence(data, "json")]
    return "\n".join(lines) + "\n"


def _attachment(file: AttachedFile) -> str:
    line = f"- {escape_markdown(file.name)}: {_address(file.url)}"
    if file.sha256 is not None:
        return f"{line} (sparad som `{attachment_path(file.sha256)}`, {file.size} byte)"
    if file.not_kept is not None:
        return f"{line} (inte sparad: {escape_markdown(file.not_kept)})"
    return line
