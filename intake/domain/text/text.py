"""Text from issues made fit to keep: line breaks as `\\n`, no control characters."""

from __future__ import annotations

from intake.domain.text.patterns import CONTROL, SURROGATE


def clean(text: str) -> str:
    """The text with line breaks as `\\n` and without control characters or lone surrogates."""
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return SURROGATE.sub("\ufffd", text)
