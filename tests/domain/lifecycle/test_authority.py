"""Who may act on a need: by a role in the process file, an appointment, or as its initiator."""

from __future__ import annotations

from datetime import UTC, datetime

from intake.domain.lifecycle.authority import holds, holds_any_role, may_move
from intake.domain.lifecycle.record import Appointment, Record
from intake.model.load import load_process

PROCESS = load_process()
EMPTY = Record(stage="prioritera")
OWNED = Record(
    stage="utveckla",
    appointments=[
        Appointment(
            role="projektagare",
            login="agare-exempel",
            by="ordforande-exempel",
            by_id=None,
            at=datetime(2026, 11, 2, tzinfo=UTC),
        )
    ],
)


def test_moves_follow_the_roles_of_the_process_file() -> None:
    assert may_move(PROCESS, EMPTY, "Beredning-Exempel", "behov", "bereda")  # case-blind
    assert not may_move(PROCESS, EMPTY, "ordforande-exempel", "behov", "bereda")
    assert may_move(PROCESS, EMPTY, "ordforande-exempel", "prioritera", "utveckla")
    assert not may_move(PROCESS, EMPTY, "it-chef-exempel", "behov", "prioritera")  # no such move


def test_an_appointment_and_the_initiator_are_roles_on_the_need() -> None:
    assert may_move(PROCESS, OWNED, "agare-exempel", "utveckla", "forvalta")
    assert not may_move(PROCESS, EMPTY, "agare-exempel", "utveckla", "forvalta")
    assert may_move(PROCESS, EMPTY, "anna", "behov", "aterkallad", initiator="Anna")
    assert not may_move(PROCESS, EMPTY, "bertil", "behov", "aterkallad", initiator="anna")
    assert holds(PROCESS, OWNED, "AGARE-exempel", ["projektagare"])


def test_role_holders_are_everyone_with_a_role_on_the_need() -> None:
    assert holds_any_role(PROCESS, EMPTY, "beredning-exempel")
    assert holds_any_role(PROCESS, EMPTY, "anna", initiator="anna")
    assert holds_any_role(PROCESS, OWNED, "agare-exempel")
    assert not holds_any_role(PROCESS, OWNED, "nagon-annan", initiator="anna")
