"""Commands that work on files alone: parse, validate, generate, check and the docs check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from intake.adapters.files import InputError, decode, drifted, read_text, write_files
from intake.adapters.prerequisites import load_prerequisites, prerequisites_path
from intake.adapters.snapshot import read_snapshot
from intake.cli.output import OK, PROBLEMS
from intake.domain.need.forms import FormError, issue_form, read_issue_form
from intake.domain.need.parse import parse
from intake.domain.need.recognise import recognise
from intake.domain.need.validate import validate
from intake.domain.text.personnummer import redact
from intake.model.forms import FormDef
from intake.model.process import Process
from intake.model.renames import parse_ids, stranded
from intake.render.bot.comment import render_comment
from intake.render.site.generate import SOURCES, generated_files
from intake.render.site.glossary import GLOSSARY_PAGE, parse_glossary
from intake.render.site.ids import IDS_PATH
from intake.usecases.docs_check import (
    PageReport,
    check_pages,
    included_files,
    lix_table,
    summary,
    unused_terms,
)
from intake.usecases.fork import fork_findings
from intake.usecases.overlap import shared_runs, source_runs

if TYPE_CHECKING:
    from intake.cli.main import Context


def _read_body(source: str) -> str:
    if source == "-":
        return decode(sys.stdin.buffer.read(), "standard input")
    return read_text(Path(source))


def printable(text: str) -> str:
    """A one-line, personnummer-free rendering of untrusted text for logs and terminals."""
    flat = " ".join(redact(text).split())
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in flat)


def run_parse(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake parse`: print the answers of a body as JSON."""
    try:
        form = read_issue_form(read_text(args.template))
    except FormError as error:
        raise InputError(f"{args.template}: {error}") from error
    result = parse(form, _read_body(args.body))
    print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return OK


def _form(process: Process, wanted: str | None, body: str | None) -> FormDef | None:
    if wanted is None:
        return recognise(process, body)
    forms = {f.id: f for f in process.forms}
    if wanted not in forms:
        raise InputError(f"formuläret {wanted!r} finns inte; välj ett av: {', '.join(forms)}")
    return forms[wanted]


def run_validate(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake validate`: one body (exit 1 when incomplete) or every issue of a snapshot."""
    if args.snapshot is not None:
        return _validate_snapshot(args, process, context)
    body = _read_body(args.body)
    form = _form(process, args.form, body)
    if form is None:
        names = ", ".join(f.id for f in process.forms)
        context.console.fail(f"texten är inte skriven i något av formulären ({names})")
        return PROBLEMS
    verdict = validate(process, form, parse(issue_form(process, form), body), body=body)
    if args.json:
        data = {"ok": verdict.ok, "form": form.id, **verdict.model_dump(mode="json")}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_comment(process, form, verdict), end="")
    return OK if verdict.ok else PROBLEMS


def _validate_snapshot(args: argparse.Namespace, process: Process, context: Context) -> int:
    say = context.console.say
    issues = read_snapshot(args.snapshot, process.municipality.repository)
    checked = valid = skipped = 0
    rows: list[dict[str, object]] = []
    for issue in issues:
        form = _form(process, args.form, issue.body)
        parsed = parse(issue_form(process, form), issue.body) if form else None
        if form is None or parsed is None or any(p.code == "not_form" for p in parsed.problems):
            skipped += 1
            continue
        verdict = validate(process, form, parsed, title=issue.title, body=issue.body)
        checked += 1
        valid += verdict.ok
        title = printable(issue.title)
        if args.json:
            dump = verdict.model_dump(mode="json")
            rows.append(
                {"id": issue.key, "form": form.id, "title": title, "ok": verdict.ok, **dump}
            )
        else:
            status = "komplett" if verdict.ok else f"{len(verdict.errors)} fel"
            say(f"#{issue.number:<5} {form.id:<8} {status:<10} {title}")
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        say(
            f"{checked} ärenden kontrollerade: {valid} kompletta, {checked - valid} behöver "
            f"kompletteras; {skipped} hoppades över (inte skrivna i något formulär)"
        )
    return OK


def _sources(root: Path) -> dict[str, str]:
    return {path: read_text(root / path) if (root / path).is_file() else "" for path in SOURCES}


def _stranded(process: Process, context: Context) -> bool:
    """Say which stages or outcomes a rename would strand; whether there is any."""
    path = context.root / IDS_PATH
    previous = parse_ids(read_text(path)) if path.is_file() else {}
    problems = stranded(process, previous)
    for where, message in problems:
        place = ".".join(str(part) for part in where)
        context.console.annotate("error", f"{place}: {message}", file="intake/process.yml")
    return bool(problems)


def run_generate(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake generate`: write the generated files (none while a rename would strand needs)."""
    if _stranded(process, context):
        return PROBLEMS
    changed = write_files(context.root, generated_files(process, _sources(context.root)))
    for path in changed:
        context.console.say(f"skrev {path}")
    if not changed:
        context.console.say("allt som skapas från processfilen är aktuellt")
    return OK


def run_check(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake check`: fail when a generated file differs, or the repository is not made its own."""
    console = context.console
    lost = _stranded(process, context)
    stale = drifted(context.root, generated_files(process, _sources(context.root)))
    for path in stale:
        console.annotate(
            "error", f"{path} stämmer inte med processfilen; kör `intake generate`", file=path
        )
    findings = fork_findings(process, context.env.get("GITHUB_REPOSITORY"))
    for finding in findings:
        console.annotate(finding.level, finding.message, file="intake/process.yml")
    from intake.cli.main import process_path  # main imports this module when the command runs

    prerequisites = prerequisites_path(process_path(args))
    _, wrong = load_prerequisites(prerequisites)
    for message in wrong:
        console.annotate("error", message, file=str(prerequisites))
    if lost or stale or wrong or any(f.level == "error" for f in findings):
        return PROBLEMS
    console.say("allt som skapas från processfilen stämmer")
    return OK


def read_pages(root: Path) -> dict[str, str]:
    """Every Markdown page below root/docs, by repository path."""
    docs = root / "docs"
    if not docs.is_dir():
        raise InputError(f"{docs}: mappen med sidorna finns inte; kör kommandot i repositoryt")
    return {
        path.relative_to(root).as_posix(): read_text(path) for path in sorted(docs.rglob("*.md"))
    }


def _compare_with_sources(
    folder: Path, pages: dict[str, str], reports: list[PageReport], context: Context
) -> None:
    """Note on each written page every run of words it shares with a source text."""
    if not folder.is_dir():
        raise InputError(f"{folder}: mappen med källtexterna finns inte")
    sources = {p.name: read_text(p) for p in sorted(folder.glob("*.txt"))}
    if not sources:
        raise InputError(f"{folder}: mappen har inga källtexter (*.txt)")
    runs = source_runs(sources)
    for report in reports:
        for shared in shared_runs(pages[report.path], runs):
            report.errors.append(
                f"rad {shared.line} delar {len(shared.words.split())} ord i följd med källan "
                f"{shared.source}: ”{shared.words}”. Säg det med egna ord, eller citera med "
                "källan utsatt (> — Källa)."
            )
    context.console.say(f"Sidorna jämfördes med {len(sources)} källtexter i {folder}.")


def run_docs_check(args: argparse.Namespace, process: Process, context: Context) -> int:
    """`intake docs check`: exit 1 when a page has an error."""
    console = context.console
    pages = read_pages(context.root)
    glossary = parse_glossary(pages.get(GLOSSARY_PAGE, ""))
    made = generated_files(process, _sources(context.root))
    generated = frozenset(path for path in made if path.endswith(".md"))
    # Pages are read with their includes as `intake generate` writes them now.
    includes = included_files({**pages, **made})
    reports = check_pages(pages, context.today, glossary, generated, includes)
    if args.sources is None:
        console.say("Jämförelsen med källtexterna hoppades över: ange deras mapp med --sources.")
    else:
        _compare_with_sources(args.sources, pages, reports, context)
    if args.lix:
        console.say(lix_table(reports))
    for report in reports:
        for error in report.errors:
            console.annotate("error", error, file=report.path)
        for warning in report.warnings:
            console.annotate("warning", warning, file=report.path)
    unused = unused_terms(reports, glossary)
    if unused:
        console.annotate(
            "notice",
            f"ordlistan förklarar ord som ingen sida använder: {', '.join(unused)}. Använd orden "
            "på en sida eller ta bort dem ur ordlistan.",
            file=GLOSSARY_PAGE,
        )
    console.say(summary(reports))
    return PROBLEMS if any(r.errors for r in reports) else OK
