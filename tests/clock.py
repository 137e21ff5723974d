"""A clock for the gateway whose sleeps only move its hands: no test waits for real."""

from __future__ import annotations


class Clock:
    """Keeps the waits it is asked for; monotonic time moves by exactly those."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        """The time so far: the sum of the waits."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Wait, without waiting."""
        self.waits.append(seconds)
        self.now += seconds
