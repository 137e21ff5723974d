"""The labels a need gets from its verdict: end state after one and after two applications."""

from __future__ import annotations

import json

from intake.domain.lifecycle.labels import LabelChange, plan_labels
from intake.domain.need.findings import Verdict
from intake.domain.need.parse import FieldValue, ParsedBody
from intake.domain.need.validate import validate
from intake.model.load import load_process
from tests.paths import FIXTURES

PROCESS = load_process()
FORM = PROCESS.need_form
COMPLETE: dict[str, FieldValue] = json.loads(
    (FIXTURES / "validate" / "complete.json").read_text("utf-8")
)
STATUS = "status: behöver kompletteras"


def verdict(**answers: FieldValue) -> Verdict:
    return validate(PROCESS, FORM, ParsedBody(fields={**COMPLETE, **answers}, problems=[]))


def applied(current: tuple[str, ...], change: LabelChange) -> tuple[str, ...]:
    """The labels after GitHub applied the change: removed ones gone, added ones last."""
    gone = {label.casefold() for label in change.remove}
    kept = tuple(label for label in current if label.casefold() not in gone)
    return kept + tuple(label for label in change.add if label not in kept)


def settle(current: tuple[str, ...], outcome: Verdict) -> tuple[str, ...]:
    """Apply the plan, then check that planning again changes nothing."""
    after = applied(current, plan_labels(PROCESS, FORM, outcome, current))
    assert plan_labels(PROCESS, FORM, outcome, after).empty
    return after


def test_an_invalid_need_gets_only_the_status_label() -> None:
    invalid = verdict(nytta=None)
    assert plan_labels(PROCESS, FORM, invalid, ()) == LabelChange(add=(STATUS,))
    assert settle(("bug",), invalid) == ("bug", STATUS)


def test_a_valid_new_need_enters_the_first_stage_with_derived_labels() -> None:
    assert set(settle((), verdict())) == {
        "steg: behov",
        "enhet: bygglov",
        "omfattning: en verksamhet",
        "typ: förbättring",
    }


def test_completing_a_need_removes_the_status_label() -> None:
    before = settle((), verdict(nytta=None))
    after = settle(before, verdict())
    assert STATUS not in after
    assert "steg: behov" in after


def test_an_edit_replaces_derived_labels_that_no_longer_apply() -> None:
    before = settle((), verdict())
    after = settle(before, verdict(behovsagare="Hemtjänst", omfattning="Hela kommunen"))
    assert set(after) == {
        "steg: behov",
        "enhet: hemtjänst",
        "omfattning: hela kommunen",
        "typ: förbättring",
    }


def test_a_need_without_owner_gets_no_unit_label() -> None:
    after = settle(("enhet: bygglov",), verdict(behovsagare="Ingen tydlig ägare"))
    assert not [label for label in after if label.startswith("enhet:")]


def test_an_edit_does_not_reset_a_later_stage() -> None:
    after = settle(("steg: prioritera", "enhet: bygglov"), verdict())
    assert "steg: behov" not in after
    assert "steg: prioritera" in after


def test_an_outcome_counts_as_a_stage() -> None:
    assert "steg: behov" not in settle(("utfall: avslagen",), verdict())


def test_an_invalid_edit_in_a_later_stage_keeps_stage_and_derived_labels() -> None:
    current = ("steg: bereda", "enhet: bygglov", "typ: förbättring")
    assert settle(current, verdict(typ="Upphandling")) == (*current, STATUS)


def test_labels_the_process_does_not_define_are_never_touched() -> None:
    after = settle(("prioritet: hög", "good first issue", "typ: okänd"), verdict())
    assert {"prioritet: hög", "good first issue", "typ: okänd"} <= set(after)


def test_labels_compare_without_case_as_github_does() -> None:
    change = plan_labels(
        PROCESS, FORM, verdict(), ("Steg: Behov", "ENHET: BYGGLOV", STATUS.upper())
    )
    assert change.remove == (STATUS.upper(),)
    assert set(change.add) == {"omfattning: en verksamhet", "typ: förbättring"}
