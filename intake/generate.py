"""Every file derived from the process file: rendered purely, written or compared at the edge."""

from __future__ import annotations

from pathlib import Path

from intake.forms import ISSUE_CONFIG_PATH, render_issue_config, render_issue_form
from intake.process import Process


def generated_files(process: Process) -> dict[str, str]:
    """Repository path → content of every file generated from the process, in a stable order."""
    files = {form.path: render_issue_form(process, form) for form in process.forms}
    files[ISSUE_CONFIG_PATH] = render_issue_config(process)
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
