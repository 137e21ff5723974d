"""Synthetic needs for the fake GitHub: realistic answers, labels and label histories, at any size.

The portfolio benchmark (scripts/benchmark_portfolio.py) and its tests fill the fake with these.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from intake.domain.lifecycle.labels import plan_labels
from intake.domain.need.body import render_body
from intake.domain.need.forms import Element, IssueForm, issue_form
from intake.domain.need.parse import FieldValue, parse
from intake.domain.need.validate import validate
from intake.fakegithub.server import FakeGitHub
from intake.model.process import Process

START = datetime.fromisoformat("2023-11-01T07:30:00+00:00")
NOW = datetime.fromisoformat("2026-11-20T16:00:00+00:00")  # no label event after this moment
SPAN_DAYS = 1000  # needs are filed over almost three years before NOW
INCOMPLETE_SHARE = 0.05  # needs whose answers fail validation: no stage, a status label
TODAY = NOW.date()  # only used when there are no needs

SUBJECTS = [
    "bygglovsansökningar",
    "beslut om färdtjänst",
    "schemaläggning i hemtjänsten",
    "frånvaroanmälan i förskolan",
    "fakturor från leverantörer",
    "felanmälan av gatubelysning",
    "ansökan om försörjningsstöd",
    "inspektioner av livsmedel",
    "ärenden i diariet",
    "kartor över detaljplaner",
    "rekrytering av vikarier",
    "frågor till kontaktcenter",
    "utlåning av bärbara datorer",
    "lönerapportering",
    "tillsyn av enskilda avlopp",
]
PROBLEMS = [
    "Handläggarna skriver av uppgifter för hand från pappersblanketter.",
    "Samma uppgifter matas in i tre olika system.",
    "Invånare ringer för att fråga hur långt deras ärende har kommit.",
    "Det tar ofta flera veckor innan ett beslut skickas ut.",
    "Underlagen kommer in som PDF och går inte att söka i.",
    "Medarbetare lägger mycket tid på att leta efter rätt version av en fil.",
    "Rapporterna tas fram i kalkylark som ingen annan kan uppdatera.",
    "Avtalet för det nuvarande systemet löper ut och behöver ses över.",
    "Uppgifterna finns men når inte dem som behöver dem i tid.",
    "Felen upptäcks först när någon klagar.",
]
AFFECTED = [
    "Invånare som söker tjänsten och handläggarna som tar emot ärendena.",
    "Medarbetare i verksamheten och deras chefer.",
    "Företag i kommunen.",
    "Vårdnadshavare och personal i förskolan.",
    "Kontaktcenter och flera förvaltningar.",
]
BENEFITS = [
    "Handläggningen går snabbare och invånarna får besked tidigare.",
    "Vi sparar uppskattningsvis 400 timmar per år.",
    "Färre fel, eftersom uppgifterna bara matas in en gång.",
    "Chefer får en bättre bild av läget varje vecka.",
    "Färre samtal till kontaktcenter.",
    "Lägre kostnader för papper, porto och arkiv.",
]
DEADLINES = ["före 1 juni 2027", "till årsskiftet", "innan avtalet löper ut i mars 2028"]


# --- the synthetic needs ---------------------------------------------------------------------


def _sentences(rng: random.Random, pool: Sequence[str], low: int, high: int) -> str:
    return " ".join(rng.sample(list(pool), rng.randint(low, min(high, len(pool)))))


def _answer(rng: random.Random, element: Element, typ: str) -> FieldValue:
    if element.type == "checkboxes":
        return [o for i, o in enumerate(element.options) if i == 0 or rng.random() < 0.6]
    if element.type == "dropdown":
        if element.multiple:
            return rng.sample(element.options, rng.randint(1, min(3, len(element.options))))
        return typ if element.id == "typ" else rng.choice(element.options)
    answers: dict[str, Callable[[], str]] = {
        "behov": lambda: _sentences(rng, PROBLEMS, 2, 5) + "\n\n" + _sentences(rng, PROBLEMS, 1, 3),
        "berorda": lambda: rng.choice(AFFECTED),
        "nytta": lambda: _sentences(rng, BENEFITS, 1, 4),
        "tidsram": lambda: rng.choice(DEADLINES),
        "budget": lambda: f"{rng.randint(1, 40) * 50_000} kronor i verksamhetens budget",
        "kostnad": lambda: "Inköp och införande: " + _sentences(rng, BENEFITS, 1, 2),
        "bilagor": lambda: "",
    }
    make = answers.get(element.id)
    return make() if make is not None else _sentences(rng, BENEFITS, 1, 2)


def synthetic_answers(rng: random.Random, form: IssueForm) -> dict[str, FieldValue]:
    """Random, valid answers of the need form (conditional fields filled when they apply)."""
    typ = rng.choice(next(e for e in form.elements if e.id == "typ").options)
    answers = {e.id: _answer(rng, e, typ) for e in form.elements}
    if rng.random() < 0.5 and "upphandling" not in typ.lower():
        answers["budget"] = answers["kostnad"] = None
    return answers


def _walk(process: Process, rng: random.Random) -> list[str]:
    """The stages and outcomes a need passes, from the first stage along allowed moves."""
    path = [process.first_stage.id]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 5])):
        moves = process.targets(path[-1])
        forward = [m for m in moves if m not in path] or moves
        if not forward:
            break
        path.append(rng.choice(forward))
    return path


def seed_needs(fake: FakeGitHub, process: Process, count: int, seed: int = 2026) -> None:
    """Fill the fake with `count` needs, as the intake workflow and the council would label them."""
    rng = random.Random(seed)
    form_def = process.need_form
    form = issue_form(process, form_def)
    step = timedelta(days=SPAN_DAYS) / max(count, 1)
    for index in range(count):
        answers = synthetic_answers(rng, form)
        if rng.random() < INCOMPLETE_SHARE:
            answers["behov"] = "Det krånglar."  # too short: the need must be completed
        body = render_body(form, answers)
        title = f"{form_def.title}Enklare {rng.choice(SUBJECTS)} ({index + 1})"
        filed = START + step * index
        verdict = validate(process, form_def, parse(form, body), title=title, body=body)
        change = plan_labels(process, form_def, verdict, ())
        number = fake.add_issue(title, body, labels=change.add, created_at=filed)
        if not verdict.ok:
            continue
        with fake.lock:
            issue = fake.repo.issues[number]
            moved, path = filed, _walk(process, rng)
            for before, after in itertools.pairwise(path):
                at = moved + timedelta(days=rng.randint(3, 90), minutes=rng.randint(0, 600))
                if at > NOW:
                    break
                fake.repo.remove_label(issue, process.stage(before).label, "beredning", at)
                fake.repo.add_labels(issue, [process.stage(after).label], "beredning", at)
                moved = at
            stage = next(s for s in (*process.stages, *process.outcomes) if s.label in issue.labels)
            if stage.id in {"avslagen", "avslutad"}:  # outcomes that end the need
                issue.state, issue.closed_at = "closed", moved


# --- the phases, each run in its own process --------------------------------------------------
