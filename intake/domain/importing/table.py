"""Rows exported from another channel: CSV as Swedish Excel writes it, or a JSON list of objects.

CSV: a header row; UTF-8 (with or without a byte order mark) or Windows-1252; separated by `;`,
`,` or tabs, whichever the header row uses most; quoted cells may span lines. JSON: a list of
objects whose keys are the columns, each value text, a number, true/false, null or a list of such
values (a list of lists at most: `DEPTH`). Rows are numbered as a spreadsheet shows them (the
header is row 1) or, in JSON, from 1. Every problem with the file as a whole is one `TableError`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from intake.domain.text.lines import key

_SEPARATORS = (";", ",", "\t")
# Windows-1252 decodes almost any bytes; C0 control characters in the result mean it was not it.
_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}
# How deep the JSON may nest: the list of rows, a row, a list in a cell, a list in that list.
DEPTH = 4
_TOO_DEEP = (
    f"JSON-filen har värden i fler än {DEPTH} nivåer; spara den som en lista med ett objekt per "
    "behov och text, tal eller listor som värden"
)


class TableError(ValueError):
    """The file cannot be read as rows; the message says why in one Swedish line."""


@dataclass(frozen=True)
class Row:
    """One exported row: its number as the person sees it, and its cells by column heading."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    """The column headings in file order, and the non-empty rows."""

    columns: list[str]
    rows: list[Row]

    def column(self, wanted: str) -> str | None:
        """The file's heading for a column, compared without regard to case and spacing."""
        return next((c for c in self.columns if key(c).casefold() == key(wanted).casefold()), None)


def decode_export(data: bytes) -> str:
    """The text of an exported file: UTF-8, else Windows-1252; TableError for anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise TableError("filen är sparad som UTF-16 eller är ingen textfil; spara den som UTF-8")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise TableError(_wrong_encoding(error.start)) from error
    where = next((i for i, c in enumerate(text) if c in _CONTROL), None)
    if where is not None:
        raise TableError(_wrong_encoding(where))
    return text


def _wrong_encoding(where: int) -> str:
    return (
        f"filen är varken UTF-8 eller Windows-1252 (tecken {where + 1}); "
        "spara den som CSV (UTF-8) och försök igen"
    )


def read_table(data: bytes, *, json_file: bool) -> Table:
    """The rows of an exported file (JSON when `json_file`, else CSV)."""
    text = decode_export(data)
    if not text.strip():
        raise TableError("filen är tom")
    table = _from_json(text) if json_file else _from_csv(text)
    if not table.rows:
        raise TableError("filen har rubriker men inga rader med behov")
    return table


def _from_csv(text: str) -> Table:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    separator = max(_SEPARATORS, key=first.count)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error as error:
        raise TableError(f"filen är ingen läsbar CSV-fil: {error}") from error
    while lines and not any(cell.strip() for cell in lines[0]):
        lines.pop(0)
    header = [cell.strip() for cell in lines[0]]
    _check_header(header)
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            raise TableError(
                f"rad {number} har fler värden än rubrikraden har kolumner; kontrollera "
                f"avgränsaren ({separator!r})"
            )
        padded = [*cells, *[""] * (len(header) - len(cells))]
        rows.append(Row(number, {h: padded[i].strip() for i, h in enumerate(header) if h}))
    return Table([h for h in header if h], rows)


def _check_header(header: list[str]) -> None:
    named = [h for h in header if h]
    if not named:
        raise TableError("filen saknar rubrikrad")
    doubled = sorted({h for h in named if named.count(h) > 1})
    if doubled:
        raise TableError(f"kolumnen {doubled[0]!r} finns två gånger i rubrikraden")


def _from_json(text: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TableError(f"filen är ingen giltig JSON (rad {error.lineno})") from error
    except RecursionError as error:  # nested deeper than Python's parser goes
        raise TableError(_TOO_DEEP) from error
    if _depth(data) > DEPTH:
        raise TableError(_TOO_DEEP)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise TableError("JSON-filen ska vara en lista med ett objekt per behov")
    columns: list[str] = []
    rows = []
    for number, item in enumerate(data, start=1):
        cells = {str(k).strip(): _cell(v) for k, v in item.items()}
        columns += [c for c in cells if c not in columns]
        if any(cells.values()):
            rows.append(Row(number, cells))
    return Table(columns, rows)


def _depth(data: object) -> int:
    """How many lists and objects deep the data nests, walked without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, (list, dict)):
            deepest = max(deepest, level)
            items = value.values() if isinstance(value, dict) else value
            stack += [(item, level + 1) for item in items]
    return deepest


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, list):
        return "; ".join(text for text in map(_cell, value) if text)
    if isinstance(value, dict):
        raise TableError("ett värde i JSON-filen är ett objekt; bara text, tal och listor går")
    return str(value).strip()
