"""What the bot reads from the published site: the index of similar needs, in one request.

Anything short of a valid index (no site yet, a network fault, a page of another kind, an index
of another version) means no suggestions: the bot answers without them, never fails for it.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from pydantic import ValidationError

from intake.domain.similar.index import INDEX_VERSION, SimilarIndex

LARGEST = 64 * 1024 * 1024  # bytes: an index of tens of thousands of needs fits many times


def read_similar_index(url: str, timeout: float = 15.0) -> SimilarIndex | None:
    """The index published at `url` (http or https), or None when there is none to use."""
    if not url.startswith(("https://", "http://")):
        return None
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            data = answer.read(LARGEST + 1)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    if len(data) > LARGEST:
        return None
    try:
        index = SimilarIndex.model_validate_json(data)
    except ValidationError:
        return None
    return index if index.version == INDEX_VERSION else None
