"""The Förutsättningar file: the yearly values of the index that the municipality fills in."""

from __future__ import annotations

from pathlib import Path

import yaml

from intake.adapters.files import InputError, read_text
from intake.domain.portfolio.yearindex import PrerequisiteYear, read_prerequisites
from intake.model.yamltext import load_yaml

FILE_NAME = "forutsattningar.yml"  # beside the process file


def prerequisites_path(process_file: Path) -> Path:
    """Where the Förutsättningar file of a process file is: in the same folder."""
    return process_file.parent / FILE_NAME


def load_prerequisites(path: Path) -> tuple[list[PrerequisiteYear], list[str]]:
    """The file's years and its problems; a missing file has no years and no problems."""
    if not path.exists():
        return [], []
    text = read_text(path)
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        return [], [f"{path}{line}: filen går inte att läsa som YAML; kontrollera indrag och kolon"]
    return read_prerequisites(data, str(path))


def require_prerequisites(path: Path) -> list[PrerequisiteYear]:
    """The file's years; a problem in it stops the run with its one-line message."""
    years, problems = load_prerequisites(path)
    if problems:
        raise InputError(
            problems[0] + (f" (och {len(problems) - 1} fel till)" if len(problems) > 1 else "")
        )
    return years
