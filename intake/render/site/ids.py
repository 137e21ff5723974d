"""The stage and outcome ids and labels in use, written beside the process file.

`intake generate` and `intake check` compare the process file with the last written list: a stage
or outcome that open needs may carry must not vanish unless `renamed_from:` names it.
"""

from __future__ import annotations

import json

from intake.model.process import Process

IDS_PATH = "intake/ids.yml"


def render_ids(process: Process) -> str:
    """Each stage's and outcome's id and label, in process order."""
    lines = [
        "# Generated from intake/process.yml by `intake generate`. Do not edit by hand.",
        "# The stage and outcome ids and labels in use; a rename needs `renamed_from:`.",
    ]
    lines += [f"{s.id}: {json.dumps(s.label, ensure_ascii=False)}" for s in process.all_stages]
    return "\n".join(lines) + "\n"
