"""`intake portfolio-pages`: the needs' pages written into the built site, after the build."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from intake.adapters.files import (
    InputError,
    read_text,
    remove_page,
    rewrite_gzip,
    write_site_file,
)
from intake.cli.output import OK
from intake.model.process import Process
from intake.render.portfolio.late_tables import (
    LATE_TABLES,
    built_page,
    load_tables,
    put_back_tables,
)
from intake.render.portfolio.need_page import (
    NEED_PAGES,
    load_need_pages,
    placeholder_url,
    redirect_files,
)
from intake.render.portfolio.shell import Shell, ShellError, need_page_files
from intake.render.portfolio.site_index import SEARCH_INDEXES, with_need_entries, with_need_urls

if TYPE_CHECKING:
    from intake.cli.main import Context

SITEMAP = "sitemap.xml"
T = TypeVar("T")


def _checked(path: Path, made: Callable[[], T]) -> T:
    """What `made` gives from the built file at `path`; a ShellError names that file."""
    try:
        return made()
    except ShellError as error:
        raise InputError(f"{path}: {error}") from error


def _with_tables(site: Path, prefix: str, source: Path) -> dict[Path, str]:
    """The built pages with the long tables `intake portfolio` set aside, put back in."""
    try:
        tables = load_tables(read_text(source))
    except ValueError as error:
        raise InputError(f"{source}: {error}; kör intake portfolio igen") from error
    pages = {}
    for page, found in tables.items():
        built = site / (prefix + built_page(page))
        try:
            pages[built] = put_back_tables(read_text(built), page, found)
        except ValueError as error:
            raise InputError(f"{built}: {error}") from error
    return pages


def run_portfolio_pages(args: argparse.Namespace, process: Process, context: Context) -> int:
    """Fill the built placeholder page with every need; add them to search and the sitemap."""
    site = args.site
    try:
        prefix = args.out.resolve().relative_to(args.docs.resolve()).as_posix() + "/"
    except ValueError as error:
        raise InputError(f"--out {args.out} ligger inte i --docs {args.docs}") from error
    source = args.out / NEED_PAGES
    try:
        pages = load_need_pages(read_text(source))
    except ValueError as error:
        raise InputError(f"{source}: {error}; kör intake portfolio igen") from error
    placeholder = prefix + placeholder_url(process)
    shell_file = site / placeholder / "index.html"
    if not shell_file.is_file():
        raise InputError(
            f"{shell_file}: platshållarsidan saknas. Kör intake portfolio, bygg webbplatsen "
            "och kör sedan det här steget en gång"
        )
    shell = _checked(shell_file, lambda: Shell.from_html(read_text(shell_file), placeholder))
    indexes = {}
    for kind in (k for k in SEARCH_INDEXES if (site / k).is_file()):
        text = read_text(site / kind)
        indexes[kind] = _checked(
            site / kind, partial(with_need_entries, kind, text, pages, prefix, placeholder)
        )
    sitemap = (
        _checked(
            site / SITEMAP,
            lambda: with_need_urls(read_text(site / SITEMAP), pages, prefix, placeholder),
        )
        if (site / SITEMAP).is_file()
        else None
    )
    tabled = _with_tables(site, prefix, args.out / LATE_TABLES)
    # Everything is read and checked: from here on the step only writes.
    for relative, text in need_page_files(shell, pages, prefix):
        write_site_file(site / relative, text)
    for relative, text in redirect_files(process, pages).items():
        write_site_file(site / (prefix + relative), text)
    for path, text in tabled.items():
        write_site_file(path, text)
    remove_page(shell_file)
    for kind, text in indexes.items():
        write_site_file(site / kind, text)
    if sitemap is not None:
        write_site_file(site / SITEMAP, sitemap)
        if (site / f"{SITEMAP}.gz").is_file():
            rewrite_gzip(site / f"{SITEMAP}.gz", sitemap.encode("utf-8"))
    context.console.say(f"skrev {len(pages)} behovssidor i {site}")
    return OK
