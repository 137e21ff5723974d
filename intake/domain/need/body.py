"""Issue bodies as GitHub writes them from a form: for samples, property tests and benchmarks.

GitHub writes one section per answerable element, in form order: `### <label>`, a blank line, the
answer; sections joined by a blank line; no trailing newline unless the last answer has one. An
empty answer is `_No response_`; a `render:` textarea is wrapped in a fence followed by a newline;
a multiple dropdown joins its choices with ", "; checkboxes list every option, checked ones with
`[x]` (lowercase since mid-2025; older bodies have `[X]`). Answers are written as given, so an
answer with CRLF line endings (as a browser sends them) stays CRLF inside the body.
"""

from __future__ import annotations

from collections.abc import Mapping

from intake.domain.need.answers import NO_RESPONSE, FieldValue
from intake.domain.need.forms import Element, IssueForm


def render_body(form: IssueForm, answers: Mapping[str, FieldValue], *, mark: str = "x") -> str:
    """The body GitHub writes for these answers by field id (missing ids are empty answers)."""
    return "\n\n".join(
        f"### {element.label}\n\n{_answer(element, answers.get(element.id), mark)}"
        for element in form.elements
    )


def _answer(element: Element, value: FieldValue, mark: str) -> str:
    if element.type == "checkboxes":
        checked = set(value) if isinstance(value, list) else {value}
        return "\n".join(
            f"- [{mark if option in checked else ' '}] {option}" for option in element.options
        )
    text = ", ".join(value) if isinstance(value, list) else value
    if not text:
        return NO_RESPONSE
    if element.type == "textarea" and element.render is not None:
        return f"```{element.render}\n{text}\n```\n"
    return text
