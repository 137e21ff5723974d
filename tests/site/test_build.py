"""The real pages build strictly with Material for MkDocs and with Zensical, in temp folders."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from intake.cli.local import read_pages
from intake.model.load import load_process
from tests.paths import ROOT
from tests.site.build import build

pytestmark = pytest.mark.slow

# Elements that make the browser fetch something; a canonical link is only a name.
TAG = re.compile(r"<(script|img|link|source|iframe|video|audio|object|embed)\b[^>]*>")
REMOTE = re.compile(r'(?:src|href|data)="((?:https?:)?//[^"]*)"')
NOT_LOADED = re.compile(r'rel="(?:canonical|alternate)"')


def _config() -> dict[str, object]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # Material's `!!python/name:` tags are not needed here; the config is plain YAML.
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    return []


def _page_html(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    return site / stem / "index.html"


@pytest.fixture(params=["mkdocs", "zensical"])
def site(request: pytest.FixtureRequest, built_sites: dict[str, Path]) -> Path:
    return built_sites[request.param]


def test_site_url_comes_from_the_process() -> None:
    assert _config()["site_url"] == load_process().municipality.site_url


def test_every_page_is_in_the_nav_except_per_need_pages() -> None:
    nav = set(_nav_pages(_config()["nav"]))
    pages = {
        p.removeprefix("docs/")
        for p in read_pages(ROOT)
        if not p.startswith(("docs/includes/", "docs/overrides/", "docs/portfolj/"))
    }
    assert pages <= nav, f"pages missing from the nav: {sorted(pages - nav)}"
    assert "portfolj/index.md" in nav


def test_every_nav_page_is_built(site: Path) -> None:
    missing = [p for p in _nav_pages(_config()["nav"]) if not _page_html(site, p).is_file()]
    assert missing == []


def test_no_page_loads_anything_from_elsewhere(site: Path) -> None:
    loaded = {
        f"{html.relative_to(site)}: {remote.group(1)}"
        for html in site.rglob("*.html")
        for tag in TAG.finditer(html.read_text(encoding="utf-8"))
        if not NOT_LOADED.search(tag.group(0))
        for remote in REMOTE.finditer(tag.group(0))
    }
    assert loaded == set()


def test_no_font_or_cdn_is_named_anywhere(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text, html
        assert "fonts.gstatic" not in text, html
        assert "unpkg.com" not in text, html
        assert "mermaid" not in text.lower(), html


def test_pages_are_swedish_with_review_line_and_statement_link(site: Path) -> None:
    html = (site / "roller" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    assert re.search(r"Granskad <time datetime=\"\d{4}-\d\d-\d\d\">", html)
    assert 'href="../tillganglighetsredogorelse/"' in html
    assert "Made with" not in html


def test_generated_pages_show_where_they_come_from(site: Path) -> None:
    html = (site / "etiketter" / "index.html").read_text(encoding="utf-8")
    assert "steg: behov" in html
    assert "Sidan skapas automatiskt från <code>intake/process.yml</code>" in html
    assert "Granskad" not in html


def test_glossary_terms_are_explained_on_hover(site: Path) -> None:
    html = (site / "roller" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">[Pp]rojektägare</abbr>', html)
    assert re.search(r"<abbr title=", (site / "etiketter" / "index.html").read_text("utf-8"))


def test_portfolio_pages_carry_no_glossary(site: Path) -> None:
    # Thousands of need pages would pay for it in build time; their text is the initiators'.
    pages = list((site / "portfolj").rglob("index.html"))
    assert len(pages) > 30
    assert not [p for p in pages if "<abbr" in p.read_text(encoding="utf-8")]


def test_search_dialog_has_a_name(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'role="dialog" aria-label="Sök"', html)


def test_lifecycle_diagram_is_an_svg_file(site: Path) -> None:
    svg = site / "livscykeln" / "livscykeln.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg")


def test_per_need_pages_stay_out_of_the_nav(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    # The agenda, benefit, flow and index pages are in the nav on purpose; the pages of needs,
    # groups and meetings are not.
    in_nav = {"dagordning", "nytta", "flode", "digitaliseringsindex"}
    needs = [p for p in (site / "portfolj").iterdir() if p.is_dir() and p.name not in in_nav]
    for need in needs:
        assert f"portfolj/{need.name}/" not in html


def test_material_search_uses_swedish_stemming(built_sites: dict[str, Path]) -> None:
    index = (built_sites["mkdocs"] / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["sv"]' in index.replace(" ", "")


def test_docs_check_passes_on_the_real_pages() -> None:
    from intake.cli.main import main

    assert main(["--root", str(ROOT), "docs", "check"], env={}) == 0


@pytest.mark.parametrize("tool", ["mkdocs", "zensical"])
def test_a_broken_anchor_fails_the_strict_build(tmp_path: Path, tool: str) -> None:
    # The site's own settings on two small pages: as strict as the whole site, built in a second.
    (tmp_path / "docs" / "includes").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "overrides", tmp_path / "docs" / "overrides")
    shutil.copy(ROOT / "docs" / "includes" / "gemensamt.md", tmp_path / "docs" / "includes")
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\nnav:")] + "\nnav: [index.md, roller.md]\n", "utf-8")
    (tmp_path / "docs" / "roller.md").write_text("# Roller\n\n## Finns\n", encoding="utf-8")
    index = tmp_path / "docs" / "index.md"
    index.write_text("# Start\n\n[Roller](roller.md#finns)\n", encoding="utf-8")
    build(tmp_path, tool)  # a correct anchor builds
    index.write_text("# Start\n\n[Roller](roller.md#finns-inte)\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="build failed"):
        build(tmp_path, tool)


def test_every_link_of_the_portfolio_leads_to_a_page(site: Path) -> None:
    # The tables of needs are HTML, whose links MkDocs does not check: this test does.
    broken = []
    for page in (site / "portfolj").rglob("index.html"):
        for href in re.findall(r'href="([^"#:?]+)"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            if not (target / "index.html").is_file() and not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
    assert broken == []
