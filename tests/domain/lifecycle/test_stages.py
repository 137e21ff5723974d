"""The labels that reach a stage: a delta, idempotent, that touches no other label."""

from __future__ import annotations

from intake.domain.lifecycle.labels import LabelChange
from intake.domain.lifecycle.stages import labels_to_reach
from intake.model.load import load_process

PROCESS = load_process()


def reach(current: tuple[str, ...], target: str | None) -> set[str]:
    """The labels after the delta, as GitHub keeps them; a second delta must change nothing."""
    goal = PROCESS.stage(target) if target else None
    change = labels_to_reach(PROCESS, current, goal)
    after = {label for label in current if label not in change.remove} | set(change.add)
    assert labels_to_reach(PROCESS, tuple(after), goal) == LabelChange()
    return after


def test_a_move_swaps_the_stage_label_and_keeps_the_others() -> None:
    assert reach(("steg: behov", "enhet: bygglov"), "bereda") == {"enhet: bygglov", "steg: bereda"}
    assert labels_to_reach(PROCESS, ("steg: behov", "enhet: bygglov"), PROCESS.stage("bereda")) == (
        LabelChange(add=("steg: bereda",), remove=("steg: behov",))
    )


def test_the_current_stage_changes_nothing() -> None:
    assert labels_to_reach(PROCESS, ("steg: bereda",), PROCESS.stage("bereda")) == LabelChange()


def test_an_outcome_replaces_the_stage() -> None:
    assert reach(("steg: bereda",), "utvecklingsarena") == {"utfall: utvecklingsarena"}


def test_no_stage_removes_every_stage_label() -> None:
    assert reach(("steg: behov", "utfall: avslagen", "bug"), None) == {"bug"}


def test_sibling_stage_labels_are_cleaned_up() -> None:
    current = ("steg: behov", "steg: bereda", "bug")
    assert reach(current, "prioritera") == {"bug", "steg: prioritera"}
    assert reach(current, "bereda") == {"steg: bereda", "bug"}


def test_stage_labels_compare_without_case() -> None:
    assert [s.id for s in PROCESS.stages_labelled(("Steg: Bereda",))] == ["bereda"]
    assert labels_to_reach(PROCESS, ("Steg: Bereda",), PROCESS.stage("prioritera")) == LabelChange(
        add=("steg: prioritera",), remove=("Steg: Bereda",)
    )
