"""Reading the process file: every problem at once, each with its line where YAML gives one."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from intake.model.base import Location
from intake.model.check import check_process
from intake.model.process import Process
from intake.model.yamltext import compose_and_load

PROCESS_FILE = Path("intake/process.yml")  # relative to the repository root
BUNDLED_PROCESS = Path(__file__).parent.parent / "process.yml"


class ProcessError(Exception):
    """The process file is invalid; the message names the file and every problem."""


@functools.lru_cache(maxsize=8)
def parse_process(text: str, source: str = "process.yml") -> Process:
    """Parse and cross-check the process file's text, reporting every problem at once.

    The same text gives the same (frozen) process, so it is parsed once: the bot and the tests
    load it on every command.
    """
    try:
        root, data = compose_and_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(error, "problem", None)
        detail = f" ({problem})" if problem else ""
        raise ProcessError(f"{where}: är inte giltig YAML{detail}") from error
    except ValueError as error:  # a date that does not exist, like 2026-14-21
        line = _impossible_date(yaml.compose(text, Loader=yaml.SafeLoader))
        where = f"{source}:{line}" if line else source
        raise ProcessError(
            f"{where}: ett datum som inte finns; skriv det som 2027-01-20"
        ) from error
    try:
        process = Process.model_validate(data)
    except ValidationError as error:
        problems = [(tuple(e["loc"]), _said(e)) for e in error.errors()]
        raise ProcessError(_report(source, root, problems)) from error
    problems = check_process(process)
    if problems:
        raise ProcessError(_report(source, root, problems))
    return process


def _impossible_date(node: yaml.Node | None) -> int | None:
    """The 1-based line of the first date-like value that is no date."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return int(node.start_mark.line) + 1
        return None
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    return next((line for child in children if (line := _impossible_date(child))), None)


def _report(source: str, root: yaml.Node | None, problems: list[tuple[Location, str]]) -> str:
    lines = [f"{source}: {len(problems)} fel i processfilen:"]
    for location, message in problems:
        line = _line(root, location)
        where = ".".join(str(part) for part in location) or "(överst)"
        lines.append(f"  {source}:{line}: {where}: {message}" if line else f"  {where}: {message}")
    return "\n".join(lines)


# Pydantic's messages are English: the common ones said in Swedish, the rest with their own words.
_SAID = {
    "missing": "saknas",
    "extra_forbidden": "är ingen nyckel som processfilen känner till",
    "string_type": "ska vara text",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "float_type": "ska vara ett tal",
    "float_parsing": "ska vara ett tal",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "list_type": "ska vara en lista",
    "dict_type": "ska vara ett block med nycklar och värden",
    "model_type": "ska vara ett block med nycklar och värden",
    "model_attributes_type": "ska vara ett block med nycklar och värden",
    "date_type": "ska vara ett datum, som 2027-01-20",
    "date_parsing": "ska vara ett datum, som 2027-01-20",
    "date_from_datetime_parsing": "ska vara ett datum, som 2027-01-20",
}


def _said(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind in _SAID:
        return _SAID[kind]
    if kind == "too_short":
        return f"ska ha minst {error.get('ctx', {}).get('min_length', 1)} värde"
    if kind == "literal_error":
        return f"ska vara något av: {error.get('ctx', {}).get('expected', '')}"
    if kind == "value_error":  # our own validators' messages, already Swedish
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return f"har fel värde ({error['msg']})"


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
        raise ProcessError(f"{path}: processfilen finns inte") from error
    except IsADirectoryError as error:
        raise ProcessError(f"{path}: är en mapp, inte processfilen") from error
    except UnicodeDecodeError as error:
        raise ProcessError(f"{path}: är inte text i UTF-8; spara den som UTF-8") from error
    except OSError as error:
        raise ProcessError(f"{path}: går inte att läsa ({error.strerror})") from error
    return parse_process(text, source=str(path))
