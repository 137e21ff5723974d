"""What the commands print: plain lines for people, GitHub's workflow commands inside Actions."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO

# Exit statuses of every command (also in `intake --help` and docs/underhall.md).
OK = 0
PROBLEMS = 1  # the command ran and found problems: an incomplete need, a drifted file, …
UNUSABLE = 2  # unusable input or usage: a missing or broken file, a wrong option, no settings
GITHUB_FAILED = 3  # GitHub could not be reached or answered wrongly, also after retries

_WORDS = {"error": "fel", "warning": "varning", "notice": "obs"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Console:
    """Prints findings; `::error` and friends only when `actions` (GITHUB_ACTIONS=true)."""

    actions: bool = False
    out: TextIO | None = None  # None: the standard output at the time of printing
    err: TextIO | None = None  # None: the standard error at the time of printing

    def say(self, text: str) -> None:
        """A line for the person running the command."""
        print(text, file=self.out)

    def annotate(
        self, kind: str, message: str, *, file: str | None = None, title: str = ""
    ) -> None:
        """An error, warning or notice: an annotation in Actions, a plain line elsewhere."""
        if self.actions:
            props = {"file": file, "title": title}
            shown = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items() if v)
            print(f"::{kind}{' ' + shown if shown else ''}::{escape_data(message)}", file=self.out)
            return
        where = f"{file}: " if file and not message.startswith(file) else ""
        stream = (self.err or sys.stderr) if kind == "error" else self.out
        print(f"{_WORDS[kind]}: {where}{message}", file=stream)

    def fail(self, message: str) -> None:
        """The one line a command ends with when it cannot go on."""
        if self.actions:
            print(f"::error::{escape_data(message)}", file=self.out)
        else:
            print(f"fel: {message}", file=self.err or sys.stderr)
