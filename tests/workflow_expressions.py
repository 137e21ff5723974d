"""A small evaluator of GitHub Actions expressions: the operators and functions our workflows'
`if:` conditions use (`||`, `&&`, `!`, `==`, `!=`, parentheses, `startsWith`, `contains`,
`fromJSON`, string literals, `github.*` properties). Comparisons of strings ignore case, as
GitHub's do. An unknown name or function fails the test that uses it."""

from __future__ import annotations

import json
import re
from typing import Any

_WORD = re.compile(r"\s*(\|\||&&|==|!=|!|\(|\)|,|'(?:[^']|'')*'|[A-Za-z_][\w.-]*|\d+)")


def _words(text: str) -> list[str]:
    words: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        found = _WORD.match(text, position)
        if found is None:
            raise ValueError(f"cannot read {text[position:]!r}")
        words.append(found.group(1))
        position = found.end()
    return words


class _Parser:
    def __init__(self, text: str, context: dict[str, Any]) -> None:
        self.words = _words(text)
        self.at = 0
        self.context = context

    def peek(self) -> str | None:
        return self.words[self.at] if self.at < len(self.words) else None

    def take(self, expected: str | None = None) -> str:
        word = self.words[self.at]
        if expected is not None and word != expected:
            raise ValueError(f"expected {expected}, found {word}")
        self.at += 1
        return word

    def either(self) -> Any:
        value = self.both()
        while self.peek() == "||":
            self.take()
            other = self.both()
            value = value or other
        return value

    def both(self) -> Any:
        value = self.compare()
        while self.peek() == "&&":
            self.take()
            other = self.compare()
            value = value and other
        return value

    def compare(self) -> Any:
        value = self.unary()
        if self.peek() in ("==", "!="):
            operator = self.take()
            other = self.unary()
            same = _fold(value) == _fold(other)
            return same if operator == "==" else not same
        return value

    def unary(self) -> Any:
        if self.peek() == "!":
            self.take()
            return not self.unary()
        return self.atom()

    def atom(self) -> Any:
        word = self.take()
        if word == "(":
            inner = self.either()
            self.take(")")
            return inner
        if word.startswith("'"):
            return word[1:-1].replace("''", "'")
        if word in ("true", "false"):
            return word == "true"
        if word == "null":
            return None
        if self.peek() == "(":
            self.take("(")
            args = [self.either()]
            while self.peek() == ",":
                self.take()
                args.append(self.either())
            self.take(")")
            return _call(word, args)
        value: Any = self.context
        for part in word.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _call(name: str, args: list[Any]) -> Any:
    if name == "startsWith":
        return isinstance(args[0], str) and _fold(args[0]).startswith(_fold(args[1]))
    if name == "contains":
        haystack, needle = args
        if isinstance(haystack, list):
            return any(_fold(item) == _fold(needle) for item in haystack)
        return isinstance(haystack, str) and _fold(needle) in _fold(haystack)
    if name == "fromJSON":
        return json.loads(args[0])
    raise ValueError(f"unknown function {name}")


def evaluate(expression: str, github: dict[str, Any]) -> bool:
    """Whether the condition holds for the `github` context (event_name, event, …)."""
    parser = _Parser(expression, {"github": github})
    value = parser.either()
    if parser.peek() is not None:
        raise ValueError(f"left over: {parser.words[parser.at :]}")
    return bool(value)
