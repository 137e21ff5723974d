"""Exported files read as rows: both encodings, every separator, and one clear line when bad."""

from __future__ import annotations

import pytest

from intake.domain.importing.table import TableError, read_table


def test_semicolons_in_windows_1252_as_swedish_excel_writes_them() -> None:
    data = "Ärende;Text\r\n1;Hälsa på, vänta\r\n".encode("cp1252")
    table = read_table(data, json_file=False)
    assert table.columns == ["Ärende", "Text"]
    assert [(r.number, r.cells) for r in table.rows] == [
        (2, {"Ärende": "1", "Text": "Hälsa på, vänta"})
    ]


def test_commas_in_utf8_with_a_byte_order_mark_and_a_cell_over_two_lines() -> None:
    data = '\ufeffÄrende,Text\n1,"rad ett\nrad två"\n\n2,"a; b"\n'.encode()
    table = read_table(data, json_file=False)
    assert [r.cells["Text"] for r in table.rows] == ["rad ett\nrad två", "a; b"]
    assert [r.number for r in table.rows] == [2, 4]  # the empty row keeps its number


def test_columns_are_found_without_regard_to_case_and_spacing() -> None:
    table = read_table("  Vilka  berörs ;x\n1;2\n".encode(), json_file=False)
    assert table.column("vilka berörs") == "Vilka  berörs"


def test_lists_in_lists_are_read_once_each() -> None:
    data = b'[{"Val": [["a", "b", "", null], [], ["c"]]}]'
    [row] = read_table(data, json_file=True).rows
    assert row.cells == {"Val": "a; b; c"}


def test_json_lists_and_booleans_become_cells() -> None:
    data = b'[{"Ref": 12, "Val": ["a", "b"], "Kryss": true, "Tom": null}]'
    [row] = read_table(data, json_file=True).rows
    assert row.cells == {"Ref": "12", "Val": "a; b", "Kryss": "ja", "Tom": ""}


@pytest.mark.parametrize(
    ("data", "json_file", "said"),
    [
        (b"", False, "tom"),
        (b"   \r\n", False, "tom"),
        (b"A;B\r\n", False, "inga rader"),
        (b"A;A\r\n1;2\r\n", False, "två gånger"),
        (b"A;B\r\n1;2;3\r\n", False, "fler värden"),
        ("A;B\r\n1;2\r\n".encode("utf-16"), False, "UTF-16"),
        (b"A;B\r\n\xe4;\x01\r\n", False, "varken UTF-8 eller Windows-1252"),
        (b"A;B\r\n1;\x81\r\n", False, "varken UTF-8 eller Windows-1252"),
        (b"{", True, "ingen giltig JSON"),
        (b'{"A": 1}', True, "en lista"),
        (b'[{"A": {"B": 1}}]', True, "ett objekt"),
        (b"[]", True, "inga rader"),
        (b'[{"A": [[[["b"]]]]}]', True, "fler än 4 nivåer"),
        (b"[" * 100_000 + b"]" * 100_000, True, "fler än 4 nivåer"),
    ],
)
def test_a_bad_file_is_one_table_error(data: bytes, json_file: bool, said: str) -> None:
    with pytest.raises(TableError, match=said):
        read_table(data, json_file=json_file)
