"""The parser reads every edge case of tests/fixtures/parse/ as expected, and `intake parse` too.

Each folder under tests/fixtures/parse/ is one case: `body.md` (bytes exact; no file means the
body is null), `expected.json` (the JSON `intake parse` prints) and, when the case needs a form of
its own, `form.yml`; otherwise the form is the generated .github/ISSUE_TEMPLATE/behov.yml.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from intake.domain.need.forms import Element, IssueForm, read_issue_form
from intake.domain.need.parse import MAX_PER_CODE, NO_RESPONSE, ParsedBody, parse
from tests.paths import FIXTURES, ROOT

ROOT = ROOT
FIXTURES = FIXTURES / "parse"
NEED_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "behov.yml"
CASES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())


def _form_path(case: str) -> Path:
    own = FIXTURES / case / "form.yml"
    return own if own.exists() else NEED_FORM


def _body(case: str) -> str | None:
    path = FIXTURES / case / "body.md"
    return path.read_bytes().decode("utf-8") if path.exists() else None


def _expected(case: str) -> Any:
    return json.loads((FIXTURES / case / "expected.json").read_text(encoding="utf-8"))


def _dump(parsed: ParsedBody) -> Any:
    return parsed.model_dump(mode="json")


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    form = read_issue_form(_form_path(case).read_text(encoding="utf-8"))
    assert _dump(parse(form, _body(case))) == _expected(case)


def test_the_required_cases_exist() -> None:
    required = {
        "complete", "minimal", "crlf_everywhere", "lowercase_x_checkboxes",
        "uppercase_X_checkboxes", "multiple_dropdown_with_comma_option", "render_fence",
        "heading_inside_answer", "fence_inside_answer", "reordered_sections", "removed_section",
        "renamed_section", "text_before_first_heading", "not_from_form", "null_body", "empty_body",
        "duplicate_section", "typed_none", "unknown_dropdown_option",
        "trailing_whitespace_and_spaces_after_hashes", "pathological_hashes",
    }  # fmt: skip
    assert required <= set(CASES)


def test_crlf_fixtures_really_hold_crlf() -> None:
    raw = (FIXTURES / "crlf_everywhere" / "body.md").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 20


# --- the command ----------------------------------------------------------------------------------


def _intake(*args: str, stdin: bytes | None = None) -> Any:
    result = subprocess.run(
        [sys.executable, "-m", "intake", "parse", *args],
        input=stdin,
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.decode("utf-8"))


def test_command_reads_a_file_and_stdin_alike() -> None:
    body = FIXTURES / "renamed_section" / "body.md"
    from_file = _intake("--template", str(NEED_FORM), str(body))
    from_stdin = _intake("--template", str(NEED_FORM), "-", stdin=body.read_bytes())
    assert from_file == from_stdin == _expected("renamed_section")
    assert set(from_file) == {"fields", "problems"}
    assert all(set(p) == {"code", "field", "detail"} for p in from_file["problems"])
    assert from_file["fields"]["berorda"] is None
    assert isinstance(from_file["fields"]["nyttotyper"], list)


def test_command_reads_crlf_from_stdin_unchanged() -> None:
    body = (FIXTURES / "crlf_everywhere" / "body.md").read_bytes()
    assert _intake("--template", str(NEED_FORM), stdin=body) == _expected("crlf_everywhere")


# --- focused rules --------------------------------------------------------------------------------


def _form(*elements: Element) -> IssueForm:
    return IssueForm(name="Test", elements=list(elements))


TEXT = Element(id="text", type="textarea", label="Beskrivning")
OTHER = Element(id="other", type="input", label="Övrigt")


def test_never_raises_on_a_body_of_the_wrong_kind() -> None:
    parsed = parse(_form(TEXT), 42)  # type: ignore[arg-type]
    assert parsed.problems[0].code == "internal_error"
    assert parsed.fields == {"text": None}


def test_an_unknown_heading_is_text_of_the_answer_above_when_nothing_is_missing() -> None:
    body = "### Beskrivning\n\nEtt\n\n### Bakgrund\n\nTvå\n\n### Övrigt\n\nTre"
    assert parse(_form(TEXT, OTHER), body) == ParsedBody(
        fields={"text": "Ett\n\n### Bakgrund\n\nTvå", "other": "Tre"}, problems=[]
    )


def test_an_unknown_heading_starts_a_section_when_a_field_is_missing() -> None:
    body = "### Beskrivning\n\nEtt\n\n### Bakgrund\n\nTvå"
    parsed = parse(_form(TEXT, OTHER), body)
    assert parsed.fields == {"text": "Ett", "other": None}
    assert [(p.code, p.field, p.detail) for p in parsed.problems] == [
        ("unknown_section", None, "Bakgrund"),
        ("missing_section", "other", "Övrigt"),
    ]


def test_an_unknown_heading_inside_a_fence_never_starts_a_section() -> None:
    body = "### Beskrivning\n\nEtt\n```\n### Bakgrund\n```"
    parsed = parse(_form(TEXT, OTHER), body)
    assert parsed.fields["text"] == "Ett\n```\n### Bakgrund\n```"
    assert [p.code for p in parsed.problems] == ["missing_section"]


def test_a_label_heading_inside_a_fence_cuts_only_when_it_is_the_only_one() -> None:
    # An unclosed fence in one answer must not swallow the next section...
    body = "### Beskrivning\n\n```\nkod\n\n### Övrigt\n\nTre"
    assert parse(_form(TEXT, OTHER), body).fields == {"text": "```\nkod", "other": "Tre"}
    # ...but a pasted copy of a heading inside a fence is text, since the real one comes too.
    body = "### Beskrivning\n\n```\n### Övrigt\n```\n\n### Övrigt\n\nTre"
    assert parse(_form(TEXT, OTHER), body).fields == {
        "text": "```\n### Övrigt\n```",
        "other": "Tre",
    }


def test_a_label_heading_outside_a_fence_always_cuts() -> None:
    body = "### Beskrivning\n\nEtt\n### Övrigt\nTvå\n\n### Övrigt\n\nTre"
    parsed = parse(_form(TEXT, OTHER), body)
    assert parsed.fields == {"text": "Ett", "other": "Två"}
    assert [(p.code, p.field) for p in parsed.problems] == [("duplicate_section", "other")]


def test_mid_line_hashes_are_no_heading() -> None:
    body = "### Beskrivning\n\nSe avsnitt ### Övrigt nedan\n\n### Övrigt\n\nTre"
    assert parse(_form(TEXT, OTHER), body).fields["text"] == "Se avsnitt ### Övrigt nedan"


@pytest.mark.parametrize(
    ("line", "is_heading"),
    [
        ("### Övrigt", True),
        ("   ### Övrigt", True),
        ("    ### Övrigt", False),  # four spaces: an indented code block
        ("###Övrigt", False),
        ("#### Övrigt", False),
        ("## Övrigt", False),
        ("### Övrigt ##", True),
        ("### Övrigt#", False),
        ("###\tÖvrigt", True),
        ("### övrigt", False),  # case matters: GitHub writes the label as it is
    ],
)
def test_what_counts_as_a_heading_of_a_label(line: str, is_heading: bool) -> None:
    body = f"### Beskrivning\n\nEtt\n\n{line}\n\nTvå"
    parsed = parse(_form(TEXT, OTHER), body)
    assert (parsed.fields["other"] == "Två") is is_heading


def test_typed_none_stays_except_as_the_reserved_entry_of_an_optional_dropdown() -> None:
    optional = Element(id="val", type="dropdown", label="Val", options=["Ja", "Nej"])
    required = optional.model_copy(update={"id": "krav", "label": "Krav", "required": True})
    body = "### Övrigt\n\nNone\n\n### Val\n\nNone\n\n### Krav\n\nNone"
    parsed = parse(_form(OTHER, optional, required), body)
    assert parsed.fields == {"other": "None", "val": None, "krav": "None"}
    assert [(p.code, p.field) for p in parsed.problems] == [("unknown_option", "krav")]


def test_no_response_empties_every_kind_of_field() -> None:
    elements = [
        OTHER,
        TEXT,
        Element(id="one", type="dropdown", label="En", options=["A"]),
        Element(id="many", type="dropdown", label="Flera", options=["A"], multiple=True),
        Element(id="boxes", type="checkboxes", label="Rutor", options=["A"]),
        Element(id="code", type="textarea", label="Kod", render="shell"),
    ]
    body = "\n\n".join(f"### {e.label}\n\n{NO_RESPONSE}" for e in elements)
    assert parse(_form(*elements), body) == ParsedBody(
        fields={"other": None, "text": None, "one": None, "many": [], "boxes": [], "code": None},
        problems=[],
    )


def test_multiple_dropdown_prefers_fewest_unknown_parts_then_longest_options() -> None:
    many = Element(
        id="many",
        type="dropdown",
        label="Flera",
        multiple=True,
        options=["a", "a, b", "b, c", "d"],
    )
    form = _form(many)
    assert parse(form, "### Flera\n\na, b, c").fields["many"] == ["a", "b, c"]
    assert parse(form, "### Flera\n\na, b, d").fields["many"] == ["a, b", "d"]
    parsed = parse(form, "### Flera\n\nx, y, d, z")
    assert parsed.fields["many"] == ["x, y", "d", "z"]
    assert [p.detail for p in parsed.problems] == ["x, y", "z"]


def test_checkboxes_come_back_in_form_order() -> None:
    boxes = Element(id="boxes", type="checkboxes", label="Rutor", options=["Ett", "Två", "Tre"])
    body = "### Rutor\n\n* [x] Tre\n- [ ] Två\n+ [X] Ett"
    assert parse(_form(boxes), body).fields["boxes"] == ["Ett", "Tre"]


def test_problems_of_one_code_are_capped() -> None:
    body = "### Beskrivning\n\nSvaret.\n" + "".join(f"### Rubrik {n}\n" for n in range(100))
    parsed = parse(_form(TEXT, OTHER), body)
    codes = [p.code for p in parsed.problems]
    assert codes.count("unknown_section") == MAX_PER_CODE
    assert parsed.problems[-1].code == "too_many_problems"
    assert parsed.problems[-1].detail == f"unknown_section: {100 - MAX_PER_CODE} more"


def test_long_details_are_shortened() -> None:
    parsed = parse(_form(TEXT), "x" * 5000 + "\n### Beskrivning\n\nEtt")
    assert parsed.problems[0].code == "text_before_heading"
    assert len(parsed.problems[0].detail) <= 120
    assert parsed.problems[0].detail.endswith("…")
