"""Copies of the bundled sample needs for the fake GitHub: any number of needs in one repository.

The portfolio benchmark fills the fake with these: every sample need (intake/samples/*.json) with
its label history and the bot's record, copied until there are `count` needs, each copy with its
own canvases and follow-ups pointing at the copied need.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from intake.fakegithub.server import FakeGitHub
from intake.model.process import Process

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = ("issues.json", "stadsbyggnad.json")  # read as one repository's issues


def _sample_issues() -> list[tuple[str, dict[str, Any]]]:
    """The sample issues of every file with the file's name, oldest first."""
    issues = [
        (name, issue)
        for name in SAMPLE_FILES
        for issue in json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    ]
    return sorted(issues, key=lambda pair: str(pair[1]["created_at"]))


def _need_field_labels(process: Process) -> list[str]:
    """The headings under which a form names its need (the `behovsnummer` field)."""
    return [
        field.label for form in process.forms for field in form.fields if field.id == "behovsnummer"
    ]


def _renumbered(body: str, labels: list[str], numbers: Mapping[int, int]) -> str | None:
    """The body with the need number under a `behovsnummer` heading mapped to its copy; None
    when the need it names was not copied."""
    missing = False

    def mapped(match: re.Match[str]) -> str:
        nonlocal missing
        number = numbers.get(int(match[2]))
        missing = missing or number is None
        return match[1] + str(number)

    for label in labels:
        pattern = re.compile(rf"(### {re.escape(label)}\r?\n\r?\n)(\d{{1,9}})")
        body = pattern.sub(mapped, body)
    return None if missing else body


def _is_form(issue: Mapping[str, Any], labels: list[str]) -> bool:
    """Whether the issue is a form that names its need (a canvas, a follow-up), not a need."""
    body = issue.get("body") or ""
    return any(f"### {label}" in body for label in labels)


def _copies(process: Process, count: int) -> Iterator[dict[str, Any]]:
    """REST issues: the samples copied until `count` needs, numbered from 1 in filing order."""
    samples = _sample_issues()
    labels = _need_field_labels(process)
    needs, number = 0, 0
    while needs < count:
        numbers: dict[tuple[str, int], int] = {}  # (file, sample number) → number of the copy
        batch: list[tuple[str, dict[str, Any]]] = []
        for name, sample in samples:
            if not _is_form(sample, labels):
                if needs == count:
                    continue
                needs += 1
            number += 1
            numbers[name, int(sample["number"])] = number
            batch.append((name, copy.deepcopy(sample) | {"number": number}))
        for name, issue in batch:
            if issue["body"]:
                mapping = {old: new for (file, old), new in numbers.items() if file == name}
                body = _renumbered(issue["body"], labels, mapping)
                if body is None:  # a form of a need left out of the last, partial copy
                    continue
                issue["body"] = body
            yield issue


def seed_sample_copies(fake: FakeGitHub, process: Process, count: int) -> None:
    """Fill the fake's repository with `count` needs copied from the samples, forms included."""
    for issue in _copies(process, count):
        fake.add_rest_issue(issue)
