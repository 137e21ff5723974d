"""What went over the wire to the fake GitHub, and the faults it can be told to answer with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Request:
    """One request the fake received, and how it answered."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int

    @property
    def is_write(self) -> bool:
        """Whether it asked to change something (GraphQL queries only read)."""
        return self.method != "GET" and self.path != "/graphql"


@dataclass
class Fault:
    """Answer the next `times` matching requests wrongly.

    kind: "status" (a 5xx), "secondary_rate_limit" (403 or 429 as `status` says, with or without
    `Retry-After`), "malformed" (a whole answer whose JSON is cut off), "truncated" (the
    connection breaks in the middle of the body: fewer bytes than `Content-Length` promises),
    "drop" (the connection closes before any answer) or "slow" (an answer after `delay`).
    `after`: carry the request out first, as GitHub sometimes does, then answer wrongly; `hide`:
    what such a write created stays out of the next `hide` listings (GitHub's listings lag).
    `method` and `path` choose the requests; `path` may end in `$` and `method` may be "WRITE"
    (anything but a GET or a GraphQL query).
    """

    kind: str
    times: int = 1
    status: int = 502
    retry_after: int | None = 1  # None: no Retry-After header
    delay: float = 0.0
    method: str | None = None
    path: str | None = None  # a regular expression searched in the path
    after: bool = False
    hide: int = 0
    every: int = 1  # only every n-th matching request (2: every other one, so a retry passes)
    seen: int = 0

    def take(self, method: str, path: str) -> bool:
        """Whether this fault answers a request now (counting it when it matches)."""
        if not self.matches(method, path):
            return False
        self.seen += 1
        if self.seen % self.every:
            return False
        self.times -= 1
        return True

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request."""
        return (
            self.times > 0
            and (
                self.method is None
                or self.method == method
                or (self.method == "WRITE" and method != "GET" and path != "/graphql")
            )
            and (self.path is None or re.search(self.path, path) is not None)
        )
