"""Cross-checks of the process file's `import:` block against the need form."""

from __future__ import annotations

from intake.model.channel import personal_column
from intake.model.process import NEED_KIND, Location, Process


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
            ((*at, "field"), f"{spec.field!r} must be an optional input of the need form")
        )
    for column in [spec.reference, *([spec.title] if spec.title else []), *spec.columns]:
        if personal_column(column):
            problems.append(
                ((*at, "columns"), f"the column {column!r} names a person; it must stay out")
            )
    if spec.reference in spec.columns:
        problems.append(((*at, "columns"), "the reference column is mapped to its own field"))
    targets = [spec.columns[c] for c in spec.columns]
    for column in spec.columns:
        field_id, option = spec.target(column)
        field = fields.get(field_id)
        where: Location = (*at, "columns", column)
        if field is None or field_id == spec.field:
            problems.append((where, f"{field_id!r} is no field of the need form to fill"))
        elif (option is None) != (field.type != "checkboxes"):
            problems.append((where, f"a checkbox is named `{field_id}:<number>`, other fields not"))
        elif option is not None and option >= len(field.options):
            problems.append((where, f"{field_id!r} has no option {option + 1}"))
        if targets.count(spec.columns[column]) > 1:
            problems.append((where, f"{spec.columns[column]!r} is filled by two columns"))
    return problems
