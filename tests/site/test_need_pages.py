"""The needs' pages in the real builds: written into the site after MkDocs and Zensical built the
placeholder, found by search, listed in the sitemap, the same bytes every time."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from intake.cli.main import main
from intake.render.markup.tables import html_table
from intake.render.portfolio.late_tables import LATE_TABLES, LONG, dump_tables, set_aside_tables
from tests.paths import ROOT
from tests.site.build import build, copy_project
from tests.site.test_browser import (  # noqa: F401 (fixtures)
    VIEWPORTS,
    Site,
    _context,
    browser,
    playwright,
    site,
)

pytestmark = pytest.mark.slow

NEED = "portfolj/behov/digitaliseringsprocessen/10/"
TITLE = "Behov 10: Vårdnadshavare ska kunna söka förskoleplats på nätet"
PLACEHOLDER = "portfolj/behov/digitaliseringsprocessen/0/"
MARK = "intake-behovssida"
SITE_URL = "https://exempelkommun.github.io/digitaliseringsprocessen/"
WORD = "receptionen"  # in need 10's answers only, not in its title
INDEXES = {"mkdocs": ("search/search_index.json", "docs"), "zensical": ("search.json", "items")}


@pytest.fixture(params=["mkdocs", "zensical"])
def tool(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def built(tool: str, built_sites: dict[str, Path]) -> Path:
    return built_sites[tool]


def _entries(folder: Path, tool: str) -> list[dict[str, object]]:
    path, key = INDEXES[tool]
    text = (folder / path).read_text(encoding="utf-8")
    entries: list[dict[str, object]] = json.loads(text)[key]
    return entries


def test_a_need_page_has_its_title_content_and_address(built: Path) -> None:
    page = (built / NEED / "index.html").read_text(encoding="utf-8")
    assert f"<title>{TITLE} - Digitaliseringsprocessen</title>" in page
    assert 'content="Behov 10 i portföljen. Steg: Avslagen."' in page
    assert f'<link rel="canonical" href="{SITE_URL}{NEED}">' in page
    assert '<h1 id="behov-10-vardnadshavare-ska-kunna-soka-forskoleplats-pa-natet">' in page
    assert WORD in page
    assert 'href="../../../../assets/' in page  # the theme's files, from the shell's depth
    assert '<a href="#svar" class="md-nav__link">' in page  # the table of contents
    assert "Sidan skapades" in page


def test_no_marker_and_no_placeholder_is_left(tool: str, built: Path) -> None:
    assert not (built / PLACEHOLDER).exists()
    for path in built.rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert MARK not in text, path
            assert PLACEHOLDER not in text, path
    assert not [e for e in _entries(built, tool) if PLACEHOLDER in str(e["location"])]


def test_the_search_index_holds_each_need_and_its_sections(tool: str, built: Path) -> None:
    entries = {str(e["location"]): e for e in _entries(built, tool)}
    assert entries[NEED]["title"] == TITLE
    assert WORD in str(entries[NEED + "#svar"]["text"])
    assert entries[NEED + "#vem-flyttade-behovet"]["title"] == "Vem flyttade behovet"
    needs = {loc.split("#")[0] for loc in entries if loc.startswith("portfolj/behov/")}
    pages = {
        p.parent.relative_to(built).as_posix() + "/"
        for p in (built / "portfolj" / "behov").glob("*/*/index.html")
    }
    assert needs == pages
    assert len(needs) == _count(built)


def test_the_sitemap_lists_every_need(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://exempelkommun.github.io/digitaliseringsprocessen/{NEED}</loc>" in sitemap
    assert sitemap.count("portfolj/behov/") == _count(built)
    compressed = built / "sitemap.xml.gz"
    if compressed.exists():  # MkDocs writes one, Zensical does not
        assert gzip.decompress(compressed.read_bytes()).decode("utf-8") == sitemap


def _count(built: Path) -> int:
    """How many needs the portfolio made pages for (the project's own need-page file)."""
    made = built.parent / "docs" / "portfolj" / "behovssidor.jsonl"
    count = len(made.read_text(encoding="utf-8").splitlines())
    assert count > 30
    return count


def _outputs(folder: Path, tool: str) -> dict[str, bytes]:
    files = [p for p in (folder / "portfolj" / "behov").rglob("*") if p.is_file()]
    files += [folder / INDEXES[tool][0], folder / "sitemap.xml"]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_a_second_build_writes_the_same_bytes(tool: str, built: Path, tmp_path: Path) -> None:
    again, _ = build(copy_project(tmp_path), tool)
    assert _outputs(again, tool) == _outputs(built, tool)


# --- the step's errors ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The sample portfolio written, nothing built."""
    return copy_project(tmp_path)


def _step(project: Path, folder: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    docs, out = project / "docs", project / "docs" / "portfolj"
    code = main(
        ["--root", str(ROOT), "portfolio-pages", str(project / folder), "--docs", str(docs),
         "--out", str(out)],
        env={},
    )  # fmt: skip
    return code, capsys.readouterr().err


@pytest.mark.parametrize("folder", ["site", "nowhere"])  # empty, missing
def test_without_the_built_placeholder_the_step_says_so_in_one_line(
    project: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "site").mkdir()
    code, err = _step(project, folder, capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert "platshållarsidan saknas" in err


def test_without_the_portfolio_the_step_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "portfolj" / "behovssidor.jsonl").unlink()
    code, err = _step(project, "site", capsys)
    assert code == 2
    assert "behovssidor.jsonl: filen finns inte" in err


def test_a_shell_built_from_another_page_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shell = project / "site" / PLACEHOLDER / "index.html"
    shell.parent.mkdir(parents=True)
    shell.write_text("<html><title>Något annat</title></html>", encoding="utf-8")
    code, err = _step(project, "site", capsys)
    assert code == 2
    assert "skalet saknar markören" in err
    assert shell.exists()  # nothing written, nothing removed


# --- in the browser ------------------------------------------------------------------------------


# Where each builder's search takes the words and shows the hits: Material's form in the page,
# Zensical's dialog (its button opens it; its results are options).
SEARCH = {
    "mkdocs": (".md-search__input", ".md-search__input", ".md-search-result__item a"),
    "zensical": (".md-search__button", "input[role=combobox]", "a[role=option]"),
}


@pytest.mark.browser
def test_search_finds_a_need_by_a_word_in_its_answers(site: Site, browser: object) -> None:  # noqa: F811
    opener, field, hit = SEARCH[site.tool]
    requests: list[str] = []
    context = _context(browser, VIEWPORTS[0], requests)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(site.url, wait_until="load")
    page.locator(opener).click()
    # Both searches react to key events: typing, not fill(), triggers them
    page.locator(field).press_sequentially(WORD, delay=40)
    first = page.locator(hit).first
    first.wait_for(timeout=10_000)
    href = first.get_attribute("href") or ""
    context.close()
    assert NEED in href


def test_a_long_table_is_put_back_whole_into_each_built_page(tool: str, project: Path) -> None:
    """A page of more than LONG needs, as a 5,000-need portfolio has: built without its table,
    which the step then puts in."""
    cells = [[f"{n}", f"Behov nummer {n} om bygglov"] for n in range(LONG + 5)]
    table = html_table(["Nr", "Titel"], cells, numeric={0})
    front = "---\ntitle: Lång\ndescription: Lång tabell.\nskapad: 2026-11-20\n---\n"
    page = f"{front}\n# Lång\n\n{table}\n"
    pages, tables = set_aside_tables({"grupp/lang/index.md": page})
    portfolio = project / "docs" / "portfolj"
    (portfolio / "grupp" / "lang").mkdir(parents=True)
    (portfolio / "grupp" / "lang" / "index.md").write_text(pages["grupp/lang/index.md"], "utf-8")
    (portfolio / LATE_TABLES).write_text(dump_tables(tables), encoding="utf-8")
    built, _ = build(project, tool)
    html = (built / "portfolj" / "grupp" / "lang" / "index.html").read_text(encoding="utf-8")
    assert table in html
    assert "portfolj-tabellplats" not in html
    entries = [e for e in _entries(built, tool) if "grupp/lang/" in str(e["location"])]
    assert entries  # the page itself is found; its rows through each need's page
    assert not [e for e in entries if "Behov nummer" in str(e["text"])]
