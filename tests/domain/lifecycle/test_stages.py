"""The one idempotent stage transition, and the moves it refuses."""

from __future__ import annotations

import pytest

from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.stages import TransitionError, transition
from intake.model.load import load_process

PROCESS = load_process()


def move(current: tuple[str, ...], target: str) -> tuple[str, ...]:
    """Apply a transition, then check that a second one changes nothing."""
    after = transition(PROCESS, current, target).apply(current)
    assert transition(PROCESS, after, target).empty
    return after


def test_an_allowed_move_swaps_the_stage_label() -> None:
    assert move(("steg: behov", "enhet: bygglov"), "bereda") == ("enhet: bygglov", "steg: bereda")


def test_a_move_to_the_current_stage_changes_nothing() -> None:
    assert transition(PROCESS, ("steg: bereda",), "bereda") == LabelChange()


def test_a_move_to_an_outcome_is_allowed_when_listed() -> None:
    assert move(("steg: bereda",), "utvecklingsarena") == ("utfall: utvecklingsarena",)


def test_a_move_not_in_the_transitions_is_refused_in_swedish() -> None:
    with pytest.raises(TransitionError, match="från Behov till Prioritera") as caught:
        transition(PROCESS, ("steg: behov",), "prioritera")
    assert "Bereda, Avslagen" in str(caught.value)


def test_an_outcome_ends_the_lifecycle() -> None:
    with pytest.raises(TransitionError, match="inget annat steg"):
        transition(PROCESS, ("utfall: avslagen",), "bereda")


def test_an_issue_without_a_stage_may_only_enter_the_first_stage() -> None:
    assert move(("enhet: bygglov",), "behov") == ("enhet: bygglov", "steg: behov")
    with pytest.raises(TransitionError, match="från inget steg"):
        transition(PROCESS, (), "bereda")


def test_an_unknown_target_is_refused() -> None:
    with pytest.raises(TransitionError, match="finns inte"):
        transition(PROCESS, ("steg: behov",), "klar")


def test_sibling_stage_labels_are_cleaned_up() -> None:
    current = ("steg: behov", "steg: bereda", "bug")
    assert move(current, "prioritera") == ("bug", "steg: prioritera")
    assert move(current, "bereda") == ("steg: bereda", "bug")


def test_stage_labels_compare_without_case() -> None:
    assert [s.id for s in PROCESS.stages_labelled(("Steg: Bereda",))] == ["bereda"]
    assert transition(PROCESS, ("Steg: Bereda",), "prioritera") == LabelChange(
        add=("steg: prioritera",), remove=("Steg: Bereda",)
    )
