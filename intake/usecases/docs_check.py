"""The docs check: front matter, review dates, LIX, glossary terms and links of every page."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from intake.model.yamltext import load_yaml
from intake.render.site.glossary import GLOSSARY_INCLUDE, GLOSSARY_PAGE, Term, terms_used
from intake.render.site.municipality import hard_coded_links

DOCS = "docs"
REQUIRED = ("title", "description", "ansvarig", "granskad")
INCLUDES = "docs/includes/"
SKIPPED = ("docs/includes/", "docs/overrides/", "docs/portfolj/")  # snippets, templates, generated
LIX_TARGET = 40
LONG_WORD = 6  # a word with more letters than this counts as long

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")
_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||:\s|!!!|\?\?\?)")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s+[^\sa-zåäöé]|\s*$)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_INCLUDE = re.compile(r'^--8<--[ \t]+"([^"\n]+)"[ \t]*$', re.MULTILINE)
_LINK_DEFINITION = re.compile(r"^\[[^\]\n]+\]:[ \t]")
# A count of the process's steps, stages or outcomes written by hand ("sex steg", "fem utfall",
# "sluta på tre sätt"): it belongs in a generated include, which follows the process file.
_NUMBER = r"(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|\d+)"
_HAND_COUNT = re.compile(
    rf"\b{_NUMBER}[ \t]+(?:[^\W\d_]+[ \t]+)?(?:steg|stegen|stegetiketter|utfall|utfallen)\b"
    rf"|\b(?:sluta|slutar|lämna|lämnar)[ \t]+(?:[^\W\d_]+[ \t]+){{0,2}}"
    rf"på[ \t]+{_NUMBER}[ \t]+sätt\b",
    re.IGNORECASE,
)
COUNT_INCLUDES = ("livscykelns-steg.md", "utfall.md")


@dataclass(frozen=True)
class Readability:
    """LIX and the counts behind it."""

    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        """Words per sentence plus the share of long words in percent."""
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words


@dataclass
class PageReport:
    """What the check found on one page."""

    path: str
    meta: dict[str, object]
    readability: Readability
    terms: list[str]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plain_text(markdown: str) -> list[str]:
    """The prose of a page as blocks (paragraphs, headings, items, cells), markup removed."""
    text = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))
    text = _FENCE.sub("", text)
    text = _COMMENT.sub("", text)
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip() or line.startswith(("*[", "--8<--")) or _LINK_DEFINITION.match(line):
            blocks.append([])
            continue
        if set(line.strip()) <= set("|-: "):  # a table's separator row
            continue
        if _BLOCK_START.match(line):
            blocks.append([])
        cells = line.split("|") if line.lstrip().startswith("|") else [line]
        for cell in cells:
            blocks[-1].append(_strip_markup(cell))
            if len(cells) > 1:
                blocks.append([])
    return [joined for block in blocks if (joined := " ".join(" ".join(block).split()))]


def _strip_markup(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _ATTRIBUTES.sub("", line)
    line = _TAG.sub("", line)
    line = re.sub(r"^\s*(#{1,6}|[-*+]|\d+[.)]|:|!!!\s*\w+|\?\?\?\+?\s*\w+)\s", "", line)
    return re.sub(r"[*_`>]", "", line)


def readability(blocks: list[str]) -> Readability:
    """LIX counts over prose blocks; a block without a full stop still ends a sentence."""
    words = sentences = long_words = 0
    for block in blocks:
        found = _WORD.findall(block)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for w in found if len(w.replace("-", "")) > LONG_WORD)
        ends = len(_SENTENCE_END.findall(block))
        sentences += ends if re.search(r"[.!?:]\W*$", block) else ends + 1
    return Readability(words=words, sentences=sentences, long_words=long_words)


def as_read(text: str, includes: dict[str, str]) -> str:
    """The page as a reader sees it: each snippet line replaced by the included file's text."""
    return _INCLUDE.sub(lambda found: includes.get(found.group(1), ""), text)


def hand_written_counts(text: str) -> list[tuple[int, str]]:
    """Line number and words of each count of steps, stages or outcomes a page writes itself."""
    body = _COMMENT.sub(lambda c: "\n" * c.group().count("\n"), text.replace("\r\n", "\n"))
    return [
        (n, found.group())
        for n, line in enumerate(body.split("\n"), 1)
        if not line.startswith("--8<--")
        for found in _HAND_COUNT.finditer(line)
    ]


def front_matter(text: str) -> dict[str, object]:
    """The page's YAML front matter; empty when it has none."""
    found = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not found:
        return {}
    data = load_yaml(found.group(1))
    return data if isinstance(data, dict) else {}


def _review_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def check_page(
    path: str,
    text: str,
    today: dt.date,
    glossary: list[Term],
    generated: bool = False,
    includes: dict[str, str] | None = None,
) -> PageReport:
    """Check one page: front matter, review age, LIX as read (with its includes), glossary terms
    and counts of the process written by hand."""
    try:
        meta = front_matter(text)
        broken = ""
    except yaml.YAMLError as error:
        meta, broken = {}, f"sidhuvudet (front matter) är inte giltig YAML: {error}"
    blocks = plain_text(text)
    report = PageReport(
        path=path,
        meta=meta,
        readability=readability(plain_text(as_read(text, includes or {}))),
        terms=[] if path == GLOSSARY_PAGE else terms_used(glossary, " ".join(blocks)),
    )
    if broken:
        report.errors.append(broken)
    if not generated:
        report.errors += [
            f"rad {n} skriver ut en mejl- eller ärendeadress; använd [text][kontakt], "
            "[text][nytt-arende] eller [text][formular-behov] (de kommer från intake/process.yml)"
            for n in hard_coded_links(text)
        ]
        report.errors += [
            f"rad {n} skriver antalet steg eller utfall för hand (”{words}”); bädda in "
            f"{' eller '.join(COUNT_INCLUDES)} i stället, så följer texten processfilen"
            for n, words in hand_written_counts(text)
        ]
    required = [k for k in REQUIRED if not (generated and k == "granskad")]
    missing = [key for key in required if not str(meta.get(key) or "").strip()]
    if missing:
        report.errors.append(f"sidhuvudet (front matter) saknar {', '.join(missing)}")
    if GLOSSARY_INCLUDE not in text.split("\n"):
        report.errors.append(
            f"sista raden {GLOSSARY_INCLUDE} saknas (ordlistan och kommunens länkar)"
        )
    if meta.get("granskad"):
        reviewed = _review_date(meta["granskad"])
        if reviewed is None:
            report.errors.append(f"granskad {meta['granskad']!r} är inget datum (ÅÅÅÅ-MM-DD)")
        elif reviewed < _year_before(today):
            report.warnings.append(f"granskades senast {reviewed}, för mer än tolv månader sedan")
        elif reviewed > today:
            report.warnings.append(f"granskad {reviewed} ligger i framtiden")
    lix = report.readability.lix
    if lix > LIX_TARGET:
        report.warnings.append(
            f"LIX {lix:.0f} är över {LIX_TARGET}; kortare meningar och ord hjälper"
        )
    return report


def check_pages(
    pages: dict[str, str],
    today: dt.date,
    glossary: list[Term],
    generated: frozenset[str],
    includes: dict[str, str] | None = None,
) -> list[PageReport]:
    """Check every page (path → text), skipping snippets, templates and the portfolio.

    Each page is read with the files it includes: `includes` (path below docs/includes/ → text),
    or else the includes that `pages` holds.
    """
    if includes is None:
        includes = included_files(pages)
    return [
        check_page(path, text, today, glossary, generated=path in generated, includes=includes)
        for path, text in sorted(pages.items())
        if not path.startswith(SKIPPED)
    ]


def included_files(files: dict[str, str]) -> dict[str, str]:
    """The files below docs/includes/ (repository path → text), by the name a page includes."""
    return {
        path.removeprefix(INCLUDES): text
        for path, text in files.items()
        if path.startswith(INCLUDES)
    }


def lix_table(reports: list[PageReport]) -> str:
    """One line per page: LIX, words, review date and glossary terms used."""
    lines = [f"{'sida':<44} {'LIX':>4} {'ord':>6}  granskad    termer"]
    for r in reports:
        lix = f"{r.readability.lix:.0f}"
        reviewed = str(r.meta.get("granskad") or "-")
        lines.append(
            f"{r.path:<44} {lix:>4} {r.readability.words:>6}  {reviewed:<10}  {len(r.terms)}"
        )
    return "\n".join(lines)


def unused_terms(reports: list[PageReport], glossary: list[Term]) -> list[str]:
    """Glossary terms that no checked page uses."""
    used = {t for r in reports for t in r.terms}
    return [t.term for t in glossary if t.term not in used]


def summary(reports: list[PageReport]) -> str:
    """The last line of the check."""
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    return f"{len(reports)} sidor: {errors} fel, {warnings} varningar"
