"""The bot's one comment on a need, rendered from a Jinja2 template in plain Swedish."""

from __future__ import annotations

from collections.abc import Sequence

from intake.domain.need.findings import Finding, Verdict
from intake.domain.portfolio.build import NO_STAGE_NAME
from intake.domain.similar.rank import Match
from intake.model.forms import FormDef
from intake.model.process import NEED_KIND, Process
from intake.render.markup.markdown import safe_url
from intake.render.markup.templates import Trusted, render

MARKER = "<!-- intake:behov -->"


def page_url(site_url: str, page: str) -> Trusted:
    """The published address of a docs page given as `a/b.md`, `a/index.md` or `a/b/`.

    Trusted: the site's address comes from the process file, the page from the process or code.
    """
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    elif path and not path.endswith("/"):
        path += "/"
    return Trusted(site_url + path)


def _item(site_url: str, finding: Finding) -> dict[str, Trusted | str | None]:
    guide = page_url(site_url, finding.guide) if finding.guide else None
    return {"message": finding.message, "guide": guide}


def _similar(process: Process, match: Match) -> dict[str, Trusted | str | None]:
    known = {s.id: s.name for s in process.all_stages}
    stage = known.get(match.need.stage or "", NO_STAGE_NAME)
    state = "öppet" if match.need.state == "open" else "stängt"
    return {
        "title": match.need.title,
        "where": f"{stage}, {state}",
        "url": Trusted(url) if (url := safe_url(match.need.url)) else None,
    }


def render_comment(
    process: Process,
    form: FormDef,
    verdict: Verdict,
    need: int | None = None,
    similar: Sequence[Match] = (),
) -> str:
    """The bot's comment for a verdict: a receipt with the next steps, or what to complete.

    `need`: the number of the need a complete canvas or follow-up was linked to. `similar`:
    earlier needs that look alike, named with their stage and a link.
    """
    site = process.municipality.site_url
    first = process.first_stage
    following = [process.stage(s) for s in process.targets(first.id)]
    next_stage = next((s for s in following if s in process.stages), None)
    return render(
        "comment.md.j2",
        marker=Trusted(MARKER),
        is_need=form.kind == NEED_KIND,
        form_name=form.name,
        need=need,
        ok=verdict.ok,
        errors=[_item(site, f) for f in verdict.errors],
        hints=[_item(site, f) for f in verdict.hints],
        first_stage={"name": first.name, "label": first.label, "url": page_url(site, first.page)},
        next_stage=(
            {
                "name": next_stage.name,
                "summary": next_stage.summary,
                "url": page_url(site, next_stage.page),
            }
            if next_stage
            else None
        ),
        council=process.council.name,
        status_label=process.status_incomplete.label,
        lifecycle_url=page_url(site, "livscykeln/index.md"),
        portfolio_url=page_url(site, "portfolj/index.md"),
        similar=[_similar(process, m) for m in similar],
        similar_url=Trusted(page_url(site, "livscykeln/behov.md") + "#finns-behovet-redan"),
    )
