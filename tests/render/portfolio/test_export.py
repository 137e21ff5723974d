"""The exports: JSON valid against its published schema, CSV that Excel reads and never runs."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]  # no stubs in the lock
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.adapters.rest import issue_from_rest
from intake.adapters.snapshot import read_snapshot
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.schema import Portfolio
from intake.model.load import load_process
from intake.model.process import Process
from intake.render.portfolio.export import neutralise, render_csv, render_json, render_schema
from tests.paths import REPOSITORY, ROOT

ROOT = ROOT
SAMPLES = ROOT / "intake" / "samples" / "issues.json"
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


@pytest.fixture(scope="module")
def portfolio(process: Process) -> Portfolio:
    return build_portfolio(process, read_snapshot(SAMPLES, REPOSITORY), date(2026, 11, 20))


def rows(data: bytes) -> list[list[str]]:
    """The CSV as Excel with Swedish settings reads it: BOM, `;`, quoted cells."""
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_json_is_valid_against_the_published_schema(process: Process, portfolio: Portfolio) -> None:
    schema = json.loads(render_schema(process))
    data = json.loads(render_json(portfolio))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert schema["$id"] == f"{process.municipality.site_url}portfolj/portfolio.schema.json"
    assert data["$schema"] == "portfolio.schema.json"


def test_the_schema_documents_what_the_fields_mean(process: Process) -> None:
    schema = json.loads(render_schema(process))
    need = schema["$defs"]["Need"]["properties"]
    assert "without the need form's prefix" in need["title"]["description"]
    assert "days" in need["days_in_stage"]["description"].lower()


def test_json_reads_back_into_the_same_portfolio(portfolio: Portfolio) -> None:
    data = json.loads(render_json(portfolio))
    del data["$schema"]
    assert Portfolio.model_validate(data) == portfolio


def test_csv_is_utf8_with_bom_semicolons_and_crlf(process: Process, portfolio: Portfolio) -> None:
    data = render_csv(process, portfolio)
    assert data.count(b"\r\n") == len(portfolio.needs) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    table = rows(data)
    assert table[0][:4] == ["Repository", "Nummer", "Titel", "Steg"]
    assert len({len(row) for row in table}) == 1
    by_number = {row[1]: row for row in table[1:]}
    assert by_number["3"][0] == "exempelkommun/digitaliseringsprocessen"
    assert by_number["3"][2] == "Kortare handläggningstid för bygglov"
    assert "Bygglov" in by_number["3"]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Bygglov", "Bygglov"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(cell: str, shown: str) -> None:
    assert neutralise(cell) == shown


def _need(number: int, title: str, owner: str) -> dict[str, Any]:
    body = (
        "### Vilken verksamhet eller vilket objekt äger behovet?\n\n"
        f"{owner}\n\n### Hur stort är behovet?\n\n{owner}"
    )
    return {
        "number": number,
        "title": title,
        "body": body,
        "state": "open",
        "labels": [{"name": "steg: behov"}, {"name": title[:40] or "x"}],
        "user": {"login": "anna-exempel"},
        "created_at": "2026-09-01T08:00:00Z",
        "updated_at": "2026-11-01T08:00:00Z",
        "html_url": f"https://github.com/o/r/issues/{number}",
    }


cells = st.text(
    alphabet=st.one_of(st.sampled_from(list("=+-@\t\r\n;\"' ,")), st.characters(codec="utf-8")),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_no_csv_cell_ever_starts_a_formula(process: Process, needs: list[tuple[str, str]]) -> None:
    issues = [issue_from_rest(_need(i + 1, t, o), REPOSITORY) for i, (t, o) in enumerate(needs)]
    portfolio = build_portfolio(process, issues, date(2026, 11, 20))
    table = rows(render_csv(process, portfolio))
    assert len(table) == len(portfolio.needs) + 1
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA), row


def test_csv_carries_the_decision_roles_and_score(process: Process, portfolio: Portfolio) -> None:
    table = rows(render_csv(process, portfolio))
    header = table[0]
    by_number = {row[1]: dict(zip(header, row, strict=True)) for row in table[1:]}
    decided = by_number["23"]
    assert (decided["Beslut"], decided["Beslutsdag"]) == ("Utveckla", "2026-04-21")
    assert decided["Motivering"].startswith("Rekryteringen tar i dag för lång tid")
    roles = (decided["Projektägare"], decided["Projektledare"])
    assert roles == ("hr-chef-exempel", "projektledare-hr")
    # nytta 4, insats 4, risk 3 on 1–5, weights 3, 2, 1; lower insats and risk are better
    assert decided["Poäng"] == str(round(100 * (3 * 0.75 + 2 * 0.25 + 1 * 0.5) / 6))
    assert by_number["15"]["Beslut"] == "Avslagen"
    untouched = by_number["3"]
    assert [untouched[k] for k in ("Beslut", "Projektägare", "Poäng")] == ["", "", ""]
