"""Swedish text as the stems of its words: what two needs are compared by.

Normalised first (NFKC, case folded, format characters dropped), so look-alike letters and hidden
separators count as the letters they look like. Words are found by one linear scan, common
function words are left out, and every other word is reduced to its stem by the Snowball
stemmer for Swedish, so that "bygglovet", "bygglovens" and "bygglov" count as one.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Protocol

import snowballstemmer

from intake.domain.text.normalised import normalise as normalised
from intake.domain.text.patterns import WORD

_SHORTEST = 2  # shorter words carry no meaning worth matching (och "i", "å")
_LONGEST = 40  # longer "words" are pasted links or codes, not language

# Function words and words every need uses; the weighting of rare words does the rest.
STOPWORDS = frozenset(
    [
        "alla",
        "allt",
        "and",
        "andra",
        "annan",
        "annat",
        "att",
        "av",
        "bara",
        "behov",
        "behoven",
        "behovet",
        "blev",
        "bli",
        "blir",
        "bör",
        "dag",
        "dagar",
        "dagen",
        "de",
        "dem",
        "den",
        "denna",
        "dessa",
        "det",
        "detta",
        "dig",
        "din",
        "ditt",
        "du",
        "där",
        "då",
        "efter",
        "eftersom",
        "ej",
        "eller",
        "en",
        "ett",
        "fler",
        "flera",
        "från",
        "får",
        "för",
        "genom",
        "gör",
        "göra",
        "ha",
        "hade",
        "han",
        "har",
        "hon",
        "hur",
        "här",
        "i",
        "ibland",
        "idag",
        "in",
        "inom",
        "inte",
        "jag",
        "kan",
        "kommer",
        "kunna",
        "lite",
        "man",
        "med",
        "mellan",
        "men",
        "mer",
        "mest",
        "min",
        "mina",
        "mitt",
        "mot",
        "mycket",
        "många",
        "måste",
        "ni",
        "nu",
        "när",
        "någon",
        "något",
        "några",
        "och",
        "också",
        "of",
        "ofta",
        "om",
        "oss",
        "på",
        "redan",
        "sedan",
        "sig",
        "sin",
        "sina",
        "sitt",
        "ska",
        "skulle",
        "som",
        "så",
        "sådan",
        "sådana",
        "the",
        "till",
        "tillsammans",
        "to",
        "under",
        "upp",
        "ut",
        "utan",
        "vad",
        "var",
        "vara",
        "varje",
        "vi",
        "vid",
        "vilka",
        "vilken",
        "vill",
        "väldigt",
        "vår",
        "våra",
        "vårt",
        "än",
        "är",
        "även",
        "åt",
        "över",
    ]
)


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...  # noqa: N802 - the library's name


@cache
def _stemmer() -> _Stemmer:
    stemmer: _Stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


def normalise(text: str) -> str:
    """Text as personal data is searched in (NFKC, no format characters), case folded."""
    return normalised(text).text.casefold()


def words(text: str) -> list[str]:
    """The words of a text worth comparing, in order: no digits alone, no function words."""
    found = WORD.findall(normalise(text))  # WORD has no group: the words themselves
    return [
        w
        for w in found
        if _SHORTEST <= len(w) <= _LONGEST and not w.isdigit() and w not in STOPWORDS
    ]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Swedish stem of a word (needs repeat their words: each is stemmed once)."""
    return _stemmer().stemWord(word)


def stems(text: str) -> list[str]:
    """The Swedish stems of a text's words, in order."""
    found = map(stem, words(text))
    return [s for s in found if s not in STOPWORDS]
