"""Cross-checks of the process file's `import:` block against the need form."""

from __future__ import annotations

from intake.model.base import Location
from intake.model.channel import personal_column
from intake.model.process import NEED_KIND, Process


def check_import(process: Process) -> list[tuple[Location, str]]:
    """Every problem of the `import:` block: unknown fields, personal columns, double targets."""
    spec = process.channel_import
    forms = [f for f in process.forms if f.kind == NEED_KIND]
    if spec is None or len(forms) != 1:  # no need form: `check_process` reports that
        return []
    form = forms[0]
    fields = {f.id: f for f in form.fields}
    at: Location = ("import",)
    problems: list[tuple[Location, str]] = []
    keeper = fields.get(spec.field)
    if keeper is None or keeper.type != "input" or keeper.required:
        problems.append(
            (
                (*at, "field"),
                f"{spec.field!r} måste vara ett frivilligt fält av typen input i behovsformuläret",
            )
        )
    for column in [spec.reference, *([spec.title] if spec.title else []), *spec.columns]:
        if personal_column(column):
            problems.append(
                ((*at, "columns"), f"kolumnen {column!r} gäller en person och får inte föras över")
            )
    if spec.reference in spec.columns:
        problems.append(
            ((*at, "columns"), "kolumnen med referensen får inte också kopplas till ett fält")
        )
    targets = [spec.columns[c] for c in spec.columns]
    for column in spec.columns:
        field_id, option = spec.target(column)
        field = fields.get(field_id)
        where: Location = (*at, "columns", column)
        if field is None or field_id == spec.field:
            problems.append((where, f"{field_id!r} är inget fält i behovsformuläret"))
        elif (option is None) != (field.type != "checkboxes"):
            problems.append(
                (where, "en kryssruta skrivs `<fält>:<nummer>`, andra fält bara med sitt id")
            )
        elif option is not None and option >= len(field.options):
            problems.append((where, f"{field_id!r} har inget alternativ nummer {option + 1}"))
        if targets.count(spec.columns[column]) > 1:
            problems.append((where, f"{spec.columns[column]!r} fylls i från två kolumner"))
    return problems
