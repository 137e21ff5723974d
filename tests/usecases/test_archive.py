"""The archive against the fake GitHub, through the real client and the `intake archive` command:
a first night, a night after edits and deletions, a transfer, verification, the portfolio from the
archive alone, the requests of an unchanged night and thinning by decision."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from intake.adapters.attachments import NOT_ALLOWED, AttachmentReader
from intake.adapters.github import GitHub
from intake.adapters.settings import settings_from_env
from intake.cli.main import main
from intake.domain.archive.index import Entry, Index
from intake.domain.archive.schema import ArchivedIssue
from intake.fakegithub import BOT, FakeGitHub
from intake.fakegithub.history import delete_comment, delete_revision
from intake.fakegithub.state import START
from intake.fakegithub.synthetic import seed_needs
from intake.model.process import Process
from intake.usecases.archive import json_bytes
from intake.usecases.docs_check import LIX_TARGET, readability
from intake.usecases.fork import fork_findings
from tests.conftest import FAST
from tests.paths import ROOT, SAMPLES

OWN = "exempelkommun/digitaliseringsprocessen"
BYGG = "exempelkommun/stadsbyggnad"
BYGG_SAMPLES = ROOT / "intake" / "samples" / "stadsbyggnad.json"
ATTACHED = "https://github.com/user-attachments/files/123/nyttokalkyl.xlsx"


def samples(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    """The bundled samples of both förvaltningar in a running fake."""
    with FakeGitHub() as github:
        for item in samples(SAMPLES):
            github.add_rest_issue(item)
        with github.using(BYGG):
            for item in samples(BYGG_SAMPLES):
                github.add_rest_issue(item)
        yield github


def archive(fake: FakeGitHub, folder: Path, *args: str, **env: str) -> int:
    # No address is allowed: the tests never download from the network (test_archive_files.py
    # downloads from a local server).
    return main(
        ["archive", *args, str(folder)],
        env=fake.env(**env),
        pacing=FAST,
        attachments=AttachmentReader(allowed=()),
    )


def read(folder: Path, repository: str, number: int) -> ArchivedIssue:
    path = folder / "issues" / repository / f"{number}.json"
    return ArchivedIssue.model_validate_json(path.read_bytes())


def with_record() -> dict[str, Any]:
    return next(i for i in samples(SAMPLES) if "record" in i)


def test_a_first_archive_holds_every_issue_with_its_comments_history_and_record(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    need = with_record()
    comment = fake.add_comment(need["number"], "Vi har pratat med förvaltningen om detta.")
    body = next(i["body"] for i in samples(SAMPLES) if "### Bilagor" in (i["body"] or "")).replace(
        "### Bilagor\n\n_No response_", f"### Bilagor\n\n[nyttokalkyl.xlsx]({ATTACHED})"
    )
    attached = fake.add_issue("Behov: med bilaga", body, labels=("steg: behov",))
    folder = tmp_path / "arkiv"
    summary = tmp_path / "summary.md"
    assert archive(fake, folder, GITHUB_STEP_SUMMARY=str(summary)) == 0
    assert summary.read_text(encoding="utf-8").startswith("### Arkivet\n\n- läste ")
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    keys = set(index["issues"])
    assert {f"{OWN}#{i['number']}" for i in samples(SAMPLES)} <= keys
    assert {f"{BYGG}#{i['number']}" for i in samples(BYGG_SAMPLES)} <= keys
    issue = read(folder, OWN, need["number"])
    assert issue.schema_version == 1
    assert issue.title == need["title"]
    assert issue.record is not None
    assert issue.record.trusted
    assert issue.record.record is not None
    assert issue.record.record["stage"] == need["record"]["stage"]
    assert [c.id for c in issue.comments if c.author != BOT] == [comment]
    assert {e.label for e in issue.events if e.kind == "labeled"} >= set(need_labels(need))
    page = (folder / "issues" / OWN / f"{need['number']}.md").read_text(encoding="utf-8")
    assert "## Robotens register" in page
    assert "Betrott: ja." in page
    files = read(folder, OWN, attached).attachments
    assert [(f.name, f.url, f.not_kept) for f in files] == [
        ("nyttokalkyl.xlsx", ATTACHED, NOT_ALLOWED)
    ]
    schema = json.loads((folder / "schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["schema_version"]["const"] == 1


def need_labels(item: dict[str, Any]) -> list[str]:
    return [e["label"]["name"] for e in item.get("timeline", []) if e["event"] == "labeled"]


def test_a_second_night_keeps_and_marks_what_was_edited_or_deleted(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    need = with_record()["number"]
    kept = fake.add_comment(need, "Första versionen.", user="anna-exempel")
    doomed = fake.add_comment(need, "Det här tas bort.", user="anna-exempel")
    deleted = samples(SAMPLES)[1]["number"]
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    before = read(folder, OWN, need)
    fake.edit_comment(kept, "Andra versionen.", editor="beredning-exempel")
    delete_comment(fake, doomed, by="admin-exempel")
    fake.delete_issue(deleted)
    fake.edit_issue(need, title="Behov: ny rubrik", body="En ny text.", editor="anna-exempel")
    assert archive(fake, folder) == 0
    after = read(folder, OWN, need)
    comments = {c.id: c for c in after.comments}
    assert comments[kept].body == "Andra versionen."
    assert [e.text for e in comments[kept].earlier] == ["Första versionen."]
    # GitHub's history: the original version, then the edit
    assert [e.editor for e in comments[kept].edits] == ["anna-exempel", "beredning-exempel"]
    doomed_gone = comments[doomed].gone
    assert comments[doomed].body == "Det här tas bort."
    assert doomed_gone is not None
    assert doomed_gone.answer == "404"
    assert after.title == "Behov: ny rubrik"
    assert after.titles == [before.title]
    assert [e.text for e in after.earlier_bodies] == [before.body]
    assert any(e.kind == "renamed" and e.previous == before.title for e in after.events)
    gone = read(folder, OWN, deleted)
    assert gone.gone is not None
    assert gone.gone.answer == "410"
    assert gone.title == samples(SAMPLES)[1]["title"]
    page = (folder / "issues" / OWN / f"{deleted}.md").read_text(encoding="utf-8")
    assert "Borta från GitHub sedan natten" in page
    # A third night changes nothing that is already marked.
    assert archive(fake, folder) == 0
    assert read(folder, OWN, deleted) == gone
    assert {c.id: c.gone for c in read(folder, OWN, need).comments}[doomed] == doomed_gone


def test_a_deleted_revision_of_a_comment_stays_with_its_text(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    need = with_record()["number"]
    comment = fake.add_comment(need, "Ett.", user="anna-exempel")
    fake.edit_comment(comment, "Två.", editor="anna-exempel")
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    delete_revision(fake, comment, 1, by="admin-exempel")
    fake.edit_comment(comment, "Tre.", editor="anna-exempel")
    assert archive(fake, folder) == 0
    edits = {c.id: c for c in read(folder, OWN, need).comments}[comment].edits
    assert [e.text for e in edits] == ["Ett.", "Två.", "Tre."]
    assert [e.deleted_by for e in edits] == [None, "admin-exempel", None]


def test_a_transferred_issue_is_marked_with_where_it_went(fake: FakeGitHub, tmp_path: Path) -> None:
    number = samples(SAMPLES)[2]["number"]
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    new = fake.transfer_issue(number, BYGG)
    assert archive(fake, folder) == 0
    old = read(folder, OWN, number)
    assert old.gone is not None
    assert old.gone.answer == "301"
    assert old.gone.moved_to is not None
    assert old.gone.moved_to.endswith(f"/{BYGG}/issues/{new}")
    moved = read(folder, BYGG, new)
    assert any(e.kind == "transferred" and e.previous == OWN for e in moved.events)
    assert moved.title == old.title


def test_verify_passes_on_an_intact_archive_and_names_what_differs(
    fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    capsys.readouterr()
    assert archive(fake, folder, "--verify") == 0
    assert archive(fake, folder, "--verify", "--full") == 0
    assert "arkivet stämmer med GitHub" in capsys.readouterr().out
    number = samples(SAMPLES)[3]["number"]
    path = folder / "issues" / OWN / f"{number}.json"
    path.write_bytes(path.read_bytes().replace(b'"title"', b'"title" ', 1))
    fake.label_issue(samples(SAMPLES)[4]["number"], "steg: bereda")
    (folder / "issues" / BYGG / f"{samples(BYGG_SAMPLES)[0]['number']}.md").unlink()
    assert archive(fake, folder, "--verify") == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{OWN}#{number}: filen issues/{OWN}/{number}.json har ändrats sedan den skrevs" in lines
    assert any(
        line.startswith(f"{OWN}#{samples(SAMPLES)[4]['number']}: ändrat på GitHub")
        for line in lines
    )
    assert any(line.startswith(f"{BYGG}#") and "saknas i arkivet" in line for line in lines)
    assert lines[-1] == "3 skillnader mot GitHub"


def test_verify_full_compares_the_contents(
    fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    number = samples(SAMPLES)[3]["number"]
    path = folder / "issues" / OWN / f"{number}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"] = "Något annat"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert archive(fake, folder, "--verify", "--full") == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{OWN}#{number}: rubriken skiljer sig från GitHub" in lines
    assert index["issues"][f"{OWN}#{number}"]["files"]


def test_the_portfolio_from_the_archive_alone_equals_the_one_from_github(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    live = tmp_path / "live"
    assert main(["portfolio", "--out", str(live)], env=fake.env(), pacing=FAST) == 0
    fake.stop()  # GitHub unreachable, and no settings to reach it with
    offline = tmp_path / "offline"
    assert main(["portfolio", "--archive", str(folder), "--out", str(offline)], env={}) == 0
    got = {p.relative_to(offline): p.read_bytes() for p in offline.glob("**/*.*")}
    want = {p.relative_to(live): p.read_bytes() for p in live.glob("**/*.*")}
    assert got.keys() == want.keys()
    assert got == want


def test_an_unchanged_night_costs_the_listing_and_a_handful(
    process: Process, tmp_path: Path
) -> None:
    with FakeGitHub() as fake:
        seed_needs(fake, process, 150, seed=21)
        folder = tmp_path / "arkiv"
        assert archive(fake, folder) == 0
        first = len(fake.requests)
        assert archive(fake, folder) == 0
        night = len(fake.requests) - first
        assert main(["portfolio", "--out", str(tmp_path / "p")], env=fake.env(), pacing=FAST) == 0
        listing = len(fake.requests) - first - night
    assert listing == math.ceil(150 / 100) + 1  # the own repository's pages, the other's one
    # and one request a repository for the comments edited since (none before any comment)
    assert listing <= night <= listing + 2


def test_an_unchanged_night_over_5000_issues_stays_within_the_listing_and_a_handful(
    process: Process, tmp_path: Path
) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    with FakeGitHub() as fake:
        seed_needs(fake, process, 5000, seed=21)
        # The archive an earlier night left: every issue as the listing shows it now (reading
        # 5,000 issues whole would take a minute here; the test above reads them for real).
        gateway = GitHub(settings_from_env(fake.env()), FAST)
        listed = [i for r in process.portfolio_repositories for i in gateway.archive_listing(r)]
        earlier = Index(
            comments_seen={r.casefold(): START for r in process.portfolio_repositories},
            issues={
                i.key: Entry(
                    updated_at=i.updated_at, comments=i.comments, files={}, read=date.today()
                )
                for i in listed
            },
        )
        (folder / "index.json").write_bytes(json_bytes(earlier))
        before = len(fake.requests)
        assert archive(fake, folder) == 0
        night = len(fake.requests) - before
    assert len(listed) == 5000
    listing = math.ceil(5000 / 100) + 1  # the portfolio's, as the test above counts it
    assert night <= listing + 5


def test_the_weekly_full_pass_reads_every_issue_within_its_nightly_limit(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    index_path = folder / "index.json"
    index = Index.model_validate_json(index_path.read_bytes())
    week_ago = date.today() - timedelta(days=7)
    stale = {k: e.model_copy(update={"read": week_ago}) for k, e in index.issues.items()}
    index_path.write_bytes(json_bytes(index.model_copy(update={"issues": stale})))
    process = tmp_path / "process.yml"
    text = (ROOT / "intake" / "process.yml").read_text(encoding="utf-8")
    process.write_text(text.replace("issues_per_night: 500", "issues_per_night: 30"), "utf-8")
    nights = []
    for _ in range(3):
        before = len(fake.requests)
        args = ["--process", str(process), "archive", str(folder)]
        assert main(args, env=fake.env(), pacing=FAST) == 0
        after = Index.model_validate_json(index_path.read_bytes())
        nights.append(
            (
                sum(e.read == date.today() for e in after.issues.values()),
                len(fake.requests) - before,
            )
        )
    total = len(stale)
    assert [read for read, _ in nights] == [30, min(60, total), min(90, total)]
    assert 30 < total <= 90
    assert nights[-1][1] <= 4  # done: the two listings and the comments edited since, no more


def test_a_first_archive_larger_than_a_nights_limit_is_finished_on_the_following_nights(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    process = tmp_path / "process.yml"
    text = (ROOT / "intake" / "process.yml").read_text(encoding="utf-8")
    process.write_text(text.replace("issues_per_night: 500", "issues_per_night: 20"), "utf-8")
    folder = tmp_path / "arkiv"
    sizes = []
    for _ in range(3):
        args = ["--process", str(process), "archive", str(folder)]
        assert main(args, env=fake.env(), pacing=FAST) == 0
        sizes.append(len(Index.model_validate_json((folder / "index.json").read_bytes()).issues))
    total = len(samples(SAMPLES)) + len(samples(BYGG_SAMPLES))
    assert 40 < total <= 60
    assert sizes == [20, 40, total]


def test_an_edited_comment_alone_is_found_and_read(fake: FakeGitHub, tmp_path: Path) -> None:
    need = with_record()["number"]
    comment = fake.add_comment(need, "Först.")
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    fake.edit_comment(comment, "Sedan.", editor="anna-exempel")
    with fake.lock:  # GitHub does not count a comment's edit as a change of the issue
        assert fake.issue(need).updated_at < datetime.fromisoformat("2027-01-01T00:00:00+00:00")
    assert archive(fake, folder) == 0
    assert {c.id: c.body for c in read(folder, OWN, need).comments}[comment] == "Sedan."


def test_thinning_by_decision_removes_what_is_due_and_records_it(
    fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = datetime.fromisoformat("2019-03-01T09:00:00+00:00")
    withdrawn = fake.add_issue(
        "Behov: återkallat", "Text.", labels=("utfall: återkallad",), state="closed", created_at=old
    )
    recent = fake.add_issue(
        "Behov: nyss återkallat", "Text.", labels=("utfall: återkallad",), state="closed"
    )
    folder = tmp_path / "arkiv"
    assert archive(fake, folder) == 0
    capsys.readouterr()
    assert archive(fake, folder, "--due") == 0
    due = capsys.readouterr().out
    assert f"{OWN}#{withdrawn}: aterkallad, stängt 2019-03-01" in due
    assert f"{OWN}#{recent}:" not in due
    assert archive(fake, folder, "--thin", "KS 2026/123", "--decided", "2026-12-01") == 0
    assert not (folder / "issues" / OWN / f"{withdrawn}.json").exists()
    assert not (folder / "issues" / OWN / f"{withdrawn}.md").exists()
    assert (folder / "issues" / OWN / f"{recent}.json").exists()
    log = json.loads((folder / "thinning.json").read_text(encoding="utf-8"))
    assert log["decisions"] == [
        {"diarienummer": "KS 2026/123", "decided": "2026-12-01", "removed": [f"{OWN}#{withdrawn}"]}
    ]
    assert archive(fake, folder) == 0  # the next night does not take it back
    assert not (folder / "issues" / OWN / f"{withdrawn}.json").exists()
    capsys.readouterr()
    assert archive(fake, folder, "--verify") == 0


def test_settings_and_tokens_that_are_missing_or_refused(
    fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "arkiv"
    assert main(["archive", str(folder)], env={}) == 2
    assert "GITHUB_TOKEN" in capsys.readouterr().err
    assert archive(fake, folder, GITHUB_TOKEN="utgången") == 3  # noqa: S106
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert OWN in err
    assert not folder.exists() or not any(folder.iterdir())
    process = tmp_path / "process.yml"
    text = (ROOT / "intake" / "process.yml").read_text(encoding="utf-8")
    process.write_text(
        text.split("\narchive:\n")[0] + "\n" + text.split("\narchive:\n")[1].split("\n\n", 1)[1],
        encoding="utf-8",
    )
    assert main(["--process", str(process), "archive", str(folder)], env=fake.env()) == 2
    assert "archive:" in capsys.readouterr().err
    assert archive(fake, folder, "--verify") == 2  # no archive there yet
    assert "är inget arkiv" in capsys.readouterr().err


def test_the_sites_text_about_the_archive_is_plain_swedish() -> None:
    text = (ROOT / "docs" / "includes" / "arkivet.md").read_text(encoding="utf-8")
    blocks = [" ".join(block.replace("**", "").split()) for block in text.split("\n\n")]
    assert readability(blocks).lix <= LIX_TARGET
    assert "intake" not in text  # for everyone: no commands


def test_a_repository_the_token_cannot_read_ends_the_night_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = "finkornig-läsnyckel"
    folder = tmp_path / "arkiv"
    with FakeGitHub(further=[]) as fake:
        fake.add_repository(BYGG, tokens={reader})  # private: GITHUB_TOKEN cannot read it
        fake.add_issue("Behov: Snabbare bygglov", "Text.", labels=("steg: behov",))
        assert archive(fake, folder) == 3
        err = capsys.readouterr().err
        assert f"repositoryt {BYGG} gick inte att läsa" in err
        assert len(err.strip().splitlines()) == 1
        assert not folder.exists()
        assert archive(fake, folder, PORTFOLIO_TOKEN=reader) == 0
    assert (folder / "issues" / OWN / "1.json").is_file()


def test_a_copy_still_naming_the_examples_archive_is_warned(process: Process) -> None:
    own = process.municipality.model_copy(update={"repository": "ovrekommun/behov"})
    copy = process.model_copy(update={"municipality": own, "repositories": []})
    found = [f.message for f in fork_findings(copy)]
    assert any("exempelkommun/digitaliseringsarkiv" in m for m in found)
    assert not [f for f in fork_findings(process) if "arkivet" in f.message]
