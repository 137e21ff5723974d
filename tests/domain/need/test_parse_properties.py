"""Properties of the parser: what GitHub writes from any answers reads back as those answers; no
input makes it fail.

The round trip holds for answers that have no line reading as a heading of a form label outside a
fenced block (see intake/parse.py); the strategies below draw answers inside that promise, with
unknown headings, fences, checkbox-like lines and Swedish letters among them.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.domain.need.body import render_body
from intake.domain.need.forms import Element, IssueForm
from intake.domain.need.parse import NO_RESPONSE, FieldValue, parse

# No time limits in tests (a busy machine must not fail them); speed is scripts/benchmark_parse.py.
timeless = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that matter to the parser, plus Swedish letters and a little of everything else.
ALPHABET = st.sampled_from(list("abceåäöÅÄÖ #`~-*+[]xX,_\t\\é\u0301\u2028\x0c0"))
LINE = st.text(ALPHABET, max_size=12).map(lambda s: s.replace("\n", ""))


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _names(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    """Distinct one-line names (labels, options), distinct also as the parser compares them."""
    name = st.text(ALPHABET, min_size=1, max_size=10).map(str.strip)
    name = name.filter(lambda s: bool(_key(s)) and s != NO_RESPONSE)
    return st.lists(name, min_size=min_size, max_size=max_size, unique_by=_key)


@st.composite
def forms(draw: st.DrawFn) -> IssueForm:
    labels = draw(_names(1, 6))
    elements = []
    for number, label in enumerate(labels):
        kind = draw(st.sampled_from(["input", "textarea", "dropdown", "checkboxes"]))
        # No option reads as a fence line: an answer that opens a fence hides the headings below
        # it (the parser's documented limit), and no real form has such an option.
        names = _names(1, 5).filter(lambda found: not any(_is_fence(n) for n in found))
        options = draw(names) if kind in ("dropdown", "checkboxes") else []
        if kind == "dropdown" and draw(st.booleans()):
            # Options that are other options joined with ", ", the hardest case for splitting.
            joined = draw(st.lists(st.sampled_from(options), min_size=2, max_size=3))
            if _key(", ".join(joined)) not in {_key(o) for o in options}:
                options.append(", ".join(joined))
        elements.append(
            Element(
                id=f"f{number}",
                type=kind,
                label=label,
                options=options,
                multiple=kind == "dropdown" and draw(st.booleans()),
                render=draw(st.sampled_from([None, "text", "yaml"]))
                if kind == "textarea"
                else None,
                required=draw(st.booleans()),
            )
        )
    return IssueForm(name="Test", elements=elements)


def _is_label_heading(line: str, form: IssueForm) -> bool:
    """Conservatively: might this line read as `### <a label of the form>`?"""
    return line.lstrip(" ").startswith("###") and any(
        _key(e.label) in _key(line) for e in form.elements
    )


def _is_fence(line: str) -> bool:
    return line.lstrip(" ").startswith(("```", "~~~"))


@st.composite
def text_answers(draw: st.DrawFn, form: IssueForm, labels_in_fences: bool) -> str | None:
    """A textarea answer: None, or text without leading blank lines or trailing whitespace."""
    if draw(st.booleans()):
        return None
    plain = LINE.filter(lambda s: not _is_label_heading(s, form))
    if labels_in_fences:
        plain = plain.filter(lambda s: not _is_fence(s))
        heading = st.sampled_from([f"### {e.label}" for e in form.elements] + ["### Annat"])
        fence = st.sampled_from([("```", "```"), ("````text", "`````"), ("~~~", "~~~")])
        fenced = st.tuples(fence, st.lists(heading | plain))
        blocks = st.lists(
            plain.map(lambda s: [s]) | fenced.map(lambda f: [f[0][0], *f[1], f[0][1]])
        )
        lines = [line for block in draw(blocks) for line in block]
    else:
        lines = draw(st.lists(plain, max_size=8))
    while lines and not lines[0].strip():
        lines.pop(0)
    text = "\n".join(lines).rstrip()
    return text if text and text != NO_RESPONSE else None


@st.composite
def render_answers(draw: st.DrawFn, form: IssueForm, labels_in_fences: bool) -> str | None:
    """A `render:` textarea answer; GitHub's fence protects label headings only with no fence."""
    plain = LINE.filter(lambda s: not _is_label_heading(s, form))
    if labels_in_fences:
        heading = st.sampled_from([f"### {e.label}" for e in form.elements])
        plain = plain.filter(lambda s: not _is_fence(s)) | heading
    text = "\n".join(draw(st.lists(plain, max_size=8))).rstrip()
    return text if text.strip() and text != NO_RESPONSE else None


@st.composite
def answers(draw: st.DrawFn, form: IssueForm, labels_in_fences: bool) -> dict[str, FieldValue]:
    result: dict[str, FieldValue] = {}
    for element in form.elements:
        value: FieldValue
        if element.type == "input":
            text = draw(LINE.filter(lambda s: not (labels_in_fences and _is_fence(s.strip()))))
            text = text.strip()
            value = text if text and text != NO_RESPONSE else None
        elif element.type == "textarea" and element.render is not None:
            value = draw(render_answers(form, labels_in_fences))
        elif element.type == "textarea":
            value = draw(text_answers(form, labels_in_fences))
        elif element.type == "checkboxes":
            checked = set(draw(st.lists(st.sampled_from(element.options))))
            value = [option for option in element.options if option in checked]
        elif element.multiple:
            value = draw(st.lists(st.sampled_from(element.options), unique=True))
        else:
            value = draw(st.none() | st.sampled_from(element.options))
        result[element.id] = value
    return result


def _assert_round_trip(form: IssueForm, given: dict[str, FieldValue], body: str) -> None:
    parsed = parse(form, body)
    assert parsed.problems == []
    for element in form.elements:
        value = parsed.fields[element.id]
        if element.multiple and any(", " in option for option in element.options):
            # Options with ", " can make the text ambiguous; the longest options win.
            assert isinstance(value, list)
            assert ", ".join(value) == ", ".join(given[element.id] or [])
            assert set(value) <= set(element.options)
        else:
            assert value == given[element.id], element


@st.composite
def forms_and_answers(
    draw: st.DrawFn, labels_in_fences: bool = False
) -> tuple[IssueForm, dict[str, FieldValue]]:
    form = draw(forms())
    return form, draw(answers(form, labels_in_fences))


@timeless
@given(forms_and_answers(), st.sampled_from(["x", "X"]))
def test_round_trip(case: tuple[IssueForm, dict[str, FieldValue]], mark: str) -> None:
    form, given = case
    _assert_round_trip(form, given, render_body(form, given, mark=mark))


@timeless
@given(forms_and_answers())
def test_round_trip_with_browser_crlf(case: tuple[IssueForm, dict[str, FieldValue]]) -> None:
    form, given = case
    crlf = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in given.items()}
    _assert_round_trip(form, given, render_body(form, crlf))
    _assert_round_trip(form, given, render_body(form, given).replace("\n", "\r\n"))


@timeless
@given(forms_and_answers(labels_in_fences=True))
def test_round_trip_with_label_headings_inside_fences(
    case: tuple[IssueForm, dict[str, FieldValue]],
) -> None:
    form, given = case
    _assert_round_trip(form, given, render_body(form, given))


@st.composite
def hostile_bodies(draw: st.DrawFn, form: IssueForm) -> str:
    labels = [e.label for e in form.elements]
    options = [o for e in form.elements for o in e.options] or ["x"]
    line = st.one_of(
        LINE,
        st.sampled_from(labels).map(lambda s: f"### {s}"),
        st.sampled_from(["###", "### ", "####", "```", "~~~", "```x`", "   ```", NO_RESPONSE]),
        st.sampled_from(options).map(lambda s: f"- [x] {s}"),
        st.sampled_from(options).map(lambda s: f"{s}, {s}, ,"),
    )
    separator = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])
    parts = draw(st.lists(st.tuples(line, separator)))
    return "".join(a + b for a, b in parts)


@timeless
@given(st.data())
def test_no_input_breaks_the_parser(data: st.DataObject) -> None:
    form = data.draw(forms())
    body = data.draw(st.none() | st.text() | hostile_bodies(form))
    parsed = parse(form, body)
    assert all(p.code != "internal_error" for p in parsed.problems)
    assert list(parsed.fields) == [e.id for e in form.elements]
    for element in form.elements:
        value = parsed.fields[element.id]
        if element.type == "checkboxes" or element.multiple:
            assert isinstance(value, list)
        else:
            assert value is None or isinstance(value, str)
