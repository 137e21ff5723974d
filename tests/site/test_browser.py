"""The built site in Debian's Chromium: every page loads, stays local, passes axe, and search works.

Pages made from one template (the needs' own, the units', the förvaltningar's) are checked as a
set that shows every part such a page can have (pages_to_check).

Needs /usr/bin/chromium and node_modules/axe-core (both installed by scripts/browser-deps).
"""

from __future__ import annotations

import re
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from check_accessibility import AXE, FLAGS, SEARCH_INDEXES  # noqa: E402  (a script)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
AXE_RUN = """() => axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  resultTypes: ['violations']
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)
})))"""
# Whatever scrolls sideways: the page itself, or a box inside its article.
OVERFLOW = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push('the page');
  const boxes = 'article :is(.md-typeset__scrollwrap, .md-typeset__table, pre, table, figure, dl)';
  for (const box of document.querySelectorAll(boxes)) {
    const style = getComputedStyle(box);
    if (['auto', 'scroll'].includes(style.overflowX) && box.scrollWidth > box.clientWidth + 1) {
      found.push(box.tagName.toLowerCase() + '.' + box.className);
    }
  }
  return found;
}"""
# Words split across lines inside a table cell ("Poä / ng"), in cells a reader can see. A break
# at a hyphen is a break between words, so hyphens separate the words here.
SPLIT_WORDS = """() => {
  const found = [];
  const range = document.createRange();
  const shown = (cell) => {
    for (let box = cell; box && box.tagName !== 'ARTICLE'; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath !== 'none') {
        return false;
      }
    }
    return true;
  };
  for (const cell of document.querySelectorAll('article :is(td, th)')) {
    if (!shown(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.textContent.matchAll(/[^\\s\\-\\u2010]+/g)) {
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
          .map(r => Math.round(r.top)));
        if (lines.size > 1) found.push(word[0]);
      }
    }
  }
  return found;
}"""
# A table, or a box of a table, whose content is wider than the box: it scrolls (or is cut off)
# inside the page, whatever its overflow style says.
TABLE_SCROLLS = """() => {
  const found = [];
  const boxes = 'article :is(.md-typeset__scrollwrap, .md-typeset__table, table, thead, tbody, tr)';
  for (const box of document.querySelectorAll(boxes)) {
    if (box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1) {
      found.push(`${box.tagName.toLowerCase()}.${box.className}: ${box.scrollWidth}>${box.clientWidth}`);
    }
  }
  return found;
}"""
CHECK = (
    f"() => ({AXE_RUN})().then(found => "
    f"[found, ({OVERFLOW})(), ({SPLIT_WORDS})(), ({TABLE_SCROLLS})()])"
)
ARTIFACTS = ROOT / "test-artifacts"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool


VIEWPORTS = [Viewport("desktop", 1280, 800, False), Viewport("mobile", 390, 844, True)]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _NoSearchIndexHandler(_QuietHandler):
    """Leaves the search index out: every page load would build it again in a worker."""

    def do_GET(self) -> None:
        if self.path.endswith(SEARCH_INDEXES):
            self.send_error(404)
        else:
            super().do_GET()




@dataclass(frozen=True)
class Site:
    tool: str
    url: str
    pages: list[str]  # paths below the site root, like "roller/"
    folder: Path


def _serve(folder: Path, handler: type[_QuietHandler] = _QuietHandler) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


def _built(tool: str, built: Path) -> Iterator[Site]:
    # A need's first address is a redirect, not a page: test_old_need_addresses_lead_on checks it.
    pages = sorted(
        p.parent.relative_to(built).as_posix() + "/" if p.parent != built else ""
        for p in built.rglob("index.html")
        if not _is_redirect(p)
    )
    for url in _serve(built):
        yield Site(tool=tool, url=url, pages=pages, folder=built)


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request: pytest.FixtureRequest, built_sites: dict[str, Path]) -> Iterator[Site]:
    yield from _built(request.param, built_sites[request.param])


@pytest.fixture(scope="module")
def material(built_sites: dict[str, Path]) -> Iterator[Site]:
    """Material's build alone: Zensical's search has no Swedish stemming (see docs/underhall.md)."""
    yield from _built("mkdocs", built_sites["mkdocs"])


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "run scripts/browser-deps to install Debian's Chromium"
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
    yield browser
    browser.close()


def _context(browser: Browser, viewport: Viewport, requests: list[str]) -> BrowserContext:
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        locale="sv-SE",
        service_workers="block",
    )
    context.on("request", lambda r: requests.append(r.url))
    return context


# Pages made from one template, each a family: the needs' own pages (one shell, intake
# portfolio-pages), and the pages per unit and per förvaltning, whose tables hold a part of the
# overview's rows in its columns.
FAMILIES = (
    re.compile(r"portfolj/behov/[^/]+/[0-9]+/"),
    re.compile(r"portfolj/grupp/[^/]+/"),
    re.compile(r"portfolj/forvaltning/[^/]+/"),
)
TAG = re.compile(r"<([a-z][a-z0-9]*)([^>]*)>")
ATTRIBUTE = re.compile(r'\b(id|class)="([^"]*)"')
DIGITS = re.compile(r"[0-9]+")


def _shapes(html: str) -> set[str]:
    """What a need page is made of: each tag of its article with its id or classes.

    Ids that name the need (the title's, a form's issue number) are shapes only by their kind.
    """
    article = html[html.find("<article") : html.find("</article>")]
    shapes = set()
    for tag, attributes in TAG.findall(article):
        shapes.add(tag)
        for kind, value in ATTRIBUTE.findall(attributes):
            if kind == "class":
                shapes.add(f"{tag}.{value}")
            elif tag != "h1":
                shapes.add(f"{tag}#{DIGITS.sub('0', value)}")
    return shapes


def _family(path: str) -> int | None:
    return next((i for i, family in enumerate(FAMILIES) if family.fullmatch(path)), None)


def pages_to_check(site: Site) -> list[str]:
    """Every page, except that each family of FAMILIES is checked as a set showing every shape.

    A family's pages are one template, so what axe finds differs only with the parts a page has:
    sections, lists, tables, their classes, the folder it lies in. The set holds a page with each
    of those, chosen greedily in path order, and the page with the longest title; the rest repeat
    them. The words in tables are checked too: a need page's tables hold stages and dates, and a
    unit's or förvaltning's table is a part of the overview's table in the same columns, so its
    narrowest widths are no wider than the overview's, which is checked whole.
    """
    chosen: list[str] = []
    for index in range(len(FAMILIES)):
        family = [p for p in site.pages if _family(p) == index]
        shapes = {}
        titles = {}
        for path in family:
            html = (site.folder / path / "index.html").read_text(encoding="utf-8")
            shapes[path] = _shapes(html) | {path.rsplit("/", 3)[-3]}
            titles[path] = len(html[html.find("<h1") : html.find("</h1>")])
        some = [max(family, key=lambda p: titles[p])] if family else []
        missing = set().union(*shapes.values()) - set().union(*(shapes[p] for p in some))
        while missing:
            best = max(family, key=lambda p: len(shapes[p] & missing))
            some.append(best)
            missing -= shapes[best]
        chosen += some
    return [p for p in site.pages if _family(p) is None or p in chosen]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def test_every_page_loads_stays_local_passes_axe_and_fits_at_both_widths(
    site: Site, browser: Browser
) -> None:
    assert AXE.exists(), "run scripts/browser-deps to install axe-core"
    requests: list[str] = []
    context = _context(browser, VIEWPORTS[0], requests)
    # Every page gets axe as it loads: one script for the context instead of one upload a page.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    failed: dict[str, int] = {}
    violations: dict[str, list[dict[str, Any]]] = {}
    # Served without the search index, which each page would otherwise rebuild in a worker
    # (a third of this pass); the search box is still on every page, and search has its own test.
    checked = pages_to_check(site)
    for url in _serve(site.folder, _NoSearchIndexHandler):
        for path in checked:
            _check(page, url, path, failed, violations)
    context.close()
    assert failed == {}
    assert violations == {}
    assert [url for url in requests if not _is_local(url)] == []
    assert len(checked) >= 20


@pytest.mark.parametrize("family", FAMILIES, ids=["needs", "units", "forvaltningar"])
def test_the_pages_checked_of_a_family_show_every_shape_in_it(
    site: Site, family: re.Pattern[str]
) -> None:
    pages = [p for p in site.pages if family.fullmatch(p)]
    checked = [p for p in pages_to_check(site) if family.fullmatch(p)]

    def shapes(paths: list[str]) -> set[str]:
        return set().union(*(_shapes((site.folder / p / "index.html").read_text()) for p in paths))

    assert len(pages) >= len(checked) >= 1
    assert shapes(checked) == shapes(pages)
    assert {p.rsplit("/", 3)[-3] for p in checked} == {p.rsplit("/", 3)[-3] for p in pages}


def _check(
    page: Page,
    url: str,
    path: str,
    failed: dict[str, int],
    violations: dict[str, list[dict[str, Any]]],
) -> None:
    """Load one page, then run axe and look for sideways scrolling, words split in table cells
    and tables that scroll inside their box, at both widths.

    The page loads at the width the last one ended with, so each page costs one resize.
    """
    size = page.viewport_size
    first = next((v for v in VIEWPORTS if size and v.width == size["width"]), VIEWPORTS[0])
    response = page.goto(url + path, wait_until="load")
    if response is None or response.status != 200:
        failed[path] = response.status if response else 0
        return
    assert page.title(), f"{path} has no title"
    # The same page at both widths: the layout follows the width, so one load serves both.
    for viewport in (first, *(v for v in VIEWPORTS if v != first)):
        page.set_viewport_size({"width": viewport.width, "height": viewport.height})
        # One round trip: axe, then the overflow, split words and tables that scroll.
        found, sideways, split, scrolling = page.evaluate(CHECK)
        if found:
            violations[f"{path} ({viewport.name})"] = found
        if sideways:
            violations[f"{path} ({viewport.name}) scrolls sideways"] = sideways
        if split:
            violations[f"{path} ({viewport.name}) splits words in table cells"] = split
        if scrolling:
            violations[f"{path} ({viewport.name}) has a table that scrolls"] = scrolling


def _own_address() -> str:
    """This machine's address on its network, not the loopback (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


@pytest.mark.parametrize("by", ["address", "name"])
def test_nothing_reaches_beyond_the_machine(browser: Browser, tmp_path: Path, by: str) -> None:
    # A server every address of this machine reaches: Chromium may use only 127.0.0.1.
    (tmp_path / "index.html").write_text("<title>nå</title>", encoding="utf-8")
    server = ThreadingHTTPServer(("0.0.0.0", 0), partial(_QuietHandler, directory=str(tmp_path)))  # noqa: S104
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = _own_address() if by == "address" else socket.gethostname()
    if host.startswith("127."):
        pytest.skip("this machine has no address besides the loopback")
    page = browser.new_page()
    try:
        with pytest.raises(PlaywrightError, match="ERR_"):
            page.goto(f"http://{host}:{server.server_address[1]}/", timeout=10_000)
    finally:
        page.close()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_start_page_screenshot(site: Site, browser: Browser, viewport: Viewport) -> None:
    requests: list[str] = []
    context = _context(browser, viewport, requests)
    page = context.new_page()
    page.goto(site.url, wait_until="load")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"start-{site.tool}-{viewport.name}.png"
    page.screenshot(path=str(shot), full_page=True)
    context.close()
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("word", ["nyttokalkylen", "nyttokalkyl", "nyttokalk"])
def test_swedish_search_finds_the_page_by_an_inflected_word(
    material: Site, browser: Browser, word: str
) -> None:
    requests: list[str] = []
    context = _context(browser, VIEWPORTS[0], requests)
    page = context.new_page()
    page.goto(material.url, wait_until="load")
    page.locator(".md-search__input").click()
    # Material searches on key events: typing, not fill(), triggers it
    page.locator(".md-search__input").press_sequentially(word, delay=40)
    first = page.locator(".md-search-result__item a, .md-search-result__link").first
    first.wait_for(timeout=10_000)
    href = first.get_attribute("href") or ""
    context.close()
    assert "nyttorealisering/" in href


def test_old_need_addresses_lead_on_to_the_new_page(site: Site, browser: Browser) -> None:
    requests: list[str] = []
    context = _context(browser, VIEWPORTS[0], requests)
    page = context.new_page()
    page.goto(site.url + "portfolj/behov/3/", wait_until="load")
    page.wait_for_url("**/portfolj/behov/digitaliseringsprocessen/3/", timeout=10_000)
    heading = page.locator("h1").first.inner_text()
    context.close()
    assert heading.startswith("Behov 3:")


def test_a_glossary_term_is_marked_once_and_never_in_a_heading(
    site: Site, browser: Browser
) -> None:
    requests: list[str] = []
    context = _context(browser, VIEWPORTS[0], requests)
    page = context.new_page()
    page.goto(site.url + "roller/", wait_until="load")
    marked = page.eval_on_selector_all(
        "article abbr", "nodes => nodes.map(n => n.textContent.toLowerCase())"
    )
    in_headings = page.eval_on_selector_all(
        "article :is(h1, h2, h3, h4, h5, h6) abbr", "nodes => nodes.length"
    )
    text = page.locator("article").inner_text().lower()
    context.close()
    assert marked, "the page explains some terms"
    assert len(marked) == len(set(marked))
    assert in_headings == 0
    assert text.count("projektägare") > marked.count("projektägare") == 1


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: v.name)
def test_the_form_is_one_click_away_on_the_first_screen(
    site: Site, browser: Browser, viewport: Viewport
) -> None:
    requests: list[str] = []
    context = _context(browser, viewport, requests)
    page = context.new_page()
    page.goto(site.url, wait_until="load")
    button = page.locator("article a.md-button--primary").first
    box = button.bounding_box()
    href = button.get_attribute("href") or ""
    text = button.inner_text()
    context.close()
    assert text.strip() == "Anmäl ett behov"
    assert href.endswith("/issues/new?template=behov.yml")
    assert box is not None
    assert box["y"] + box["height"] <= viewport.height


@pytest.mark.parametrize("path", ["portfolj/dagordning/", "portfolj/nytta/"])
def test_data_pages_take_the_whole_width_and_guidance_keeps_its_sidebars(
    site: Site, browser: Browser, path: str
) -> None:
    requests: list[str] = []
    context = _context(browser, VIEWPORTS[0], requests)
    page = context.new_page()
    widths = {}
    for shown in (path, "roller/"):
        page.goto(site.url + shown, wait_until="load")
        sidebars = page.locator(".md-sidebar--primary, .md-sidebar--secondary")
        visible = [sidebars.nth(i).is_visible() for i in range(sidebars.count())]
        widths[shown] = (page.evaluate("document.querySelector('article').clientWidth"), visible)
    context.close()
    data_width, data_sidebars = widths[path]
    text_width, text_sidebars = widths["roller/"]
    assert not any(data_sidebars)
    assert any(text_sidebars)
    assert data_width > 1.5 * text_width


def test_the_agenda_prints_on_a4_with_the_content_only(site: Site, browser: Browser) -> None:
    # A4 less the print stylesheet's 15 mm margins is 180 mm: 680 CSS pixels.
    paper = Viewport("a4", 680, 960, mobile=False)
    requests: list[str] = []
    context = _context(browser, paper, requests)
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(site.url + "portfolj/dagordning/", wait_until="load")
    chrome = page.locator(".md-header, .md-sidebar--primary, .md-footer")
    hidden = [not chrome.nth(i).is_visible() for i in range(chrome.count())]
    rows = page.locator("article .portfolj-tabell tbody tr").count()
    sideways = page.evaluate(OVERFLOW)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()
    assert len(hidden) >= 2
    assert all(hidden)
    assert rows >= 3
    assert sideways == []
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert pdf.startswith(b"%PDF")
    assert 1 <= len(pages) <= 4, len(pages)
