"""What the guidance says about the process, generated from the process file for the site.

Counts of steps, stages and outcomes, who may make which move, what the bot does and who holds
which role are never written by hand on a page: each page includes one of these files, so the text
follows the process file (`intake docs check` refuses a hand-written count).
"""

from __future__ import annotations

from intake.domain.lifecycle.authority import INITIATOR
from intake.model.process import Process, Stage

STEPS_PATH = "docs/includes/livscykelns-steg.md"
OUTCOMES_PATH = "docs/includes/utfall.md"
MOVERS_PATH = "docs/includes/vem-flyttar.md"
BOT_PATH = "docs/includes/roboten.md"
PEOPLE_PATH = "docs/includes/vem-sitter-var.md"

NUMBERS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")
_REQUIRES = {
    "complete": "anmälan är komplett",
    "decision": "digitaliseringsrådet har beslutat med `/beslut`",
    "projektagare": "en projektägare är utsedd med `/projektägare`",
}


def number(count: int) -> str:
    """A count as a Swedish word up to ten (neuter, as in "sex steg"), else in digits."""
    return NUMBERS[count] if 0 <= count < len(NUMBERS) else str(count)


def either(words: list[str], last: str = "eller") -> str:
    """ "a, b eller c"."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def steps(process: Process) -> list[list[Stage]]:
    """The lifecycle's steps: stages sharing a guidance page are one step (Utveckla, Avveckla)."""
    grouped: dict[str, list[Stage]] = {}
    for stage in process.stages:
        grouped.setdefault(stage.page, []).append(stage)
    return list(grouped.values())


def render_steps(process: Process) -> str:
    """How many steps and stage labels the lifecycle has, and how they relate."""
    found = steps(process)
    names = [" eller ".join(s.name for s in step) for step in found]
    lines = [
        f"Livscykeln har {number(len(found))} steg: {either(names, 'och')}.",
    ]
    shared = [step for step in found if len(step) > 1]
    if shared:
        pairs = " Samma sak gäller ".join(
            f"{either([s.name for s in step], 'och')} är samma steg med olika etiketter."
            for step in shared
        )
        lines[0] += f" {pairs} Därför finns det {number(len(process.stages))} etiketter för steg."
    lines[0] += " Ett behov har en av dem i taget."
    return "\n".join(lines) + "\n"


def _roles(process: Process) -> dict[str, str]:
    return {r.id: r.in_text for r in process.roles}


def _from_where(process: Process, target: str) -> dict[str, list[str]]:
    """Role id → the stages from which that role may move a need to the target."""
    found: dict[str, list[str]] = {}
    for source, targets in process.transitions.items():
        move = targets.get(target)
        for role in move.by if move else []:
            found.setdefault(role, []).append(process.stage(source).name)
    return found


def render_outcomes(process: Process) -> str:
    """Every way a need can leave the lifecycle: the outcome, its label, who decides it where."""
    roles = _roles(process)
    lines = [
        f"Ett behov kan lämna livscykeln på {number(len(process.outcomes))} sätt. Vart och ett "
        "kallas ett utfall. Ärendet får utfallets etikett och stängs.",
        "",
    ]
    for outcome in process.outcomes:
        who = [
            f"{roles[role]} (i {either(sources)})"
            for role, sources in _from_where(process, outcome.id).items()
        ]
        made = f" Vem: {either(who)}." if who else ""
        lines.append(f"- **{outcome.name}** (`{outcome.label}`). {outcome.summary}{made}")
    return "\n".join(lines) + "\n"


def render_movers(process: Process) -> str:
    """For each role that may move needs: from which stage to which, as the transitions say."""
    lines = []
    for role in process.roles:
        moves = [
            (source, target)
            for source, targets in process.transitions.items()
            for target, move in targets.items()
            if role.id in move.by
        ]
        if not moves:
            continue
        name = {stage.id: stage.name for stage in process.all_stages}
        ends = list(dict.fromkeys(target for _, target in moves))
        if len(ends) == 1:
            where = f"till {name[ends[0]]} från {either([name[s] for s, _ in moves])}"
        else:
            by_source: dict[str, list[str]] = {}
            for source, target in moves:
                by_source.setdefault(source, []).append(name[target])
            where = either(
                [f"från {name[s]} till {either(t)}" for s, t in by_source.items()], "och"
            )
        who = role.in_text[0].upper() + role.in_text[1:]
        lines.append(f"- **{who}** får flytta ett behov {where}.")
    return "\n".join(lines) + "\n"


def render_bot(process: Process) -> str:
    """What the bot does with a need, from the transitions' preconditions and the forms."""
    need = process.need_form
    lines = [
        f"- Roboten läser varje ärende som skrivs i formuläret {need.name} och svarar i en "
        "kommentar. Saknas något får ärendet etiketten "
        f"`{process.status_incomplete.label}`. När allt finns med får det etiketten "
        f"`{process.first_stage.label}`.",
        "- Roboten gör en flytt ogjord om processen inte tillåter den, eller om den som flyttade "
        "saknar rätt roll. Den skriver då varför.",
    ]
    conditions: dict[tuple[str, ...], list[str]] = {}
    for targets in process.transitions.values():
        for target, move in targets.items():
            if move.requires:
                names = conditions.setdefault(tuple(move.requires), [])
                if process.stage(target).name not in names:
                    names.append(process.stage(target).name)
    for requires, reached in conditions.items():
        what = either([_REQUIRES[r] for r in requires], "och")
        line = f"- Till {either(reached)} går ett behov bara när {what}."
        if set(requires) & {"decision", "projektagare"}:
            line += " När det sista av dem finns flyttar roboten behovet själv."
        line += " Sätter någon etiketten innan dess gör roboten flytten ogjord."
        lines.append(line)
    for form in process.forms:
        if form.kind == need.kind or not form.stages:
            continue
        where = either([process.stage(s).name for s in form.stages])
        lines.append(
            f"- Medan ett behov är i {where} påminner roboten om formuläret {form.name} tills "
            "det är ifyllt och kopplat till behovet."
        )
        if form.required_for:
            needed = either([process.stage(s).name for s in form.required_for])
            lines[-1] += f" Behovet kan inte gå till {needed} utan det."
    lines.append(
        "- Roboten sparar vem som flyttade och beslutade vad i en egen kommentar i ärendet. "
        "Den som anmälde behovet får en kommentar om varje flytt."
    )
    return "\n".join(lines) + "\n"


def render_people(process: Process) -> str:
    """Who holds each role, from the roles' people, the council and each förvaltning's own list."""
    council = process.council
    members = ", ".join(f"{m.name.lower()} (`{m.login}`)" for m in council.members)
    lines = [f"- **{council.name}:** {members or 'ingen ledamot är inskriven ännu'}."]
    for role in process.roles:
        if role.id == council.role:
            continue
        if role.people:
            lines.append(f"- **{role.name}:** {', '.join(f'`{p}`' for p in role.people)}.")
        elif role.appointed_by:
            by = next(r for r in process.roles if r.id == role.appointed_by)
            lines.append(f"- **{role.name}:** utses för varje behov av {by.in_text}.")
        elif role.id == INITIATOR:
            lines.append(f"- **{role.name}:** den som anmäler ett behov.")
        else:
            lines.append(f"- **{role.name}:** ingen person är inskriven i processfilen.")
    for entry in process.repositories:
        for role_id, logins in entry.people.items():
            role = next(r for r in process.roles if r.id == role_id)
            held = ", ".join(f"`{login}`" for login in logins)
            lines.append(f"- **{role.name} i {entry.name}:** {held}.")
    return "\n".join(lines) + "\n"


def process_includes(process: Process) -> dict[str, str]:
    """Repository path → content of every include generated here."""
    return {
        STEPS_PATH: render_steps(process),
        OUTCOMES_PATH: render_outcomes(process),
        MOVERS_PATH: render_movers(process),
        BOT_PATH: render_bot(process),
        PEOPLE_PATH: render_people(process),
    }
