"""The glossary page becomes hover explanations on every written page."""

from intake.render.site.glossary import Term, parse_glossary, render_abbreviations, spellings, terms_used
from tests.paths import FIXTURES

FIXTURES = FIXTURES / "glossary"


def _read(case: str) -> str:
    return (FIXTURES / case).read_bytes().decode("utf-8")


def test_definition_list_gives_every_term_in_page_order() -> None:
    terms = parse_glossary(_read("definition-list.md"))
    assert [t.term for t in terms] == ["Behov", "DIGG", "Effektkedja", "Nyttokalkyl"]


def test_markup_is_removed_and_continuation_lines_are_kept() -> None:
    terms = {t.term: t.definition for t in parse_glossary(_read("definition-list.md"))}
    assert terms["Behov"] == "Något som behöver bli bättre. Läs Behov före lösning."
    assert terms["Effektkedja"] == (
        "En kedja från insats till nytta. Den visar varför en insats lönar sig."
    )


def test_second_definition_and_loose_list_join_the_first() -> None:
    terms = {t.term: t.definition for t in parse_glossary(_read("definition-list.md"))}
    assert terms["Nyttokalkyl"] == (
        "En beräkning av vad en lösning ger. Kallas också nyttoberäkning."
    )


def test_crlf_page_is_read() -> None:
    assert parse_glossary(_read("crlf.md")) == [Term("Projektägare", "Den som äger projektet.")]


def test_intro_text_and_headings_are_not_terms() -> None:
    assert parse_glossary("# Ordlista\n\nHär förklarar vi orden.\n") == []


def test_acronyms_keep_their_case_other_terms_also_match_in_lower_case() -> None:
    assert spellings("DIGG") == ["DIGG"]
    assert spellings("Nyttokalkyl") == ["Nyttokalkyl", "nyttokalkyl"]


def test_abbreviations_file_has_one_paragraph_per_spelling() -> None:
    text = render_abbreviations(
        [Term("DIGG", "Myndigheten."), Term("Behov", "Något  som\nsaknas.")]
    )
    assert (
        text
        == "*[DIGG]: Myndigheten.\n\n*[Behov]: Något som saknas.\n\n*[behov]: Något som saknas.\n"
    )


def test_empty_glossary_gives_empty_file() -> None:
    assert render_abbreviations([]) == ""


def test_terms_used_match_whole_words_only() -> None:
    terms = [Term("Behov", "x"), Term("DIGG", "y"), Term("Effekt", "z")]
    assert terms_used(terms, "Ett behov och effektkedjan, inte digg.") == ["Behov"]
