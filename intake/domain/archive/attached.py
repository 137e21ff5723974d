"""The files people attached in a form's attachment field: GitHub turns each dragged file into a
link (`[name](url)`, or `![name](url)` for an image) in the answer."""

from __future__ import annotations

from intake.domain.archive.schema import AttachedFile
from intake.domain.need.findings import text_of
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import recognise
from intake.domain.text.patterns import ATTACHED_BARE as _BARE
from intake.domain.text.patterns import ATTACHED_LINK as _LINK
from intake.model.process import Process


def attached_files(process: Process, field: str | None, body: str | None) -> list[AttachedFile]:
    """The files linked in the answer of `field` of the form that wrote the body."""
    if not field or not body or "http" not in body:  # no link, no file: spare the parsing
        return []
    form = recognise(process, body)
    if form is None or field not in {f.id for f in form.fields}:
        return []
    answer = text_of(parse(issue_form(process, form), body).fields.get(field))
    found = [
        AttachedFile(name=m.group(1) or m.group(2), url=m.group(2)) for m in _LINK.finditer(answer)
    ]
    linked = {f.url for f in found}
    found += [
        AttachedFile(name=url.rsplit("/", 1)[-1] or url, url=url)
        for url in (m.group() for m in _BARE.finditer(answer))
        if url not in linked
    ]
    return found
