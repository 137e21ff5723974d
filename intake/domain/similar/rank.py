"""How alike two needs are: TF-IDF weights of their stems, compared by cosine (0 to 1).

A stem weighs more the rarer it is among the needs (inverse document frequency) and grows with
its count only slowly (1 + ln count), so one long answer does not outweigh a precise title. The
likeness of two needs is the cosine of their weight vectors: 1 for the same stems in the same
proportions, 0 for none in common.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from intake.domain.similar.index import IndexedNeed

# Stems in more than this share of the needs say little about any one of them; they still count
# in each need's length, but are not followed to find candidates (that keeps the work linear).
_COMMON_SHARE = 0.2
_COMMON_LEAST = 50  # below this many needs every stem is followed


GRAM = 4  # letters in the pieces of words that let compounds meet their parts
GRAM_WEIGHT = 0.7  # a piece counts less than a whole stem (tuned on tests/fixtures/similar)
_GRAM_MARK = "~"  # pieces are kept apart from stems by this mark, which no stem contains


def features(stems: Iterable[str]) -> Counter[str]:
    """A need's stems, and the pieces of GRAM letters of its longer stems.

    Swedish writes compounds as one word: "bygglovsansökan" shares no stem with "ansökan om
    bygglov", but shares the pieces "bygg", "yggl", "ansö" and "nsök" with it.
    """
    found: Counter[str] = Counter()
    for stem in stems:
        found[stem] += 1
        if len(stem) > GRAM:
            found.update(_GRAM_MARK + stem[i : i + GRAM] for i in range(len(stem) - GRAM + 1))
    return found


def _share(term: str) -> float:
    return GRAM_WEIGHT if term.startswith(_GRAM_MARK) else 1.0


@dataclass(frozen=True)
class Match:
    """A need found alike, and how alike (cosine, 0–1)."""

    need: IndexedNeed
    likeness: float


class Ranker:
    """The needs of an index, weighted once, to ask which are most like a text or each other."""

    def __init__(self, needs: Sequence[IndexedNeed]) -> None:
        self._needs = list(needs)
        counts = [features(n.terms.split()) for n in self._needs]
        frequency: Counter[str] = Counter()
        for count in counts:
            frequency.update(count.keys())
        self._size = len(self._needs)
        self._idf = {term: self._weight_of(df) for term, df in frequency.items()}
        self._vectors = [self.vector(count) for count in counts]
        common = max(_COMMON_LEAST, int(self._size * _COMMON_SHARE))
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for index, vector in enumerate(self._vectors):
            for term, weight in vector.items():
                if frequency[term] <= common:
                    self._postings.setdefault(term, []).append((index, weight))

    def _weight_of(self, df: int) -> float:
        return math.log((self._size + 1) / (df + 1)) + 1.0

    def vector(self, count: Counter[str]) -> dict[str, float]:
        """Unit-length TF-IDF weights of a need's stem counts."""
        unseen = self._weight_of(0)
        raw = {
            t: (1.0 + math.log(c)) * self._idf.get(t, unseen) * _share(t) for t, c in count.items()
        }
        norm = math.sqrt(sum(w * w for w in raw.values()))
        return {t: w / norm for t, w in raw.items()} if norm else {}

    def _alike(self, vector: dict[str, float]) -> dict[int, float]:
        scores: dict[int, float] = {}
        for term, weight in vector.items():
            for index, other in self._postings.get(term, ()):
                scores[index] = scores.get(index, 0.0) + weight * other
        return scores

    def similar(
        self,
        terms: Iterable[str],
        *,
        limit: int,
        threshold: float,
        keep: Callable[[IndexedNeed], bool] = lambda need: True,
    ) -> list[Match]:
        """The needs most like the stems given, most alike first (ties by id), above
        `threshold`, at most `limit`, only those `keep` accepts."""
        return self._best(self._alike(self.vector(features(terms))), limit, threshold, keep)

    def _best(
        self,
        scores: dict[int, float],
        limit: int,
        threshold: float,
        keep: Callable[[IndexedNeed], bool],
    ) -> list[Match]:
        found = [
            Match(self._needs[i], round(score, 4))
            for i, score in scores.items()
            if score >= threshold and keep(self._needs[i])
        ]
        found.sort(key=lambda m: (-m.likeness, m.need.id))
        return found[:limit]

    def neighbours(self, *, limit: int, threshold: float) -> dict[str, list[Match]]:
        """For every need (by id), the other needs most like it."""
        result: dict[str, list[Match]] = {}
        for index, need in enumerate(self._needs):
            scores = self._alike(self._vectors[index])
            scores.pop(index, None)
            matches = self._best(scores, limit, threshold, lambda other: True)
            if matches:
                result[need.id] = matches
        return result
