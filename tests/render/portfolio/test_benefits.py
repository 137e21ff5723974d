"""The benefit page and a need's benefit block: numbers with units, escaping, the overdue list."""

from __future__ import annotations

from datetime import date

from intake.domain.portfolio.build import build_portfolio
from intake.domain.portfolio.schema import Portfolio
from intake.render.portfolio.benefits import BENEFIT_PAGE, render_benefit_page
from intake.render.portfolio.need_page import render_need_page
from tests.domain.lifecycle.test_attachments import EFFEKTER, NEED_BODY, PROCESS, _form, _issue
from tests.usecases.test_linking import CANVAS

HOSTILE = '<img src=x onerror="alert(1)"> [länk](javascript:alert(1))'


def _portfolio(measure: str = HOSTILE) -> tuple[Portfolio, str]:
    issues = [
        _issue(1, NEED_BODY, labels=(EFFEKTER,), day="2025-01-05"),
        _form("projektcanvas", {**CANVAS, "nytta1_matt": measure}, 2, 1),
    ]
    portfolio = build_portfolio(PROCESS, issues, date(2026, 12, 1))
    return portfolio, render_benefit_page(PROCESS, portfolio)[BENEFIT_PAGE]


def test_the_page_shows_the_plan_with_units_and_the_overdue_need() -> None:
    _, page = _portfolio()
    assert "10 veckor" in page
    assert "4 veckor" in page
    assert "&#8722;6 veckor" in page  # the planned change, summed per unit (escaped minus)
    assert "## Försenade uppföljningar" in page
    assert '<a href="../behov/digitaliseringsprocessen/1/">1</a>' in page


def test_untrusted_text_is_escaped() -> None:
    portfolio, page = _portfolio()
    assert "Handläggningstid" not in page
    assert "onerror" in page
    for text in (page, render_need_page(PROCESS, portfolio, portfolio.needs[0]).html):
        assert "<img" not in text
        assert "](javascript:" not in text
        assert 'href="javascript' not in text


def test_a_personnummer_in_a_canvas_never_reaches_a_page() -> None:
    portfolio, page = _portfolio("Väntetid för 19121212-1212")
    for text in (page, render_need_page(PROCESS, portfolio, portfolio.needs[0]).html):
        assert "19121212" not in text
        assert "1212-1212" not in text
