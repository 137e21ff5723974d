"""The publishing setting: with `portfolio.publish: titles_and_stages` no page or export the
portfolio writes carries an initiator's answer, a motivering or a reason; titles and stages stay."""

from __future__ import annotations

import json
from datetime import date

import pytest

from intake.domain.lifecycle.issue import Issue
from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.publishing import published
from intake.model.process import Process
from intake.render.markup.markdown import escape
from intake.usecases.portfolio import make_portfolio
from tests.render.portfolio.need_pages import need_html
from tests.render.portfolio.samples import both_samples, titles_only

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def issues() -> list[Issue]:
    return both_samples()


def _texts(process: Process, issues: list[Issue]) -> set[str]:
    """Every answer, motivering and reason of the samples (those long enough to be telling)."""
    portfolio = build_portfolio(process, issues, TODAY)
    found: set[str] = set()
    for need in portfolio.needs:
        for value in need.answers.values():
            found |= set(value) if isinstance(value, list) else {value} if value else set()
        found |= {d.motivering for d in need.decisions}
        found |= {need.reason} if need.reason else set()
        for attachment in [*need.canvases, *need.followups]:
            found |= set(attachment.texts.values()) | {attachment.lessons or ""}
        found |= {b.measure for b in need.planned}
    return {text for text in found if len(text) >= 20}


def test_titles_and_stages_leave_every_answer_out_of_every_file(
    process: Process, issues: list[Issue]
) -> None:
    texts = _texts(process, issues)
    assert len(texts) > 100  # the samples' answers are many
    portfolio, files = make_portfolio(titles_only(process), issues, None, TODAY)
    assert files["index.md"]
    # Needs are grouped by an answer: without answers there are no groups to show.
    assert "Behov per ägare" not in files["index.md"].decode("utf-8")
    assert not [path for path in files if path.startswith("grupp/")]
    for path, content in files.items():
        text = content.decode("utf-8")
        for answer in texts:
            for shown in (answer, escape(answer), " ".join(answer.split())):
                assert shown not in text, f"{path} carries {answer[:40]!r}"
    data = json.loads(files["portfolio.json"])
    assert all(n["answers"] == {} for n in data["needs"])
    assert data["fields"] == []
    assert [n["title"] for n in data["needs"]] == [n.title for n in portfolio.needs]
    header = files["portfolio.csv"].decode("utf-8-sig").splitlines()[0].split(";")
    labels = {f.label for f in process.need_form.fields}
    assert not labels & set(header)  # no column of answers
    assert {"Titel", "Steg", "Beslut", "Förvaltning", "Diarienummer"} <= set(header)


def test_titles_and_stages_keep_titles_stages_decisions_and_roles(
    process: Process, issues: list[Issue]
) -> None:
    _, files = make_portfolio(titles_only(process), issues, None, TODAY)
    page = need_html(files, "stadsbyggnad", 3)
    assert "Ansökan om bygglov ska fyllas i digitalt" in page
    assert "<li><strong>Steg:</strong> Utveckla</li>" in page
    assert "<li><strong>Projektägare:</strong> chef-bygglov-exempel</li>" in page
    assert "Utveckla." in page  # the decision's outcome, without its motivering
    assert "Exempelkommun publicerar bara behovens titlar och steg." in page
    assert "<strong>Ägare:</strong>" not in page


def test_everything_is_published_by_default(process: Process, issues: list[Issue]) -> None:
    assert process.portfolio.publish == "answers"
    portfolio = build_portfolio(process, issues, TODAY)
    assert published(process, portfolio) is portfolio
    _, files = make_portfolio(process, issues, None, TODAY)
    assert "Kortare väntan för den som söker bygglov" in need_html(files, "stadsbyggnad", 3)
    every = "\n".join(content.decode("utf-8") for content in files.values())
    shown = [t for t in _texts(process, issues) if escape(t) in every or t in every]
    assert len(shown) > 50  # the check above would see them
