"""Swedish stems: inflections meet, function words go, look-alike letters count as letters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intake.domain.similar.index import need_terms
from intake.domain.similar.words import stems, words


def test_inflected_forms_share_a_stem() -> None:
    assert len(set(stems("bygglovet bygglovens bygglov"))) == 1
    assert stems("fakturorna") == stems("fakturor")


def test_function_words_and_numbers_are_left_out() -> None:
    assert words("Vi vill att det ska gå fortare 2026") == ["gå", "fortare"]


def test_look_alike_letters_and_hidden_separators_are_folded() -> None:
    assert stems("ＢＹＧＧＬＯＶ") == stems("bygglov")
    assert stems("bygg\u00adlov") == stems("bygglov")


def test_no_personnummer_reaches_the_terms() -> None:
    terms = need_terms(
        "Behov för 19121212-1212", {"behov": "Gäller 121212-1212 och 1212121212"}, ["behov"]
    )
    assert not any(any(c.isdigit() for c in term) for term in terms)


def test_only_the_chosen_answers_are_read() -> None:
    answers = {"behov": "Bygglov tar tid", "kontakt": "Anna Andersson"}
    assert "anna" not in need_terms("Titel", answers, ["behov"])


def test_a_body_of_the_largest_size_gives_its_stems() -> None:
    assert stems("bygglov " * 8_192) == ["bygglov"] * 8_192


@given(st.text(max_size=300))
def test_any_text_gives_stems_without_spaces(text: str) -> None:
    assert all(term and " " not in term for term in stems(text))


def test_the_placeholder_of_masked_personal_data_is_no_term() -> None:
    terms = need_terms("[personnummer borttaget] bygglov [e-postadress borttagen]", {}, [])
    assert terms == need_terms("bygglov", {}, [])


def test_no_e_mail_address_or_phone_number_reaches_the_terms() -> None:
    answers = {"behov": "Ring 070-123 45 67 eller skriv till anna.andersson@example.se om bygglov"}
    terms = need_terms("Bygglov", answers, ["behov"])
    assert not [t for t in terms if "anna" in t or "andersson" in t or "example" in t]
    assert not [t for t in terms if any(c.isdigit() for c in t)]
