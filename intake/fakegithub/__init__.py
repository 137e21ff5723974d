"""A local, stateful fake GitHub server for tests and benchmarks (see server.py)."""

from intake.fakegithub.server import FakeGitHub, Fault, Request, running
from intake.fakegithub.state import BOT

__all__ = ["BOT", "FakeGitHub", "Fault", "Request", "running"]
