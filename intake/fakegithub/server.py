"""A local, stateful fake of GitHub's REST and GraphQL APIs for one repository.

The real PyGithub client talks to it over loopback HTTP. It answers in GitHub's shapes, with URLs
and `Link` headers on its own host and port, records every request, and can be told to fail.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from intake.fakegithub.arrange import Arrange
from intake.fakegithub.rest import (
    Routes,
    _Answer,
    _error,
    _GoneError,
    _InvalidError,
    _NotFoundError,
)
from intake.fakegithub.state import Repository
from intake.fakegithub.strict import PRIMARY, PRIMARY_LIMIT, Strict
from intake.fakegithub.wire import Fault, Request
from intake.model.load import BUNDLED_PROCESS, load_process

SECONDARY = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)


Route = Callable[[re.Match[str], dict[str, str], Any], _Answer]


class FakeGitHub(Arrange, Strict, Routes):
    """A fake GitHub serving one repository on 127.0.0.1, on a free port."""

    def __init__(
        self,
        repository: str = "exempelkommun/digitaliseringsprocessen",
        token: str = "fake-token",  # noqa: S107 - a test credential for a loopback fake
        further: Sequence[str] | None = None,
    ) -> None:
        """`further`: more repositories to serve, empty, readable with `token`; None: the other
        förvaltningar's repositories of the bundled process file."""
        Strict.__init__(self)
        owner, _, name = repository.partition("/")
        self.repo = Repository(owner, name)
        self.token = token
        # Further repositories (add_repository), by full name in lower case, and the tokens that
        # may read each; the first repository is readable with `token`.
        self.repositories: dict[str, Repository] = {self.repo.full_name.casefold(): self.repo}
        self.readers: dict[str, set[str]] = {self.repo.full_name.casefold(): {token}}
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        # People acting at a given moment: (method, path pattern, action) run once, right after
        # the first matching request is answered (a label added between the bot's read and write).
        self.meanwhile: list[tuple[str, re.Pattern[str], Callable[[], None]]] = []
        self.lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._routes: list[tuple[str, re.Pattern[str], Route]] = self._build_routes()
        for name in _example_further(repository) if further is None else further:
            self.add_repository(name)

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        """Listen on a free loopback port and serve in a background thread."""
        fake = self

        class Handler(_Handler):
            github = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        """The base URL to give PyGithub (GITHUB_API_URL)."""
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def graphql_url(self) -> str:
        """GITHUB_GRAPHQL_URL."""
        return f"{self.api_url}/graphql"

    def env(self, **extra: str | Path) -> dict[str, str]:
        """The GITHUB_* variables a workflow step would see, pointing here."""
        values = {
            "GITHUB_REPOSITORY": self.repo.full_name,
            "GITHUB_API_URL": self.api_url,
            "GITHUB_GRAPHQL_URL": self.graphql_url,
            "GITHUB_TOKEN": self.token,
        }
        return values | {key: str(value) for key, value in extra.items()}

    # -- serving ---------------------------------------------------------------------------

    def answer(
        self, method: str, target: str, headers: Mapping[str, str], raw: bytes
    ) -> tuple[_Answer, float]:
        """The answer to one request (header names in lower case), and the delay before it."""
        parsed = urllib.parse.urlsplit(target)
        path = parsed.path
        query = dict(urllib.parse.parse_qsl(parsed.query))
        with self.lock:
            body: Any = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode("utf-8", "replace")
            fault = next((f for f in self.faults if f.take(method, path)), None)
            resource = "graphql" if path == "/graphql" else "core"
            counted = path != "/rate_limit"  # GitHub does not count asking for the limit
            if fault is not None and not (fault.after or fault.kind == "truncated"):
                answer = _fault_answer(fault)
            elif (token := _token(headers)) not in set().union(*self.readers.values()):
                answer = _error(401, "Bad credentials")
            elif counted and self.remaining[resource] <= 0:  # refused until the reset
                answer = _error(403, PRIMARY)
                if resource == "graphql":  # GraphQL says so in a 200, as its other errors
                    answer = _Answer(
                        200, {"errors": [{"type": "RATE_LIMITED", "message": PRIMARY}]}
                    )
                counted = False
            else:
                answer = self._route_in(
                    self._addressed(path, body), token, method, path, query, body
                )
                if fault is not None:  # carried out; now the answer goes wrong
                    self._hide(answer, fault.hide)
                    answer = _fault_answer(fault, answer)
            if counted:
                self.remaining[resource] = max(0, self.remaining[resource] - 1)
            self.requests.append(Request(method, path, query, body, answer.status))
            for entry in [e for e in self.meanwhile if e[0] == method and e[1].search(path)][:1]:
                self.meanwhile.remove(entry)
                entry[2]()
            answer.headers |= self._rate_headers(resource)
            return answer, fault.delay if fault is not None else 0.0

    def after(self, method: str, path: str, action: Callable[[], None]) -> None:
        """Let a person act right after the next `method` request whose path matches `path`."""
        with self.lock:
            self.meanwhile.append((method, re.compile(path), action))

    def _hide(self, answer: _Answer, listings: int) -> None:
        """Keep a comment just written out of the next `listings` listings, as GitHub may."""
        body = answer.body if isinstance(answer.body, dict) else {}
        if listings and answer.status == 201 and body.get("id") in self.repo.comments:
            self.repo.lagging[body["id"]] = listings

    def _rate_headers(self, resource: str) -> dict[str, str]:
        remaining = self.remaining[resource]
        return {
            "X-RateLimit-Limit": str(PRIMARY_LIMIT),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(self.reset_at),
            "X-RateLimit-Used": str(PRIMARY_LIMIT - remaining),
            "X-RateLimit-Resource": resource,
        }

    # -- several repositories ----------------------------------------------------------------

    def add_repository(self, full_name: str, tokens: set[str] | None = None) -> Repository:
        """Serve a further repository, readable with `tokens` (default: the fake's token)."""
        with self.lock:
            owner, _, name = full_name.partition("/")
            repository = Repository(owner, name)
            self.repositories[full_name.casefold()] = repository
            self.readers[full_name.casefold()] = set(tokens or {self.token})
            return repository

    @contextmanager
    def using(self, full_name: str) -> Iterator[FakeGitHub]:
        """Arrange and observe another repository of the fake for the block's length (tests run
        the arranging and the requests one after the other)."""
        with self.lock:
            saved = self.repo
            self.repo = self.repositories[full_name.casefold()]
            self._routes = self._build_routes()  # the routes name the repository they serve
        try:
            yield self  # requests may come meanwhile: each is answered as the one it addresses
        finally:
            with self.lock:
                self.repo = saved
                self._routes = self._build_routes()

    def _addressed(self, path: str, body: Any) -> str:
        """The repository (owner/name, lower case) a request is about: its path or variables."""
        if path == "/graphql" and isinstance(body, dict):
            variables = body.get("variables") or {}
            return f"{variables.get('owner')}/{variables.get('name')}".casefold()
        parts = path.split("/")
        return "/".join(parts[2:4]).casefold() if path.startswith("/repos/") else ""

    def _route_in(
        self, addressed: str, token: str, method: str, path: str, query: dict[str, str], body: Any
    ) -> _Answer:
        """Answer as the addressed repository, when the token may read it; else as GitHub
        answers for a repository it keeps hidden (not found)."""
        repository = self.repositories.get(addressed)
        if repository is None or repository is self.repo:
            if repository is not None and token not in self.readers[addressed]:
                return self._hidden(path, body)
            return self._route(method, path, query, body)
        if token not in self.readers[addressed]:
            return self._hidden(path, body)
        saved, self.repo = self.repo, repository
        self._routes = self._build_routes()  # the routes name the repository they serve
        try:
            return self._route(method, path, query, body)
        finally:
            self.repo = saved
            self._routes = self._build_routes()

    def _hidden(self, path: str, body: Any) -> _Answer:
        if path != "/graphql":
            return _error(404, "Not Found")
        variables = body.get("variables") if isinstance(body, dict) else None
        owner_name = f"{(variables or {}).get('owner')}/{(variables or {}).get('name')}"
        error = {
            "type": "NOT_FOUND",
            "path": ["repository"],
            "message": f"Could not resolve to a Repository with the name '{owner_name}'.",
        }
        return _Answer(200, {"data": {"repository": None}, "errors": [error]})

    def _route(self, method: str, path: str, query: dict[str, str], body: Any) -> _Answer:
        for verb, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match and verb == method:
                try:
                    return handler(match, query, body)
                except _NotFoundError:
                    return _error(404, "Not Found")
                except _GoneError:
                    return _error(410, "This issue was deleted")
                except _InvalidError as invalid:
                    return _error(422, str(invalid), invalid.errors)
                except (KeyError, TypeError, ValueError) as error:
                    return _error(400, f"Problems parsing JSON: {error}")
        return _error(404, "Not Found")

    def _build_routes(self) -> list[tuple[str, re.Pattern[str], Route]]:
        repo = rf"/repos/{re.escape(self.repo.full_name)}"
        table: list[tuple[str, str, Route]] = [
            ("GET", "/rate_limit", self._get_rate_limit),
            ("POST", "/graphql", self._post_graphql),
            ("GET", repo, self._get_repo),
            ("GET", rf"{repo}/issues", self._list_issues),
            ("POST", rf"{repo}/issues", self._create_issue),
            ("GET", rf"{repo}/issues/(?P<n>\d+)", self._get_issue),
            ("PATCH", rf"{repo}/issues/(?P<n>\d+)", self._patch_issue),
            ("GET", rf"{repo}/issues/(?P<n>\d+)/comments", self._list_comments),
            ("POST", rf"{repo}/issues/(?P<n>\d+)/comments", self._post_comment),
            ("GET", rf"{repo}/issues/comments/(?P<id>\d+)", self._get_comment),
            ("PATCH", rf"{repo}/issues/comments/(?P<id>\d+)", self._patch_comment),
            ("DELETE", rf"{repo}/issues/comments/(?P<id>\d+)", self._delete_comment),
            ("POST", rf"{repo}/issues/comments/(?P<id>\d+)/reactions", self._react),
            ("GET", rf"{repo}/issues/(?P<n>\d+)/labels", self._list_issue_labels),
            ("POST", rf"{repo}/issues/(?P<n>\d+)/labels", self._add_issue_labels),
            ("PUT", rf"{repo}/issues/(?P<n>\d+)/labels", self._set_issue_labels),
            ("DELETE", rf"{repo}/issues/(?P<n>\d+)/labels", self._clear_issue_labels),
            ("DELETE", rf"{repo}/issues/(?P<n>\d+)/labels/(?P<name>[^/]+)", self._remove_label),
            ("GET", rf"{repo}/labels", self._list_labels),
            ("POST", rf"{repo}/labels", self._create_label),
            ("POST", rf"{repo}/actions/workflows/(?P<workflow>[^/]+)/dispatches", self._dispatch),
            ("GET", rf"{repo}/actions/workflows/(?P<workflow>[^/]+)/runs", self._list_runs),
            ("GET", rf"{repo}/labels/(?P<name>[^/]+)", self._get_label),
            ("PATCH", rf"{repo}/labels/(?P<name>[^/]+)", self._patch_label),
        ]
        return [(verb, re.compile(pattern), handler) for verb, pattern, handler in table]


def _example_further(repository: str) -> list[str]:
    """The bundled process's repositories other than this one (as a test's fake serves them)."""
    named = load_process(BUNDLED_PROCESS).portfolio_repositories
    return [name for name in named if name.casefold() != repository.casefold()]


def _token(headers: Mapping[str, str]) -> str:
    """The token of a request's Authorization header ("token x" or "Bearer x")."""
    kind, _, token = headers.get("authorization", "").partition(" ")
    return token if kind in ("token", "Bearer") else ""


def _fault_answer(fault: Fault, carried_out: _Answer | None = None) -> _Answer:
    """The wrong answer a fault gives (`carried_out`: the right one, which it replaces)."""
    if fault.kind == "secondary_rate_limit":
        answer = _error(fault.status if fault.status in (403, 429) else 403, SECONDARY)
        if fault.retry_after is not None:
            answer.headers["Retry-After"] = str(fault.retry_after)
        return answer
    if fault.kind == "malformed":
        return _Answer(200, raw=b'{"message": "truncat')
    if fault.kind == "truncated":
        right = carried_out or _Answer(200, {"message": "never whole"})
        return _Answer(right.status, right.body, dict(right.headers), right.raw, "truncated")
    if fault.kind == "drop":
        return _Answer(502, broken="drop")  # the status is only what the fake records
    if fault.kind == "slow":
        return _error(503, "slow")  # never seen: the client gave up waiting first
    return _error(fault.status, "Server Error")


class _Handler(BaseHTTPRequestHandler):
    github: FakeGitHub
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes; don't delay the second

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the fake records requests itself."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        answer, delay = self.github.answer(self.command, self.path, headers, raw)
        if delay:
            time.sleep(delay)
        if answer.broken == "drop":
            self.close_connection = True  # closed without a word: the client sees it drop
            return
        if answer.raw is not None:
            payload = answer.raw
        elif answer.body is None:
            payload = b""
        else:
            payload = json.dumps(answer.body).encode("utf-8")
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in answer.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if answer.broken == "truncated":  # half of what Content-Length promised, then gone
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and left, as a slow fault intends

    # The names BaseHTTPRequestHandler dispatches to.
    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve  # noqa: N815


@contextmanager
def running(repository: str = "exempelkommun/digitaliseringsprocessen") -> Iterator[FakeGitHub]:
    """A started fake, stopped afterwards."""
    fake = FakeGitHub(repository)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
