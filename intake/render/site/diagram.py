"""The lifecycle diagram: a static, accessible SVG drawn from the process (no script, no fonts)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from intake.model.process import Process, Stage

DIAGRAM_PATH = "docs/livscykeln/livscykeln.svg"

BOX_W = 178
BOX_H = 60
COL_GAP = 16
ROW_GAP = 36
LANE = 14  # room on the left for arrows that lead back to an earlier stage
MARGIN = 16
INK = "#1a1a1a"
MUTED = "#4d4d4d"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


@dataclass(frozen=True)
class _Box:
    stage: Stage
    rank: int
    col: int
    x: int
    y: int

    @property
    def cx(self) -> int:
        return self.x + BOX_W // 2

    @property
    def cy(self) -> int:
        return self.y + BOX_H // 2


def describe(process: Process) -> str:
    """The diagram in plain Swedish: its text alternative, also fit for a page."""
    names = {s.id: s.name for s in [*process.stages, *process.outcomes]}
    stage_names = ", ".join(s.name for s in process.stages)
    sentences = [f"Livscykeln har {len(process.stages)} steg: {stage_names}."]
    for stage in process.stages:
        targets = process.targets(stage.id)
        if targets:
            sentences.append(f"Från {stage.name} går behovet till {_either(names, targets)}.")
    outcome_names = ", ".join(o.name for o in process.outcomes)
    sentences.append(f"Ett behov kan också avslutas med ett utfall: {outcome_names}.")
    return " ".join(sentences)


def _either(names: dict[str, str], ids: list[str]) -> str:
    words = [names[i] for i in ids]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " eller " + words[-1]


def _layout(process: Process) -> dict[str, _Box]:
    """Rows by longest forward path from the first stage; each stage under its first parent."""
    order = {s.id: i for i, s in enumerate(process.stages)}
    forward = {
        source: [t for t in targets if t in order and order[t] > order[source]]
        for source, targets in process.transitions.items()
    }
    rank = {s.id: 0 for s in process.stages}
    parents: dict[str, list[str]] = {s.id: [] for s in process.stages}
    for stage in process.stages:  # list order is a topological order of the forward edges
        for target in forward.get(stage.id, []):
            rank[target] = max(rank[target], rank[stage.id] + 1)
            parents[target].append(stage.id)
    col: dict[str, int] = {}
    taken: set[tuple[int, int]] = set()
    for stage in sorted(process.stages, key=lambda s: (rank[s.id], order[s.id])):
        wanted = min((col[p] for p in parents[stage.id] if p in col), default=0)
        while (rank[stage.id], wanted) in taken:
            wanted += 1
        col[stage.id] = wanted
        taken.add((rank[stage.id], wanted))
    lanes = len(_lane_edges(process, col))
    return {
        s.id: _Box(
            stage=s,
            rank=rank[s.id],
            col=col[s.id],
            x=MARGIN + LANE * lanes + col[s.id] * (BOX_W + COL_GAP),
            y=MARGIN + rank[s.id] * (BOX_H + ROW_GAP),
        )
        for s in process.stages
    }


def _lane_edges(process: Process, col: dict[str, int]) -> list[tuple[str, str]]:
    """Moves back to an earlier stage in the same column: each gets its own lane on the left."""
    order = {s.id: i for i, s in enumerate(process.stages)}
    return [
        (s.id, t)
        for s in process.stages
        for t in process.targets(s.id)
        if t in order and order[t] < order[s.id] and col[t] == col[s.id]
    ]


def _edge(source: _Box, target: _Box, lane: int) -> str:
    """One arrow as an orthogonal path; returns the SVG element."""
    if target.rank > source.rank:
        if target.col == source.col and target.rank == source.rank + 1:
            points = [(source.cx, source.y + BOX_H), (target.cx, target.y)]
        elif target.col > source.col:  # across first: the cells to the right are free
            points = [(source.x + BOX_W, source.cy), (target.cx, source.cy), (target.cx, target.y)]
        else:  # down first, in the source's own column, then into the target's side
            side = target.x + BOX_W if target.col < source.col else target.x
            points = [(source.cx, source.y + BOX_H), (source.cx, target.cy), (side, target.cy)]
        style = ""
    elif target.col == source.col:  # back to an earlier stage: along a lane on the left
        x = MARGIN + lane * LANE + 4
        # leave below the middle, arrive above it: two lanes touching one box stay apart
        points = [(source.x, source.cy + 8), (x, source.cy + 8), (x, target.cy - 8)]
        points.append((target.x, target.cy - 8))
        style = ' stroke-dasharray="6 4"'
    else:
        offset = 14
        start = source.x + BOX_W if target.col > source.col else source.x
        points = [(start, source.cy), (target.cx + offset, source.cy)]
        points.append((target.cx + offset, target.y + BOX_H))
        style = ' stroke-dasharray="6 4"'
    path = " ".join(f"{x},{y}" for x, y in points)
    return (
        f'<polyline points="{path}" fill="none" stroke="{MUTED}" stroke-width="2"'
        f'{style} marker-end="url(#pil)"/>'
    )


def render_diagram(process: Process) -> str:
    """The lifecycle as an SVG document: stages, their labels, every move and the outcomes."""
    boxes = _layout(process)
    order = {s.id: i for i, s in enumerate(process.stages)}
    names = {s.id: s.name for s in [*process.stages, *process.outcomes]}
    cols = max(b.col for b in boxes.values()) + 1
    rows = max(b.rank for b in boxes.values()) + 1
    lanes = _lane_edges(process, {k: b.col for k, b in boxes.items()})
    width = 2 * MARGIN + LANE * len(lanes) + cols * BOX_W + (cols - 1) * COL_GAP
    legend_top = MARGIN + rows * (BOX_H + ROW_GAP)
    legend = _wrap(_legend_text(process, boxes), width - 2 * MARGIN, 15)
    outcomes_top = legend_top + 18 * len(legend) + 14
    sources = {
        o.id: [s for s in process.stages if o.id in process.targets(s.id)] for o in process.outcomes
    }
    entries = [
        _outcome_lines(
            outcome,
            _either(names, [s.id for s in sources[outcome.id]]) if sources[outcome.id] else "",
            width,
        )
        for outcome in process.outcomes
    ]
    outcomes_first = outcomes_top + 34
    heights = [18 + 18 * (len(name) + len(detail)) for name, detail in entries]
    height = outcomes_first + sum(h + 10 for h in heights) - 10 + MARGIN
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="titel beskrivning"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        '<title id="titel">Livscykeln för ett behov</title>',
        f'<desc id="beskrivning">{escape(describe(process))}</desc>',
        "<defs>",
        '<marker id="pil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"'
        f' orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{MUTED}"/></marker>',
        "</defs>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<g font-family="{escape(FONT)}" fill="{INK}">',
    ]
    for stage in process.stages:
        for target in process.targets(stage.id):
            if target in boxes:
                edge = (stage.id, target)
                lane = lanes.index(edge) if edge in lanes else 0
                out.append(_edge(boxes[stage.id], boxes[target], lane))
    for box in sorted(boxes.values(), key=lambda b: order[b.stage.id]):
        out += _stage_box(box)
    out += _lines(legend, MARGIN, legend_top + 4, 15, MUTED)
    out.append(
        f'<text x="{MARGIN}" y="{outcomes_top + 16}" font-size="16" font-weight="700">'
        "Utfall som avslutar ett behov</text>"
    )
    y = outcomes_first
    for outcome, (name, detail), box_height in zip(process.outcomes, entries, heights, strict=True):
        out.append(
            f'<rect x="{MARGIN}" y="{y}" width="{width - 2 * MARGIN}" height="{box_height}" rx="6"'
            f' fill="#f5f5f5" stroke="#{outcome.color}" stroke-width="2"/>'
        )
        out += _lines(name, MARGIN + 12, y + 22, 16, INK, bold=True)
        out += _lines(detail, MARGIN + 12, y + 22 + 18 * len(name), 15, MUTED)
        y += box_height + 10
    out += ["</g>", "</svg>", ""]
    return "\n".join(out)


def _stage_box(box: _Box) -> list[str]:
    stage = box.stage
    return [
        f'<rect x="{box.x}" y="{box.y}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="#ffffff"'
        f' stroke="{MUTED}" stroke-width="1.5"/>',
        f'<rect x="{box.x}" y="{box.y}" width="8" height="{BOX_H}" rx="4" fill="#{stage.color}"/>',
        f'<text x="{box.x + 14}" y="{box.y + 25}" font-size="17" font-weight="700">'
        f"{escape(stage.name)}</text>",
        f'<text x="{box.x + 14}" y="{box.y + 47}" font-size="15" fill="{MUTED}">'
        f"{escape(stage.label)}</text>",
    ]


def _upward(process: Process, boxes: dict[str, _Box]) -> list[tuple[str, str]]:
    """The moves drawn as dashed arrows: those that lead up the picture, in process order."""
    return [
        (stage.id, target)
        for stage in process.stages
        for target in process.targets(stage.id)
        if target in boxes and boxes[target].rank <= boxes[stage.id].rank
    ]


def _legend_text(process: Process, boxes: dict[str, _Box]) -> str:
    names = {s.id: s.name for s in process.stages}
    moves = [f"från {names[a]} till {names[b]}" for a, b in _upward(process, boxes)]
    if not moves:
        return "Pilarna visar vart ett behov kan gå."
    listed = moves[0] if len(moves) == 1 else ", ".join(moves[:-1]) + " och " + moves[-1]
    return f"Streckade pilar går uppåt i bilden: {listed}."


def _wrap(text: str, room_px: int, size: int) -> list[str]:
    room = int(room_px / (size * 0.56))  # characters of that size that fit: a generous average
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _lines(
    lines: list[str], x: int, top: int, size: int, color: str, *, bold: bool = False
) -> list[str]:
    """Lines of text, 18 px apart, the first with its baseline at `top`."""
    weight = ' font-weight="700"' if bold else ""
    return [
        f'<text x="{x}" y="{top + 18 * i}" font-size="{size}"{weight} fill="{color}">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    ]


def _outcome_lines(outcome: Stage, origin: str, width: int) -> tuple[list[str], list[str]]:
    """An outcome's name with its label, and where it can be reached from, wrapped."""
    room = width - 2 * MARGIN - 24
    name = _wrap(f"{outcome.name} ({outcome.label})", room, 16)
    detail = _wrap(f"Kan nås från {origin}." if origin else outcome.summary, room, 15)
    return name, detail
