"""Attached files kept in the archive, downloaded from a local server on 127.0.0.1 (never the
network): a kept file, a second night that does not download it again, a refused address, a file
too large, a 404, and `--verify` noticing a changed stored file."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from intake.adapters.attachments import NOT_ALLOWED, AttachmentReader
from intake.cli.main import main
from intake.domain.archive.schema import ArchivedIssue
from intake.fakegithub import FakeGitHub
from tests.conftest import FAST
from tests.paths import SAMPLES

OWN = "exempelkommun/digitaliseringsprocessen"
KEPT = b"%PDF-1.4 nyttokalkyl\n"
CAP = 1000


class _Files(ThreadingHTTPServer):
    requested: Counter[str]
    release: threading.Event


class _Handler(BaseHTTPRequestHandler):
    server: _Files

    def do_GET(self) -> None:
        self.server.requested[self.path] += 1
        if self.path == "/files/langsam.pdf":
            self.server.release.wait(10)  # answers only after the reader has given up
        content = {"/files/kalkyl.pdf": KEPT, "/files/stor.bin": b"x" * (CAP + 1)}.get(self.path)
        if content is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def files() -> Iterator[_Files]:
    server = _Files(("127.0.0.1", 0), _Handler)
    server.requested = Counter()
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def base(server: _Files) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/files/"


def reader(server: _Files) -> AttachmentReader:
    return AttachmentReader(allowed=(base(server),), max_bytes=CAP, timeout=5)


def attach(fake: FakeGitHub, links: list[str]) -> int:
    items: list[dict[str, Any]] = json.loads(SAMPLES.read_text(encoding="utf-8"))
    body = next(i["body"] for i in items if "### Bilagor" in (i["body"] or ""))
    answer = "\n".join(f"[{link.rsplit('/', 1)[-1]}]({link})" for link in links)
    return fake.add_issue(
        "Behov: med bilagor",
        body.replace("### Bilagor\n\n_No response_", f"### Bilagor\n\n{answer}"),
        labels=("steg: behov",),
    )


def archive(fake: FakeGitHub, folder: Path, server: _Files, *args: str) -> int:
    return main(
        ["archive", *args, str(folder)], env=fake.env(), pacing=FAST, attachments=reader(server)
    )


def test_attached_files_are_kept_once_and_refusals_are_recorded(
    files: _Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = base(files)
    links = [f"{url}kalkyl.pdf", f"{url}stor.bin", f"{url}saknas.pdf", "https://example.org/a.pdf"]
    folder = tmp_path / "arkiv"
    with FakeGitHub() as fake:
        number = attach(fake, links)
        assert archive(fake, folder, files) == 0
        path = folder / "issues" / OWN / f"{number}.json"
        found = {a.url: a for a in ArchivedIssue.model_validate_json(path.read_bytes()).attachments}
        digest = hashlib.sha256(KEPT).hexdigest()
        kept = found[links[0]]
        assert (kept.sha256, kept.size, kept.not_kept) == (digest, len(KEPT), None)
        assert kept.kept is not None
        assert (folder / "files" / digest).read_bytes() == KEPT
        assert found[links[1]].not_kept == "filen är för stor"
        assert found[links[1]].sha256 is None
        assert found[links[2]].not_kept == "GitHub svarade 404"
        assert found[links[3]].not_kept == NOT_ALLOWED
        assert files.requested == {
            "/files/kalkyl.pdf": 1,
            "/files/stor.bin": 1,
            "/files/saknas.pdf": 1,
        }
        page = path.with_suffix(".md").read_text(encoding="utf-8")
        assert f"sparad som `files/{digest}`" in page

        # An unchanged night downloads nothing; a changed issue does not fetch the kept file again.
        assert archive(fake, folder, files) == 0
        assert sum(files.requested.values()) == 3
        fake.add_comment(number, "En ny kommentar.")
        assert archive(fake, folder, files) == 0
        assert files.requested["/files/kalkyl.pdf"] == 1
        again = ArchivedIssue.model_validate_json(path.read_bytes()).attachments
        assert next(a for a in again if a.url == links[0]).kept == kept.kept

        capsys.readouterr()
        assert archive(fake, folder, files, "--verify") == 0
        (folder / "files" / digest).write_bytes(b"changed")
        assert archive(fake, folder, files, "--verify") == 1
        lines = capsys.readouterr().out.splitlines()
        assert f"{OWN}#{number}: filen files/{digest} har ändrats sedan den skrevs" in lines


def test_a_file_that_does_not_come_in_time_is_not_kept(files: _Files) -> None:
    slow = AttachmentReader(allowed=(base(files),), timeout=0.2)
    assert slow.fetch(f"{base(files)}langsam.pdf") == "inget svar inom 0.2 sekunder"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://github.com/user-attachments/files/1/kalkyl.xlsx", True),
        ("https://github.com/user-attachments/assets/0f1e", True),
        ("https://user-images.githubusercontent.com/1/bild.png", True),
        ("https://private-user-images.githubusercontent.com/1/bild.png?jwt=x", True),
        ("https://objects.githubusercontent.com/github-production/1", True),
        ("http://github.com/user-attachments/files/1/kalkyl.xlsx", False),
        ("https://github.com/exempelkommun/repo/raw/main/a.pdf", False),
        ("https://github.com/user-attachments/../exempelkommun/a.pdf", False),
        ("https://github.com.example.org/user-attachments/files/1/a", False),
        ("https://anna@github.com/user-attachments/files/1/a", False),
        ("https://github.com:8443/user-attachments/files/1/a", False),
        ("https://example.org/a.pdf", False),
    ],
)
def test_only_githubs_addresses_for_attachments_are_read(url: str, allowed: bool) -> None:
    assert AttachmentReader().allows(url) is allowed
