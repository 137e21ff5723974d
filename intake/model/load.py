"""Reading the process file: every problem at once, each with its line where YAML gives one."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from intake.model.check import check_process
from intake.model.process import Location, Process

PROCESS_FILE = Path("intake/process.yml")  # relative to the repository root
BUNDLED_PROCESS = Path(__file__).parent.parent / "process.yml"


class ProcessError(Exception):
    """The process file is invalid; the message names the file and every problem."""


def parse_process(text: str, source: str = "process.yml") -> Process:
    """Parse and cross-check the process file's text, reporting every problem at once."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ProcessError(f"{where}: not valid YAML: {problem}") from error
    try:
        process = Process.model_validate(data)
    except ValidationError as error:
        problems = [(tuple(e["loc"]), str(e["msg"])) for e in error.errors()]
        raise ProcessError(_report(source, root, problems)) from error
    problems = check_process(process)
    if problems:
        raise ProcessError(_report(source, root, problems))
    return process


def _report(source: str, root: yaml.Node | None, problems: list[tuple[Location, str]]) -> str:
    lines = [f"{source}: {len(problems)} problem(s) in the process file:"]
    for location, message in problems:
        line = _line(root, location)
        where = ".".join(str(part) for part in location) or "(top)"
        lines.append(f"  {source}:{line}: {where}: {message}" if line else f"  {where}: {message}")
    return "\n".join(lines)


def _line(node: yaml.Node | None, location: Location) -> int | None:
    """The 1-based line of the deepest YAML node the location reaches."""
    if node is None:
        return None
    for part in location:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def load_process(path: Path = BUNDLED_PROCESS) -> Process:
    """Read and validate the process file; ProcessError for any problem, also an unreadable file."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError as error:
        raise ProcessError(f"{path}: the process file does not exist") from error
    except IsADirectoryError as error:
        raise ProcessError(f"{path}: is a folder, not the process file") from error
    except UnicodeDecodeError as error:
        raise ProcessError(f"{path}: is not UTF-8 text; save it as UTF-8") from error
    except OSError as error:
        raise ProcessError(f"{path}: cannot be read ({error.strerror})") from error
    return parse_process(text, source=str(path))
