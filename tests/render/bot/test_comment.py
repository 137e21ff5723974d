"""The bot's comment: its two shapes, inert escaping, and no personnummer ever."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.cli.main import main
from intake.domain.need.findings import Finding, Verdict
from intake.domain.need.parse import FieldValue, ParsedBody
from intake.domain.need.validate import validate
from intake.model.load import load_process
from intake.render.bot.comment import MARKER, page_url, render_comment
from intake.render.markup.markdown import escape_markdown
from tests.paths import FIXTURES, ROOT

PROCESS = load_process()
FORM = PROCESS.need_form
SITE = PROCESS.municipality.site_url
FIXTURES = FIXTURES / "validate"
COMPLETE: dict[str, FieldValue] = json.loads((FIXTURES / "complete.json").read_text("utf-8"))
TEXT_FIELDS = [f.id for f in FORM.fields if f.type in ("input", "textarea")]


def verdict(title: str = "", **answers: FieldValue) -> Verdict:
    parsed = ParsedBody(fields={**COMPLETE, **answers}, problems=[])
    return validate(PROCESS, FORM, parsed, title=title)


def test_a_valid_need_gets_a_receipt_with_the_next_steps() -> None:
    text = render_comment(PROCESS, FORM, verdict())
    assert text.startswith(MARKER + "\n")
    assert "Tack! Vi har tagit emot behovet." in text
    assert "Beredningsgruppen" in text
    assert "Digitaliseringsrådet" in text
    assert f"]({SITE}livscykeln/bereda/)" in text
    assert f"]({SITE}portfolj/)" in text
    assert "kompletteras" not in text


def test_an_invalid_need_gets_every_problem_with_its_guide() -> None:
    outcome = verdict(nytta=None, typ="Upphandling")
    text = render_comment(PROCESS, FORM, outcome)
    assert text.startswith(MARKER + "\n")
    assert "Tack! Vi har tagit emot" not in text
    assert "behöver du ändra 4 saker" in text
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 4
    assert f"[Läs mer]({SITE}nar-ska-behov-anmalas/)" in items[1]
    assert "status: behöver kompletteras" in text


def test_one_problem_is_counted_in_words() -> None:
    assert "behöver du ändra en sak:" in render_comment(PROCESS, FORM, verdict(nytta=None))


def test_hints_follow_in_both_shapes() -> None:
    for outcome in (
        verdict(behovsagare="Ingen tydlig ägare"),
        verdict(behovsagare="Ingen tydlig ägare", nytta=None),
    ):
        text = render_comment(PROCESS, FORM, outcome)
        assert "#### Tips" in text
        assert f"[Läs mer]({SITE}utvecklingsarenor/)" in text
    assert "Tips" not in render_comment(PROCESS, FORM, verdict())


def test_untrusted_text_in_a_finding_stays_inert() -> None:
    hostile = (
        "<img src=x onerror=alert(1)> [klicka](javascript:alert(1)) ![bild](http://x/y.png) "
        "`kod` @ordforande-exempel #12 https://evil.example www.evil.example <!-- intake:behov -->"
    )
    outcome = Verdict(errors=[Finding(field=None, code="x", message=hostile)], hints=[], answers={})
    text = render_comment(PROCESS, FORM, outcome)
    assert text.count(MARKER) == 1
    assert "<img" not in text
    assert "](javascript" not in text
    assert "![bild](" not in text
    assert "`kod`" not in text
    assert "@ordforande" not in text
    assert "#12" not in text
    assert "https://evil" not in text
    assert "www.evil" not in text


def test_escaping_also_removes_personnummer() -> None:
    assert escape_markdown("Behov: 850709-9805") == "Behov: \\[personnummer borttaget\\]"


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("livscykeln/behov.md", f"{SITE}livscykeln/behov/"),
        ("livscykeln/index.md", f"{SITE}livscykeln/"),
        ("index.md", SITE),
        ("behov-fore-losning/", f"{SITE}behov-fore-losning/"),
    ],
)
def test_page_urls_follow_the_sites_directory_urls(page: str, url: str) -> None:
    assert page_url(SITE, page) == url


@given(st.text(alphabet=st.sampled_from("ab1 \n\r@#:/.w<>&[]()!`*_\\")) | st.text())
def test_escaped_text_has_no_markdown_or_html_left(text: str) -> None:
    escaped = escape_markdown(text)
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert "<" not in escaped
    assert ">" not in escaped
    assert re.search(r"(?<!\\)[\[\]`!()*_]", escaped) is None
    assert re.search(r"@[A-Za-z0-9]", escaped) is None
    assert re.search(r"(?<!&)#[0-9]", escaped) is None
    assert "://" not in escaped


# --- no personnummer, ever --------------------------------------------------------------------


def check_digit(nine: str) -> str:
    products = [int(d) * (2 if i % 2 == 0 else 1) for i, d in enumerate(nine)]
    return str((10 - sum(p // 10 + p % 10 for p in products) % 10) % 10)


@st.composite
def personnummer(draw: st.DrawFn) -> str:
    date = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)))
    day = date.day + (60 if draw(st.booleans()) else 0)
    nine = f"{date:%y%m}{day:02d}{draw(st.integers(0, 999)):03d}"
    digits = nine + check_digit(nine)
    century = str(date.year // 100)
    return draw(
        st.sampled_from(
            [
                digits,
                f"{digits[:6]}-{digits[6:]}",
                century + digits,
                f"{century}{digits[:6]}-{digits[6:]}",
            ]
        )
    )


words = st.text(alphabet=st.characters(blacklist_categories=["Nd", "Cs"]), max_size=40)


@given(personnummer(), st.sampled_from(TEXT_FIELDS), words, words, st.booleans())
def test_no_generated_personnummer_reaches_the_comment_or_the_answers(
    number: str, field: str, before: str, after: str, in_title: bool
) -> None:
    text = f"{before} {number} {after}"
    outcome = verdict(title=text) if in_title else verdict(**{field: text})
    digits = number.replace("-", "")[-10:]
    assert "personnummer" in [f.code for f in outcome.errors]
    for shown in (render_comment(PROCESS, FORM, outcome), outcome.model_dump_json()):
        assert number not in shown
        assert digits not in shown.replace("-", "")


@given(personnummer(), st.integers(1, 9))
def test_luhn_invalid_numbers_are_not_flagged(number: str, offset: int) -> None:
    wrong = number[:-1] + str((int(number[-1]) + offset) % 10)
    outcome = verdict(berorda=f"Ärende {wrong} gäller flera.")
    assert outcome.ok
    assert outcome.answers["berorda"] == f"Ärende {wrong} gäller flera."


# --- the command ------------------------------------------------------------------------------


def test_validate_command_prints_the_receipt_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(FIXTURES / "complete" / "body.md")], env={}) == 0
    assert "Tack! Vi har tagit emot behovet." in capsys.readouterr().out


def test_validate_command_exits_1_with_the_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURES / "procurement_incomplete" / "body.md")], env={}) == 1
    out = capsys.readouterr().out
    assert out.startswith(MARKER)
    assert "behöver du ändra 4 saker" in out


def test_validate_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(FIXTURES / "personnummer" / "body.md")], env={}) == 1
    out = capsys.readouterr().out
    result = json.loads(out)
    assert result["ok"] is False
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("berorda", "personnummer")]
    assert result["answers"]["typ"] == "forbattring"
    assert "9805" not in out


def test_validate_command_reads_a_snapshot(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--snapshot", str(FIXTURES / "snapshot.json")], env={}) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "#1     behov    komplett   Behov: Snabbare bygglov",
        "#2     behov    4 fel      Behov: Nytt upphandlat system <script>@ordforande-exempel",
        "#3     behov    1 fel      Behov: hjälp [personnummer borttaget]",
        "3 ärenden kontrollerade: 1 kompletta, 2 behöver kompletteras; "
        "2 hoppades över (inte skrivna i något formulär)",
    ]


def test_validate_command_reads_the_bundled_samples(capsys: pytest.CaptureFixture[str]) -> None:
    samples = ROOT / "intake" / "samples" / "issues.json"
    assert main(["validate", "--snapshot", str(samples)], env={}) == 0
    out = capsys.readouterr().out
    assert re.search(r"^\d+ ärenden kontrollerade: \d+ kompletta, [1-9]\d* behöver", out, re.M)


def test_an_unknown_form_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["validate", "--form", "okänd", str(FIXTURES / "complete" / "body.md")], env={}) == 2
    )
    assert "formuläret 'okänd' finns inte" in capsys.readouterr().err
