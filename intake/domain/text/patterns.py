"""Every regular expression the project applies to text anyone can write, in one registry.

Titles, bodies, comments and imported cells are up to 65,536 characters an attacker chooses, and
the bot and the nightly portfolio read every one. Each pattern here runs in linear time: a search
can only start where its first character stands (a lookbehind or a plain character, never an
optional run), no quantified group holds another unbounded quantifier, and two runs that accept
the same characters never follow each other. `REGISTRY` lists them all with how the code applies
them, so that tests and `scripts/benchmark_patterns.py` feed each one hostile input.

Patterns built from the process file (the solution phrases) are registered through their
factory with a representative phrase. Modules that read only the project's own files (the docs
checks, the glossary, the process file) keep their patterns to themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Use = Literal["search", "match", "fullmatch"]

# --- text: what is kept ---------------------------------------------------------------------------

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc but \t and \n
SURROGATE = re.compile("[\ud800-\udfff]")

# --- the normalised copy personal data is searched in -------------------------------------------

ASCII_SPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f]")  # ASCII whitespace but the space


def irregular(dropped: list[str], grown: list[str]) -> re.Pattern[str]:
    """Runs of the characters a text drops, or one character that becomes several."""
    alternatives = []
    if dropped:
        alternatives.append("[" + "".join(re.escape(c) for c in dropped) + "]+")
    if grown:
        alternatives.append("[" + "".join(re.escape(c) for c in grown) + "]")
    return re.compile("|".join(alternatives))


# --- personal data (searched in a normalised copy: every space " ", every dash "-") -------------

# [0-9], not \d: the copy is NFKC, so fullwidth digits are already ASCII, and Arabic-Indic or other
# digits are no way anyone writes a personnummer. YYMMDD, YYYYMMDD or YY MM DD; then at most one
# `-` or `+` with a space either side; then four digits. No digit directly before or after.
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:[0-2][0-9]|3[01]|[6-8][0-9]|9[01])"  # a samordningsnummer adds 60 to the day
PERSONNUMMER = re.compile(
    rf"(?=[0-9])(?<![0-9])(?:(?P<century>[0-9]{{2}})?(?P<date>[0-9]{{2}}{_MONTH}{_DAY})"
    rf"|(?P<spaced_century>[0-9]{{2}})?(?P<yy>[0-9]{{2}}) (?P<mm>{_MONTH}) (?P<dd>{_DAY}))"
    r"(?P<sep> ?[-+]? ?)(?P<serial>[0-9]{3})(?P<check>[0-9])(?![0-9])"
)
# A bare ten-digit Swedish mobile number (07X) right after one of these words is a phone number.
MOBILE = re.compile(r"07[02369][0-9]{7}")
PHONE_CONTEXT = re.compile(
    r"(?<!\w)(?:tel|telefon|telefonnummer|tfn|mobil|mobilnummer|mobiltelefon|ring|sms)\W{0,3}$",
    re.IGNORECASE,
)
# The lookbehind lets a search start only where a run of address characters starts: without it,
# a run of 60,000 letters and no `@` is scanned again from each of its letters. A lookahead in
# front of a lookbehind tells the engine which characters a match can begin with, so it skips the
# rest without trying the pattern there (eight times faster on text without digits).
EMAIL = re.compile(r"(?=[\w.+-])(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Swedish phone numbers: +46 or 0, then 7 to 10 digits in groups. Not after `#` (an issue) or `/`
# (a diarienummer's serial) or a digit and a dash (a date), not inside a word or a longer run of
# digit groups (two dates in a row).
PHONE = re.compile(
    r"(?=[+0])(?<![\w+#/])(?<![0-9]-)(?:\+46[ -]?|0)[0-9](?:[ -]?[0-9]){6,9}(?![ -]?[0-9])(?!\w)"
)
# What a match needs in the copy: PERSONNUMMER and PHONE an ASCII digit, EMAIL an `@`. A text whose
# copy holds none of them holds no personal data, and is not searched (tests/domain/text check it).
DIGITS = frozenset("0123456789")
DIGITS_OR_AT = DIGITS | {"@"}

# --- quantities and dates ------------------------------------------------------------------------

# A number as Swedes write it: spaces (also no-break) or dots between thousands, a decimal comma.
# The sign is looked for by plain code before the digits (see `quantity.py`): an optional sign and
# spaces in front of the digits would be tried again at every space of a long run.
NUMBER = re.compile(r"(?P<int>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[,.](?P<dec>\d+))?")
_WORD = r"[^\W\d_][\w.]*"
UNIT = re.compile(rf"^\s*+(?P<unit>%|{_WORD}(?:\s+(?:per|i|/)\s+{_WORD})?)")
RANGE_END = re.compile(r"^\s*+[-–]\s*+\d[\d ,.]*")  # the upper end of a range, "– 6"
ISO_DATE = re.compile(r"(?=\d)\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")
MONTH_DATE = re.compile(r"(?=[\da-zåäö])\b(?:(\d{1,2})\s+)?([a-zåäö]+)\.?\s+(\d{4})\b")
YEAR = re.compile(r"(?:år\s+)?(\d{4})")

# --- answers of the forms ------------------------------------------------------------------

# The need a canvas or follow-up belongs to: "12", "#12", "behov 12", "Behov nr. 12." Matched on
# the answer stripped of surrounding spaces, with one space between words: no run of spaces here
# can meet another.
NEED_NUMBER = re.compile(r"(?:behov ?)?(?:nr\.? ?)?#? ?(\d{1,9}) ?\.?", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"[;,]")  # the choices of one cell of an import


def solution_phrase(phrase: str) -> re.Pattern[str]:
    """A phrase of the process file as whole words in any spacing, ignoring case."""
    words = [re.escape(word) for word in phrase.split()]
    # \w is Unicode-aware, so "köpa" does not match inside "köpare" nor "inköpa".
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


# --- comments: commands and notes ----------------------------------------------------------------

LOGIN = re.compile(r"^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$")
PARAGRAPH = re.compile(r"^§\s*+(\d{1,4})$")
# A diarienummer, loosely: letters, digits, spaces and . - / : , with at least one digit.
DIARIENUMMER = re.compile(r"^(?=[^\n]*\d)[^\W_][\w .:/-]{0,38}[\w]$")
REFERENCE = re.compile(r"^#(\d{1,9})$")
VALUE = re.compile(r"^([^\W\d_][\w-]*)=(\d{1,3})$")
DUPLICATE_REASON = re.compile(r"Dubblett av #(\d+)\.")
ATTACHMENT_LINK = re.compile(r"<!-- intake:bilaga:([a-z][a-z0-9_-]*+):(\d++) -->")

# --- files attached in a form's answer, for the archive ------------------------------------------

# Bounded runs of characters that cannot end the part they are in: linear on any input.
ATTACHED_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\((https?://[^\s()<>]{1,2000})\)")
ATTACHED_BARE = re.compile(r"(?<![(\w])https?://[^\s()<>\[\]]{1,2000}")
BACKTICKS = re.compile(r"`+")

# --- escaping for pages and comments -------------------------------------------------------------

# Everything but letters, digits and the characters no Markdown extension of the site reacts to in
# mid-line (` ,.-`); `\w` also matches `_`, which marks emphasis.
UNSAFE = re.compile(r"[^\w ,.-]|_")
LEAD = re.compile(r"^[ ,.-]")
LEAD_NUMBER = re.compile(r"^([0-9]+)\.")
# http(s) URLs made only of characters that cannot close a Markdown link or an HTML attribute.
SAFE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/+-]*)?")
# Characters with a Markdown meaning inline; a backslash makes each one literal text.
MARKDOWN = re.compile(r"([\\`*_\[\]()!|~{}])")
# GitHub links these inside plain text after Markdown: @mentions, #123 references, bare URLs.
MENTION = re.compile(r"@(?=[A-Za-z0-9])")
ISSUE_REFERENCE = re.compile(r"#(?=[0-9])")
URL = re.compile(r"(?i)://|(?<![a-z0-9])www\.")

# --- similar needs and feeds ---------------------------------------------------------------------

WORD = re.compile(r"\w+")  # a word of a need's text, to be stemmed (domain/similar/words.py)
# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF).
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Registered:
    """A pattern, what it reads and how the code applies it ("search" covers sub and finditer)."""

    name: str
    regex: re.Pattern[str]
    reads: str
    use: Use = "search"


REGISTRY: tuple[Registered, ...] = (
    Registered("control", CONTROL, "all text kept from issues"),
    Registered("surrogate", SURROGATE, "all text kept from issues"),
    Registered("ascii_space", ASCII_SPACE, "all text searched for personal data"),
    Registered("irregular", irregular(["\u200b", "\u00ad"], ["½"]), "the same, not ASCII"),
    Registered("personnummer", PERSONNUMMER, "titles, bodies, comments, cells"),
    Registered("mobile", MOBILE, "a found number", "fullmatch"),
    Registered("phone_context", PHONE_CONTEXT, "20 characters before a number"),
    Registered("email", EMAIL, "titles, bodies, comments, cells"),
    Registered("phone", PHONE, "titles, bodies, comments, cells"),
    Registered("number", NUMBER, "canvas and follow-up answers"),
    Registered("unit", UNIT, "the answer after a number", "match"),
    Registered("range_end", RANGE_END, "the answer after a number", "match"),
    Registered("iso_date", ISO_DATE, "date answers"),
    Registered("month_date", MONTH_DATE, "date answers"),
    Registered("year", YEAR, "date answers", "fullmatch"),
    Registered("need_number", NEED_NUMBER, "the need number answer", "fullmatch"),
    Registered("list_separator", LIST_SEPARATOR, "imported cells"),
    Registered("solution_phrase", solution_phrase("köpa in ett system"), "need answers, title"),
    Registered("login", LOGIN, "a command's word", "match"),
    Registered("paragraph", PARAGRAPH, "a command's word", "match"),
    Registered("diarienummer", DIARIENUMMER, "a command's argument", "match"),
    Registered("reference", REFERENCE, "a command's word", "match"),
    Registered("value", VALUE, "a command's word", "match"),
    Registered("duplicate_reason", DUPLICATE_REASON, "a recorded reason", "fullmatch"),
    Registered("attachment_link", ATTACHMENT_LINK, "comments"),
    Registered("attached_link", ATTACHED_LINK, "the attachment answer, for the archive"),
    Registered("attached_bare", ATTACHED_BARE, "the attachment answer, for the archive"),
    Registered("backticks", BACKTICKS, "archived text put in code spans"),
    Registered("unsafe", UNSAFE, "text for pages"),
    Registered("lead", LEAD, "text for pages"),
    Registered("lead_number", LEAD_NUMBER, "text for pages"),
    Registered("safe_url", SAFE_URL, "links for pages", "fullmatch"),
    Registered("markdown", MARKDOWN, "text for comments"),
    Registered("mention", MENTION, "text for comments"),
    Registered("issue_reference", ISSUE_REFERENCE, "text for comments"),
    Registered("url", URL, "text for comments"),
    Registered("word", WORD, "titles and answers compared for similar needs"),
    Registered("not_xml", NOT_XML, "text for feeds"),
)
