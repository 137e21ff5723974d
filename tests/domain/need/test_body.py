"""Bodies are written exactly as GitHub writes them from a form."""

from __future__ import annotations

import json

import pytest

from intake.domain.need.body import render_body
from intake.domain.need.forms import Element, IssueForm, read_issue_form
from tests.paths import FIXTURES, ROOT

FIXTURES = FIXTURES / "parse"
NEED_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "behov.yml"

FORM = IssueForm(
    name="Test",
    elements=[
        Element(id="namn", type="input", label="Namn"),
        Element(id="logg", type="textarea", label="Logg", render="text"),
        Element(id="val", type="dropdown", label="Val", options=["Ja, helt", "Nej"], multiple=True),
        Element(id="rutor", type="checkboxes", label="Rutor", options=["Ett", "Två"]),
    ],
)


def test_sections_in_form_order_with_a_fenced_render_answer() -> None:
    body = render_body(
        FORM, {"namn": "Åsa", "logg": "rad 1\nrad 2", "val": ["Ja, helt", "Nej"], "rutor": ["Två"]}
    )
    assert body == (
        "### Namn\n\nÅsa\n\n"
        "### Logg\n\n```text\nrad 1\nrad 2\n```\n\n\n"
        "### Val\n\nJa, helt, Nej\n\n"
        "### Rutor\n\n- [ ] Ett\n- [x] Två"
    )


def test_empty_answers_are_no_response_and_every_checkbox_is_listed() -> None:
    body = render_body(FORM, {"namn": "", "val": []}, mark="X")
    assert body == (
        "### Namn\n\n_No response_\n\n### Logg\n\n_No response_\n\n"
        "### Val\n\n_No response_\n\n### Rutor\n\n- [ ] Ett\n- [ ] Två"
    )


def test_answers_keep_the_browsers_crlf() -> None:
    body = render_body(FORM, {"namn": "Åsa", "logg": "a\r\nb"})
    assert "```text\na\r\nb\n```\n" in body
    assert body.count("\r\n") == 1


@pytest.mark.parametrize("case", ["complete", "minimal", "lowercase_x_checkboxes"])
def test_fixture_bodies_are_what_github_writes(case: str) -> None:
    form = read_issue_form(NEED_FORM.read_text(encoding="utf-8"))
    expected = json.loads((FIXTURES / case / "expected.json").read_text(encoding="utf-8"))
    body = (FIXTURES / case / "body.md").read_bytes().decode("utf-8")
    assert render_body(form, expected["fields"]) == body
