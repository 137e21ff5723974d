"""Reading a need's page out of the portfolio's files (need_page.py), for the tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from intake.render.portfolio.need_page import NEED_PAGES, NeedPage, load_need_pages


def need_page(files: Mapping[str, bytes], folder: str, number: int) -> NeedPage:
    """The page of need `number` in the repository folder `folder`."""
    pages = load_need_pages(files[NEED_PAGES].decode("utf-8"))
    path = f"behov/{folder}/{number}/"
    return next(p for p in pages if p.path == path)


def need_html(files: Mapping[str, bytes], folder: str, number: int) -> str:
    """The article HTML of need `number` in the repository folder `folder`."""
    return need_page(files, folder, number).html


def need_html_in(out: Path, folder: str, number: int) -> str:
    """The article HTML of a need, from a portfolio folder `intake portfolio` wrote."""
    return need_html({NEED_PAGES: (out / NEED_PAGES).read_bytes()}, folder, number)
