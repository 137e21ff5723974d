"""The published index of similar needs and the lists on the need pages and the agenda: built
from the published portfolio only, deterministic, escaped."""

from __future__ import annotations

import json
from datetime import date

import pytest

from intake.domain.lifecycle.issue import Issue
from intake.domain.similar.index import SimilarIndex
from intake.domain.similar.words import stems
from intake.model.process import Process
from intake.render.portfolio.similar import SIMILAR_FILE
from intake.usecases.portfolio import make_portfolio
from tests.paths import REPOSITORY
from tests.render.portfolio.need_pages import need_html
from tests.render.portfolio.samples import both_samples, titles_only

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def issues() -> list[Issue]:
    return both_samples()


def test_the_index_holds_every_published_need_and_how_far_each_repository_is_read(
    process: Process, issues: list[Issue]
) -> None:
    portfolio, files = make_portfolio(process, issues, None, TODAY)
    index = SimilarIndex.model_validate_json(files[SIMILAR_FILE])
    assert [n.id for n in index.needs] == [n.id for n in portfolio.needs]
    assert index.fields == process.portfolio.similar.fields
    for repository in process.portfolio_repositories:
        numbers = [n.number for n in portfolio.needs if n.repository == repository]
        assert index.latest[repository] == max(numbers)
    assert index.updated == portfolio.updated


def test_with_titles_and_stages_only_titles_are_indexed(
    process: Process, issues: list[Issue]
) -> None:
    portfolio, files = make_portfolio(titles_only(process), issues, None, TODAY)
    index = SimilarIndex.model_validate_json(files[SIMILAR_FILE])
    assert index.fields == []
    for need, indexed in zip(portfolio.needs, index.needs, strict=True):
        assert indexed.terms.split() == stems(need.title)


def test_the_index_carries_no_personnummer(process: Process, issues: list[Issue]) -> None:
    first = next(i for i in issues if i.number == 3 and i.repository == REPOSITORY)
    body = (first.body or "").replace("Handläggningen", "Handläggningen för 19121212-1212", 1)
    changed = [first.model_copy(update={"body": body, "title": "Behov: 121212-1212 bygglov"})]
    _, files = make_portfolio(process, changed + [i for i in issues if i is not first], None, TODAY)
    assert b"1212" not in files[SIMILAR_FILE]


def test_a_rebuild_writes_the_same_index_and_lists(process: Process, issues: list[Issue]) -> None:
    _, files = make_portfolio(process, issues, None, TODAY)
    _, again = make_portfolio(process, list(reversed(issues)), None, TODAY)
    assert files[SIMILAR_FILE] == again[SIMILAR_FILE]
    assert files["dagordning/index.md"] == again["dagordning/index.md"]
    json.loads(files[SIMILAR_FILE])


def test_the_need_page_lists_the_needs_most_like_it(process: Process, issues: list[Issue]) -> None:
    _, files = make_portfolio(process, issues, None, TODAY)
    page = need_html(files, "digitaliseringsprocessen", 3)
    section = page.split('id="liknande-behov"')[1].split("<h2")[0]
    assert 'href="../../stadsbyggnad/3/"' in section  # the other förvaltning's need about bygglov
    assert 0 < section.count("<li>") <= process.portfolio.similar.suggestions
    assert "likhet" in section


def test_hostile_titles_are_escaped_in_the_lists(process: Process, issues: list[Issue]) -> None:
    first = next(i for i in issues if i.number == 3 and i.repository == REPOSITORY)
    title = "Behov: Kortare handläggningstid för bygglov <script>x</script> [a](javascript:b)"
    changed = [first.model_copy(update={"title": title})]
    _, files = make_portfolio(process, changed + [i for i in issues if i is not first], None, TODAY)
    page = need_html(files, "stadsbyggnad", 3)
    section = page.split('id="liknande-behov"')[1]
    assert "<script>" not in section
    assert "javascript&#58;" in section  # shown as text, never a link
    assert 'href="javascript' not in section


def test_the_agenda_lists_undecided_needs_beside_those_most_like_them(
    process: Process, issues: list[Issue]
) -> None:
    _, files = make_portfolio(process, issues, None, TODAY)
    agenda = files["dagordning/index.md"].decode("utf-8")
    assert "## Kanske samma behov" in agenda
    section = agenda.split("## Kanske samma behov")[1].split("\n## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("- <a ")]
    assert 0 < len(lines) <= 3
    decided = {"Utveckla", "Avveckla", "Förvalta", "Ta hem effekter"}
    for line in lines:
        first_stage = line.split("</a> (")[1].split(")")[0]
        assert first_stage not in decided, line
        assert 'href="../behov/' in line
    assert "/dubblett" in agenda
