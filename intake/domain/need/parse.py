"""Issue bodies written by GitHub from a form, read back into answers by field id.

`parse` is pure and never raises. Problem codes are part of the CLI's stable output:
- `empty_body`: the body is null or blank.
- `not_form`: no heading of the form was found; the body was not written from it.
- `text_before_heading`: text stands before the first heading of the form.
- `unknown_section`: a `### ` heading that is no label of the form; its text is not merged anywhere.
- `missing_section`: a field of the form has no section.
- `duplicate_section`: a field's section appears more than once; the first one counts.
- `unknown_option`: a dropdown or checkbox answer that is not an option of the form.
- `stray_text`: a line in a checkboxes section that is no checkbox; it is not kept.
- `too_many_problems`: more than `MAX_PER_CODE` problems of one code; detail "<code>: <n> more".
- `internal_error`: a bug in this module; fields are left empty (never seen in the tests).

How a body is read (GitHub writes `### <label>`, a blank line, the answer; sections joined by a
blank line):
- Line endings: CRLF becomes LF everywhere, so answers come back with "\n" only; a lone CR stays.
- A heading is a line of at most three spaces, `###`, then a space or tab and the title (a
  CommonMark level-3 ATX heading; a closing `#` sequence is allowed). Titles and labels compare
  with runs of whitespace collapsed and in Unicode NFC.
- Fenced blocks (``` or ~~~, CommonMark rules) are tracked within each section; an unclosed fence
  ends at the next section.
- A heading with a form label is a section boundary, except inside a fenced block when that label
  heads more than one line of the body: then the line is text of the answer (a user pasted it).
- A heading that is no form label (an "unknown heading") outside a fenced block is text of the
  answer above it, because people write Markdown headings in their answers. It starts an
  unknown section instead when there is no answer above it (before the first form heading), or
  when a field of the form has no section, for then it may be that field renamed. Even then,
  when the unknown heading is the first line of a field's answer, the person heads their own
  answer, and every unknown heading in that answer stays in it (a renamed section follows an
  answer; it never opens one).
- Hence `parse(render_body(form, answers))` gives the answers back (trimmed as below) whenever
  no answer has a line reading as `### <a form label>`. Such a line inside a fenced block is
  fine too, unless the answer above that label's own section leaves a fence open, or it stands
  in a `render:` answer that has fence lines of its own (they end GitHub's wrapping fence).
  Options that are other options joined by ", " make a multiple dropdown's text ambiguous: the
  longest options win. tests/test_parse_properties.py checks all of this.
- Answers lose leading blank lines and trailing whitespace; inputs and dropdowns are stripped.
  `_No response_` is an empty answer (None, or [] for lists). A typed `None` stays "None" except
  in a dropdown that is not required and has no option "None": that is GitHub's reserved entry.
- A textarea with `render:` loses exactly one wrapping fence: its first line and last line.
- A multiple dropdown is split on ", " into the fewest unknown parts, then the fewest options
  (options may contain ", "). Unknown parts stay in the list, in place, and are reported; so does
  an unknown single dropdown answer. Checkboxes give the checked options in form order; checked
  or unchecked lines that are no option are reported and left out.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from intake.domain.need.answers import NO_RESPONSE, FieldValue, read_answer
from intake.domain.need.forms import Element, IssueForm
from intake.domain.text.lines import Fence, fence_closes, fence_open, key

NOT_FROM_FORM = ("empty_body", "not_form")  # problems of a body not written from the form at all
MAX_PER_CODE = 20
__all__ = [  # FieldValue and NO_RESPONSE belong to answers.py; callers find them here too
    "MAX_PER_CODE",
    "NOT_FROM_FORM",
    "NO_RESPONSE",
    "FieldValue",
    "ParsedBody",
    "Problem",
    "heading_sets",
    "parse",
]
_DETAIL_LIMIT = 120
_KEPT_TITLE = 200  # the keys of titles up to this long are kept (a stranger's long ones are not)
# First characters of lines that can be a heading or a fence; any other line is plain text.
_SPECIAL = frozenset(" #`~")


class Problem(BaseModel):
    """Something in the body that does not match the form."""

    model_config = ConfigDict(frozen=True)

    code: str
    field: str | None = None
    detail: str = ""


class ParsedBody(BaseModel):
    """Answers by field id, and what did not fit.

    An input or textarea is a string or None when empty; a single dropdown a string or None; a
    multiple dropdown a list of options; checkboxes the list of checked option labels in form order.
    """

    model_config = ConfigDict(frozen=True)

    fields: dict[str, FieldValue]
    problems: list[Problem]


def parse(form: IssueForm, body: str | None) -> ParsedBody:
    """Read an issue body against its form; never raises."""
    try:
        return _parse(form, body)
    except Exception as error:  # the contract is "never raises"; a bug must not stop the bot
        return ParsedBody(
            fields=_empty_fields(form),
            problems=[Problem(code="internal_error", detail=type(error).__name__)],
        )


@dataclass(slots=True)
class _Segment:
    """Lines [start, end) of the body below a form heading, or before the first one."""

    field: int | None  # index of the form element, None for the text before the first heading
    start: int
    end: int
    unknown: list[int]  # line indices of unknown headings outside fenced blocks


class _Report:
    """Problems in order, at most MAX_PER_CODE of each code."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.counts: Counter[str] = Counter()

    def add(self, code: str, field: str | None = None, detail: str = "") -> None:
        self.counts[code] += 1
        if self.counts[code] <= MAX_PER_CODE:
            self.problems.append(Problem(code=code, field=field, detail=_short(detail)))

    def result(self) -> list[Problem]:
        extra = [
            Problem(code="too_many_problems", detail=f"{code}: {count - MAX_PER_CODE} more")
            for code, count in self.counts.items()
            if count > MAX_PER_CODE
        ]
        return self.problems + extra


def _parse(form: IssueForm, body: str | None) -> ParsedBody:
    elements = form.elements
    report = _Report()
    if body is None or not body.strip():
        report.add("empty_body")
        return ParsedBody(fields=_empty_fields(form), problems=report.result())
    lines = body.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    labels: dict[str, int] = {}
    for index, element in enumerate(elements):
        labels.setdefault(key(element.label), index)

    marks = _marks(lines, labels)
    heads_per_field = Counter(field for _, fence, field in marks if not fence and field is not None)
    if not heads_per_field:
        report.add("not_form")
        return ParsedBody(fields=_empty_fields(form), problems=report.result())

    segments = _segments(lines, marks, heads_per_field)
    seen = {s.field for s in segments if s.field is not None}
    missing = [index for index in range(len(elements)) if index not in seen]
    answers: dict[int, list[str]] = {}
    for segment in segments:
        split = segment.field is None or (bool(missing) and not _heads_answer(lines, segment))
        end = segment.unknown[0] if split and segment.unknown else segment.end
        text = lines[segment.start : end]
        if segment.field is None:
            first = next((line for line in text if line.strip()), None)
            if first is not None:
                report.add("text_before_heading", detail=first.strip())
        elif segment.field in answers:
            report.add(
                "duplicate_section",
                elements[segment.field].id,
                elements[segment.field].label,
            )
        else:
            answers[segment.field] = text
        if split:
            for number in segment.unknown:
                report.add("unknown_section", detail=_heading(lines[number]) or "")
    for index in missing:
        report.add("missing_section", elements[index].id, elements[index].label)

    fields: dict[str, FieldValue] = {}
    for index, element in enumerate(elements):
        if index in answers:
            fields[element.id] = read_answer(element, answers[index], report)
        else:
            fields[element.id] = _empty(element)
    return ParsedBody(fields=fields, problems=report.result())


def _heads_answer(lines: list[str], segment: _Segment) -> bool:
    """Whether the segment's first unknown heading is the first line of its answer."""
    if not segment.unknown:
        return False
    return all(not line.strip() for line in lines[segment.start : segment.unknown[0]])


def heading_sets(forms: Sequence[Sequence[str]], body: str | None) -> list[set[int]]:
    """For each list of labels, the indices of those that head a section of the body.

    The body is read once whatever the number of lists (recognising a form compares them all).
    """
    if not body:
        return [set() for _ in forms]
    lines = body.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    titles = {
        _title_keys(lines[number].lstrip(" ")[3:].strip())
        for number, fence, _ in _marks(lines, {})
        if not fence
    }
    found: list[set[int]] = []
    for labels in forms:
        keys = _label_keys(tuple(labels))
        matched = (_lookup(title, keys) for title in titles)
        found.append({field for field in matched if field is not None})
    return found


@functools.lru_cache(maxsize=32)
def _label_keys(labels: tuple[str, ...]) -> dict[str, int]:
    """Each label's comparison key → its first index (a form's labels, computed once)."""
    keys: dict[str, int] = {}
    for index, label in enumerate(labels):
        keys.setdefault(key(label), index)
    return keys


def _marks(lines: list[str], labels: dict[str, int]) -> list[tuple[int, bool, int | None]]:
    """The lines that may matter, in order: (line index, is a fence line, element of a heading).

    Every heading line is listed, fenced or not (its element None when the title is no label), and
    every line that starts like a fence. All other lines are answer text and cost one comparison.
    """
    marks: list[tuple[int, bool, int | None]] = []
    matches: dict[str, int | None] = {}
    for number, line in enumerate(lines):
        if not line or line[0] not in _SPECIAL:
            continue
        stripped = line.lstrip(" ") if line[0] == " " else line
        if len(line) - len(stripped) > 3 or not stripped:
            continue
        if stripped.startswith("###"):
            if len(stripped) > 3 and stripped[3] not in " \t":
                continue
            title = stripped[3:].strip()
            if title not in matches:
                matches[title] = _match(title, labels)
            marks.append((number, False, matches[title]))
        elif stripped.startswith(("```", "~~~")):
            marks.append((number, True, None))
    return marks


def _segments(
    lines: list[str], marks: list[tuple[int, bool, int | None]], heads_per_field: Counter[int]
) -> list[_Segment]:
    """Cut the body at form headings; note unknown headings outside fenced blocks."""
    segments = [_Segment(field=None, start=0, end=len(lines), unknown=[])]
    fence: Fence | None = None
    for number, is_fence, field in marks:
        if is_fence:
            if fence is None:
                fence = fence_open(lines[number])
            elif fence_closes(lines[number], fence):
                fence = None
        elif field is not None and (fence is None or heads_per_field[field] == 1):
            segments[-1].end = number
            segments.append(_Segment(field=field, start=number + 1, end=len(lines), unknown=[]))
            fence = None
        elif field is None and fence is None:
            segments[-1].unknown.append(number)
    return segments


def _heading(line: str) -> str | None:
    """The title of a level-3 ATX heading line (may be empty); None for any other line."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("###"):
        return None
    rest = stripped[3:]
    if rest and rest[0] not in " \t":
        return None
    return rest.strip()


def _match(title: str, labels: dict[str, int]) -> int | None:
    """The element a heading title names: exactly, or without a closing `#` sequence."""
    return _lookup(_title_keys(title), labels)


def _title_keys(title: str) -> tuple[str, str | None]:
    """A heading title's comparison key, and its key without a closing `#` sequence if any."""
    return _kept_title_keys(title) if len(title) <= _KEPT_TITLE else _worked_title_keys(title)


@functools.lru_cache(maxsize=4096)  # headings recur in every body a form wrote
def _kept_title_keys(title: str) -> tuple[str, str | None]:
    return _worked_title_keys(title)


def _worked_title_keys(title: str) -> tuple[str, str | None]:
    trimmed = title.rstrip("#")
    bare = trimmed != title and (not trimmed or trimmed[-1] in " \t")
    return key(title), key(trimmed) if bare else None


def _lookup(keys: tuple[str, str | None], labels: dict[str, int]) -> int | None:
    exact, bare = keys
    index = labels.get(exact)
    if index is None and bare is not None:
        return labels.get(bare)
    return index


def _short(text: str) -> str:
    return text if len(text) <= _DETAIL_LIMIT else text[: _DETAIL_LIMIT - 1] + "…"


def _empty(element: Element) -> FieldValue:
    return [] if element.type == "checkboxes" or element.multiple else None


def _empty_fields(form: IssueForm) -> dict[str, FieldValue]:
    return {element.id: _empty(element) for element in form.elements}
