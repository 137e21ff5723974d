"""The guidance's counts, outcomes, movers, bot and people follow the process file."""

import pytest

from intake.model.load import load_process
from intake.model.process import Process
from intake.render.site.municipality import render_addresses, render_contact, render_controller
from intake.render.site.process_facts import (
    render_bot,
    render_movers,
    render_outcomes,
    render_people,
    render_steps,
    steps,
)
from intake.render.site.rules import render_rules


@pytest.fixture(scope="module")
def process() -> Process:
    return load_process()


def _without(process: Process, outcome_id: str) -> Process:
    """The process with one outcome and every move to it taken out."""
    transitions = {
        source: {target: move for target, move in targets.items() if target != outcome_id}
        for source, targets in process.transitions.items()
    }
    outcomes = [o for o in process.outcomes if o.id != outcome_id]
    return process.model_copy(update={"outcomes": outcomes, "transitions": transitions})


def test_stages_sharing_a_page_are_one_step(process: Process) -> None:
    assert [[s.id for s in step] for step in steps(process)][3] == ["utveckla", "avveckla"]
    text = render_steps(process)
    assert text.startswith("Livscykeln har sex steg: Behov, Bereda, Prioritera, Utveckla eller")
    assert "Därför finns det sju etiketter för steg." in text


def test_outcomes_are_counted_and_name_who_decides_them_where(process: Process) -> None:
    text = render_outcomes(process)
    assert "på fem sätt" in text
    assert "- **Avslagen** (`utfall: avslagen`)" in text
    assert "beredningsgruppen (i Behov eller Bereda) eller digitaliseringsrådet (i Prioritera)" in text
    assert "på fyra sätt" in render_outcomes(_without(process, "dubblett"))


def test_every_role_that_may_move_is_listed_with_its_moves(process: Process) -> None:
    text = render_movers(process)
    assert "- **Den som anmälde behovet** får flytta ett behov till Återkallad från Behov" in text
    assert "- **Projektägare** får flytta ett behov från Utveckla till Förvalta" in text
    assert "Registrator" not in text  # the registrar moves nothing


def test_the_bot_waits_for_a_decision_and_a_projektagare(process: Process) -> None:
    text = render_bot(process)
    assert (
        "- Till Utveckla eller Avveckla går ett behov bara när digitaliseringsrådet har beslutat "
        "med `/beslut` och en projektägare är utsedd med `/projektägare`."
    ) in text
    assert "Medan ett behov är i Bereda påminner roboten om formuläret Projektcanvas" in text


def test_people_come_from_the_roles_the_council_and_each_forvaltning(process: Process) -> None:
    text = render_people(process)
    assert "ordförande (`ordforande-exempel`)" in text
    assert "- **Registrator:** `registrator-exempel`." in text
    assert "- **Beredningsgrupp i Stadsbyggnadsförvaltningen:** `bygg-beredning-exempel`." in text
    assert "- **Projektägare:** utses för varje behov av digitaliseringsrådet." in text


def test_rules_are_a_table_with_one_row_per_move(process: Process) -> None:
    rows = [line for line in render_rules(process).splitlines() if line.startswith("| ")]
    moves = sum(len(targets) for targets in process.transitions.values())
    assert len(rows) == 2 + moves  # the header and its separator, then the moves
    assert "| Prioritera → Utveckla | digitaliseringsrådet, efter rådets beslut, med en projektägare |" in rows


def test_municipality_details_reach_the_statement_and_the_guidance(process: Process) -> None:
    municipality = process.municipality
    statement = render_contact(process)
    assert f"- **Telefon:** {municipality.phone}" in statement
    assert f"- **Post:** {municipality.postal_address}" in statement
    assert "Vi svarar inom fem arbetsdagar." in statement
    assert "[e-tjanst]" in render_addresses(process)
    controller = render_controller(process)
    assert municipality.controller in controller
    assert f"[{municipality.data_protection_officer}][dataskyddsombud]" in controller
