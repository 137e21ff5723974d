"""The lifecycle diagram: drawn from the process, readable without script, the same every time."""

import xml.etree.ElementTree as ET

import pytest
import yaml

from intake.model.load import BUNDLED_PROCESS, load_process, parse_process
from intake.model.process import Process
from intake.render.site.diagram import DIAGRAM_PATH, describe, render_diagram
from tests.paths import ROOT

SVG = "{http://www.w3.org/2000/svg}"
ROOT = ROOT


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted XML


def _texts(svg: str) -> list[str]:
    tree = _parse(svg)
    return ["".join(t.itertext()) for t in tree.iter(f"{SVG}text")]


def test_same_process_gives_same_bytes(process: Process) -> None:
    assert render_diagram(process) == render_diagram(load_process())


def test_has_title_description_and_image_role(process: Process) -> None:
    tree = _parse(render_diagram(process))
    assert tree.get("role") == "img"
    assert tree.get("aria-labelledby") == "titel beskrivning"
    assert tree.findtext(f"{SVG}title") == "Livscykeln för ett behov"
    assert tree.findtext(f"{SVG}desc") == describe(process)


def test_every_stage_and_outcome_is_real_text(process: Process) -> None:
    texts = _texts(render_diagram(process))
    for stage in process.stages:
        assert stage.name in texts
        assert stage.label in texts
    joined = " ".join(texts)  # an outcome's line may wrap
    for outcome in process.outcomes:
        assert f"{outcome.name} ({outcome.label})" in joined


def test_the_legend_names_every_dashed_arrow(process: Process) -> None:
    svg = render_diagram(process)
    legend = " ".join(_texts(svg))
    assert svg.count('stroke-dasharray="6 4"') == 3
    for move in ("från Bereda till Behov", "från Prioritera till Bereda", "från Förvalta till"):
        assert move in legend
    assert "tillbaka till ett tidigare steg" not in legend  # Förvalta → Avveckla is no way back


def test_nothing_is_fetched_or_run(process: Process) -> None:
    svg = render_diagram(process)
    assert "<script" not in svg
    assert "href" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_description_names_every_move(process: Process) -> None:
    text = describe(process)
    assert "Från Behov går behovet till Bereda, Avslagen, Dubblett eller Återkallad." in text
    assert "Från Förvalta går behovet till Ta hem effekter eller Avveckla." in text


def test_one_arrow_per_move_between_stages(process: Process) -> None:
    stage_ids = {s.id for s in process.stages}
    moves = sum(t in stage_ids for targets in process.transitions.values() for t in targets)
    tree = _parse(render_diagram(process))
    assert len(list(tree.iter(f"{SVG}polyline"))) == moves


def test_names_are_escaped() -> None:
    data = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    data["stages"][0]["name"] = "Behov <&>"
    svg = render_diagram(parse_process(yaml.safe_dump(data, allow_unicode=True)))
    assert "Behov &lt;&amp;&gt;" in svg
    assert "Behov <&>" in _texts(svg)  # well-formed, and reads as written


def test_committed_diagram_is_current(process: Process) -> None:
    assert (ROOT / DIAGRAM_PATH).read_text(encoding="utf-8") == render_diagram(process)
