"""Hostile text, as an attacker who can open an issue would write it: for tests and benchmarks.

`attacks` gives the parts of hostile input for a pattern: long runs of what its quantifiers
accept, after a prefix that lets a match begin and before a character that makes it fail; `worst`
times a registered pattern on the slowest of them. `hostile_attachments` files projektcanvases
and nyttouppföljningar of 64 KB whose every written answer is such a run, for needs that exist.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from datetime import timedelta

from intake.domain.lifecycle.attachments import CANVAS_KIND, FOLLOW_UP_KIND
from intake.domain.lifecycle.issue import Issue
from intake.domain.need.benefits import NEED_NUMBER
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import FieldValue
from intake.domain.text.patterns import Registered
from intake.model.forms import FormDef
from intake.model.process import Process

LIMIT = 65_536  # GitHub's limit on an issue body, and so on a title, a comment or a cell

# What quantifiers accept: spaces of every kind, digits, letters, dashes, and the pieces the
# patterns look for (an address, a number group, a marker), alone and in pairs.
RUNS = (
    " ",
    "\t",
    "\n",
    "\u00a0",
    "\u200b",
    "a",
    "å",
    "1",
    "0",
    "-",
    "–",
    ".",
    "_",
    "@",
    "#",
    "§",
    "+",
    "/",
    ":",
    "a ",
    "1 ",
    "- ",
    "1-",
    "1.",
    "a.",
    "a-",
    "a@",
    "@a",
    "a@a.",
    "12 ",
    "12 34 56 ",
    "+46 ",
    "07",
    "1\u200b",
    "behov ",
    "nr. ",
    "köpa ",
    "www.",
    "://",
    "<!-- intake:bilaga:a",
    "<!-- intake:record {",
)
PREFIXES = ("", "-", "1", "a", "@", "#", "§ ", "behov", "+46", "a@a", "köpa", "http://a", "- 1 ")
ENDINGS = ("!", "a", "\x00")


def attack(prefix: str, run: str, ending: str, size: int) -> str:
    """The prefix, the run repeated, the ending: `size` characters at most."""
    count = max(1, (size - len(prefix) - len(ending)) // len(run))
    return prefix + run * count + ending


Attack = tuple[str, str, str]  # prefix, run, ending


def attacks() -> Iterator[Attack]:
    """Every hostile input's parts: each prefix, run and ending."""
    for prefix in PREFIXES:
        for run in RUNS:
            for ending in ENDINGS:
                yield prefix, run, ending


def cpu_seconds(pattern: Registered, text: str) -> float:
    """The CPU time the pattern takes on the text, applied as the code applies it.

    CPU time of this process, not the clock: other work on the machine does not count.
    """
    start = time.process_time()
    if pattern.use == "search":
        for _ in pattern.regex.finditer(text):  # a search from every position, as sub() does
            pass
    elif pattern.use == "match":
        pattern.regex.match(text)
    else:
        pattern.regex.fullmatch(text)
    return time.process_time() - start


def slowest(pattern: Registered, size: int = 512, keep: int = 4) -> list[Attack]:
    """The `keep` attacks the pattern is slowest on at `size` characters, slowest first."""
    timed = [(cpu_seconds(pattern, attack(*parts, size)), parts) for parts in attacks()]
    return [parts for _, parts in sorted(timed, key=lambda t: -t[0])[:keep]]


def worst(pattern: Registered, size: int = LIMIT, budget: float = 1.0) -> tuple[float, Attack, int]:
    """(seconds, attack, characters) of the pattern's slowest attack at up to `size` characters.

    The slowest attacks of a short screen are tried at doubling lengths up to `size`; it stops
    at the first run over `budget`, so that a quadratic pattern fails in seconds, not hours.
    Under the budget each run is repeated and the better time kept (a pause of the machine is
    not the pattern's).
    """
    candidates = slowest(pattern)
    length = 4096
    while True:
        length = min(length, size)
        found = (0.0, candidates[0])
        for parts in candidates:
            text = attack(*parts, length)
            seconds = cpu_seconds(pattern, text)
            if seconds > budget:
                return seconds, parts, length
            found = max(found, (min(seconds, cpu_seconds(pattern, text)), parts))
        if length == size:
            return found[0], found[1], length
        length *= 2


# The answers a 64 KB form is filled with: the issue's attack (a dash, spaces and a letter), and
# runs of every kind the finder and the quantity reader walk.
_ANSWERS = (
    ("-", " ", "x"),
    ("1", " ", "x"),
    ("", "a", "!"),
    ("a@", "a", "!"),
    ("", "1 ", "x"),
    ("", "\u200b", "x"),
    ("8507", "\u00ad", "x"),
    ("", "12 34 56 ", "x"),
    ("", "<!-- intake:record {", "x"),
    ("köpa", " ", "!"),
)


def hostile_answers(process: Process, form: FormDef, need: int, size: int) -> dict[str, FieldValue]:
    """Answers of the form for need number `need`: every written answer a hostile run.

    The runs share `size` characters, so that the body stays within GitHub's limit.
    """
    elements = issue_form(process, form).elements
    written = [e for e in elements if e.type in ("input", "textarea") and e.id != NEED_NUMBER]
    share = (size - 200 * len(elements)) // max(1, len(written))
    answers: dict[str, FieldValue] = {}
    for element in elements:
        if element.id == NEED_NUMBER:
            answers[element.id] = str(need)
        elif element.type == "dropdown":
            answers[element.id] = element.options[:1] if element.multiple else element.options[0]
        elif element.type == "checkboxes":
            answers[element.id] = list(element.options)
        else:
            prefix, run, ending = _ANSWERS[written.index(element) % len(_ANSWERS)]
            answers[element.id] = attack(prefix, run, ending, share)
    return answers


def hostile_attachments(
    process: Process, needs: Sequence[Issue], count: int = 20, size: int = LIMIT
) -> list[Issue]:
    """`count` canvases and follow-ups (by turns) of `size` characters, for the given needs."""
    kinds = [process.forms_of_kind(CANVAS_KIND), process.forms_of_kind(FOLLOW_UP_KIND)]
    forms = [found[0] for found in kinds if found]
    made: list[Issue] = []
    last = max(i.number for i in needs)
    for index in range(count):
        need = needs[index % len(needs)]
        form = forms[index % len(forms)]
        answers = hostile_answers(process, form, need.number, size)
        body = render_body(issue_form(process, form), answers)[:size]
        number = last + 1 + index
        made.append(
            Issue(
                repository=need.repository,
                number=number,
                title=form.title + attack("-", " ", "x", 200),
                body=body,
                state="open",
                labels=(),
                author="angripare",
                created_at=need.created_at + timedelta(days=1),
                updated_at=need.updated_at,
                html_url=need.html_url.rsplit("/", 1)[0] + f"/{number}",
            )
        )
    return made
