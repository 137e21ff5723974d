"""Every file derived from the process file: rendered purely, written or compared at the edge."""

from __future__ import annotations

from pathlib import Path

from intake.render.diagram import DIAGRAM_PATH, render_diagram
from intake.domain.forms import ISSUE_CONFIG_PATH, render_issue_config, render_issue_form
from intake.render.glossary import ABBREVIATIONS_PATH, GLOSSARY_PAGE, parse_glossary, render_abbreviations
from intake.render.labelpage import LABEL_PAGE_PATH, render_label_page
from intake.model.process import Process


def generated_files(process: Process, root: Path = Path()) -> dict[str, str]:
    """Repository path → content of every generated file, in a stable order.

    Most derive from the process; the hover glossary derives from the glossary page below root.
    """
    files = {form.path: render_issue_form(process, form) for form in process.forms}
    files[ISSUE_CONFIG_PATH] = render_issue_config(process)
    files[DIAGRAM_PATH] = render_diagram(process)
    files[LABEL_PAGE_PATH] = render_label_page(process)
    glossary = root / GLOSSARY_PAGE
    terms = parse_glossary(glossary.read_text(encoding="utf-8")) if glossary.exists() else []
    files[ABBREVIATIONS_PATH] = render_abbreviations(terms)
    return dict(sorted(files.items()))


def write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write the files below root; returns the paths whose content changed."""
    changed = []
    for relative, content in files.items():
        path = root / relative
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        changed.append(relative)
    return changed


def drifted(root: Path, files: dict[str, str]) -> list[str]:
    """The paths below root whose content differs from what the process generates."""
    return [
        relative
        for relative, content in files.items()
        if not (root / relative).exists()
        or (root / relative).read_text(encoding="utf-8") != content
    ]
