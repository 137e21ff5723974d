"""A projektcanvas and a nyttouppföljning are validated, linked to their need and closed."""

from __future__ import annotations

from intake.adapters.github import GitHub
from intake.domain.lifecycle.expected import link_marker
from intake.domain.need.body import render_body
from intake.domain.need.forms import issue_form
from intake.fakegithub import FakeGitHub
from intake.model.load import load_process
from intake.render.bot.comment import MARKER
from intake.usecases.intake import IssueEvent, handle_event

PROCESS = load_process()
CANVAS = {
    "bakgrund": "Bygglov tar tio veckor eftersom flera steg görs för hand och papper skickas runt.",
    "mal": "Handläggningen tar högst fyra veckor.",
    "malgrupp": "Invånare och företag som söker bygglov.",
    "nytta": "Sökande får besked snabbare och handläggarna sparar tid.",
    "nytta1_typ": "Sparad tid",
    "nytta1_matt": "Handläggningstid per bygglov",
    "nytta1_utgangslage": "10 veckor",
    "nytta1_mal": "4 veckor",
    "nytta1_nar": "2027-12",
    "avgransning": "Strandskydd ingår inte.",
    "tid": "Start i januari 2027, klart i december 2027.",
    "kostnad": "1,2 mnkr och en halv tjänst under ett år.",
}
FOLLOW_UP = {
    "nytta1_typ": "Sparad tid",
    "nytta1_varde": "5 veckor",
    "nytta1_matdatum": "2028-03-31",
    "lardomar": "Digitala ritningar sparade mest tid, kompletteringarna tar fortfarande tid.",
    "nyttoagare": "Bygglov",
}


def _need(fake: FakeGitHub, stage: str = "steg: bereda") -> int:
    return fake.add_issue("Behov: snabbare bygglov", "Text.", labels=(stage,))


def _file(fake: FakeGitHub, form_id: str, answers: dict[str, str], title: str) -> int:
    body = render_body(issue_form(PROCESS, PROCESS.form(form_id)), answers)
    return fake.add_issue(title, body)


def _handle(gateway: GitHub, number: int, action: str = "opened") -> None:
    handle_event(gateway, PROCESS, IssueEvent(action=action, number=number))


def test_a_complete_canvas_is_linked_to_its_need_and_closed(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    need = _need(fake_github)
    canvas = _file(fake_github, "projektcanvas", {**CANVAS, "behovsnummer": f"#{need}"}, "C")
    _handle(gateway, canvas)
    assert fake_github.issue(canvas).state == "closed"
    assert fake_github.issue(canvas).state_reason == "completed"
    assert fake_github.labels_of(canvas) == {"formulär: projektcanvas"}
    [receipt] = fake_github.bot_comments(canvas)
    assert f"hör till behov #{need}" in receipt.body
    [linked] = fake_github.bot_comments(need)
    assert linked.body.startswith(link_marker("projektcanvas", canvas))
    assert f"ärende #{canvas}" in linked.body
    # Running again, or an edit after closing, changes nothing and adds no comment.
    writes = len(fake_github.writes)
    _handle(gateway, canvas, "edited")
    assert len(fake_github.writes) == writes
    assert len(fake_github.bot_comments(need)) == 1


def test_a_number_that_is_no_need_is_refused_and_the_form_stays_open(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    other = _file(fake_github, "projektcanvas", {**CANVAS, "behovsnummer": "1"}, "Annan")
    missing = _file(fake_github, "projektcanvas", {**CANVAS, "behovsnummer": "99"}, "Saknas")
    for number in (other, missing):
        _handle(gateway, number)
        assert fake_github.issue(number).state == "open"
        assert fake_github.labels_of(number) == {"status: behöver kompletteras"}
    [answer] = fake_github.bot_comments(missing)
    assert "Ärende 99 är inget anmält behov" in answer.body
    assert fake_github.bot_comments(other)[0].body.startswith(MARKER)


def test_a_follow_up_whose_value_is_no_number_says_so_in_plain_swedish(
    fake_github: FakeGitHub, gateway: GitHub
) -> None:
    need = _need(fake_github, "steg: ta hem effekter")
    answers = {**FOLLOW_UP, "behovsnummer": str(need), "nytta1_varde": "mycket bättre"}
    follow_up = _file(fake_github, "nyttouppfoljning", answers, "Uppföljning")
    _handle(gateway, follow_up)
    [answer] = fake_github.bot_comments(follow_up)
    assert "”Nytta 1: uppnått värde” går inte att läsa som ett tal" in answer.body
    assert fake_github.issue(follow_up).state == "open"
    assert fake_github.bot_comments(need) == []
    # The owner corrects the value: the follow-up is linked and closed.
    body = render_body(
        issue_form(PROCESS, PROCESS.form("nyttouppfoljning")),
        {**answers, "nytta1_varde": "5 veckor"},
    )
    fake_github.edit_issue(follow_up, body=body)
    _handle(gateway, follow_up, "edited")
    assert fake_github.issue(follow_up).state == "closed"
    assert fake_github.labels_of(follow_up) == {"formulär: nyttouppföljning", "enhet: bygglov"}
    assert len(fake_github.bot_comments(need)) == 1


def test_a_personnummer_in_a_canvas_is_refused(fake_github: FakeGitHub, gateway: GitHub) -> None:
    need = _need(fake_github)
    answers = {**CANVAS, "behovsnummer": str(need), "malgrupp": "Till exempel 19121212-1212."}
    canvas = _file(fake_github, "projektcanvas", answers, "Canvas")
    _handle(gateway, canvas)
    [answer] = fake_github.bot_comments(canvas)
    assert "personnummer" in answer.body
    assert "1212" not in answer.body
    assert fake_github.issue(canvas).state == "open"
