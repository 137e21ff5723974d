"""The one Jinja environment: every printed value escaped unless it is `Trusted`, never None.

Templates make Markdown for two readers. Pages (the portfolio) print values as they are and
`finalize` escapes each for Markdown and HTML at once; GitHub comments pass each value through the
`md` filter, which escapes for GitHub's Markdown (no pings, links or HTML) and marks it trusted.
"""

from __future__ import annotations

from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined

from intake.render.markup.markdown import escape, escape_markdown


class Trusted(str):
    """Markdown made here from fixed text and escaped values; templates print it as it is."""

    __slots__ = ()


def _finalize(value: object) -> object:
    """Escape every value a template prints, unless it is Markdown made here (`Trusted`)."""
    if isinstance(value, Trusted):
        return value
    if value is None:
        raise TypeError("a template printed None; say what to show instead")
    if isinstance(value, date):
        return value.isoformat()
    return escape(str(value))


def _md(value: object) -> Trusted:
    return Trusted(escape_markdown(value))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("intake.render", "templates"),
        undefined=StrictUndefined,
        # Markdown, not HTML: `_finalize` (pages) and `md` (comments) escape every value.
        autoescape=False,  # noqa: S701
        auto_reload=False,  # the templates are part of the package: no stat() per render
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters["md"] = _md
    return env


ENV = _environment()


def render(template: str, **context: object) -> str:
    """Render one of the templates in intake/render/templates/."""
    return ENV.get_template(template).render(**context)
