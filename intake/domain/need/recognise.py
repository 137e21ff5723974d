"""Which of the process's forms wrote an issue body, also after the body was edited by hand."""

from __future__ import annotations

from collections.abc import Iterable

from intake.domain.need.parse import heading_sets
from intake.model.forms import FormDef
from intake.model.process import Process


def recognise(process: Process, body: str | None) -> FormDef | None:
    """The form whose field headings the body carries most of; None when it carries none.

    A tie goes to the form whose headings the body covers the larger share of, then to the form
    listed first in the process file.
    """
    best: tuple[int, float] | None = None
    found: FormDef | None = None
    labels = [[field.label for field in form.fields] for form in process.forms]  # GitHub's headings
    for form, names, present in zip(process.forms, labels, heading_sets(labels, body), strict=True):
        if not present:
            continue
        score = (len(present), len(present) / len(names))
        if best is None or score > best:
            best, found = score, form
    return found


def is_need(process: Process, labels: Iterable[str], body: str | None) -> bool:
    """Whether an issue is a need: it carries a stage or outcome label, or the need form wrote
    it, or it carries the needs-completion status and no other form wrote it."""
    labels = tuple(labels)
    if process.stages_labelled(labels):
        return True
    form = recognise(process, body)
    if form is not None:
        return form.kind == process.need_form.kind
    status = process.status_incomplete.label.casefold()
    return any(label.casefold() == status for label in labels)
