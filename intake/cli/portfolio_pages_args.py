"""The arguments of `intake portfolio-pages`, apart from the command (`intake --help` is quick)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `portfolio-pages` subcommand's arguments."""
    p = sub.add_parser(
        "portfolio-pages",
        help="after the site's build: write every need's page into the built site and add "
        "them to its search index and sitemap",
        description="Run after `intake portfolio` and the build (`mkdocs build` or `zensical "
        "build`). Takes the built placeholder page as the shell of every need's page, writes the "
        "pages from the portfolio's need-page file, removes the placeholder, puts the long "
        "tables set aside by `intake portfolio` into their built pages, and adds the needs "
        "to search/search_index.json (Material), search.json (Zensical) and sitemap.xml (and "
        "sitemap.xml.gz). Exit status 2: no need-page file, no placeholder page (a site built "
        "without `intake portfolio`, or this step has run already) or a marker missing in it.",
    )
    p.add_argument("site", type=Path, metavar="SITE_DIR", help="the built site's folder")
    p.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the site's pages (default: docs)"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("docs/portfolj"),
        help="where `intake portfolio` wrote the portfolio (default: docs/portfolj)",
    )
