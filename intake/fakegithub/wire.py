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
    """Answer the next `times` matching requests wrongly."""

    kind: str  # "status" | "secondary_rate_limit" | "malformed" | "slow"
    times: int = 1
    status: int = 502
    retry_after: int = 1
    delay: float = 0.0
    method: str | None = None
    path: str | None = None  # a regular expression searched in the path

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request."""
        return (
            self.times > 0
            and (self.method is None or self.method == method)
            and (self.path is None or re.search(self.path, path) is not None)
        )
