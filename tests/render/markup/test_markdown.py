"""Untrusted text stays text through the site's own Markdown extensions: no tag, link or include."""

from __future__ import annotations

import functools
import html
from html.parser import HTMLParser
from typing import Any

import markdown  # type: ignore[import-untyped,unused-ignore]  # no stubs in the lock
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.domain.text.text import clean
from intake.render.markup.markdown import escape, escape_block, plain, safe_url
from tests.paths import ROOT

ROOT = ROOT
BLOCK_ATTRS = [("class", "portfolj-text")]


@functools.cache
def site_extensions() -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The Markdown extensions of mkdocs.yml, snippets resolved from the repository root."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[Any] = []
    options: dict[str, dict[str, Any]] = {}
    for item in config["markdown_extensions"]:
        name, values = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        options[name] = dict(values)
    if "pymdownx.snippets" in options:
        # Resolved from the repository root, so that an include that slipped through would work.
        options["pymdownx.snippets"]["base_path"] = [str(ROOT / "docs" / "includes")]
    return names, options


def render(source: str) -> str:
    """Markdown to HTML with the site's extensions."""
    names, options = site_extensions()
    result: str = markdown.markdown(source, extensions=names, extension_configs=options)
    return result


class Page(HTMLParser):
    """The tags, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.inside: list[str] = []
        self.text_by_tag: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.inside:
            del self.inside[len(self.inside) - 1 - self.inside[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag in self.inside:
            self.text_by_tag[tag] = self.text_by_tag.get(tag, "") + data


def parse_html(html: str) -> Page:
    """Parse an HTML fragment."""
    page = Page()
    page.feed(html)
    page.close()
    return page


# Text an attacker would write: Markdown and HTML punctuation weighted heavily, any Unicode besides.
hostile = st.lists(
    st.one_of(
        st.sampled_from(list("<>&\"'`*_[](){}!#|:;=+-.@~^$%\\/?\n\r\t ")),
        st.sampled_from(["--8<--", "{{", "{%", "!!!", "*[", "[^", "javascript:", "&lt;", "&#"]),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
).map("".join)


def one_line(text: str) -> str:
    """What `escape` promises to show: the text on one line, whitespace collapsed."""
    return " ".join(clean(text).split())


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_inline_text_renders_as_exactly_that_text_and_nothing_else(text: str) -> None:
    page = parse_html(render("Titel " + escape(text, limit=10_000)))
    assert page.tags == [("p", [])]
    assert "".join(page.text).strip() == ("Titel " + one_line(text)).strip()


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_block_text_renders_as_exactly_that_text_in_our_one_block(text: str) -> None:
    page = parse_html(render("Före.\n\n" + escape_block(text) + "\n\nEfter."))
    assert page.tags == [("p", []), ("div", BLOCK_ATTRS), ("p", [])]
    lines = [line.rstrip() for line in clean(text).strip("\n").split("\n")]
    assert page.text_by_tag.get("div", "") == "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_a_table_cell_stays_one_cell(text: str) -> None:
    page = parse_html(render(f"| A | B |\n|---|---|\n| {escape(text) or '–'} | x |\n"))
    assert [tag for tag, _ in page.tags].count("td") == 2


@settings(max_examples=300, deadline=None)
@given(hostile)
def test_plain_text_holds_nothing_html_or_yaml_could_read(text: str) -> None:
    result = plain(text)
    assert all(c.isalnum() or c in " ,.-:!?()…" for c in result)
    assert yaml.safe_load(yaml.safe_dump({"title": result}))["title"] == result


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klick](javascript:alert(1))",
        "<javascript:alert(1)>",
        "![x](https://evil.example/a.png)",
        "{{ config }} {% include 'x' %}",
        '--8<-- "mkdocs.yml"',
        "*[HTML]: Hyper",
        "[^1]: fotnot",
        '!!! danger "x"',
        "{: onclick=alert(1) }",
        "| a | b |",
        "# Rubrik",
        "&lt;b&gt; &amp;",
        "1. lista",
        "- lista",
    ],
)
def test_known_attacks_show_as_their_own_text(attack: str) -> None:
    for source in (escape(attack), escape_block(attack)):
        page = parse_html(render(source))
        assert {tag for tag, _ in page.tags} <= {"p", "div"}
        assert "".join(page.text).strip() == attack


def test_long_text_is_cut_inline_but_kept_whole_in_a_block() -> None:
    text = "ord " * 200
    shown = html.unescape(escape(text, limit=20))
    assert shown.endswith("…")
    assert len(shown) <= 20
    assert escape_block(text).count("ord") == 200


def test_control_characters_and_lone_surrogates_are_removed_or_replaced() -> None:
    assert clean("a\x00b\x1bc\r\nd\re\ud800") == "abc\nd\ne\ufffd"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://github.com/o/r/issues/1", True),
        ("http://127.0.0.1:8080/o/r/issues/2", True),
        ("javascript:alert(1)", False),
        ("https://github.com/o/r/issues/1)", False),
        ('https://github.com/o/r"onmouseover=x', False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
    ],
)
def test_only_plain_http_urls_are_linked(url: str, safe: bool) -> None:
    assert (safe_url(url) == url) is safe
