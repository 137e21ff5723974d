"""scripts/check_accessibility.py: what the Pages workflow runs on the site it publishes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_accessibility  # noqa: E402  (a script, not a package)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _site(folder: Path, needs: int) -> Path:
    """A published site with a thousand-odd need pages: the same page copied under new numbers."""
    for page in ("", "roller/", "portfolj/"):
        (folder / page).mkdir(parents=True, exist_ok=True)
        (folder / page / "index.html").write_text(f"<title>{page}</title>", encoding="utf-8")
    for number in range(needs):
        need = folder / "portfolj" / "behov" / "kommun" / f"{number:04d}"
        need.mkdir(parents=True)
        (need / "index.html").write_text("<title>behov</title>", encoding="utf-8")
    old = folder / "portfolj" / "behov" / "7"
    old.mkdir(parents=True)
    (old / "index.html").write_text('<meta http-equiv="refresh" content="0; url=x">', "utf-8")
    return folder


def test_every_page_but_an_even_sample_of_the_needs_is_checked(tmp_path: Path) -> None:
    pages = check_accessibility.pages_to_check(_site(tmp_path, 1000), needs=4)
    assert pages[:3] == ["", "portfolj/", "roller/"]
    assert len(pages) == 3 + 4
    sampled = sorted(int(p.rstrip("/").rsplit("/", 1)[1]) for p in pages[3:])
    assert sampled == [0, 250, 500, 750]  # spread over all, not the first four
    assert "portfolj/behov/7/" not in pages  # an old address that leads on is no page


def test_a_breach_on_a_published_page_is_reported(
    built_sites: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The real site cut to the start page, roller/ and the need pages: the script at work on the
    # published layout. Every page passing axe is test_browser's to prove; each page here costs a
    # load and two axe runs a call.
    built = built_sites["mkdocs"]
    site = tmp_path / "site"
    keep = ("roller", "portfolj", "assets", "stylesheets", "javascripts", "search")
    shutil.copytree(
        built,
        site,
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == built and "." not in n and n not in keep
        ],
    )
    for entry in sorted((site / "portfolj").iterdir()):
        if entry.is_dir() and entry.name != "behov":
            shutil.rmtree(entry)
        elif not entry.is_dir():
            entry.unlink()
    # One need page of the real site's many: found where the site puts them, and sampled.
    assert check_accessibility.main([str(site), "--needs", "1"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]  # the build, if it ran just now, wrote first
    assert last == "3 sidor kontrollerade med axe-core vid 1280 och 390 px: 0 fel"
    page = site / "roller" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<article", '<img src="x.png"><article', 1),
        encoding="utf-8",
    )
    assert check_accessibility.main([str(site), "--needs", "0"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "::error::Tillgänglighet: /roller/ (1280 px): image-alt (1)",
        "::error::Tillgänglighet: /roller/ (390 px): image-alt (1)",
        "2 sidor kontrollerade med axe-core vid 1280 och 390 px: 2 fel",
    ]
