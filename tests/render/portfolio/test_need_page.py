"""A need's page without a Markdown pass: its HTML, its sections and the shell it is put in.

The shell here is a small page in the shape both builders give the placeholder (a table of
contents with a nested item, the toc extension's headings); tests/site/test_need_pages.py does
the same with the real builds.
"""

from __future__ import annotations

import gzip
import html
import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from intake.adapters.files import rewrite_gzip
from intake.adapters.rest import issue_from_rest
from intake.adapters.snapshot import read_snapshots
from intake.domain.portfolio.build import build_portfolio
from intake.model.load import load_process
from intake.model.process import Process
from intake.render.markup.tables import html_table
from intake.render.portfolio.late_tables import (
    LONG,
    built_page,
    dump_tables,
    load_tables,
    put_back_tables,
    set_aside_tables,
)
from intake.render.portfolio.need_page import (
    BODY_MARK,
    CHILD_MARK,
    DESCRIPTION_MARK,
    LEAF_MARK,
    PARENT_MARK,
    PERMALINK_TITLE,
    TITLE_MARK,
    NeedPage,
    dump_need_pages,
    heading,
    load_need_pages,
    render_need_page,
    render_placeholder,
    slugify,
)
from intake.render.portfolio.shell import Shell, ShellError
from intake.render.portfolio.site_index import (
    MATERIAL_INDEX,
    ZENSICAL_INDEX,
    with_need_entries,
    with_need_urls,
)
from intake.usecases.portfolio import make_portfolio
from tests.paths import REPOSITORY, ROOT, SAMPLES

UPDATED = date(2026, 11, 20)
HOSTILE = "<script>alert(1)</script> **fet** [länk](javascript:x) \\* @@intake-behovssida-titel@@"
PLACEHOLDER = "portfolj/behov/digitaliseringsprocessen/0/"


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


@pytest.fixture(scope="module")
def pages(process: Process) -> list[NeedPage]:
    issues = read_snapshots([SAMPLES], process.municipality.repository)
    _, files = make_portfolio(process, issues, None, UPDATED)
    return load_need_pages(files["behovssidor.jsonl"].decode("utf-8"))


def _hostile(process: Process) -> NeedPage:
    data = {
        "number": 7,
        "title": f"Behov: {HOSTILE}",
        "body": f"### Vilket behov eller problem vill du lösa?\n\n{HOSTILE}",
        "state": "open",
        "labels": [{"name": "steg: bereda"}],
        "user": {"login": "anna-exempel"},
        "created_at": "2026-09-01T08:00:00Z",
        "updated_at": "2026-09-01T08:00:00Z",
        "html_url": f"https://github.com/{REPOSITORY}/issues/7",
    }
    portfolio = build_portfolio(process, [issue_from_rest(data, REPOSITORY)], UPDATED)
    return render_need_page(process, portfolio, portfolio.needs[0])


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self.found.append((int(tag[1]), dict(attrs)["id"] or ""))


def test_the_sections_are_the_headings_of_the_page(pages: list[NeedPage]) -> None:
    assert len(pages) > 30
    for page in pages:
        parser = _Headings()
        parser.feed(page.html)
        assert parser.found == [(s.level, s.anchor) for s in page.sections], page.path
        assert page.sections[0].level == 1


def test_headings_look_as_the_toc_extension_writes_them(pages: list[NeedPage]) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    toc = next(
        e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e
    )
    assert toc["permalink_title"] == PERMALINK_TITLE
    assert toc["permalink"] is True
    page = next(p for p in pages if p.path == "behov/digitaliseringsprocessen/10/")
    assert '<h2 id="svar">Svar<a class="headerlink" href="#svar" title="' in page.html
    assert (
        page.sections[0].anchor == "behov-10-vardnadshavare-ska-kunna-soka-forskoleplats-pa-natet"
    )


def test_slugs_match_python_markdown() -> None:
    from markdown.extensions.toc import slugify as markdown_slugify  # type: ignore[import-untyped]

    for text in [
        "Behov 3: Kortare handläggningstid",
        "Ändrat av någon annan",
        " -a--b_c- ",
        HOSTILE,
    ]:
        assert slugify(text) == markdown_slugify(text, "-")


def test_hostile_text_is_escaped_and_no_backslash_appears(process: Process) -> None:
    page = _hostile(process)
    assert "<script" not in page.html
    assert "<strong>fet" not in page.html
    assert 'href="javascript' not in page.html
    assert "\\" not in html.unescape(page.html).replace(HOSTILE, "")  # only the need's own
    assert "**fet**" in html.unescape(page.html)
    assert HOSTILE in page.sections[0].title


def test_the_search_words_come_from_the_data(pages: list[NeedPage]) -> None:
    page = next(p for p in pages if p.path == "behov/digitaliseringsprocessen/10/")
    answers = next(s for s in page.sections if s.anchor == "svar")
    assert "receptionen" in answers.text
    assert "<" not in answers.text  # plain text: the index escapes it
    assert page.sections[0].text.startswith("Steg: Avslagen.")


def test_the_pages_file_round_trips_byte_for_byte(pages: list[NeedPage]) -> None:
    text = dump_need_pages(pages)
    assert dump_need_pages(load_need_pages(text)) == text
    with pytest.raises(ValueError, match="rad 1"):
        load_need_pages('{"path": 1}\n')


def test_the_placeholder_carries_every_marker() -> None:
    text = render_placeholder(UPDATED)
    for mark in (TITLE_MARK, DESCRIPTION_MARK, BODY_MARK, PARENT_MARK, CHILD_MARK, LEAF_MARK):
        assert mark in text
    assert slugify(TITLE_MARK) == TITLE_MARK
    assert "skapad: 2026-11-20" in text


# --- the shell -------------------------------------------------------------------------------


def _item(mark: str, children: str = "") -> str:
    nested = f'<nav aria-label="{mark}"><ul>{children}</ul></nav>' if children else ""
    return f'<li class="md-nav__item"><a href="#{mark}"><span>{mark}</span></a>{nested}</li>'


def shell_html() -> str:
    """A built placeholder page in the shape Material and Zensical give it."""
    toc = _item(PARENT_MARK, _item(CHILD_MARK)) + "\n" + _item(LEAF_MARK)
    return (
        f"<html><head><title>{TITLE_MARK} - Webbplatsen</title>"
        f'<meta name="description" content="{DESCRIPTION_MARK}">'
        f'<link rel="canonical" href="https://example.org/{PLACEHOLDER}"></head><body>'
        f'<a href="#{TITLE_MARK}" class="md-skip">Gå till innehållet</a>'
        f'<span class="md-ellipsis">{TITLE_MARK}</span>'
        f'<ul data-md-component="toc">{toc}</ul><article>'
        f"{heading(1, TITLE_MARK, TITLE_MARK)}\n<p>{BODY_MARK}</p>\n"
        f"{heading(2, PARENT_MARK, PARENT_MARK)}\n{heading(3, CHILD_MARK, CHILD_MARK)}\n"
        f"{heading(2, LEAF_MARK, LEAF_MARK)}\n<aside>Sidan skapades</aside></article>"
        '<a href="../../../../">Start</a></body></html>'
    )


def test_the_shell_is_filled_with_the_need(pages: list[NeedPage]) -> None:
    page = next(p for p in pages if p.path == "behov/digitaliseringsprocessen/3/")
    built = Shell.from_html(shell_html(), PLACEHOLDER).page(page, "portfolj/")
    assert "intake-behovssida" not in built
    assert f"<title>{html.escape(page.title)} - Webbplatsen</title>" in built
    assert f'content="{html.escape(page.description)}"' in built
    assert 'href="https://example.org/portfolj/behov/digitaliseringsprocessen/3/"' in built
    assert f'href="#{page.sections[0].anchor}" class="md-skip"' in built
    assert page.html in built
    assert "<aside>Sidan skapades</aside>" in built
    assert '<a href="../../../../">Start</a>' in built
    # The table of contents: every h2, and the h3s nested below theirs.
    for section in page.sections[1:]:
        assert f'<a href="#{section.anchor}"><span>{html.escape(section.title)}</span>' in built
    history = built.index('<a href="#historik">')
    assert built.index('<nav aria-label="Historik">') > history
    assert built.index('<a href="#vem-flyttade-behovet">') > history


def test_a_need_that_writes_the_markers_is_not_filled_again(process: Process) -> None:
    page = _hostile(process)
    built = Shell.from_html(shell_html(), PLACEHOLDER).page(page, "portfolj/")
    # The need's own text keeps the marker's words, as written: nothing was put in its place.
    assert page.html in built
    assert f"<title>{html.escape(page.title)} - Webbplatsen</title>" in built
    assert "intake-behovssida-titel" in page.title
    assert "<script" not in built


@pytest.mark.parametrize(
    "broken",
    [TITLE_MARK, DESCRIPTION_MARK, BODY_MARK, CHILD_MARK, PERMALINK_TITLE, 'href="#'],
)
def test_a_shell_without_a_marker_is_refused_in_one_line(broken: str) -> None:
    with pytest.raises(ShellError) as error:
        Shell.from_html(shell_html().replace(broken, "x"), PLACEHOLDER)
    assert "\n" not in str(error.value)


# --- search index and sitemap --------------------------------------------------------------------


def test_material_entries_have_its_shape(pages: list[NeedPage]) -> None:
    index = {
        "config": {"lang": ["sv"]},
        "docs": [
            {"location": "", "title": "Start", "text": "å"},
            {"location": PLACEHOLDER, "title": TITLE_MARK, "text": BODY_MARK},
            {"location": PLACEHOLDER + "#x", "title": "x", "text": ""},
            {"location": "roller/", "title": "Roller", "text": ""},
        ],
    }
    text = with_need_entries(MATERIAL_INDEX, json.dumps(index), pages, "portfolj/", PLACEHOLDER)
    assert text.isascii()  # as the search plugin writes it
    docs = json.loads(text)["docs"]
    assert docs[0]["location"] == ""
    assert docs[-1]["location"] == "roller/"
    assert not [d for d in docs if d["location"].startswith(PLACEHOLDER)]
    assert sum(len(p.sections) for p in pages) == len(docs) - 2
    assert {"location": "portfolj/behov/digitaliseringsprocessen/10/#svar"}.items() <= next(
        d for d in docs if d["location"].endswith("/10/#svar")
    ).items()
    assert all(set(d) == {"location", "title", "text"} for d in docs)


def test_zensical_entries_have_its_shape(pages: list[NeedPage]) -> None:
    placeholder = {"location": PLACEHOLDER, "level": 1, "title": TITLE_MARK, "text": BODY_MARK}
    index = {"config": {}, "items": [placeholder | {"path": [TITLE_MARK], "tags": []}]}
    text = with_need_entries(ZENSICAL_INDEX, json.dumps(index), pages, "portfolj/", PLACEHOLDER)
    items = json.loads(text)["items"]
    first = items[0]
    assert first["level"] == 1
    assert first["path"] == [pages[0].title]
    assert {i["level"] for i in items} == {1, 2, 3}


def test_an_index_without_the_placeholder_is_refused(pages: list[NeedPage]) -> None:
    with pytest.raises(ShellError, match="platshållaren"):
        with_need_entries(MATERIAL_INDEX, '{"docs": []}', pages, "portfolj/", PLACEHOLDER)
    for broken in ("", "[]", '{"items": []}', '{"docs": [1]}'):
        with pytest.raises(ShellError, match="går inte att läsa"):
            with_need_entries(MATERIAL_INDEX, broken, pages, "portfolj/", PLACEHOLDER)


def test_the_sitemap_gets_one_url_per_need_shaped_like_the_placeholder(
    pages: list[NeedPage], tmp_path: Path
) -> None:
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n'
        "    <url>\n         <loc>https://example.org/</loc>\n         <lastmod>2026-12-06"
        "</lastmod>\n    </url>\n"
        f"    <url>\n         <loc>https://example.org/{PLACEHOLDER}</loc>\n         <lastmod>"
        "2026-12-06</lastmod>\n    </url>\n</urlset>\n"
    )
    text = with_need_urls(sitemap, pages, "portfolj/", PLACEHOLDER)
    assert PLACEHOLDER not in text
    assert text.count("<lastmod>2026-12-06</lastmod>") == len(pages) + 1
    assert "<loc>https://example.org/portfolj/behov/digitaliseringsprocessen/10/</loc>" in text
    gz = tmp_path / "sitemap.xml.gz"
    gz.write_bytes(gzip.compress(b"old", mtime=1_700_000_000))
    rewrite_gzip(gz, text.encode())
    first = gz.read_bytes()
    rewrite_gzip(gz, text.encode())
    assert gz.read_bytes() == first
    assert gzip.decompress(first) == text.encode()
    assert int.from_bytes(first[4:8], "little") == 1_700_000_000


# --- long tables, put in after the build ----------------------------------------------------------


def _long_page(rows: int) -> str:
    cells = [
        [f"<a href='../behov/x/{n}/'>{n}</a>", f"Titel {n} &#60;script&#62;"] for n in range(rows)
    ]
    table = html_table(["Nr", "Titel"], cells, numeric=set())
    short = html_table(["Nr", "Titel"], cells[:3], numeric=set())
    return f"---\ntitle: Sida\n---\n\n# Sida\n\n{short}\n\n## Alla\n\n{table}\n\nSlut.\n"


def test_a_long_table_is_set_aside_and_put_back_whole() -> None:
    page = _long_page(LONG + 1)
    pages, tables = set_aside_tables({"grupp/a/index.md": page, "index.md": _long_page(3)})
    assert pages["index.md"] == _long_page(3)  # a page with few rows is built as before
    short, table = tables["grupp/a/index.md"]  # every table of a long page is set aside
    assert table.count('<tr role="row">') == LONG + 2
    assert short.count('<tr role="row">') == 4
    kept = pages["grupp/a/index.md"]
    assert "Titel" not in kept
    assert "## Alla" in kept
    built = "<article>" + kept.split("---\n", 2)[2] + "</article>"
    back = put_back_tables(built, "grupp/a/index.md", tables["grupp/a/index.md"])
    assert back == "<article>" + page.split("---\n", 2)[2] + "</article>"
    assert load_tables(dump_tables(tables)) == tables
    assert built_page("grupp/a/index.md") == "grupp/a/index.html"


def test_a_built_page_without_the_table_s_place_is_refused() -> None:
    _, tables = set_aside_tables({"index.md": _long_page(LONG + 1)})
    with pytest.raises(ValueError, match="tabell 1"):
        put_back_tables("<article></article>", "index.md", tables["index.md"])
