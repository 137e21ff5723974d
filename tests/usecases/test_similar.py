"""Similar needs in the bot's answer: the index read from the published site in one request,
needs filed since it was built, and an answer without suggestions when there is no index."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from intake.adapters.github import GitHub
from intake.adapters.published import read_similar_index
from intake.adapters.snapshot import read_snapshots
from intake.cli.main import main
from intake.domain.similar.index import IndexedNeed, SimilarIndex
from intake.fakegithub import FakeGitHub, Fault
from intake.model.process import Process
from intake.render.bot.comment import MARKER
from intake.render.portfolio.similar import SIMILAR_FILE, similar_index_url
from intake.usecases.intake import handle_event
from intake.usecases.portfolio import make_portfolio
from tests.conftest import FAST, event_fixture
from tests.paths import REPOSITORY, ROOT, SAMPLES
from tests.usecases.test_intake import _open, as_event

TODAY = date(2026, 11, 20)
ASKED = "Finns behovet redan?"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: tests read what the site holds, not its log."""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A published site on a free loopback port: its address and its folder."""
    folder = tmp_path / "site"
    (folder / "portfolj").mkdir(parents=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    finally:
        server.shutdown()
        server.server_close()


def _publish(process: Process, folder: Path) -> None:
    """The samples' portfolio, as the nightly build publishes its index."""
    further = ROOT / "intake" / "samples" / "stadsbyggnad.json"
    _, files = make_portfolio(process, read_snapshots([SAMPLES, further], REPOSITORY), None, TODAY)
    (folder / "portfolj" / SIMILAR_FILE).write_bytes(files[SIMILAR_FILE])


def _comment(fake: FakeGitHub, number: int) -> str:
    [comment] = [c for c in fake.bot_comments(number) if c.body.startswith(MARKER)]
    return comment.body


def test_a_filed_need_names_earlier_needs_alike_with_stage_and_link(
    fake_github: FakeGitHub, gateway: GitHub, process: Process, site: tuple[str, Path]
) -> None:
    url, folder = site
    _publish(process, folder)
    index = read_similar_index(similar_index_url(url))
    assert index is not None
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    before = len(fake_github.requests)
    handle_event(gateway, process, as_event(event), similar=index)
    listed = [r for r in fake_github.requests[before:] if r.path.endswith("/issues")]
    assert len(listed) == 1  # the needs filed since the index: one request
    text = _comment(fake_github, number)
    assert ASKED in text
    assert "Kortare handläggningstid för bygglov" in text  # the samples' need about bygglov
    assert "](https://github.com/exempelkommun/" in text  # a link to it
    assert "Ta hem effekter, öppet" in text  # its stage
    assert "`/återkalla`" in text
    assert "`/dubblett`" in text
    suggested = text.split(ASKED)[1].split("Gäller något")[0]
    assert suggested.count("\n- ") <= process.portfolio.similar.suggestions


def test_without_a_published_index_the_answer_has_no_suggestions(
    fake_github: FakeGitHub, gateway: GitHub, process: Process, site: tuple[str, Path]
) -> None:
    url, _ = site  # nothing published yet
    assert read_similar_index(similar_index_url(url)) is None
    assert read_similar_index("http://127.0.0.1:9/portfolj/liknande.json") is None  # no site
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    before = len(fake_github.requests)
    outcome = handle_event(gateway, process, as_event(event), similar=None)
    assert outcome.verdict is not None
    assert outcome.verdict.ok
    assert ASKED not in _comment(fake_github, number)
    assert not [r for r in fake_github.requests[before:] if r.path.endswith("/issues")]


def test_an_index_of_another_shape_counts_as_none(site: tuple[str, Path]) -> None:
    url, folder = site
    (folder / "portfolj" / SIMILAR_FILE).write_text('{"needs": "not a list"}', encoding="utf-8")
    assert read_similar_index(similar_index_url(url)) is None
    (folder / "portfolj" / SIMILAR_FILE).write_text("<html>", encoding="utf-8")
    assert read_similar_index(similar_index_url(url)) is None


def _index(needs: list[IndexedNeed], latest: int) -> SimilarIndex:
    return SimilarIndex(
        updated=TODAY, fields=["behov", "nytta"], latest={REPOSITORY: latest}, needs=needs
    )


def test_needs_filed_since_the_index_was_built_are_compared_too(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json")
    earlier = fake_github.add_issue(
        "Behov: Ansökningar om bygglov är ofullständiga", event["issue"]["body"], number=8
    )
    number = _open(fake_github, event)
    handle_event(gateway, process, as_event(event), similar=_index([], latest=5))
    text = _comment(fake_github, number)
    assert ASKED in text
    assert "Ansökningar om bygglov är ofullständiga" in text
    assert f"/issues/{earlier})" in text


def test_when_the_newest_issues_cannot_be_read_the_index_alone_is_compared(
    fake_github: FakeGitHub, gateway: GitHub, process: Process, site: tuple[str, Path]
) -> None:
    url, folder = site
    _publish(process, folder)
    index = read_similar_index(similar_index_url(url))
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    fake_github.inject(Fault("status", times=20, status=502, method="GET", path="/issues$"))
    outcome = handle_event(gateway, process, as_event(event), similar=index)
    listed = [r.status for r in fake_github.requests if r.path.endswith("/issues")]
    assert listed
    assert set(listed) == {502}  # every try failed
    assert outcome.handled
    assert "Kortare handläggningstid för bygglov" in _comment(fake_github, number)


def test_later_needs_and_the_need_itself_are_not_suggested(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    fake_github.add_issue("Behov: Bygglov senare", event["issue"]["body"], number=number + 5)
    handle_event(gateway, process, as_event(event), similar=_index([], latest=0))
    assert ASKED not in _comment(fake_github, number)


def test_what_the_index_says_is_escaped_in_the_answer(
    fake_github: FakeGitHub, gateway: GitHub, process: Process
) -> None:
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    hostile = IndexedNeed(
        id="exempelkommun/stadsbyggnad#1",
        repository="exempelkommun/stadsbyggnad",
        number=1,
        title="@everyone [klicka](javascript:alert(1)) <img src=x> #5",
        stage="okänt-steg",
        state="open",
        url="javascript:alert(1)",
        terms="bygglov handläggning komplettering sökand handling",
    )
    handle_event(gateway, process, as_event(event), similar=_index([hostile], latest=number))
    text = _comment(fake_github, number)
    assert ASKED in text
    assert (
        "javascript:" not in text.replace("javascript:alert", "", 0) or "](javascript" not in text
    )
    assert "](javascript" not in text
    assert "@everyone" not in text
    assert "<img" not in text
    assert "Behöver kompletteras, öppet" in text  # an unknown stage: as a need without one


def test_intake_handle_reads_the_index_from_the_site_of_the_process_file(
    fake_github: FakeGitHub, process: Process, site: tuple[str, Path], tmp_path: Path
) -> None:
    url, folder = site
    _publish(process, folder)
    data = yaml.safe_load((ROOT / "intake" / "process.yml").read_text(encoding="utf-8"))
    data["municipality"]["site_url"] = url
    own = tmp_path / "process.yml"
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    event = event_fixture("issues-opened.json")
    number = _open(fake_github, event)
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    env = fake_github.env(GITHUB_EVENT_PATH=event_path, GITHUB_EVENT_NAME="issues")
    assert main(["--process", str(own), "handle"], env=env, pacing=FAST) == 0
    text = _comment(fake_github, number)
    assert ASKED in text
    assert "Kortare handläggningstid för bygglov" in text
