"""How the gateway survives what the network and GitHub get wrong: one policy per request.

A read, and a write that can be repeated without harm (label deltas, edits, closing, reactions),
is sent again after a transient fault, within a budget. A write that is not idempotent (a new
comment, issue, label or workflow run) is never sent blindly a second time: when its fate is
unknown, the gateway reads back whether it happened (`UncertainWriteError`, `GitHub._write_once`).
Only GitHub's own refusal to take a request, a secondary rate limit, lets such a write go again
at once: GitHub did not carry it out.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

import requests
from github import GithubException
from urllib3.exceptions import ProtocolError

from intake.adapters.settings import Pacing
from intake.usecases.gateway import GitHubError, RateLimitError

T = TypeVar("T")

SECONDARY_WAIT = 60.0  # GitHub: without Retry-After, wait at least a minute, then back off


class Clock(Protocol):
    """Where the gateway gets its time and its pauses from (tests pass one that never sleeps)."""

    def monotonic(self) -> float:
        """Seconds, for measuring."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        """time.monotonic()."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """time.sleep()."""
        time.sleep(seconds)


class UncertainWriteError(GitHubError):
    """A write that is not idempotent met a fault after it was sent: it may have happened."""


@dataclass(frozen=True)
class Fault:
    """A transient fault: what it was, whether a write may have happened, how long to wait."""

    what: str
    happened: bool  # the request may have been carried out
    retry_after: float | None = None  # GitHub said how long
    secondary: bool = False


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value)
    return None


def _seconds(text: str | None) -> float | None:
    """A Retry-After in seconds; None when absent or not a number (then we choose the wait)."""
    try:
        return max(0.0, float(text)) if text is not None else None
    except ValueError:
        return None


def classify(error: Exception) -> Fault | None:
    """The transient fault an exception stands for; None when retrying cannot help.

    Raises RateLimitError when the hour's limit is spent: nothing helps until it resets.
    """
    if isinstance(error, GithubException):
        headers = error.headers or {}
        message = str(error.data.get("message", "")) if isinstance(error.data, dict) else ""
        if error.status >= 500:
            return Fault(f"{error.status} {message}".strip(), happened=True)
        if error.status in (403, 429):
            if _header(headers, "x-ratelimit-remaining") == "0":
                reset = _header(headers, "x-ratelimit-reset")
                at = datetime.fromtimestamp(int(float(reset)), UTC) if reset else None
                raise RateLimitError(f"the hourly limit is spent until {at}", at) from error
            retry_after = _seconds(_header(headers, "retry-after"))
            said = any(word in message.lower() for word in ("secondary", "abuse"))
            if retry_after is not None or error.status == 429 or said:
                return Fault(f"{error.status} {message}", False, retry_after, secondary=True)
        return None
    if isinstance(error, json.JSONDecodeError):
        return Fault("a malformed answer", happened=True)
    if isinstance(error, requests.exceptions.ChunkedEncodingError | ProtocolError):
        return Fault("an answer cut short", happened=True)
    if isinstance(error, _NETWORK):
        return Fault(f"{type(error).__name__}", happened=True)  # timeouts and dropped connections
    return None  # a bad URL or a bug of ours: trying again cannot help


# What the network gets wrong; requests' own usage errors (a bad URL) are not among them.
_NETWORK = (requests.exceptions.ConnectionError, requests.exceptions.Timeout, ConnectionError)


class Transport:
    """Sends each request under its policy, counts requests and keeps the retry budget."""

    def __init__(self, pacing: Pacing, clock: Clock) -> None:
        self.pacing = pacing
        self.clock = clock
        self.requests = 0
        self.started = clock.monotonic()
        # What is left of each hourly limit (core, graphql …) and when it resets, as GitHub's
        # latest answer for that resource said.
        self.limits: dict[str, tuple[int, int]] = {}

    def note_limit(self, headers: Mapping[str, Any]) -> None:
        """Remember what an answer's headers say of its resource's hourly limit."""
        remaining = _header(headers, "x-ratelimit-remaining")
        reset = _header(headers, "x-ratelimit-reset")
        if remaining is not None and reset is not None:
            resource = _header(headers, "x-ratelimit-resource") or "core"
            self.limits[resource] = (int(float(remaining)), int(float(reset)))

    def send(self, request: Callable[[], T], *, repeatable: bool) -> T:
        """Send a request; again after a transient fault when it is `repeatable` (or when
        GitHub refused it with a secondary limit). A write that is not repeatable and may have
        happened raises UncertainWriteError: the caller reads back."""
        secondary = 0
        for attempt in range(self.pacing.retries + 1):
            self.requests += 1
            try:
                return request()
            except Exception as error:  # classified below; the rest re-raised
                fault = classify(error)
                if fault is None:
                    raise
                if fault.happened and not repeatable:
                    raise UncertainWriteError(f"its fate is unknown after {fault.what}") from error
                if fault.secondary:
                    secondary += 1
                self.pause(fault, attempt, secondary, error)
        raise AssertionError("unreachable")  # pragma: no cover

    def pause(self, fault: Fault, attempt: int, secondary: int, error: Exception) -> None:
        """Wait before the next try; raise when no try is left or the budget would be spent."""
        if attempt >= self.pacing.retries:
            raise error
        wait = self.wait(fault, attempt, secondary)
        limit = self.pacing.max_rate_limit_wait
        if fault.retry_after is not None and fault.retry_after > limit:
            raise GitHubError(
                f"GitHub asks us to wait {fault.retry_after:.0f} s, more than the {limit:.0f} s "
                "we allow"
            ) from error
        elapsed = self.clock.monotonic() - self.started
        if elapsed + wait > self.pacing.retry_budget:
            raise error
        if wait > 0:
            self.clock.sleep(wait)

    def wait(self, fault: Fault, attempt: int, secondary: int) -> float:
        """Seconds before the next try: what GitHub asked; at least a minute, doubling, for a
        secondary limit that names no time; else exponential backoff."""
        if fault.retry_after is not None:
            return fault.retry_after
        if fault.secondary:
            return float(SECONDARY_WAIT * 2 ** (secondary - 1))
        return float(min(self.pacing.backoff_factor * 2**attempt, self.pacing.max_backoff))

    def retry_write(self, attempt: int, error: Exception) -> None:
        """Before writing again what read-back did not find: the same pause as a retry."""
        self.pause(Fault("an uncertain write", happened=True), attempt, 0, error)
