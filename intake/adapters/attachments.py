"""The files attached in a form, downloaded for the archive: only from the addresses where GitHub
keeps attachments, with a time limit and a size limit. Not the gateway: no token is sent."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

# Where GitHub keeps the files people drag into an issue form; the only places the archive
# downloads from. github.com only under /user-attachments/.
GITHUB_ATTACHMENTS: tuple[str, ...] = (
    "https://github.com/user-attachments/",
    "https://user-images.githubusercontent.com/",
    "https://private-user-images.githubusercontent.com/",
    "https://objects.githubusercontent.com/",
)
MAX_BYTES = 25 * 1024 * 1024
TIMEOUT_SECONDS = 30.0

NOT_ALLOWED = "adressen är inte en av GitHubs adresser för bilagor"


@dataclass(frozen=True)
class _Prefix:
    scheme: str
    host: str
    port: int | None
    path: str


def _prefix(text: str) -> _Prefix:
    parts = urlsplit(text)
    return _Prefix(parts.scheme, (parts.hostname or "").casefold(), parts.port, parts.path or "/")


def _allowed(parts: SplitResult, prefixes: Sequence[_Prefix]) -> bool:
    try:
        port = parts.port
    except ValueError:
        return False
    if parts.username or parts.password or "/../" in f"{parts.path}/":
        return False
    if "\\" in parts.path or "%2e" in parts.path.casefold():
        return False
    host = (parts.hostname or "").casefold()
    return any(
        (p.scheme, p.host, p.port) == (parts.scheme, host, port) and parts.path.startswith(p.path)
        for p in prefixes
    )


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another allowed address (GitHub sends a file on to its store)."""

    def __init__(self, prefixes: Sequence[_Prefix]) -> None:
        self.prefixes = prefixes

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if not _allowed(urlsplit(newurl), self.prefixes):
            raise _RefusedError
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _RefusedError(Exception):
    """A redirect to an address not allowed."""


class AttachmentReader:
    """Downloads an attached file: its bytes, or one Swedish line saying why it was not kept."""

    def __init__(
        self,
        allowed: Sequence[str] = GITHUB_ATTACHMENTS,
        max_bytes: int = MAX_BYTES,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.prefixes = [_prefix(p) for p in allowed]
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.downloads = 0
        self._opener = urllib.request.build_opener(_Redirects(self.prefixes))

    def allows(self, url: str) -> bool:
        """The address is one the reader downloads from."""
        return _allowed(urlsplit(url), self.prefixes)

    def fetch(self, url: str) -> bytes | str:
        """The file's bytes, or why it could not be kept."""
        if not self.allows(url):
            return NOT_ALLOWED
        self.downloads += 1
        request = urllib.request.Request(url, headers={"User-Agent": "intake-archive"})  # noqa: S310
        mb = self.max_bytes / (1024 * 1024)
        too_large = f"filen är större än {mb:g} MB" if mb >= 1 else "filen är för stor"
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length is not None and length.isdigit() and int(length) > self.max_bytes:
                    return too_large
                data: bytes = response.read(self.max_bytes + 1)
        except _RefusedError:
            return f"{NOT_ALLOWED} (GitHub skickade vidare dit)"
        except urllib.error.HTTPError as error:
            return f"GitHub svarade {error.code}"
        except TimeoutError:
            return f"inget svar inom {self.timeout:g} sekunder"
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return f"inget svar inom {self.timeout:g} sekunder"
            return "gick inte att nå"
        except OSError:
            return "gick inte att läsa"
        if len(data) > self.max_bytes:
            return too_large
        return data
