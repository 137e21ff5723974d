"""A local, stateful fake GitHub server for tests and benchmarks (see server.py)."""

from tests.fakegithub.server import FakeGitHub, Fault, Request, running
from tests.fakegithub.state import BOT

__all__ = ["BOT", "FakeGitHub", "Fault", "Request", "running"]
