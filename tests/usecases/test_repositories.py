"""Several förvaltningar, one portfolio: two repositories in the fake GitHub, read through the real
client. The portfolio reads both within its request bound, groups by förvaltning and fails whole,
naming the repository, when one cannot be read; each repository's people act there; labels are
synchronised in each."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from intake.cli.main import main
from intake.fakegithub import FakeGitHub
from intake.fakegithub.synthetic import seed_needs
from intake.model.load import ProcessError, parse_process
from intake.model.process import Process
from intake.usecases.fork import fork_findings
from tests.conftest import FAST
from tests.paths import ROOT, SAMPLES
from tests.render.portfolio.need_pages import need_html_in
from tests.usecases.test_triage import BEREDA, BEREDNING, BODY, event, stage_labels

OWN = "exempelkommun/digitaliseringsprocessen"
BYGG = "exempelkommun/stadsbyggnad"
BYGG_SAMPLES = ROOT / "intake" / "samples" / "stadsbyggnad.json"
BYGG_BEREDNING = "bygg-beredning-exempel"
READER = "fine-grained-read-token"


def graphql_requests(fake: FakeGitHub, repository: str) -> int:
    """The GraphQL requests the fake received about one repository."""
    owner, _, name = repository.partition("/")
    return sum(
        1
        for r in fake.requests
        if r.path == "/graphql"
        and isinstance(r.body, dict)
        and (r.body.get("variables") or {}).get("owner") == owner
        and (r.body.get("variables") or {}).get("name") == name
    )


def test_the_portfolio_reads_two_repositories_within_the_request_bound(
    process: Process, tmp_path: Path
) -> None:
    counts = {OWN: 230, BYGG: 120}
    with FakeGitHub() as fake:
        seed_needs(fake, process, counts[OWN], seed=3)
        with fake.using(BYGG):
            seed_needs(fake, process, counts[BYGG], seed=4)
        out = tmp_path / "portfolj"
        assert main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST) == 0
        for repository, count in counts.items():
            assert graphql_requests(fake, repository) <= math.ceil(count / 100) + 5
        assert len(fake.requests) == sum(graphql_requests(fake, r) for r in counts)
    data = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 3
    assert data["repositories"] == [OWN, BYGG]
    needs = data["needs"]
    assert len(needs) == sum(counts.values())
    by_repository = {r: [n for n in needs if n["repository"] == r] for r in counts}
    assert {n["forvaltning"] for n in by_repository[OWN]} == {"Exempelkommun"}
    assert {n["forvaltning"] for n in by_repository[BYGG]} == {"Stadsbyggnadsförvaltningen"}
    assert by_repository[BYGG][0]["id"] == f"{BYGG}#{by_repository[BYGG][0]['number']}"
    assert need_html_in(out, "stadsbyggnad", 1)
    page = (out / "forvaltning" / "stadsbyggnad" / "index.md").read_text(encoding="utf-8")
    assert "# Portföljen: Stadsbyggnadsförvaltningen" in page
    assert f"| Totalt | {counts[BYGG]} |" in page
    index = (out / "index.md").read_text(encoding="utf-8")
    assert (
        f"[Stadsbyggnadsförvaltningen](forvaltning/stadsbyggnad/index.md) | {counts[BYGG]} |"
        in (index)
    )


def test_live_issues_of_two_repositories_give_the_snapshots_output(tmp_path: Path) -> None:
    with FakeGitHub() as fake:
        for item in json.loads(SAMPLES.read_text(encoding="utf-8")):
            fake.add_rest_issue(item)
        with fake.using(BYGG):
            for item in json.loads(BYGG_SAMPLES.read_text(encoding="utf-8")):
                fake.add_rest_issue(item)
        live = tmp_path / "live"
        assert main(["portfolio", "--out", str(live)], env=fake.env(), pacing=FAST) == 0
        web = fake.api_url.encode()
    snapshot = tmp_path / "snapshot"
    args = ["--snapshot", str(SAMPLES), "--snapshot", str(BYGG_SAMPLES), "--out", str(snapshot)]
    assert main(["portfolio", *args]) == 0
    read = {
        p.relative_to(live): p.read_bytes().replace(web, b"https://github.com")
        for p in live.glob("**/*.*")
    }
    assert read == {p.relative_to(snapshot): p.read_bytes() for p in snapshot.glob("**/*.*")}
    need = need_html_in(snapshot, "stadsbyggnad", 3)
    assert "<li><strong>Diarienummer:</strong> SBN 2026&#47;118</li>" in need
    assert "<li><strong>Förvaltning:</strong> Stadsbyggnadsförvaltningen</li>" in need
    agenda = (snapshot / "dagordning" / "index.md").read_text(encoding="utf-8")
    unregistered = agenda.split("## Beslut som inte är registrerade")[1]
    assert 'href="../behov/stadsbyggnad/9/"' in unregistered
    assert 'href="../behov/stadsbyggnad/3/"' not in unregistered
    appendix = (snapshot / "moten" / "2026-04-21" / "beslut.csv").read_text(encoding="utf-8-sig")
    assert f"{BYGG};3;" in appendix
    assert appendix.splitlines()[0].endswith(";Diarienummer")
    assert any(
        line.startswith(f"{BYGG};3;") and line.endswith(";SBN 2026/118")
        for line in appendix.splitlines()
    )


def test_a_repository_the_token_cannot_read_fails_the_run_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeGitHub(further=[]) as fake:
        fake.add_repository(BYGG, tokens={READER})  # private: GITHUB_TOKEN cannot read it
        fake.add_issue("Behov: Snabbare bygglov", BODY, labels=("steg: behov",))
        with fake.using(BYGG):
            fake.add_issue("Behov: Karta över avlopp", BODY, labels=("steg: bereda",))
        out = tmp_path / "portfolj"
        env = fake.env(PORTFOLIO_TOKEN=READER)
        assert main(["portfolio", "--out", str(out)], env=env, pacing=FAST) == 0
        before = {p: p.read_bytes() for p in out.glob("**/*.*")}
        assert len(json.loads((out / "portfolio.json").read_bytes())["needs"]) == 2
        capsys.readouterr()
        assert main(["portfolio", "--out", str(out)], env=fake.env(), pacing=FAST) == 3
    [line] = capsys.readouterr().err.splitlines()
    assert f"repositoryt {BYGG} gick inte att läsa" in line
    assert "PORTFOLIO_TOKEN" in line
    assert {p: p.read_bytes() for p in out.glob("**/*.*")} == before  # nothing published


def test_labels_are_synchronised_in_every_repository(process: Process) -> None:
    with FakeGitHub() as fake:
        assert main(["labels", "sync", "--all"], env=fake.env(), pacing=FAST) == 0
        wanted = {spec.name for spec in process.labels()}
        assert set(fake.repo.labels) >= wanted
        with fake.using(BYGG):
            assert set(fake.repo.labels) >= wanted
        writes = len(fake.writes)
        assert main(["labels", "sync", "--repository", BYGG], env=fake.env(), pacing=FAST) == 0
        assert len(fake.writes) == writes  # nothing left to change


def _handle_in(
    fake: FakeGitHub, tmp_path: Path, repository: str, payload: dict[str, object]
) -> int:
    path = tmp_path / f"event-{len(fake.requests)}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    env = fake.env(GITHUB_EVENT_PATH=path, GITHUB_EVENT_NAME="issues", GITHUB_REPOSITORY=repository)
    return main(["handle"], env=env, pacing=FAST)


@pytest.mark.parametrize(
    ("repository", "allowed", "refused"),
    [(BYGG, BYGG_BEREDNING, BEREDNING), (OWN, BEREDNING, BYGG_BEREDNING)],
)
def test_each_repository_has_its_own_beredningsgrupp(
    tmp_path: Path, repository: str, allowed: str, refused: str
) -> None:
    with FakeGitHub() as fake, fake.using(repository):
        number = fake.add_issue("Behov: Snabbare bygglov", BODY, user="anna-exempel")
        assert _handle_in(fake, tmp_path, repository, event("opened", number, "anna-exempel")) == 0
        fake.label_issue(number, BEREDA, actor=refused)
        assert (
            _handle_in(fake, tmp_path, repository, event("labeled", number, refused, BEREDA)) == 0
        )
        assert stage_labels(fake, number) == {"steg: behov"}  # undone
        fake.unlabel_issue(number, "steg: behov", actor=allowed)
        fake.label_issue(number, BEREDA, actor=allowed)
        assert (
            _handle_in(fake, tmp_path, repository, event("labeled", number, allowed, BEREDA)) == 0
        )
        assert stage_labels(fake, number) == {BEREDA}


def test_the_process_file_checks_the_roles_a_repository_names(process: Process) -> None:
    text = (ROOT / "intake" / "process.yml").read_text(encoding="utf-8")
    broken = text.replace(
        "people: {beredningsgrupp: [bygg-beredning-exempel]}", "people: {okand: [x]}"
    )
    with pytest.raises(ProcessError, match="okänd roll: 'okand'"):
        parse_process(broken)
    bygg = process.for_repository(BYGG)
    assert bygg.people("beredningsgrupp") == [BYGG_BEREDNING]
    assert bygg.people("rad") == process.people("rad")  # the council is shared
    assert process.for_repository(OWN) is process
    assert process.forvaltning(BYGG) == "Stadsbyggnadsförvaltningen"
    assert process.forvaltning(OWN) == "Exempelkommun"  # the municipality's name by default
    named = text.replace(
        "repositories:\n", f"repositories:\n  - {{repository: {OWN}, name: Kommunledningen}}\n"
    )
    own_named = parse_process(named)
    assert own_named.forvaltning(OWN) == "Kommunledningen"
    assert own_named.portfolio_repositories == [OWN, BYGG]  # listed twice, read once


def test_a_copy_still_listing_the_example_repositories_is_warned(process: Process) -> None:
    assert fork_findings(process, BYGG) == []  # a förvaltning's repository runs the same code
    norrby = process.municipality.model_copy(update={"repository": "norrby/behov"})
    found = fork_findings(process.model_copy(update={"municipality": norrby}))
    [repositories, archive, people] = found
    assert repositories.level == "warning"
    assert BYGG in repositories.message
    assert "exempelkommun/digitaliseringsarkiv" in archive.message
    assert "exempelpersonerna" in people.message
