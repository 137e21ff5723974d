"""Cross-checks of the process file: every reference that must point at something that exists."""

from __future__ import annotations

from collections import Counter

from intake.model.process import NEED_KIND, STATUS_INCOMPLETE, UNITS, FormDef, Location, Process


def check_process(process: Process) -> list[tuple[Location, str]]:
    """Every cross-reference problem of the process, each with where it is, all at once."""
    problems: list[tuple[Location, str]] = []
    stage_ids = [s.id for s in process.stages]
    all_ids = [s.id for s in process.all_stages]
    problems += _duplicates(("stages",), "stage or outcome id", all_ids)
    role_ids = [r.id for r in process.roles]
    for source, targets in process.transitions.items():
        where = ("transitions", source)
        if source not in stage_ids:
            problems.append((where, f"{source!r} is not a stage"))
        for target, move in targets.items():
            problems += [
                ((*where, target, "by"), f"the move {source} → {target} names unknown role {r!r}")
                for r in move.by
                if r not in role_ids
            ]
        problems += [
            (where, f"{source!r} leads to unknown {t!r}") for t in targets if t not in all_ids
        ]
    problems += _duplicates(("roles",), "role id", role_ids)
    if process.council.role not in role_ids:
        problems.append((("council", "role"), f"unknown role {process.council.role!r}"))
    for stage in process.stages:
        if stage.close_reason is not None:
            problems.append((("stages",), f"the stage {stage.id!r} is no outcome: no close_reason"))
    for outcome in process.outcomes:
        if outcome.close_reason is None:
            problems.append((("outcomes",), f"the outcome {outcome.id!r} needs a close_reason"))
    problems += [
        (
            ("roles", i, "appointed_by"),
            f"{r.id!r} is appointed by unknown role {r.appointed_by!r}",
        )
        for i, r in enumerate(process.roles)
        if r.appointed_by and r.appointed_by not in role_ids
    ]
    problems += _duplicates(("units",), "unit id", [u.id for u in process.units])
    if STATUS_INCOMPLETE not in [s.id for s in process.statuses]:
        problems.append((("statuses",), f"the status {STATUS_INCOMPLETE!r} is needed"))
    for name, choices in process.choices.items():
        problems += _duplicates(("choices", name), "choice id", [c.id for c in choices])
        problems += _duplicates(("choices", name), "choice name", [c.name for c in choices])
    problems += _check_repositories(process)
    scoring = process.scoring
    criteria = [c.id for c in scoring.criteria]
    problems += _duplicates(("scoring", "criteria"), "criterion id", criteria)
    problems += [
        (("scoring", "matrix"), f"the matrix names unknown criterion {c!r}")
        for c in scoring.matrix
        if c not in criteria
    ]
    problems += [
        (("scoring", "by"), f"unknown role {r!r}") for r in scoring.by if r not in role_ids
    ]
    if scoring.scale[0] >= scoring.scale[1]:
        problems.append((("scoring", "scale"), "the scale's low end must be below its high end"))
    kinds = [f.kind for f in process.forms]
    if kinds.count(NEED_KIND) != 1:
        problems.append((("forms",), f"exactly one form needs the kind {NEED_KIND!r}"))
    problems += _duplicates(("forms",), "form id", [f.id for f in process.forms])
    for index, form in enumerate(process.forms):
        problems += _check_form(process, index, form, stage_ids)
    problems += _duplicates(
        ("labels",), "label", [spec.name.casefold() for spec in process.labels()]
    )
    return problems


def _check_repositories(process: Process) -> list[tuple[Location, str]]:
    # A need's address in the portfolio holds its repository's name (portfolj/behov/<name>/N/).
    names = [r.split("/")[1].casefold() for r in process.portfolio_repositories]
    return _duplicates(("repositories",), "repository name", names)


def _check_form(
    process: Process, index: int, form: FormDef, stage_ids: list[str]
) -> list[tuple[Location, str]]:
    at: Location = ("forms", index)
    problems = _duplicates(at, "field id", [f.id for f in form.fields])
    problems += _duplicates(at, "field label", [f.label for f in form.fields])
    problems += [
        ((*at, "stages"), f"form {form.id!r} names unknown stage {s!r}")
        for s in form.stages
        if s not in stage_ids
    ]
    problems += [
        ((*at, "required_for"), f"form {form.id!r} names unknown stage or outcome {s!r}")
        for s in form.required_for
        if s not in {t.id for t in process.all_stages}
    ]
    by_id = {f.id: f for f in form.fields}
    for number, field in enumerate(form.fields):
        where: Location = (*at, "fields", number)
        if field.type == "dropdown":
            if field.choices is None:
                problems.append((where, f"the dropdown {field.id!r} needs `choices`"))
            elif field.choices != UNITS and field.choices not in process.choices:
                known = ", ".join([UNITS, *process.choices])
                problems.append(
                    (
                        (*where, "choices"),
                        f"unknown list of choices {field.choices!r} (known: {known})",
                    )
                )
        if field.type == "checkboxes" and not field.options:
            problems.append((where, f"the checkboxes {field.id!r} need `options`"))
        condition = field.required_when
        if condition:
            other = by_id.get(condition.field)
            if other is None or other.type != "dropdown":
                problems.append(
                    ((*where, "required_when"), f"names no dropdown {condition.field!r}")
                )
            else:
                known_ids = {c.id for c in process.options(other)}
                problems += [
                    ((*where, "required_when"), f"names unknown choice {c!r}")
                    for c in condition.any_of
                    if c not in known_ids
                ]
    if form.kind == NEED_KIND:
        problems += [
            (("portfolio",), f"{field_id!r} is not a field of the need form {form.id!r}")
            for field_id in [
                process.portfolio.group_by,
                *process.portfolio.columns,
                *process.portfolio.export,
            ]
            if field_id not in by_id
        ]
    return problems


def _duplicates(where: Location, what: str, values: list[str]) -> list[tuple[Location, str]]:
    counts = Counter(values)
    return [(where, f"duplicate {what}: {v!r}") for v in sorted(counts) if counts[v] > 1]
