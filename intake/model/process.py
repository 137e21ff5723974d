"""The process file as typed, cross-checked models: stages, forms, labels, roles and people."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator

from intake.model.archive import ArchiveDef
from intake.model.base import (
    Color,
    Id,
    Label,
    Login,
    Model,
    RepositoryName,
    check_label,
    kept,
)
from intake.model.channel import ImportDef
from intake.model.forms import Choice, FieldDef, FormDef

UNITS = "units"  # the name by which a form field offers the units as its choices
NEED_KIND = "behov"  # the kind of the form that files a need
STATUS_INCOMPLETE = "komplettera"  # the status of a need whose answers must be completed
REGISTRAR = "registrator"  # the role whose people record a need's diarienummer
# The bundled example people: GitHub logins anyone could register (see `example_people`).
EXAMPLE_REPOSITORY = "exempelkommun/digitaliseringsprocessen"


Email = Annotated[str, Field(pattern=r"^[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[a-z]{2,}$")]


class Municipality(Model):
    """Everything that makes the repository one municipality's own: change these when forking."""

    name: str
    site_url: str
    repository: RepositoryName
    contact: Email
    accessibility_body: str  # the organisation named in the tillgänglighetsredogörelse
    # The personuppgiftsansvarig: the authority (usually a nämnd) that answers for personal data.
    controller: str
    data_protection_officer: Email  # the dataskyddsombud's address
    phone: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 -]{4,19}$")]
    postal_address: str
    response_days: Annotated[int, Field(ge=1, le=30)]  # working days within which we answer
    # Where people without a GitHub account file a need (the import channel's own service).
    etjanst_url: str

    @field_validator("site_url", "etjanst_url")
    @classmethod
    def _url_ok(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"adressen {value!r} ska börja med https://")
        return value

    # The municipality's own e-mail addresses and phone numbers, shown where a person's are masked.
    public_contacts: list[str] = []

    @field_validator("public_contacts")
    @classmethod
    def _contacts_ok(cls, value: list[str]) -> list[str]:
        for contact in value:
            if "@" not in contact and sum(c.isdigit() for c in contact) < 7:
                raise ValueError(
                    f"public_contacts: {contact!r} är varken en e-postadress eller ett "
                    "telefonnummer"
                )
        return value

    @field_validator("site_url")
    @classmethod
    def _site_url_ok(cls, value: str) -> str:
        if not value.endswith("/"):
            raise ValueError(
                f"site_url {value!r} ska sluta med ett snedstreck: skriv {value + '/'!r}"
            )
        return value

    @property
    def public_addresses(self) -> tuple[str, ...]:
        """The addresses and numbers that are the municipality's own: `contact`, the
        dataskyddsombud's address, `phone` and `public_contacts`."""
        return (self.contact, self.data_protection_officer, self.phone, *self.public_contacts)

    @property
    def web_url(self) -> str:
        """The repository on GitHub."""
        return f"https://github.com/{self.repository}"

    def form_url(self, form_id: str) -> str:
        """Where a person opens a new issue with a form."""
        return f"{self.web_url}/issues/new?template={form_id}.yml"


class Repository(Model):
    """A repository of a förvaltning: its needs, its name and the people who act there.

    `people`: role id → GitHub logins who hold the role in this repository instead of the role's
    own list; a role not named keeps its list. The council is shared by every repository.
    """

    repository: RepositoryName
    name: str
    people: dict[Id, list[Login]] = {}


class Renamed(Model):
    """What a stage or outcome was called before a rename in a running installation: its records
    with the old id are still read, and `intake labels sync` renames its label on GitHub."""

    id: Id | None = None
    label: Label | None = None

    _label = field_validator("label")(check_label)


class Stage(Model):
    """A stage of the lifecycle, or an outcome that ends it (and closes its issue)."""

    id: Id
    name: str
    label: Label
    color: Color
    summary: str
    page: str
    # An outcome's reason for closing the issue, as GitHub names it; a stage has none.
    close_reason: Literal["completed", "not_planned"] | None = None
    # An outcome's roles that may open the need again with /återuppta, where it was before.
    reopen_by: list[Id] = []
    # The role whose people the bot tells when a need arrives here (the arena's owner).
    handover_to: Id | None = None
    renamed_from: Renamed | None = None

    _label = field_validator("label")(check_label)

    def named_by(self, label: str) -> bool:
        """Whether a label names this stage (case-blind): its label, or the one it had before a
        rename (issues carry that one until `intake labels sync` renames it)."""
        wanted = label.casefold()
        old = self.renamed_from.label if self.renamed_from else None
        return wanted == self.label.casefold() or (old is not None and wanted == old.casefold())


class Status(Model):
    id: Id
    label: Label
    color: Color
    summary: str

    _label = field_validator("label")(check_label)


class Role(Model):
    id: Id
    name: str
    summary: str
    appointed_by: Id | None = None
    people: list[Login] = []  # GitHub logins; the council's role also has the council's members
    called: str | None = None  # how a sentence names the role ("beredningsgruppen"); else `name`

    @property
    def in_text(self) -> str:
        """The role as a sentence names it."""
        return self.called or self.name.lower()


# What must hold before a move is made: `complete`, the need's answers pass validation now;
# `decision`, the council decided on this move (/beslut); `projektagare`, one is appointed.
Precondition = Literal["complete", "decision", "projektagare"]


class Transition(Model):
    """An allowed move between stages: who may make it, and what must hold first."""

    by: Annotated[list[Id], Field(min_length=1)]  # role ids
    requires: list[Precondition] = []


class Commands(Model):
    """Where the commands in comments lead: what cannot be derived from `transitions`.

    `decisions`: each word of `/beslut` (read case-blind, also without å, ä and ö) → the stage or
    outcome the council's decision moves the need to; `withdrawn`: the outcome `/återkalla` leads
    to; `duplicate`: the outcome `/dubblett` leads to. Left out: the command is not offered.
    """

    decisions: Annotated[dict[str, Id], Field(min_length=1)]
    withdrawn: Id | None = None
    duplicate: Id | None = None


class Unit(Model):
    id: Id
    name: str
    kind: Literal["verksamhet", "objekt"]
    label: Label
    # GitHub logins of the unit's named people: they may file its needs' linked forms when a
    # form's `filed_by` names `enhet` (the unit that owns the need).
    people: list[Login] = []

    _label = field_validator("label")(check_label)


class CouncilMember(Model):
    login: Login
    name: str
    role: str


class Council(Model):
    name: str
    role: Id  # the role whose people the members are
    meetings: list[date] = []
    members: list[CouncilMember]


class Criterion(Model):
    """One thing the council weighs: its weight, and whether a higher value is better."""

    id: Id
    name: str
    weight: Annotated[float, Field(gt=0)]
    higher_is_better: bool = True


class Scoring(Model):
    """How needs are assessed (/bedömning) and scored: criteria on one scale, and who assesses."""

    scale: tuple[int, int] = (1, 5)
    criteria: list[Criterion]
    by: list[Id]  # the roles that may assess
    matrix: tuple[Id, Id]  # the criteria of the chart's x axis (effort) and y axis (benefit)


class SimilarDef(Model):
    """How needs that look alike are found (intake/domain/similar)."""

    # The answers that describe the need, besides its title; never a field about a person.
    fields: list[Id] = []
    # The least likeness (0–1) a need must have to be suggested as similar.
    threshold: Annotated[float, Field(gt=0, lt=1)] = 0.18
    # How many similar needs the bot's answer, a need's page and the agenda name at most.
    suggestions: Annotated[int, Field(ge=1, le=10)] = 3


class PortfolioDef(Model):
    group_by: Id
    columns: list[Id]
    export: list[Id] = []  # further answers the CSV carries (the JSON carries every answer)
    # `answers`: everything; `titles_and_stages`: no page or export carries the answers
    publish: Literal["answers", "titles_and_stages"] = "answers"
    similar: SimilarDef = SimilarDef()


class BenefitSettings(Model):
    """How benefit follow-up is watched."""

    followup_months: Annotated[int, Field(ge=1)] = 12  # in Ta hem effekter before it is overdue


class LabelSpec(Model):
    """A repository label as the process wants it."""

    name: str
    color: str
    description: str
    old_name: str | None = None  # what the label was called before a rename (`renamed_from`)


class Process(Model):
    # `import` is a Python keyword: the field is `channel_import`, and a dump round-trips by name.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    municipality: Municipality
    repositories: list[Repository] = []
    stages: list[Stage]
    outcomes: list[Stage]
    transitions: dict[Id, dict[Id, Transition]]
    commands: Commands
    statuses: list[Status]
    roles: list[Role]
    units: list[Unit]
    council: Council
    choices: dict[Id, list[Choice]]
    forms: list[FormDef]
    solution_phrases: list[str]
    portfolio: PortfolioDef
    scoring: Scoring
    # Needs filed on someone's behalf from another channel (`intake import`); None: not used.
    channel_import: ImportDef | None = Field(default=None, alias="import")
    benefits: BenefitSettings = BenefitSettings()
    # The nightly archive of every issue (`intake archive`); None: not kept.
    archive: ArchiveDef | None = None

    @property
    def all_stages(self) -> list[Stage]:
        """The stages, then the outcomes: every place a need can be, in process order."""
        return [*self.stages, *self.outcomes]

    @property
    def first_stage(self) -> Stage:
        """The stage a valid new need enters."""
        return self.stages[0]

    @property
    def deciding_stages(self) -> list[Stage]:
        """The stages with a move that needs the council's decision (`intake check` allows one)."""
        return [
            s
            for s in self.stages
            if any("decision" in t.requires for t in self.transitions.get(s.id, {}).values())
        ]

    @property
    def council_stage(self) -> Stage | None:
        """The stage the council decides in, derived from `transitions`: the one whose moves need
        its decision; None when no move needs one."""
        deciding = self.deciding_stages
        return deciding[0] if deciding else None

    @property
    def project_stages(self) -> list[str]:
        """The stages a project starts in: those a move enters only with a projektägare appointed
        (derived from `transitions`), in process order."""
        wanted = {
            target
            for moves in self.transitions.values()
            for target, move in moves.items()
            if "projektagare" in move.requires
        }
        return [s.id for s in self.stages if s.id in wanted]

    def current_id(self, stage_id: str) -> str:
        """The stage or outcome id of today for an id a record may hold from before a rename."""
        renamed = {s.renamed_from.id: s.id for s in self.all_stages if s.renamed_from}
        return renamed.get(stage_id, stage_id)

    @property
    def need_form(self) -> FormDef:
        """The form that files a need (its kind is `behov`)."""
        return next(f for f in self.forms if f.kind == NEED_KIND)

    @property
    def status_incomplete(self) -> Status:
        """The status label of a need that must be completed."""
        return self.status(STATUS_INCOMPLETE)

    @property
    def portfolio_repositories(self) -> list[str]:
        """Every repository the portfolio reads, the municipality's own first."""
        named = [self.municipality.repository, *(r.repository for r in self.repositories)]
        unique: dict[str, str] = {}
        for name in named:  # the own repository may be listed too, to name its förvaltning
            unique.setdefault(name.casefold(), name)
        return list(unique.values())

    def repository_entry(self, repository: str) -> Repository | None:
        """The entry of `repositories` naming this repository (case-blind), if any."""
        wanted = repository.casefold()
        return next((r for r in self.repositories if r.repository.casefold() == wanted), None)

    def forvaltning(self, repository: str) -> str:
        """The name of the förvaltning a repository serves; the municipality's name by default."""
        entry = self.repository_entry(repository)
        return entry.name if entry else self.municipality.name

    def for_repository(self, repository: str) -> Process:
        """The process as it applies in one repository: its own people in the roles it names."""
        entry = self.repository_entry(repository)
        if entry is None or not entry.people:
            return self
        roles = [
            role.model_copy(update={"people": entry.people[role.id]})
            if role.id in entry.people
            else role
            for role in self.roles
        ]
        return self.model_copy(update={"roles": roles})

    def targets(self, stage_id: str) -> list[str]:
        """The stages and outcomes a need may move to from this stage, in the file's order."""
        return list(self.transitions.get(stage_id, {}))

    def move(self, source: str, target: str) -> Transition | None:
        """The allowed move from one stage to another; None when the process has none."""
        return self.transitions.get(source, {}).get(target)

    def people(self, role_id: str) -> list[str]:
        """The GitHub logins that hold a role."""
        role = next((r for r in self.roles if r.id == role_id), None)
        found = list(role.people) if role else []
        if role_id == self.council.role:
            found += [m.login for m in self.council.members]
        return list(dict.fromkeys(found))

    def status(self, status_id: str) -> Status:
        """The status with this id."""
        return next(s for s in self.statuses if s.id == status_id)

    def stage_of_label(self, label: str) -> Stage | None:
        """The stage or outcome a label names (case-blind, its label before a rename too); None
        when it names none."""
        named = self._stages_named().get(label.casefold())
        return named[0] if named else None

    def stages_labelled(self, labels: Iterable[str]) -> list[Stage]:
        """The stages and outcomes whose labels are among `labels`, in process order."""
        named = self._stages_named()
        found = {id(s) for label in labels for s in named.get(label.casefold(), ())}
        return [s for s in self.all_stages if id(s) in found] if found else []

    def _stages_named(self) -> dict[str, list[Stage]]:
        """Each label in case-blind form → the stages and outcomes it names, in process order."""

        def make() -> dict[str, list[Stage]]:
            named: dict[str, list[Stage]] = {}
            for stage in self.all_stages:
                old = stage.renamed_from.label if stage.renamed_from else None
                for label in dict.fromkeys(n.casefold() for n in (stage.label, old) if n):
                    named.setdefault(label, []).append(stage)
            return named

        return kept("stages_named", (self.stages, self.outcomes), make)

    def stage(self, stage_id: str) -> Stage:
        """The stage or outcome with this id."""
        return next(s for s in self.all_stages if s.id == stage_id)

    def forms_of_kind(self, kind: str) -> list[FormDef]:
        """The forms that capture this kind of thing."""
        return [f for f in self.forms if f.kind == kind]

    def form(self, form_id: str) -> FormDef:
        """The form with this id."""
        return next(f for f in self.forms if f.id == form_id)

    def options(self, field: FieldDef) -> list[Choice]:
        """The choices a dropdown field offers, in form order (units and any extra included)."""
        if field.choices is None:
            return []
        choices, extra = field.choices, field.extra
        source = self.units if choices == UNITS else self.choices
        found = kept("options", (source, choices, extra), lambda: self._options(choices, extra))
        return list(found)

    def _options(self, choices: str, extra: str | None) -> list[Choice]:
        if choices == UNITS:
            found = [Choice(id=u.id, name=u.name, label=u.label) for u in self.units]
        else:
            found = list(self.choices.get(choices, []))  # unknown: `check` reports it
        if extra:
            found.append(Choice(id="ingen", name=extra))
        return found

    def example_people(self) -> list[str]:
        """Logins of the bundled example people that still hold a role in this process."""
        logins = {login for role in self.roles for login in self.people(role.id)}
        logins |= {m.login for m in self.council.members}
        logins |= {p for r in self.repositories for people in r.people.values() for p in people}
        logins |= {p for unit in self.units for p in unit.people}
        return sorted(login for login in logins if login.casefold().endswith("-exempel"))

    def labels(self) -> list[LabelSpec]:
        """Every label the process defines, in a stable order."""
        specs = [
            LabelSpec(
                name=s.label,
                color=s.color,
                description=s.summary,
                old_name=s.renamed_from.label if s.renamed_from else None,
            )
            for s in self.all_stages
        ]
        specs += [
            LabelSpec(name=s.label, color=s.color, description=s.summary) for s in self.statuses
        ]
        for form in self.forms:
            specs += [
                LabelSpec(name=name, color="ededed", description=f"Skapat med {form.name}")
                for name in form.labels
            ]
            for field in form.fields:
                specs += [
                    LabelSpec(name=c.label, color="ededed", description=f"{field.label} {c.name}")
                    for c in self.options(field)
                    if c.label
                ]
        unique: dict[str, LabelSpec] = {}
        for spec in specs:  # a unit's label serves every form that offers the units
            unique.setdefault(spec.name, spec)
        return list(unique.values())
