"""The archive's night against an in-memory GitHub and folder: what is carried to the next night
when the limit cuts it short, an issue lost between listing and reading, one that comes back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from intake.adapters.archive_store import ArchiveFolder
from intake.domain.archive.index import Index, Listed
from intake.domain.archive.schema import Answer, ArchivedIssue, Comment
from intake.model.archive import ArchiveDef
from intake.model.process import Process
from intake.usecases.archive import archive_night

REPO = "kommun/behov"
T = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
NIGHT = date(2026, 12, 1)


def issue(number: int, comments: list[Comment], at: datetime = T) -> ArchivedIssue:
    return ArchivedIssue(
        repository=REPO,
        number=number,
        url=f"https://github.com/{REPO}/issues/{number}",
        title=f"Behov {number}",
        body="Text.",
        author="anna",
        created_at=T,
        updated_at=at,
        state="open",
        comments=comments,
        archived=NIGHT,
    )


@dataclass
class Memory:
    """GitHub in memory: issues by number, and what it answers for those gone."""

    issues: dict[int, ArchivedIssue] = field(default_factory=dict)
    fates: dict[int, tuple[Answer, str | None]] = field(default_factory=dict)
    unreadable: set[int] = field(default_factory=set)  # listed, gone before being read

    def archive_listing(self, repository: str) -> list[Listed]:
        return [
            Listed(
                repository=repository,
                number=n,
                updated_at=i.updated_at,
                comments=len(i.comments),
            )
            for n, i in sorted(self.issues.items())
        ]

    def comments_edited_since(self, repository: str, since: datetime) -> dict[int, datetime]:
        found: dict[int, datetime] = {}
        for number, item in self.issues.items():
            for comment in item.comments:
                if comment.updated_at is not None and comment.updated_at >= since:
                    found[number] = max(found.get(number, comment.updated_at), comment.updated_at)
        return found

    def archive_issues(
        self, repository: str, numbers: list[int], night: date
    ) -> dict[int, ArchivedIssue]:
        return {
            n: self.issues[n].model_copy(update={"archived": night})
            for n in numbers
            if n not in self.unreadable
        }

    def issue_fate(self, repository: str, number: int) -> tuple[Answer, str | None] | None:
        return self.fates.get(number)

    def comment_fate(self, repository: str, comment_id: int) -> Answer | None:
        return "404"


def comment(id: int, body: str, at: datetime) -> Comment:
    return Comment(id=id, author="anna", created_at=T, updated_at=at, body=body)


def night(process: Process, github: Memory, folder: ArchiveFolder, day: date, limit: int) -> None:
    only = process.model_copy(update={"repositories": [], "municipality": process.municipality})
    only = only.model_copy(
        update={"municipality": process.municipality.model_copy(update={"repository": REPO})}
    )
    settings = ArchiveDef(repository="kommun/arkiv", issues_per_night=limit)
    folder.apply(archive_night(only, settings, github, folder, day, datetime.now(UTC)))


def test_an_edited_comment_left_out_by_the_limit_is_read_the_next_night(
    process: Process, tmp_path: object
) -> None:
    from pathlib import Path

    folder = ArchiveFolder(Path(str(tmp_path)) / "arkiv", create=True)
    github = Memory({n: issue(n, [comment(n * 10, "Ett.", T)]) for n in (1, 2, 3)})
    night(process, github, folder, NIGHT, 10)
    later = T + timedelta(hours=1)
    for n in (1, 2, 3):  # every comment edited; the issues' updatedAt stay as they were
        github.issues[n] = issue(n, [comment(n * 10, "Två.", later)])
    night(process, github, folder, NIGHT + timedelta(days=1), 2)
    bodies = {n: folder.issue(f"{REPO}#{n}").comments[0].body for n in (1, 2, 3)}  # type: ignore[union-attr]
    assert sorted(bodies.values()) == ["Ett.", "Två.", "Två."]
    night(process, github, folder, NIGHT + timedelta(days=2), 2)
    assert {n: folder.issue(f"{REPO}#{n}").comments[0].body for n in (1, 2, 3)} == {  # type: ignore[union-attr]
        1: "Två.",
        2: "Två.",
        3: "Två.",
    }


def test_an_issue_lost_before_it_was_read_is_marked_and_one_that_comes_back_is_not(
    process: Process, tmp_path: object
) -> None:
    from pathlib import Path

    folder = ArchiveFolder(Path(str(tmp_path)) / "arkiv", create=True)
    github = Memory({n: issue(n, []) for n in (1, 2)})
    night(process, github, folder, NIGHT, 10)
    github.issues[1] = issue(1, [], at=T + timedelta(hours=1))
    github.unreadable = {1}
    github.fates = {1: ("410", None)}
    night(process, github, folder, NIGHT + timedelta(days=1), 10)
    lost = folder.issue(f"{REPO}#1")
    assert lost is not None
    assert lost.gone is not None
    assert lost.gone.answer == "410"
    github.unreadable = set()
    night(process, github, folder, NIGHT + timedelta(days=2), 10)
    back = folder.issue(f"{REPO}#1")
    assert back is not None
    assert back.gone is None
    assert not Index.model_validate_json(folder.read("index.json") or b"").issues[f"{REPO}#1"].gone
