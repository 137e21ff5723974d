"""A local, stateful fake GitHub server for tests and benchmarks (see server.py)."""

from intake.fakegithub.server import FakeGitHub, running
from intake.fakegithub.state import BOT
from intake.fakegithub.wire import Fault, Request

__all__ = ["BOT", "FakeGitHub", "Fault", "Request", "running"]
