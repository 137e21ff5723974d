"""The bot's one comment on a need, rendered from a Jinja2 template in plain Swedish."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined

from intake.domain.personnummer import redact
from intake.model.process import Process
from intake.domain.validate import Finding, Verdict

MARKER = "<!-- intake:behov -->"

# Characters with a Markdown meaning inline; a backslash makes each one literal text.
_MARKDOWN = re.compile(r"([\\`*_\[\]()!|~{}])")
# GitHub links these inside plain text after Markdown: @mentions, #123 references, bare URLs.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_REFERENCE = re.compile(r"#(?=[0-9])")
_URL = re.compile(r"(?i)://|(?<![a-z0-9])www\.")
_ZWSP = "&#8203;"  # a zero-width space, written as an entity so it survives any editor


def escape_markdown(text: object) -> str:
    """Untrusted text as inert one-line Markdown: no HTML, links, pings or personnummer."""
    flat = " ".join(redact(str(text)).split())
    flat = _MARKDOWN.sub(r"\\\1", flat)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MENTION.sub("@" + _ZWSP, flat)
    flat = _REFERENCE.sub("#" + _ZWSP, flat)
    return _URL.sub(lambda m: m.group().replace(":", ":" + _ZWSP).replace(".", _ZWSP + "."), flat)


def page_url(site_url: str, page: str) -> str:
    """The published address of a docs page given as `a/b.md`, `a/index.md` or `a/b/`."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    elif path and not path.endswith("/"):
        path += "/"
    return site_url + path


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("intake.render", "templates"),
        undefined=StrictUndefined,
        # Markdown, not HTML: every value is escaped one by one with the `md` filter instead.
        autoescape=False,  # noqa: S701
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    return env


_ENV = _environment()


def _item(site_url: str, finding: Finding) -> dict[str, str | None]:
    guide = page_url(site_url, finding.guide) if finding.guide else None
    return {"message": finding.message, "guide": guide}


def render_comment(process: Process, verdict: Verdict) -> str:
    """The bot's comment for a verdict: a receipt with the next steps, or what to complete."""
    site = process.municipality.site_url
    first = process.first_stage
    following = [process.stage(s) for s in process.transitions.get(first.id, [])]
    next_stage = next((s for s in following if s in process.stages), None)
    return _ENV.get_template("comment.md.j2").render(
        marker=MARKER,
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
        site_url=site,
        lifecycle_url=page_url(site, "livscykeln/index.md"),
        portfolio_url=page_url(site, "portfolj/index.md"),
    )
