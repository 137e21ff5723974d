"""Cross-checks of the process file: every reference that must point at something that exists."""

from __future__ import annotations

from collections import Counter

from intake.model.base import Location
from intake.model.channel import personal_column
from intake.model.forms import FormDef
from intake.model.import_check import check_import
from intake.model.process import NEED_KIND, STATUS_INCOMPLETE, UNITS, Process


def check_process(process: Process) -> list[tuple[Location, str]]:
    """Every cross-reference problem of the process, each with where it is, all at once."""
    problems: list[tuple[Location, str]] = []
    stage_ids = [s.id for s in process.stages]
    all_ids = [s.id for s in process.all_stages]
    problems += _duplicates(("stages",), "id för steg eller utfall", all_ids)
    role_ids = [r.id for r in process.roles]
    for source, targets in process.transitions.items():
        where = ("transitions", source)
        if source not in stage_ids:
            problems.append((where, f"{source!r} är inget steg"))
        for target, move in targets.items():
            problems += [
                ((*where, target, "by"), f"flytten {source} → {target} nämner en okänd roll: {r!r}")
                for r in move.by
                if r not in role_ids
            ]
        problems += [
            (where, f"{source!r} leder till något okänt: {t!r}")
            for t in targets
            if t not in all_ids
        ]
    problems += _check_commands(process)
    problems += _check_renames(process)
    problems += _duplicates(("roles",), "roll-id", role_ids)
    if process.council.role not in role_ids:
        problems.append((("council", "role"), f"okänd roll: {process.council.role!r}"))
    for stage in process.stages:
        if stage.close_reason is not None:
            problems.append(
                (("stages",), f"steget {stage.id!r} är inget utfall: ta bort close_reason")
            )
    for outcome in process.outcomes:
        if outcome.close_reason is None:
            problems.append((("outcomes",), f"utfallet {outcome.id!r} behöver close_reason"))
    problems += [
        (
            ("roles", i, "appointed_by"),
            f"{r.id!r} utses av en okänd roll: {r.appointed_by!r}",
        )
        for i, r in enumerate(process.roles)
        if r.appointed_by and r.appointed_by not in role_ids
    ]
    problems += _duplicates(("units",), "id för verksamhet", [u.id for u in process.units])
    if STATUS_INCOMPLETE not in [s.id for s in process.statuses]:
        problems.append((("statuses",), f"statusen {STATUS_INCOMPLETE!r} behövs"))
    for name, choices in process.choices.items():
        problems += _duplicates(("choices", name), "id för val", [c.id for c in choices])
        problems += _duplicates(("choices", name), "namn på val", [c.name for c in choices])
    problems += _check_repositories(process)
    problems += _check_role_references(process)
    scoring = process.scoring
    criteria = [c.id for c in scoring.criteria]
    problems += _duplicates(("scoring", "criteria"), "id för kriterium", criteria)
    problems += [
        (("scoring", "matrix"), f"matrisen nämner ett okänt kriterium: {c!r}")
        for c in scoring.matrix
        if c not in criteria
    ]
    problems += [(("scoring", "by"), f"okänd roll: {r!r}") for r in scoring.by if r not in role_ids]
    if scoring.scale[0] >= scoring.scale[1]:
        problems.append(
            (("scoring", "scale"), "skalans lägsta värde måste vara lägre än dess högsta")
        )
    kinds = [f.kind for f in process.forms]
    if kinds.count(NEED_KIND) != 1:
        problems.append((("forms",), f"exakt ett formulär ska ha kind {NEED_KIND!r}"))
    problems += _duplicates(("forms",), "id för formulär", [f.id for f in process.forms])
    for index, form in enumerate(process.forms):
        problems += _check_form(process, index, form, stage_ids)
    problems += _duplicates(
        ("labels",), "etikett", [spec.name.casefold() for spec in process.labels()]
    )
    problems += check_import(process)
    return problems


ANY_ROLE = "alla_roller"  # in a form's `filed_by`: anyone who holds a role
OWNING_UNIT = "enhet"  # in a form's `filed_by`: the named people of the unit that owns the need


def _check_role_references(process: Process) -> list[tuple[Location, str]]:
    """Roles named by outcomes (who reopens, who receives) and by forms (who files them)."""
    role_ids = {r.id for r in process.roles}
    problems: list[tuple[Location, str]] = []
    for i, outcome in enumerate(process.outcomes):
        named = [*outcome.reopen_by, *([outcome.handover_to] if outcome.handover_to else [])]
        problems += [
            (("outcomes", i), f"utfallet {outcome.id!r} nämner en okänd roll: {r!r}")
            for r in named
            if r not in role_ids
        ]
    for i, form in enumerate(process.forms):
        problems += [
            (("forms", i, "filed_by"), f"formuläret {form.id!r} nämner en okänd roll: {r!r}")
            for r in form.filed_by
            if r not in role_ids | {ANY_ROLE, OWNING_UNIT}
        ]
    return problems


def _check_repositories(process: Process) -> list[tuple[Location, str]]:
    # A need's address in the portfolio holds its repository's name (portfolj/behov/<name>/N/).
    names = [r.split("/")[1].casefold() for r in process.portfolio_repositories]
    problems = _duplicates(("repositories",), "namn på repository", names)
    listed = [r.repository.casefold() for r in process.repositories]
    problems += _duplicates(("repositories",), "repository", listed)
    role_ids = {r.id for r in process.roles}
    problems += [
        (("repositories", index, "people", role), f"okänd roll: {role!r}")
        for index, entry in enumerate(process.repositories)
        for role in entry.people
        if role not in role_ids
    ]
    return problems


def _check_form(
    process: Process, index: int, form: FormDef, stage_ids: list[str]
) -> list[tuple[Location, str]]:
    at: Location = ("forms", index)
    problems = _duplicates(at, "id för fält", [f.id for f in form.fields])
    problems += _duplicates(at, "fältrubrik", [f.label for f in form.fields])
    problems += [
        ((*at, "stages"), f"formuläret {form.id!r} nämner ett okänt steg: {s!r}")
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
                problems.append((where, f"rullistan {field.id!r} behöver `choices`"))
            elif field.choices != UNITS and field.choices not in process.choices:
                known = ", ".join([UNITS, *process.choices])
                problems.append(
                    (
                        (*where, "choices"),
                        f"okänd lista med val: {field.choices!r} (de som finns: {known})",
                    )
                )
        if field.type == "checkboxes" and not field.options:
            problems.append((where, f"kryssrutorna {field.id!r} behöver `options`"))
        condition = field.required_when
        if condition:
            other = by_id.get(condition.field)
            if other is None or other.type != "dropdown":
                problems.append(
                    (
                        (*where, "required_when"),
                        f"{condition.field!r} är ingen rullista i formuläret",
                    )
                )
            else:
                known_ids = {c.id for c in process.options(other)}
                problems += [
                    ((*where, "required_when"), f"nämner ett okänt val: {c!r}")
                    for c in condition.any_of
                    if c not in known_ids
                ]
    if form.kind == NEED_KIND:
        problems += [
            (("portfolio",), f"{field_id!r} är inget fält i behovsformuläret {form.id!r}")
            for field_id in [
                process.portfolio.group_by,
                *process.portfolio.columns,
                *process.portfolio.export,
            ]
            if field_id not in by_id
        ]
        problems += _similar_fields(process, form)
    return problems


def _similar_fields(process: Process, form: FormDef) -> list[tuple[Location, str]]:
    """Similar needs are matched over written answers only, never over one about a person."""
    by_id = {f.id: f for f in form.fields}
    reference = process.channel_import.field if process.channel_import else None
    problems: list[tuple[Location, str]] = []
    for field_id in process.portfolio.similar.fields:
        field = by_id.get(field_id)
        if field is None or field.type not in ("textarea", "input"):
            problems.append(
                (
                    ("portfolio", "similar", "fields"),
                    f"{field_id!r} är inget textfält i {form.id!r}",
                )
            )
        elif field_id == reference or personal_column(field.label):
            problems.append(
                (
                    ("portfolio", "similar", "fields"),
                    f"{field_id!r} gäller en person eller en referens och får inte jämföras",
                )
            )
    return problems


def _duplicates(where: Location, what: str, values: list[str]) -> list[tuple[Location, str]]:
    counts = Counter(values)
    return [(where, f"{what} finns mer än en gång: {v!r}") for v in sorted(counts) if counts[v] > 1]


def _check_commands(process: Process) -> list[tuple[Location, str]]:
    """The council's stage follows from `transitions`; every command must lead somewhere there."""
    problems: list[tuple[Location, str]] = []
    deciding = [s.id for s in process.deciding_stages]
    if len(deciding) > 1:
        problems.append(
            (
                ("transitions",),
                f"flyttar från flera steg kräver rådets beslut ({', '.join(deciding)}): "
                "rådet beslutar i ett steg",
            )
        )
    council = process.council_stage
    all_ids = {s.id for s in process.all_stages}
    for word, target in process.commands.decisions.items():
        where: Location = ("commands", "decisions", word)
        if target not in all_ids:
            problems.append((where, f"/beslut {word} leder till något okänt: {target!r}"))
        elif council is None or process.move(council.id, target) is None:
            source = council.id if council else "rådets steg"
            problems.append(
                (where, f"/beslut {word}: transitions har ingen flytt {source} → {target}")
            )
    outcome_ids = {s.id for s in process.outcomes}
    for key in ("withdrawn", "duplicate"):
        target = getattr(process.commands, key)
        if target is not None and target not in outcome_ids:
            problems.append((("commands", key), f"{target!r} är inget utfall"))
    return problems


def _check_renames(process: Process) -> list[tuple[Location, str]]:
    """A stage's old id or label must not be one that is still in use."""
    problems: list[tuple[Location, str]] = []
    ids = {s.id for s in process.all_stages}
    labels = {s.label.casefold() for s in process.all_stages}
    for stage in process.all_stages:
        old = stage.renamed_from
        if old is None:
            continue
        where: Location = ("stages", stage.id, "renamed_from")
        if old.id is None and old.label is None:
            problems.append((where, "ange id eller label som steget hette förut"))
        if old.id is not None and old.id in ids:
            problems.append((where, f"id {old.id!r} används fortfarande"))
        if old.label is not None and old.label.casefold() in labels:
            problems.append((where, f"etiketten {old.label!r} används fortfarande"))
    return problems
