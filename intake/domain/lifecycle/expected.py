"""Which linked forms (projektcanvas, nyttouppföljning) a need is expected to have, and has.

The bot links a complete form to its need with a comment carrying a hidden marker that names the
form; those markers, in comments only the bot wrote and edited, are what the need "has".
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from intake.domain.need.benefits import links_to_need
from intake.domain.text.patterns import ATTACHMENT_LINK
from intake.model.forms import FormDef
from intake.model.process import Process

LINK_PREFIX = "<!-- intake:bilaga:"


def link_marker(form_id: str, number: int) -> str:
    """The hidden marker of the bot's link comment on a need for one form issue."""
    return f"{LINK_PREFIX}{form_id}:{number} -->"


def linked_form_ids(bodies: Iterable[str]) -> set[str]:
    """The ids of the forms the bot's link comments name."""
    return {match[1] for body in bodies for match in ATTACHMENT_LINK.finditer(body)}


def expected_forms(process: Process, stage: str | None, attached: Set[str]) -> list[FormDef]:
    """The linked forms expected in this stage that the need has none of."""
    return [
        form
        for form in process.forms
        if stage in form.stages and links_to_need(form) and form.id not in attached
    ]


def forms_required(process: Process, target: str, attached: Set[str]) -> list[FormDef]:
    """The linked forms a need must have before it may enter `target`, and has none of."""
    return [
        form
        for form in process.forms
        if target in form.required_for and links_to_need(form) and form.id not in attached
    ]
