"""What the bot says when a need moves: its status comment, and short notes to the people involved.

Logins come from GitHub's timeline and the process file, never from text anyone can write; the
one piece of untrusted text, the reason a person gave for a rejection, is escaped.
"""

from __future__ import annotations

from intake.domain.lifecycle.expected import forms_required
from intake.domain.lifecycle.notes import Note
from intake.domain.lifecycle.record import Record, record_block
from intake.domain.lifecycle.triage import STATUS_MARKER, Settlement
from intake.domain.text.patterns import DUPLICATE_REASON
from intake.model.process import REGISTRAR, Process
from intake.render.bot.comment import page_url
from intake.render.markup.markdown import escape_markdown
from intake.render.markup.tampering import tamper_sentence

LABELS_PAGE = "etiketter.md"


def _roles(process: Process, source: str, target: str) -> str:
    move = process.move(source, target)
    names = {r.id: r.in_text for r in process.roles}
    found = [names[r] for r in move.by] if move else []
    return _either(found) or "ingen"


def _either(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " eller " + words[-1]


def _allowed(process: Process, source: str) -> str:
    """Where a need may go from a stage, and who moves it there, as one sentence part."""
    parts = [
        f"{process.stage(target).name} ({_roles(process, source, target)})"
        for target in process.targets(source)
    ]
    return _either(parts) or "ingen annanstans"


def render_status(process: Process, settlement: Settlement, *, rebuilt: bool) -> str:
    """The bot's status comment: the stage now, what comes next, and the record, hidden."""
    site = process.municipality.site_url
    stage = settlement.stage
    lines = [STATUS_MARKER, "### Var behovet är", ""]
    if stage is None:
        lines.append("Behovet har inget steg än. Det får ett när anmälan är komplett.")
    elif stage in process.outcomes:
        lines.append(f"Behovet är avslutat: **{stage.name}**. {stage.summary}")
    else:
        link = f"[{stage.name}]({page_url(site, stage.page)})"
        lines += [
            f"Behovet är i steget **{link}**. {stage.summary}",
            "",
            f"Härifrån kan det gå till {_allowed(process, stage.id)}.",
        ]
    record = settlement.record
    if record.decision is not None:
        decision = record.decision
        corrected = record.paragraph(decision)
        paragraph = f" {corrected}" if corrected else ""
        lines += [
            "",
            f"**Beslut{paragraph}:** {process.stage(decision.target).name}, "
            f"{decision.at.date().isoformat()}. {escape_markdown(decision.motivering)}",
        ]
    for role, name in (("projektagare", "Projektägare"), ("projektledare", "Projektledare")):
        login = record.appointed(role)
        if login:
            lines += ["", f"**{name}:** {login}"]
    if record.diarienummer:
        lines += ["", f"**Diarienummer:** {escape_markdown(record.diarienummer)}"]
    for form_id in settlement.expected:
        form = process.form(form_id)
        lines += [
            "",
            f"**Påminnelse:** i det här steget väntas en {form.name.lower()}. Fyll i "
            f"[formuläret]({process.municipality.form_url(form.id)}) med behovets nummer.",
        ]
    if settlement.state == "closed" and (stage is None or stage not in process.outcomes):
        lines += ["", "Ärendet är stängt utan utfall."]
    lines += tamper_lines(record)
    if rebuilt:
        lines += [
            "",
            "Ingen av robotens kommentarer gick att lita på. Därför byggdes historiken om från "
            "ärendets händelser.",
        ]
    lines += [
        "",
        f"Vem som får flytta ett behov, och vart, står på [sidan om etiketter]"
        f"({page_url(site, LABELS_PAGE)}).",
        "",
        record_block(settlement.record),
        "",
    ]
    return "\n".join(lines)


def tamper_lines(record: Record) -> list[str]:
    """The status comment's account of changes others made to the bot's comments."""
    if not record.tampering:
        return []
    lines = ["", "**Ändrat av någon annan än roboten:**", ""]
    lines += [f"- {tamper_sentence(t)}" for t in record.tampering]
    return [
        *lines,
        "",
        "Protokollet ovan är robotens eget, återställt från det roboten kan lita på. De ändrade "
        "kommentarerna står kvar som de är.",
    ]


def render_note(process: Process, note: Note) -> str:
    """One note as a short comment in plain Swedish."""
    site = process.municipality.site_url
    to = f"@{note.to} " if note.to else ""
    name = process.stage(note.target).name if note.target else ""
    source = process.stage(note.source).name if note.source else "inget steg"
    if note.kind == "moved":
        stage = process.stage(note.target or "")
        text = f"Behovet har flyttats från {source} till **{name}**. {stage.summary}"
        duplicate = DUPLICATE_REASON.fullmatch(note.reason or "")
        if duplicate:  # digits only: GitHub links both issues to each other
            return text + f"\n\nDet finns redan som #{duplicate.group(1)}."
        if note.reason:
            text += f"\n\nSkälet:\n\n> {escape_markdown(note.reason)}"
        return text + f"\n\n[Läs om {stage.name}]({page_url(site, stage.page)})"
    if note.kind == "no_move":
        return (
            f"{to}Ett behov kan inte gå från {source} till {name}. Härifrån kan det gå till "
            f"{_allowed(process, note.source or '')}. Etiketten är återställd."
        )
    if note.kind == "not_yours":
        return (
            f"{to}Flytten från {source} till {name} görs av "
            f"{_roles(process, note.source or '', note.target or '')}. Etiketten är återställd."
        )
    if note.kind == "incomplete":
        return (
            f"{to}Behovet kan inte gå till {name} förrän anmälan är komplett. Initiativtagaren "
            "behöver först komplettera den. Etiketten är återställd."
        )
    if note.kind == "no_reason":
        label = process.stage(note.target or "").label
        return (
            f"{to}Skriv först en kommentar med skälet till att behovet avslutas som {name}. "
            f"Initiativtagaren får läsa den. Sätt sedan etiketten **{label}** igen. Etiketten är "
            "återställd."
        )
    if note.kind == "one_at_a_time":
        return (
            f"{to}Välj ett steg i taget. Behovet står kvar i {source}. Sätt den etikett du menar."
        )
    if note.kind == "no_outcome":
        outcomes = _either([o.label for o in process.outcomes])
        return (
            f"{to}Ärendet är stängt men har inget utfall. Sätt en av etiketterna {outcomes}, så "
            f"att portföljen visar hur behovet slutade. Vem som får sätta vilken står på "
            f"[sidan om etiketter]({page_url(site, LABELS_PAGE)})."
        )
    if note.kind == "form_missing":
        forms = forms_required(process, note.target or "", set())
        links = _either([f"[{f.name}]({process.municipality.form_url(f.id)})" for f in forms])
        return (
            f"{to}Behovet går till {name} först när det har en komplett {links}. Fyll i "
            "formuläret med behovets nummer. När roboten har kopplat det till behovet kan du "
            "flytta behovet igen. Etiketten är återställd."
        )
    if note.kind == "needs_decision":
        return (
            f"{to}Behovet går till {name} när rådet har beslutat det med /beslut och utsett en "
            "projektägare med /projektägare. Båda skrivs som kommentarer i ärendet. Etiketten är "
            "återställd."
        )
    if note.kind == "command_help":
        return f"{to}Kommandot gick inte att läsa. Skriv så här: {note.usage}"
    if note.kind == "command_refused":
        if note.target:
            by = _roles(process, note.source or "", note.target)
            return f"{to}Beslutet eller flytten till {name} görs av {by}."
        if note.role == "bedomning":
            assessors = _either([r.in_text for r in process.roles if r.id in process.scoring.by])
            return f"{to}Behovet bedöms av {assessors}."
        if note.role == "ratta":
            return f"{to}Rättelser skrivs in av digitaliseringsrådet eller registratorn."
        if note.role == "diarienummer":
            registrar = next((r.in_text for r in process.roles if r.id == REGISTRAR), "")
            return f"{to}Diarienumret skrivs in av {registrar or 'registratorn'}."
        return f"{to}Det kommandot ges av digitaliseringsrådet eller behovets projektägare."
    if note.kind == "needs_owner":
        return (
            f"{to}Utse först en projektägare med /projektägare. Sedan kan en projektledare utses."
        )
    if note.kind == "decided":
        return (
            f"Rådet har beslutat att behovet ska gå till {name}. Projektet startar när rådet har "
            "utsett en projektägare."
        )
    if note.kind == "recorded":
        return _recorded(note)
    if note.kind == "handover":
        people = " ".join(f"@{p}" for p in process.people(note.role or ""))
        role = next((r.in_text for r in process.roles if r.id == note.role), "")
        return (
            f"{people} Behovet har lämnats över: **{name}**. Som {role} tar du emot det. "
            f"[Läs om {name}]({page_url(site, process.stage(note.target or '').page)})"
        ).strip()
    if note.kind == "not_reopenable":
        return (
            f"{to}Bara den som anmälde behovet kan öppna det igen med /återuppta, och bara när "
            "behovet är återkallat."
        )
    if note.kind == "appointed":
        role = "projektägare" if note.role == "projektagare" else "projektledare"
        return f"@{note.login} är utsedd till {role} för behovet."
    council = next(r.in_text for r in process.roles if r.id == process.council.role)
    move = process.move(note.source, note.target or "") if note.source else None
    names = {r.id: r.in_text for r in process.roles}
    may = list(dict.fromkeys([*(names[r] for r in move.by), council] if move else [council]))
    return f"{to}Bara {_either(may)} kan öppna behovet igen. Ärendet är stängt igen."


def _recorded(note: Note) -> str:
    to = f"@{note.to} " if note.to else ""
    value = escape_markdown(note.value or "")
    if note.entry == "bedomning":
        return f"{to}Din bedömning är sparad."
    if note.entry == "diarienummer":
        return f"{to}Diarienumret {value} är sparat."
    return f"{to}Rättelsen är sparad: {note.entry} är nu {value}."
