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
from intake.render.markup.templates import Trusted
from intake.render.portfolio.pages import NEED_DIR, repository_folder

SIMILAR_FILE = "liknande.json"  # below the portfolio folder; the bot reads it from the site
PORTFOLIO_FOLDER = "portfolj/"  # where the site publishes the portfolio (see comment.py)
AGENDA_PAIRS = 3  # the agenda lists the most alike pairs only: it is printed for each meeting


def similar_index_url(site_url: str) -> str:
    """Where the site publishes the index of similar needs."""
    return site_url + PORTFOLIO_FOLDER + SIMILAR_FILE


def render_similar_index(index: SimilarIndex) -> str:
    """The index as compact JSON, fields in a fixed order: the same needs give the same bytes."""
    return index.model_dump_json() + "\n"


def _stage(process: Process, stage: str | None) -> str:
    return process.stage(stage).name if stage else NO_STAGE_NAME


def _percent(likeness: float) -> str:
    return f"{round(likeness * 100)} %"


def likely_duplicates(
    process: Process, needs: Sequence[Need], found: Mapping[str, Sequence[Match]], up: str
) -> Trusted:
    """The agenda: open needs not yet decided on, each beside the need most like it, as a
    Markdown list (short: the agenda is printed for each meeting). `up`: to the portfolio."""
    early = undecided_stages(process)
    seen: set[frozenset[str]] = set()
    pairs: list[tuple[float, str, str]] = []
    for need in needs:
        if need.state != "open" or need.stage not in early:
            continue
        for match in found.get(need.id, ()):
            pair = frozenset((need.id, match.need.id))
            if pair in seen:
                continue
            seen.add(pair)
            line = (
                f"- {_link(need.title, need.repository, need.number, up)} "
                f"({escape(_stage(process, need.stage))}) liknar "
                f"{_link(match.need.title, match.need.repository, match.need.number, up)} "
                f"({escape(_stage(process, match.need.stage))}): likhet {_percent(match.likeness)}"
            )
            pairs.append((match.likeness, need.id, line))
    pairs.sort(key=lambda pair: (-pair[0], pair[1]))
    return Trusted("\n".join(line for _, _, line in pairs[:AGENDA_PAIRS]))


def _link(title: str, repository: str, number: int, up: str) -> str:
    # Raw HTML: a need's page is written after the build, so MkDocs cannot check a Markdown link.
    return f'<a href="{up}{NEED_DIR}/{repository_folder(repository)}/{number}/">{escape(title)}</a>'
