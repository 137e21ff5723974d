"""One section of an issue body read as the answer its form element asks for."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from intake.domain.need.forms import Element
from intake.domain.text.lines import fence_closes, fence_open, key

FieldValue = str | list[str] | None
NO_RESPONSE = "_No response_"


class Report(Protocol):
    """Where a reader notes what does not fit the form."""

    def add(self, code: str, field: str | None = None, detail: str = "") -> None:
        """Note one problem."""


def read_answer(element: Element, lines: list[str], report: Report) -> FieldValue:
    """The answer of one section, as the element's type gives it."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    lines = lines[start:]
    text = "\n".join(lines).rstrip()
    if element.type == "checkboxes":
        return _checked(element, lines, report)
    if element.type == "dropdown":
        return _choice(element, text.strip(), report)
    if not text or text == NO_RESPONSE:
        return None
    if element.type == "input":
        return text.strip()
    if element.render is not None:
        return _unwrap(lines) or None
    return text


def _unwrap(lines: list[str]) -> str:
    """The text inside the one fence GitHub wraps a `render:` answer in; else the text itself."""
    last = len(lines) - 1
    while last > 0 and not lines[last].strip():
        last -= 1
    fence = fence_open(lines[0]) if lines else None
    if fence is not None and last > 0 and fence_closes(lines[last], fence):
        return "\n".join(lines[1:last]).rstrip()
    return "\n".join(lines).rstrip()


def _choice(element: Element, text: str, report: Report) -> FieldValue:
    """A dropdown's answer: one option or None, or a list of options when multiple."""
    options = _options(tuple(element.options))
    reserved = text == "None" and not element.required and "None" not in options
    if not text or text == NO_RESPONSE or reserved:
        return [] if element.multiple else None
    if not element.multiple:
        option = options.get(key(text))
        if option is None:
            report.add("unknown_option", element.id, text)
            return text
        return option
    chosen = _split_options(text, options, _sizes(tuple(element.options)))
    for part, known in chosen:
        if not known:
            report.add("unknown_option", element.id, part)
    return [part for part, _ in chosen]


@lru_cache(maxsize=64)  # an element's options, worked out once for every answer
def _options(options: tuple[str, ...]) -> dict[str, str]:
    """Each option's comparison key → the option (the last of those with the same key)."""
    return {key(option): option for option in options}


@lru_cache(maxsize=64)
def _sizes(options: tuple[str, ...]) -> list[int]:
    """How many ", "-separated tokens the options are made of, the most first."""
    return sorted({len(o.split(", ")) for o in _options(options).values()}, reverse=True)


def _split_options(text: str, options: dict[str, str], sizes: list[int]) -> list[tuple[str, bool]]:
    """Split a multiple dropdown's answer on ", " into options; (part, is an option) in order.

    Dynamic programming over the ", "-separated tokens: fewest unknown tokens, then fewest parts.
    `sizes`: how many tokens the options are made of, the most first.
    """
    tokens = text.split(", ")
    count = len(tokens)
    # best[i] for the tokens from i on: (unknown tokens, parts, -size of the first part); the
    # smallest wins, so ties go to the longest option. Size 0 marks an unknown token.
    best: list[tuple[int, int, int]] = [(0, 0, 0)] * (count + 1)
    for i in range(count - 1, -1, -1):
        unknown, parts, _ = best[i + 1]
        choice = (unknown + 1, parts + 1, 0)
        for size in sizes:
            if i + size <= count and key(", ".join(tokens[i : i + size])) in options:
                unknown, parts, _ = best[i + size]
                choice = min(choice, (unknown, parts + 1, -size))
        best[i] = choice
    result: list[tuple[str, bool]] = []
    stray: list[str] = []
    i = 0
    while i < count:
        size = -best[i][2]
        if size == 0:
            stray.append(tokens[i])
            i += 1
            continue
        if stray:
            result.append((", ".join(stray).strip(), False))
            stray = []
        result.append((options[key(", ".join(tokens[i : i + size]))], True))
        i += size
    if stray:
        result.append((", ".join(stray).strip(), False))
    return result


def _checked(element: Element, lines: list[str], report: Report) -> list[str]:
    """The checked options of a checkboxes section, in form order."""
    options = _options(tuple(element.options))
    checked: set[str] = set()
    for line in lines:
        text = line.strip()
        if not text or text == NO_RESPONSE:
            continue
        box = _checkbox(text)
        if box is None:
            report.add("stray_text", element.id, text)
            continue
        mark, label = box
        option = options.get(key(label))
        if option is None:
            report.add("unknown_option", element.id, label)
        elif mark:
            checked.add(option)
    return [option for option in element.options if option in checked]


def _checkbox(text: str) -> tuple[bool, str] | None:
    """(checked, label) of a task-list line such as `- [x] label`; None for other text."""
    if len(text) < 2 or text[0] not in "-*+" or text[1] not in " \t":
        return None
    box = text[1:].lstrip(" \t")
    if len(box) < 3 or box[0] != "[" or box[1] not in "xX " or box[2] != "]":
        return None
    rest = box[3:]
    if rest and rest[0] not in " \t":
        return None
    return box[1] != " ", rest.strip()
