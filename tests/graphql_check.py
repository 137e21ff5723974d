"""Check a GraphQL query against GitHub's published schema (tests/schemas/graphql/types.json)."""

from __future__ import annotations

from typing import Any

from intake.fakegithub.graphql import EnumValue, Field, InlineFragment, Variable, parse
from tests.conftest import schema

_TYPES: dict[str, Any] = schema("graphql/types")


def _unwrap(ref: dict[str, Any]) -> dict[str, Any]:
    while ref.get("ofType"):
        ref = ref["ofType"]
    return ref


def _written(ref: dict[str, Any]) -> str:
    if ref["kind"] == "NON_NULL":
        return _written(ref["ofType"]) + "!"
    if ref["kind"] == "LIST":
        return f"[{_written(ref['ofType'])}]"
    return str(ref["name"])


def _check_value(value: Any, ref: dict[str, Any], variables: dict[str, str], where: str) -> None:
    if isinstance(value, Variable):
        declared = variables[value.name]
        wanted = _written(ref)
        assert declared in (wanted, wanted + "!"), f"{where}: ${value.name} is {declared}"
        return
    kind = ref["kind"]
    if kind == "NON_NULL":
        assert value is not None, where
        _check_value(value, ref["ofType"], variables, where)
    elif kind == "LIST":
        for item in value if isinstance(value, list) else [value]:
            _check_value(item, ref["ofType"], variables, where)
    elif kind == "ENUM":
        values = {v["name"] for v in _TYPES[ref["name"]]["enumValues"]}
        assert isinstance(value, EnumValue), where
        assert value.name in values, f"{where}: {value.name} is no {ref['name']}"
    elif kind == "INPUT_OBJECT":
        fields = {f["name"]: f["type"] for f in _TYPES[ref["name"]]["inputFields"]}
        for key, item in value.items():
            assert key in fields, f"{where}: {ref['name']} has no field {key}"
            _check_value(item, fields[key], variables, f"{where}.{key}")
    else:
        python = {"Int": int, "String": str, "Boolean": bool}.get(ref["name"], object)
        assert isinstance(value, python), where


def check_selections(
    selections: tuple[Field | InlineFragment, ...], type_name: str, variables: dict[str, str]
) -> None:
    kind = _TYPES[type_name]
    for selection in selections:
        if isinstance(selection, InlineFragment):
            possible = {t["name"] for t in kind.get("possibleTypes") or []} | {type_name}
            condition = selection.type_condition
            assert condition in possible, f"{condition} is not a {type_name}"
            check_selections(selection.selections, condition, variables)
            continue
        where = f"{type_name}.{selection.name}"
        if selection.name == "__typename":
            continue
        fields = {f["name"]: f for f in kind.get("fields") or []}
        assert selection.name in fields, f"{where} does not exist"
        definition = fields[selection.name]
        arguments = {a["name"]: a for a in definition["args"]}
        for name, value in selection.arguments.items():
            assert name in arguments, f"{where} takes no argument {name}"
            _check_value(value, arguments[name]["type"], variables, f"{where}({name})")
        required = {n for n, a in arguments.items() if a["type"]["kind"] == "NON_NULL"}
        assert required <= set(selection.arguments), f"{where} needs {required}"
        target = _unwrap(definition["type"])
        if target["kind"] in ("OBJECT", "INTERFACE", "UNION"):
            assert selection.selections, f"{where} needs a selection"
            check_selections(selection.selections, target["name"], variables)
        else:
            assert not selection.selections, f"{where} is a leaf"


def check_query(query: str) -> None:
    """Fail unless every field, argument and variable of `query` is valid in GitHub's schema."""
    operation = parse(query)
    variables = {v.name: v.type for v in operation.variables}
    check_selections(operation.selections, "Query", variables)
