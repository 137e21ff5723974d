"""Which issues a night reads: the changed ones always, the full pass within its limit."""

from __future__ import annotations

from datetime import UTC, date, datetime

from intake.domain.archive.index import Entry, Index, Listed, full_pass, missing, to_read

T = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
NIGHT = date(2026, 12, 8)
REPO = "kommun/behov"


def listed(number: int, *, comments: int = 0, at: datetime = T) -> Listed:
    return Listed(repository=REPO, number=number, updated_at=at, comments=comments)


def entry(*, comments: int = 0, read: date | None = NIGHT, gone: bool = False) -> Entry:
    return Entry(updated_at=T, comments=comments, files={}, read=read, gone=gone)


def test_only_what_changed_is_read_on_an_ordinary_night() -> None:
    index = Index(issues={f"{REPO}#{n}": entry() for n in (1, 2, 3, 4, 5)})
    listing = [
        listed(1),
        listed(2, at=T.replace(hour=10)),  # updatedAt moved
        listed(3, comments=1),  # a comment was added or deleted
        listed(4),  # a comment was edited (below)
        listed(5),
        listed(6),  # new
    ]
    chosen, cut = to_read(listing, index, {f"{REPO}#4"}, set(), full_pass(NIGHT, 7), 100)
    assert [i.number for i in chosen] == [2, 3, 4, 6]
    assert not cut
    chosen, cut = to_read(listing, index, {f"{REPO}#4"}, set(), full_pass(NIGHT, 7), 3)
    assert [i.number for i in chosen] == [2, 3, 4]  # the new one follows the next night
    assert cut


def test_the_full_pass_reads_the_oldest_first_within_its_limit_never_the_thinned() -> None:
    index = Index(
        issues={
            f"{REPO}#1": entry(read=date(2026, 11, 20)),
            f"{REPO}#2": entry(read=date(2026, 11, 10)),
            f"{REPO}#3": entry(read=None),
            f"{REPO}#4": entry(read=date(2026, 12, 5)),  # read three nights ago: not due
            f"{REPO}#5": entry(read=date(2026, 11, 1)),
        }
    )
    listing = [listed(n) for n in (1, 2, 3, 4, 5)]
    chosen, cut = to_read(listing, index, set(), {f"{REPO}#5"}, full_pass(NIGHT, 7), 2)
    assert [i.number for i in chosen] == [3, 2]
    assert not cut


def test_missing_names_archived_issues_the_listing_lacks_once() -> None:
    index = Index(
        issues={
            f"{REPO}#1": entry(),
            f"{REPO}#2": entry(),
            f"{REPO}#3": entry(gone=True),
            "kommun/annat#2": entry(),
        }
    )
    assert missing([listed(1)], index, [REPO]) == [f"{REPO}#2"]
