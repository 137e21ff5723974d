"""The process file loads, and every cross-reference problem is reported at once."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from intake.model.load import BUNDLED_PROCESS, ProcessError, load_process, parse_process


def _variant(edit: object) -> str:
    data = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    assert callable(edit)
    edit(data)
    return yaml.safe_dump(data, allow_unicode=True)


def test_bundled_process_is_valid() -> None:
    process = load_process()
    assert process.first_stage.label == "steg: behov"
    assert [s.name for s in process.stages][:3] == ["Behov", "Bereda", "Prioritera"]


def test_every_label_is_unique_and_removable() -> None:
    names = [spec.name for spec in load_process().labels()]
    assert len(names) == len(set(names))
    assert all("/" not in name and len(name) <= 50 for name in names)


def test_slash_in_a_label_is_refused() -> None:
    text = _variant(lambda d: d["stages"][0].update(label="steg: behov/nytt"))
    with pytest.raises(ProcessError, match=r"stages\.0\.label.*har ett '/'"):
        parse_process(text)


def test_all_cross_reference_problems_are_reported_together() -> None:
    def edit(data: dict[str, object]) -> None:
        transitions = data["transitions"]
        assert isinstance(transitions, dict)
        transitions["behov"] = {"bereda": {"by": ["rad"]}, "nowhere": {"by": ["rad"]}}
        transitions["ghost"] = {"bereda": {"by": ["rad"]}}
        data["portfolio"] = {"group_by": "missing", "columns": []}

    with pytest.raises(ProcessError) as caught:
        parse_process(_variant(edit), source="kommun/process.yml")
    message = str(caught.value)
    assert message.startswith("kommun/process.yml: 3 fel i processfilen")
    assert "'behov' leder till något okänt: 'nowhere'" in message
    assert "'ghost' är inget steg" in message
    assert "'missing' är inget fält" in message


def test_unknown_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "process.yml"
    path.write_text(_variant(lambda d: d.update(stagse=[])), encoding="utf-8")
    with pytest.raises(ProcessError, match="stagse"):
        load_process(path)


def test_a_move_without_roles_is_refused_naming_it() -> None:
    text = _variant(lambda d: d["transitions"]["behov"]["bereda"].update(by=[]))
    with pytest.raises(ProcessError, match=r"transitions\.behov\.bereda\.by: ska ha minst 1 värde"):
        parse_process(text)


def test_a_move_naming_an_unknown_role_is_refused() -> None:
    text = _variant(lambda d: d["transitions"]["behov"]["bereda"].update(by=["styrelse"]))
    with pytest.raises(ProcessError, match="flytten behov → bereda nämner en okänd roll"):
        parse_process(text)


def test_an_outcome_needs_its_close_reason() -> None:
    text = _variant(lambda d: d["outcomes"][1].pop("close_reason"))
    with pytest.raises(ProcessError, match="utfallet 'avslagen' behöver close_reason"):
        parse_process(text)


def test_who_may_move_what_comes_from_the_roles() -> None:
    process = load_process()
    assert process.people("rad") == [
        "ordforande-exempel",
        "digidirektor-exempel",
        "it-chef-exempel",
    ]
    assert process.people("beredningsgrupp") == ["beredning-exempel", "it-chef-exempel"]
    assert process.stage("avslagen").close_reason == "not_planned"


def test_the_councils_stage_and_the_project_stages_follow_from_the_transitions() -> None:
    process = load_process()
    assert process.council_stage is not None
    assert process.council_stage.id == "prioritera"
    assert process.project_stages == ["utveckla", "avveckla"]


def test_a_decision_word_must_lead_where_the_council_can_move() -> None:
    def aim(data: dict[str, Any]) -> None:
        data["commands"]["decisions"]["avslå"] = "avslutad"  # no move from prioritera
        data["commands"]["withdrawn"] = "bereda"  # a stage, not an outcome

    with pytest.raises(ProcessError) as caught:
        parse_process(_variant(aim))
    message = str(caught.value)
    assert "commands.decisions.avslå" in message
    assert "ingen flytt prioritera → avslutad" in message
    assert "commands.withdrawn" in message


def test_similar_needs_are_compared_over_written_answers_only() -> None:
    def edit(data: dict[str, object]) -> None:
        portfolio = data["portfolio"]
        assert isinstance(portfolio, dict)
        portfolio["similar"] = {"fields": ["behov", "typ", "referens", "saknas"]}

    with pytest.raises(ProcessError) as caught:
        parse_process(_variant(edit))
    message = str(caught.value)
    assert "'typ' är inget textfält" in message  # a dropdown
    assert "'saknas' är inget textfält" in message
    assert "'referens' gäller en person eller en referens" in message  # the channel's reference


def test_a_field_about_a_person_is_never_compared() -> None:
    def edit(data: dict[str, object]) -> None:
        forms = data["forms"]
        assert isinstance(forms, list)
        forms[0]["fields"].append({"id": "epost", "type": "input", "label": "Din e-postadress"})
        portfolio = data["portfolio"]
        assert isinstance(portfolio, dict)
        portfolio["similar"] = {"fields": ["behov", "epost"]}

    with pytest.raises(ProcessError, match="'epost' gäller en person"):
        parse_process(_variant(edit))


def test_lookups_worked_out_once_follow_a_copy_with_other_units_and_stages() -> None:
    process = load_process()
    field = process.need_form.field(process.portfolio.group_by)
    before = [c.id for c in process.options(field)]
    fewer = process.model_copy(update={"units": process.units[:1]})
    assert [c.id for c in fewer.options(field)] == [before[0], *before[len(process.units) :]]
    assert [c.id for c in process.options(field)] == before
    first = process.stages[0]
    renamed = first.model_copy(update={"label": "steg: nytt"})
    other = process.model_copy(update={"stages": [renamed, *process.stages[1:]]})
    assert other.stage_of_label("STEG: NYTT") is renamed
    assert other.stage_of_label(first.label) is None
    assert process.stage_of_label(first.label.upper()) is first
    assert other.stages_labelled([first.label, "steg: nytt"]) == [renamed]
