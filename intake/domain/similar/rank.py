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
from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter, mul

from intake.domain.similar.index import IndexedNeed

GRAM = 4  # letters in the pieces of words that let compounds meet their parts
GRAM_WEIGHT = 0.7  # a piece counts less than a whole stem (tuned on tests/fixtures/similar)
_GRAM_MARK = "~"  # pieces are kept apart from stems by this mark, which no stem contains
# Every need against every other: each need follows only its heaviest stems, and of each stem
# only the needs where it weighs most, to find candidates; the candidates' likeness is exact.
# That keeps the work linear in the number of needs (5,000 needs: about 2 s of CPU time).
_FOLLOWED = 24  # the heaviest terms of a need that find its candidates
_POSTED = 64  # of each term, the needs where it weighs most
_CANDIDATES = 12  # the candidates whose exact likeness is computed


@lru_cache(maxsize=200_000)
def _pieces(stem: str) -> tuple[str, ...]:
    """The stem and its pieces of GRAM letters (a stem recurs often: worked out once)."""
    if len(stem) < 6:
        return (stem,)
    return (stem, *(_GRAM_MARK + stem[i : i + GRAM] for i in range(len(stem) - GRAM + 1)))


def features(stems: Iterable[str]) -> Counter[str]:
    """A need's stems, and the pieces of GRAM letters of its longer stems.

    Swedish writes compounds as one word: "bygglovsansökan" shares no stem with "ansökan om
    bygglov", but shares the pieces "bygg", "yggl", "ansö" and "nsök" with it.
    """
    found: Counter[str] = Counter()
    for stem in stems:
        found.update(_pieces(stem))
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
        # A term's raw weight where it stands once (1 + ln 1 is 1): most terms stand once.
        self._once = {t: 1.0 * idf * _share(t) for t, idf in self._idf.items()}
        self._vectors = [self.vector(count) for count in counts]
        self._postings: dict[str, list[tuple[float, int]]] = {}
        for index, vector in enumerate(self._vectors):
            for term, weight in vector.items():
                self._postings.setdefault(term, []).append((weight, index))

    def _weight_of(self, df: int) -> float:
        return math.log((self._size + 1) / (df + 1)) + 1.0

    def vector(self, count: Counter[str]) -> dict[str, float]:
        """Unit-length TF-IDF weights of a need's stem counts."""
        unseen = self._weight_of(0)
        once = self._once
        raw = {
            t: once[t]
            if c == 1 and t in once
            else (1.0 + math.log(c)) * self._idf.get(t, unseen) * _share(t)
            for t, c in count.items()
        }
        norm = math.sqrt(sum(map(mul, raw.values(), raw.values())))
        return {t: w / norm for t, w in raw.items()} if norm else {}

    def similar(
        self,
        terms: Iterable[str],
        *,
        limit: int,
        threshold: float,
        keep: Callable[[IndexedNeed], bool] = lambda need: True,
    ) -> list[Match]:
        """The needs most like the stems given, most alike first (ties by id), above
        `threshold`, at most `limit`, only those `keep` accepts. Exact: every term is followed."""
        scores: dict[int, float] = {}
        for term, weight in self.vector(features(terms)).items():
            for other, index in self._postings.get(term, ()):
                scores[index] = scores.get(index, 0.0) + weight * other
        return self._best(scores, limit, threshold, keep)

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
        posted: dict[str, tuple[list[tuple[float, int]], list[int]]] = {}
        for term, entries in self._postings.items():
            if len(entries) > 1:
                kept = sorted(entries, reverse=True)[:_POSTED]
                posted[term] = (kept, [candidate for _, candidate in kept])
        nothing: tuple[list[tuple[float, int]], list[int]] = ([], [])
        result: dict[str, list[Match]] = {}
        # The candidates' partial likeness by need index, set back to 0 after each need.
        partial = [0.0] * self._size
        for index, vector in enumerate(self._vectors):
            # Heaviest first; equal weights keep the vector's order (the sort is stable).
            heaviest = sorted(vector.items(), key=itemgetter(1), reverse=True)[:_FOLLOWED]
            candidates = []
            for term, weight in heaviest:
                entries, found = posted.get(term, nothing)
                candidates.append(found)
                for other, candidate in entries:
                    partial[candidate] += weight * other
            # The candidates in the order first found, which decides between equal likenesses.
            order = dict.fromkeys(chain.from_iterable(candidates))
            order.pop(index, None)
            chosen = sorted(order, key=partial.__getitem__, reverse=True)[:_CANDIDATES]
            if len(order) > self._size // 8:  # most were touched: a new list is cheaper
                partial = [0.0] * self._size
            else:
                for candidate in chain(order, (index,)):
                    partial[candidate] = 0.0
            exact = {c: self._cosine(vector, self._vectors[c]) for c in chosen}
            matches = self._best(exact, limit, threshold, lambda other: True)
            if matches:
                result[self._needs[index].id] = matches
        return result

    @staticmethod
    def _cosine(one: dict[str, float], other: dict[str, float]) -> float:
        if len(other) < len(one):
            one, other = other, one
        products: Iterable[float] = map(mul, one.values(), map(other.get, one, repeat(0.0)))
        return sum(products)
