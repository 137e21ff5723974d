"""The bot's comment on a need that links one of its projektcanvases or nyttouppföljningar."""

from __future__ import annotations

from intake.domain.lifecycle.expected import link_marker
from intake.domain.lifecycle.issue import Issue
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.render.bot.comment import page_url
from intake.render.markup.templates import Trusted, render


def link_comment(process: Process, form: FormDef, issue: Issue) -> str:
    """The comment on the need: which form was filled in, where it is, and where it shows."""
    return render(
        "link_comment.md.j2",
        marker=Trusted(link_marker(form.id, issue.number)),
        form_name=form.name,
        number=issue.number,
        url=Trusted(issue.html_url),
        portfolio_url=page_url(process.municipality.site_url, "portfolj/index.md"),
    )
