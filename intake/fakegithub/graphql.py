"""A small GraphQL reader and executor: enough for the queries the gateway sends.

It parses operations with variables, arguments, aliases and inline fragments (no fragments by name,
no directives) and answers exactly the fields a query selects from resolver objects: dicts whose
values are data or callables taking the field's arguments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


class GraphQLError(Exception):
    """The query cannot be read or answered; `kind` is GitHub's error type, where it names one."""

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind


class NotFoundError(Exception):
    """A resolver's object does not exist: its field answers null with a NOT_FOUND error."""


@dataclass(frozen=True)
class Variable:
    name: str


@dataclass(frozen=True)
class EnumValue:
    name: str


@dataclass(frozen=True)
class Field:
    name: str
    alias: str | None = None
    arguments: dict[str, Any] = field(default_factory=dict)
    selections: tuple[Selection, ...] = ()

    @cached_property
    def key(self) -> str:
        """The name the answer uses."""
        return self.alias or self.name


@dataclass(frozen=True)
class InlineFragment:
    type_condition: str
    selections: tuple[Selection, ...]


Selection = Field | InlineFragment


@dataclass(frozen=True)
class VariableDefinition:
    name: str
    type: str  # as written, e.g. "String!" or "[Int!]"
    default: Any = None


@dataclass(frozen=True)
class Operation:
    kind: str
    name: str | None
    variables: tuple[VariableDefinition, ...]
    selections: tuple[Selection, ...]


_TOKEN = re.compile(
    r"""
    (?P<skip>[\s,\ufeff]+|\#[^\n]*)
    |(?P<punct>\.\.\.|[{}()\[\]:!$=@])
    |(?P<string>"(?:[^"\\\n]|\\.)*")
    |(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    |(?P<name>[_A-Za-z][_0-9A-Za-z]*)
    """,
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise GraphQLError(f"unexpected character {text[position]!r} at {position}")
        kind = match.lastgroup or ""
        if kind != "skip":
            found.append((kind, match.group()))
        position = match.end()
    return found


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None, kind: str | None = None) -> str:
        token_kind, token = self.peek()
        if (value is not None and token != value) or (kind is not None and token_kind != kind):
            raise GraphQLError(f"expected {value or kind}, found {token!r}")
        self.at += 1
        return token

    def accept(self, value: str) -> bool:
        if self.peek()[1] == value and self.peek()[0] == "punct":
            self.at += 1
            return True
        return False

    def operation(self) -> Operation:
        kind, name = "query", None
        variables: list[VariableDefinition] = []
        if self.peek() == ("name", "query") or self.peek() == ("name", "mutation"):
            kind = self.take()
            if self.peek()[0] == "name":
                name = self.take()
            if self.accept("("):
                while not self.accept(")"):
                    self.take("$")
                    variable = self.take(kind="name")
                    self.take(":")
                    written = self.type_reference()
                    default = self.value() if self.accept("=") else None
                    variables.append(VariableDefinition(variable, written, default))
        if self.peek()[1] == "@":
            raise GraphQLError("directives are not supported")
        selections = self.selection_set()
        if self.peek()[0] != "end":
            raise GraphQLError("only one operation per document is supported")
        return Operation(kind, name, tuple(variables), selections)

    def type_reference(self) -> str:
        if self.accept("["):
            inner = self.type_reference()
            self.take("]")
            written = f"[{inner}]"
        else:
            written = self.take(kind="name")
        return written + "!" if self.accept("!") else written

    def selection_set(self) -> tuple[Selection, ...]:
        self.take("{")
        selections: list[Selection] = []
        while not self.accept("}"):
            if self.accept("..."):
                if self.peek() != ("name", "on"):
                    raise GraphQLError("named fragments are not supported")
                self.take("on")
                condition = self.take(kind="name")
                selections.append(InlineFragment(condition, self.selection_set()))
                continue
            name = self.take(kind="name")
            alias = None
            if self.accept(":"):
                alias, name = name, self.take(kind="name")
            arguments: dict[str, Any] = {}
            if self.accept("("):
                while not self.accept(")"):
                    argument = self.take(kind="name")
                    self.take(":")
                    arguments[argument] = self.value()
            if self.peek()[1] == "@":
                raise GraphQLError("directives are not supported")
            inner = self.selection_set() if self.peek()[1] == "{" else ()
            selections.append(Field(name, alias, arguments, inner))
        return tuple(selections)

    def value(self) -> Any:
        kind, token = self.peek()
        if self.accept("$"):
            return Variable(self.take(kind="name"))
        if self.accept("["):
            items = []
            while not self.accept("]"):
                items.append(self.value())
            return items
        if self.accept("{"):
            fields: dict[str, Any] = {}
            while not self.accept("}"):
                key = self.take(kind="name")
                self.take(":")
                fields[key] = self.value()
            return fields
        self.at += 1
        if kind == "string":
            return json.loads(token)  # GraphQL string escapes are JSON's
        if kind == "number":
            return float(token) if any(c in token for c in ".eE") else int(token)
        if kind == "name":
            return {"true": True, "false": False, "null": None}.get(token, EnumValue(token))
        raise GraphQLError(f"unexpected {token!r}")


def parse(text: str) -> Operation:
    """Read one GraphQL operation."""
    return _Reader(text).operation()


def resolve_arguments(arguments: dict[str, Any], variables: dict[str, Any]) -> dict[str, Any]:
    """Arguments with variables substituted and enum values as their names."""

    def value(raw: Any) -> Any:
        if isinstance(raw, Variable):
            return variables.get(raw.name)
        if isinstance(raw, EnumValue):
            return raw.name
        if isinstance(raw, list):
            return [value(v) for v in raw]
        if isinstance(raw, dict):
            return {k: value(v) for k, v in raw.items()}
        return raw

    return {name: value(raw) for name, raw in arguments.items()}


Resolver = dict[str, Any]  # field name → data, a nested resolver, or a callable(arguments)


def execute(
    operation: Operation, root: Resolver, variables: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Answer exactly the selected fields; also the NOT_FOUND errors of fields answered null."""
    declared = {v.name: v for v in operation.variables}
    values = {name: variables.get(name, d.default) for name, d in declared.items()}
    missing = [n for n, d in declared.items() if d.type.endswith("!") and values[n] is None]
    if missing:
        raise GraphQLError(f"variable(s) {', '.join(missing)} of non-null type not given")
    errors: list[dict[str, Any]] = []
    answer: dict[str, Any] = _select(operation.selections, root, values, (), errors)
    return answer, errors


def _select(
    selections: tuple[Selection, ...],
    obj: Resolver,
    variables: dict[str, Any],
    path: tuple[str | int, ...],
    errors: list[dict[str, Any]],
) -> Any:
    out: dict[str, Any] = {}
    for selection in selections:
        if isinstance(selection, InlineFragment):
            if obj.get("__typename") == selection.type_condition:
                out.update(_select(selection.selections, obj, variables, path, errors))
            continue
        if selection.name not in obj:
            typename = obj.get("__typename", "?")
            raise GraphQLError(f"Field '{selection.name}' doesn't exist on type '{typename}'")
        value = obj[selection.name]
        key = selection.key
        if callable(value):
            resolver: Callable[[dict[str, Any]], Any] = value
            try:
                value = resolver(resolve_arguments(selection.arguments, variables))
            except NotFoundError as missing:
                value = None
                errors.append({"type": "NOT_FOUND", "path": [*path, key], "message": str(missing)})
        if selection.selections and value is not None:
            where = (*path, key)
            if isinstance(value, list):
                value = [
                    _select(selection.selections, item, variables, (*where, i), errors)
                    for i, item in enumerate(value)
                ]
            else:
                value = _select(selection.selections, value, variables, where, errors)
        out[key] = value
    return out
