"""Commands in comments: the first line of a new comment, such as `/beslut utveckla §12 Skäl`.

Commands are Swedish, case-blind, and read the same without å, ä and ö. The motivering is the rest
of the first line and every line below it.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from intake.domain.text.patterns import DIARIENUMMER, LOGIN, PARAGRAPH, REFERENCE, VALUE
from intake.model.process import Process

CommandKind = Literal[
    "beslut",
    "projektagare",
    "projektledare",
    "steg",
    "bedomning",
    "aterkalla",
    "dubblett",
    "diarienummer",
    "ateruppta",
    "ratta",
]
USAGE = {
    "beslut": "/beslut FIRST OTHERS och sedan motiveringen, "
    "till exempel: /beslut FIRST §12 Behovet sparar 900 timmar om året.",
    "projektagare": "/projektägare @inloggning, till exempel: /projektägare @anna-andersson",
    "projektledare": "/projektledare @inloggning, till exempel: /projektledare @per-persson",
    "steg": "/steg och stegets namn, till exempel: /steg förvalta",
    "bedomning": "/bedömning och ett värde för varje kriterium, till exempel: "
    "/bedömning nytta=4 insats=2 risk=3",
    "aterkalla": "/återkalla och sedan varför, till exempel: /återkalla Vi löste det själva.",
    "dubblett": "/dubblett och numret på behovet som redan finns, till exempel: /dubblett #12",
    "diarienummer": "/diarienummer och numret i diariet, till exempel: /diarienummer KS 2026/123",
    "ateruppta": "/återuppta, så öppnas ditt återkallade behov igen i steget där det var",
    "ratta": "/rätta diarienummer (eller paragraf), det rätta värdet och på nästa rad varför, "
    "till exempel: /rätta diarienummer KS 2026/124",
}
CORRECTABLE = ("diarienummer", "paragraf")  # the entries /rätta corrects


class Command(BaseModel):
    """A command, read: what it asks for, and the motivering."""

    model_config = ConfigDict(frozen=True)

    kind: CommandKind
    target: str | None = None  # a decision's or a move's stage id
    login: str | None = None  # the person appointed
    paragraph: str | None = None  # the meeting's paragraph (§12)
    motivering: str = ""
    values: dict[str, int] = {}  # an assessment: criterion id → value
    reference: int | None = None  # the need this one duplicates
    diarienummer: str | None = None  # the number the registrar gave the need
    field: str | None = None  # the entry a correction corrects (diarienummer, paragraf)
    value: str | None = None  # its corrected value


class Vocabulary(BaseModel):
    """The words commands are read with, from the process file: each folded word → its id."""

    model_config = ConfigDict(frozen=True)

    stages: dict[str, str]  # stage and outcome names and ids (for `/steg`)
    decisions: dict[str, str]  # the words of `/beslut` → the stage or outcome each leads to
    written: tuple[str, ...]  # the words of `/beslut` as the process file writes them
    withdrawn: str | None  # the outcome of `/återkalla` (None: the process offers no such command)
    duplicate: str | None  # the outcome of `/dubblett` (None: likewise)
    criteria: dict[str, str] = {}  # criterion names and ids (for `/bedömning`)
    scale: tuple[int, int] = (1, 5)


def vocabulary(process: Process) -> Vocabulary:
    """The words of the process's commands."""
    stages = {fold(s.name): s.id for s in process.all_stages}
    criteria = {fold(c.name): c.id for c in process.scoring.criteria}
    commands = process.commands
    return Vocabulary(
        stages=stages | {fold(s.id): s.id for s in process.all_stages},
        decisions={fold(word): target for word, target in commands.decisions.items()},
        written=tuple(commands.decisions),
        withdrawn=commands.withdrawn,
        duplicate=commands.duplicate,
        criteria=criteria | {fold(c.id): c.id for c in process.scoring.criteria},
        scale=process.scoring.scale,
    )


class Malformed(BaseModel):
    """A comment that starts like a command but cannot be read: how to write it instead."""

    model_config = ConfigDict(frozen=True)

    kind: str  # the command's word as read, or "" when the word is unknown
    usage: str


def fold(word: str) -> str:
    """A word compared case-blind and without diacritics (å, ä, ö → a, a, o)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_command(body: str, words: Vocabulary) -> Command | Malformed | None:
    """The command in a comment's first line; None when the comment is no command."""
    text = body.replace("\r\n", "\n").lstrip()
    if not text.startswith("/"):
        return None
    first, _, rest = text.partition("\n")
    read = first[1:].split()
    if not read:
        return Malformed(kind="", usage=_every_usage(words))
    word = fold(read[0])
    args = read[1:]
    motivering = " ".join(args)
    if word == "beslut":
        return _decision(args, rest, words)
    if word in ("projektagare", "projektledare"):
        found = LOGIN.match(args[0]) if len(args) == 1 else None
        if found is None:
            return Malformed(kind=word, usage=USAGE[word])
        return Command(kind=word, login=found.group(1))
    if word == "aterkalla" and words.withdrawn:
        why = "\n".join(part for part in (motivering, rest.strip()) if part).strip()
        if not why:
            return Malformed(kind=word, usage=USAGE[word])
        return Command(kind="aterkalla", target=words.withdrawn, motivering=why)
    if word == "dubblett" and words.duplicate:
        found = REFERENCE.match(args[0]) if len(args) == 1 else None
        if found is None:
            return Malformed(kind=word, usage=USAGE[word])
        number = int(found.group(1))
        return Command(
            kind="dubblett",
            target=words.duplicate,
            reference=number,
            motivering=f"Dubblett av #{number}.",
        )
    if word == "diarienummer":
        given = " ".join(args)
        if not DIARIENUMMER.match(given):
            return Malformed(kind=word, usage=USAGE[word])
        return Command(kind="diarienummer", diarienummer=given)
    if word == "bedomning":
        return _assessment(args, words.criteria, words.scale)
    if word == "ateruppta":
        return Command(kind="ateruppta")
    if word == "ratta":
        return _correction(args, rest)
    if word == "steg":
        target = words.stages.get(fold(motivering))
        if target is None:
            return Malformed(kind=word, usage=USAGE[word])
        return Command(kind="steg", target=target)
    return Malformed(kind="", usage=_every_usage(words))


def decision_usage(words: Vocabulary) -> str:
    """How to write `/beslut`, with the decision words of the process file."""
    first, *others = words.written
    also = f"(eller {', '.join(others)})" if others else ""
    return USAGE["beslut"].replace(" OTHERS", f" {also}" if also else "").replace("FIRST", first)


def _decision(args: list[str], rest: str, words: Vocabulary) -> Command | Malformed:
    if not args or fold(args[0]) not in words.decisions:
        return Malformed(kind="beslut", usage=decision_usage(words))
    target = words.decisions[fold(args[0])]
    paragraph = None
    said = args[1:]
    if said and (found := PARAGRAPH.match(said[0])):
        paragraph, said = f"§{found.group(1)}", said[1:]
    motivering = "\n".join(part for part in (" ".join(said), rest.strip()) if part).strip()
    if not motivering:
        return Malformed(kind="beslut", usage=decision_usage(words))
    return Command(kind="beslut", target=target, paragraph=paragraph, motivering=motivering)


def _correction(args: list[str], rest: str) -> Command | Malformed:
    field = fold(args[0]) if args else ""
    value = " ".join(args[1:])
    if field == "diarienummer" and DIARIENUMMER.match(value):
        return Command(kind="ratta", field=field, value=value, motivering=rest.strip())
    if field == "paragraf" and (found := PARAGRAPH.match(value)):
        value = f"§{found.group(1)}"
        return Command(kind="ratta", field=field, value=value, motivering=rest.strip())
    return Malformed(kind="ratta", usage=USAGE["ratta"])


def _assessment(
    args: list[str], criteria: dict[str, str], scale: tuple[int, int]
) -> Command | Malformed:
    values: dict[str, int] = {}
    for arg in args:
        found = VALUE.match(arg)
        criterion = criteria.get(fold(found.group(1))) if found else None
        if found is None or criterion is None or not scale[0] <= int(found.group(2)) <= scale[1]:
            names = ", ".join(sorted(set(criteria.values())))
            usage = (
                f"{USAGE['bedomning']}. Kriterierna är {names}, värdena {scale[0]} till {scale[1]}"
            )
            return Malformed(kind="bedomning", usage=usage + ".")
        values[criterion] = int(found.group(2))
    if not values:
        return Malformed(kind="bedomning", usage=USAGE["bedomning"])
    return Command(kind="bedomning", values=values)


def _every_usage(words: Vocabulary) -> str:
    offered = {"aterkalla": words.withdrawn, "dubblett": words.duplicate}
    return " ".join(
        decision_usage(words) if kind == "beslut" else usage
        for kind, usage in USAGE.items()
        if offered.get(kind, kind)
    )
