"""Which needs to name as alike: on a need's page, on the agenda, and in the bot's answer.

The bot compares a need with the published index and with the needs filed in its repository since
the index was built, and names only earlier needs: others in its repository with a lower number,
and needs of the other repositories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from intake.domain.lifecycle.issue import Issue
from intake.domain.lifecycle.stages import current_stage
from intake.domain.need.forms import issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import recognise
from intake.domain.similar.index import IndexedNeed, SimilarIndex, need_terms
from intake.domain.similar.rank import Match, Ranker
from intake.domain.text.personal import mask_personal_data
from intake.model.process import NEED_KIND, Process


def neighbours(process: Process, index: SimilarIndex) -> dict[str, list[Match]]:
    """For every indexed need (by id), the others most like it, above the process's threshold."""
    settings = process.portfolio.similar
    ranker = Ranker(index.needs)
    return ranker.neighbours(limit=settings.suggestions, threshold=settings.threshold)


def undecided_stages(process: Process) -> set[str]:
    """The stages a need is in before the council decides on it: up to and including the
    council's stage (Behov, Bereda, Prioritera); every stage when the council decides nothing."""
    order = [s.id for s in process.stages]
    council = process.council_stage
    return set(order[: order.index(council.id) + 1] if council else order)


def indexed_issue(process: Process, issue: Issue, fields: Sequence[str]) -> IndexedNeed | None:
    """An issue as the index would hold it, or None when it is no need filed with the form."""
    form = recognise(process, issue.body)
    if form is None or form.kind != NEED_KIND:
        return None
    named = issue.title.removeprefix(form.title).strip() or issue.title
    title = mask_personal_data(named, process.municipality.public_addresses)
    answers = parse(issue_form(process, form), issue.body).fields
    stage = current_stage(process, issue.labels)
    return IndexedNeed(
        id=issue.key,
        repository=issue.repository,
        number=issue.number,
        title=title,
        stage=stage.id if stage else None,
        state=issue.state,
        url=issue.html_url,
        terms=" ".join(need_terms(title, answers, fields)),
    )


def earlier_alike(
    process: Process, index: SimilarIndex, issue: Issue, recent: Iterable[Issue]
) -> list[Match]:
    """The earlier needs most like an issue: from the index and the `recent` issues of its
    repository (filed since the index was built). None when the issue is no need."""
    this = indexed_issue(process, issue, index.fields)
    if this is None:
        return []
    newer = [indexed_issue(process, i, index.fields) for i in recent if i.number != issue.number]
    known = {n.id for n in index.needs}
    needs = [*index.needs, *(n for n in newer if n is not None and n.id not in known)]
    repository = issue.repository.casefold()

    def earlier(other: IndexedNeed) -> bool:
        if other.repository.casefold() != repository:
            return True
        return other.number < issue.number

    settings = process.portfolio.similar
    return Ranker(needs).similar(
        this.terms.split(),
        limit=settings.suggestions,
        threshold=settings.threshold,
        keep=earlier,
    )
