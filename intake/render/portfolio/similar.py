"""Similar needs on the site: the published index (liknande.json), and the lists on pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from intake.domain.portfolio.build import NO_STAGE_NAME
from intake.domain.portfolio.schema import Need
from intake.domain.similar.index import SimilarIndex
from intake.domain.similar.rank import Match
from intake.domain.similar.suggest import undecided_stages
from intake.model.process import Process
from intake.render.markup.markdown import escape
from intake.render.markup.tables import html_table
from intake.render.markup.templates import Trusted
from intake.render.portfolio.pages import NEED_DIR, repository_folder

SIMILAR_FILE = "liknande.json"  # below the portfolio folder; the bot reads it from the site
PORTFOLIO_FOLDER = "portfolj/"  # where the site publishes the portfolio (see comment.py)
AGENDA_PAIRS = 20  # the agenda lists at most this many pairs of needs alike


def similar_index_url(site_url: str) -> str:
    """Where the site publishes the index of similar needs."""
    return site_url + PORTFOLIO_FOLDER + SIMILAR_FILE


def render_similar_index(index: SimilarIndex) -> str:
    """The index as compact JSON, fields in a fixed order: the same needs give the same bytes."""
    return index.model_dump_json() + "\n"


def _stage(process: Process, stage: str | None) -> str:
    return process.stage(stage).name if stage else NO_STAGE_NAME


def _page(repository: str, number: int, up: str) -> str:
    return f"{up}{NEED_DIR}/{repository_folder(repository)}/{number}/"


def _percent(likeness: float) -> str:
    return f"{round(likeness * 100)} %"


def similar_list(process: Process, matches: Sequence[Match]) -> Trusted:
    """A need's page: the needs most like it, each with its stage, as a Markdown list."""
    if not matches:
        return Trusted("")
    items = [
        f"- [{escape(m.need.title)}](../{repository_folder(m.need.repository)}/"
        f"{m.need.number}.md): {escape(_stage(process, m.need.stage))}, "
        f"{'öppet' if m.need.state == 'open' else 'stängt'}, likhet {_percent(m.likeness)}"
        for m in matches
    ]
    return Trusted(
        "## Liknande behov\n\n"
        "De här behoven liknar det här, efter orden i titeln och svaren. Gäller de samma sak "
        "markerar beredningsgruppen det senare som dubblett. "
        "[Så hittas liknande behov](../../../livscykeln/behov.md#finns-behovet-redan)\n\n"
        + "\n".join(items)
        + "\n\n"
    )


def likely_duplicates(
    process: Process, needs: Sequence[Need], found: Mapping[str, Sequence[Match]], up: str
) -> Trusted:
    """The agenda: open needs not yet decided on, beside the needs most like them, as a table."""
    early = undecided_stages(process)
    undecided = {n.id for n in needs if n.state == "open" and n.stage in early}
    seen: set[frozenset[str]] = set()
    rows: list[tuple[float, str, list[str]]] = []
    for need in needs:
        if need.id not in undecided:
            continue
        for match in found.get(need.id, ()):
            pair = frozenset((need.id, match.need.id))
            if pair in seen:
                continue
            seen.add(pair)
            cells = [
                f'<a href="{_page(need.repository, need.number, up)}">{escape(need.title)}</a>',
                escape(_stage(process, need.stage)),
                f'<a href="{_page(match.need.repository, match.need.number, up)}">'
                f"{escape(match.need.title)}</a>",
                escape(_stage(process, match.need.stage)),
                _percent(match.likeness),
            ]
            rows.append((match.likeness, need.id, cells))
    rows.sort(key=lambda row: (-row[0], row[1]))
    shown = [cells for _, _, cells in rows[:AGENDA_PAIRS]]
    if not shown:
        return Trusted("")
    heads = ["Behov", "Steg", "Liknar", "Dess steg", "Likhet"]
    return html_table(heads, shown, numeric={4})


def similar_lists(process: Process, found: Mapping[str, Sequence[Match]]) -> dict[str, Trusted]:
    """By need id, the list of needs most like it for its page."""
    return {need_id: similar_list(process, matches) for need_id, matches in found.items()}
