"""Every pattern that reads untrusted text is registered, and none is catastrophic on 64 KB."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intake.domain.text.patterns import REGISTRY, Registered, solution_phrase
from intake.fakegithub.hostile import LIMIT, attack, worst

ROOT = Path(__file__).resolve().parents[3]
# Modules whose patterns read only the project's own files: the docs checks, the glossary and
# the municipality page read docs/, the model reads the process file, the fake serves tests.
TRUSTED = (
    "intake/usecases/docs_check.py",
    "intake/usecases/overlap.py",
    "intake/render/site/glossary.py",
    "intake/render/site/municipality.py",
    "intake/model/",
    "intake/fakegithub/",
    "intake/domain/text/patterns.py",
)  # and lines marked `# trusted:` with what they read
_REGEX_CALL = re.compile(
    r"\bre\.(?:compile|search|match|fullmatch|sub|subn|split|findall|finditer)\("
)


def test_no_module_keeps_a_pattern_of_its_own() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "intake").rglob("*.py"))
        if not str(path.relative_to(ROOT)).startswith(TRUSTED)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _REGEX_CALL.search(line) and "# trusted:" not in line
    ]
    assert found == []


def test_names_are_unique() -> None:
    names = [p.name for p in REGISTRY]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("pattern", REGISTRY, ids=[p.name for p in REGISTRY])
def test_no_pattern_is_catastrophic_on_hostile_input(pattern: Registered) -> None:
    # A generous bound: the benchmark (scripts/benchmark_patterns.py) holds the 50 ms target. A
    # quadratic pattern takes tens of seconds here; this one stops it at 16,384 characters.
    seconds, parts, length = worst(pattern, LIMIT, budget=1.0)
    assert seconds < 1.0, f"{pattern.name}: {seconds:.1f} s on {parts!r} × {length}"
    assert length == LIMIT


OLD = [
    Registered("quantity", re.compile(r"(?P<sign>[-−–])?\s*(?P<int>\d+)"), "as it was"),
    Registered(
        "need_number",
        re.compile(r"\s*(?:behov\s*)?(?:nr\.?\s*)?#?\s*(\d{1,9})\s*\.?\s*", re.I),
        "as it was",
        "fullmatch",
    ),
    Registered("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "as it was"),
]


@pytest.mark.parametrize("old", OLD, ids=[p.name for p in OLD])
def test_the_patterns_as_they_were_are_caught(old: Registered) -> None:
    """The check can fail: the patterns the issue found quadratic are stopped early."""
    seconds, _, length = worst(old, LIMIT, budget=0.2)
    assert seconds > 0.2
    assert length < LIMIT


def test_solution_phrases_keep_their_meaning() -> None:
    pattern = solution_phrase("köpa in")
    assert pattern.search("Vi vill KÖPA\n  in ett system")
    assert not pattern.search("inköpa in") or pattern.search("inköpa in") is None
    assert not pattern.search("köpare in")


def test_an_attack_fits_the_limit() -> None:
    assert len(attack("a@a", "12 34 56 ", "!", LIMIT)) <= LIMIT
