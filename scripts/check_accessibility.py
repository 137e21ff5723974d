"""Check the built site that is about to be published with axe-core, in Chromium, at two widths.

Usage: .venv/bin/python scripts/check_accessibility.py SITE [--needs 25] [--browser PATH]

Every page is checked except the pages of single needs, of which an even sample is checked (there
can be thousands, all made from one template). Each page is loaded at 1280 and at 390 pixels and
axe-core looks for breaches of WCAG 2.1 A and AA. Needs node_modules/axe-core (`npm ci`) and a
Chromium or Chrome browser. Exit status: 0 no breach, 1 breaches (one line each), 2 cannot check.
The Pages workflow runs it on what it publishes; docs/tillganglighetsredogorelse.md says so.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from intake.render.portfolio.site_index import SEARCH_INDEXES as SITE_SEARCH_INDEXES

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BROWSERS = ("/usr/bin/chromium", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable")
NEED_PAGES = "portfolj/behov/"
WIDTHS = ((1280, 800), (390, 844))
# Material's and Zensical's search index, as the server is asked for them.
SEARCH_INDEXES = tuple(f"/{index}" for index in SITE_SEARCH_INDEXES)
# Nothing may leave the machine even if a page tried: every name but 127.0.0.1 fails to resolve,
# and addresses given as numbers go to a proxy that is not there. Chromium decides this itself.
# The browser tests launch Chromium with these same flags (tests/site/test_browser.py).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    # V8 without its optimising compilers (Maglev, TurboFan): every page is a fresh context that
    # runs axe for a fraction of a second, too short for their compiling to pay off. The same
    # JavaScript runs with the same results; it costs a quarter less processor time.
    "--js-flags=--max-opt=1",
]
AXE_RUN = """() => axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  resultTypes: ['violations']
}).then(r => r.violations.map(v => v.id + ' (' + v.nodes.length + ')'))"""
OK, BREACHES, CANNOT = 0, 1, 2


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site without logging; leaves the search index out (each page would build it)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.endswith(SEARCH_INDEXES):
            self.send_error(404)
        else:
            super().do_GET()


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pages_to_check(site: Path, needs: int) -> list[str]:
    """Every page below site (as "roller/"), with an even sample of at most `needs` need pages."""
    found = sorted(
        page.parent.relative_to(site).as_posix() + "/" if page.parent != site else ""
        for page in site.rglob("index.html")
        if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8", errors="replace")
    )
    others = [p for p in found if not p.startswith(NEED_PAGES)]
    need_pages = [p for p in found if p.startswith(NEED_PAGES)]
    if needs <= 0 or not need_pages:
        return others
    step = max(len(need_pages) / needs, 1.0)
    sample = sorted({need_pages[int(i * step)] for i in range(min(needs, len(need_pages)))})
    return others + sample


def _browser(given: str | None) -> str | None:
    candidates = [given] if given else list(BROWSERS)
    return next((c for c in candidates if Path(c).is_file()), None)


def check(site: Path, pages: list[str], browser: str) -> list[str]:
    """One line per page and width where axe finds a breach."""
    from playwright.sync_api import sync_playwright  # a dev dependency, only needed here

    found: list[str] = []
    with sync_playwright() as playwright, _served(site) as url:
        chromium = playwright.chromium.launch(executable_path=browser, headless=True, args=FLAGS)
        context = chromium.new_context(locale="sv-SE", service_workers="block")
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        for path in pages:
            response = page.goto(url + path, wait_until="load")
            if response is None or response.status != 200:
                found.append(f"/{path}: sidan gick inte att öppna")
                continue
            for width, height in WIDTHS:
                page.set_viewport_size({"width": width, "height": height})
                breaches = page.evaluate(AXE_RUN)
                if breaches:
                    found.append(f"/{path} ({width} px): {', '.join(breaches)}")
        chromium.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site, for example site/")
    parser.add_argument("--needs", type=int, default=25, help="how many need pages to sample")
    parser.add_argument("--browser", help="Chromium or Chrome; else the first one installed")
    args = parser.parse_args(argv)
    browser = _browser(args.browser)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: här finns ingen byggd webbplats (index.html saknas)", file=sys.stderr)
        return CANNOT
    if browser is None or not AXE.is_file():
        print("Chromium eller axe-core saknas: kör scripts/browser-deps", file=sys.stderr)
        return CANNOT
    pages = pages_to_check(args.site, args.needs)
    breaches = check(args.site, pages, browser)
    for line in breaches:
        print(f"::error::Tillgänglighet: {line}")
    widths = " och ".join(str(width) for width, _ in WIDTHS)
    print(f"{len(pages)} sidor kontrollerade med axe-core vid {widths} px: {len(breaches)} fel")
    return BREACHES if breaches else OK


if __name__ == "__main__":
    sys.exit(main())
