"""Cleaning is pure text → text."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.clean import (
    clean_text,
    join_hyphenated,
    nfc,
    normalize_whitespace,
    remove_repeated_lines,
    remove_soft_hyphens,
)

pytestmark = pytest.mark.unit


def test_soft_hyphens_removed():
    assert remove_soft_hyphens("bolig\u00adsosial") == "boligsosial"


def test_line_break_hyphenation_joined_but_real_hyphens_kept():
    assert join_hyphenated("et bolig-\nsosialt arbeid") == "et boligsosialt arbeid"
    assert join_hyphenated("helse-\nog omsorgstjenesteloven") == "helse- og omsorgstjenesteloven"
    assert join_hyphenated("bo- og oppfølging") == "bo- og oppfølging"


def test_repeated_headers_and_page_numbers_removed():
    pages = [f"Boligplan Testby\nInnhold på side {n}.\nSide {n} av 4" for n in range(1, 5)]
    cleaned = remove_repeated_lines(pages)
    assert cleaned == [f"Innhold på side {n}." for n in range(1, 5)]


def test_whitespace_and_nfc():
    decomposed = unicodedata.normalize("NFD", "Ås")
    assert nfc(decomposed) == "Ås" and len(nfc(decomposed)) == 2
    assert normalize_whitespace("a \t b\u00a0c\n\n\n\nd  ") == "a b c\n\nd"
    assert clean_text("bolig-\nsosial\u00ad  plan") == "boligsosial plan"


def test_bullet_glyphs_from_pdfs_become_list_bullets():
    from ingest.clean import clean_text

    text = (
        "Tiltak:\n\x7f Kjøpe 60 nye utleieboliger.\n\uf0b7 Opprette et bo-oppfølgingsteam.\n▪ Øke startlånet."
    )
    assert clean_text(text).split("\n")[1:] == [
        "• Kjøpe 60 nye utleieboliger.",
        "• Opprette et bo-oppfølgingsteam.",
        "• Øke startlånet.",
    ]
    assert clean_text("Pris · 200 kr") == "Pris · 200 kr"  # a middle dot inside a line is left alone
    # a glyph alone on its line (how reportlab and Word lists come out of pypdf) belongs to the next line
    assert (
        clean_text("Tiltak:\n\x7f\nInngå avtaler.\n•\nTilby råd.")
        == "Tiltak:\n• Inngå avtaler.\n• Tilby råd."
    )


def test_a_table_of_contents_entry_is_dropped_with_its_dots():
    from ingest.clean import remove_contents_lines

    page = "Innhold\n1 Innledning . . . . . . 3\n2 Tiltak\n. . . . . . . . 4\nPlanen gjelder til 2027."
    assert remove_contents_lines(page) == "Innhold\nPlanen gjelder til 2027."
    assert remove_contents_lines("Kostnaden er 3,5 mill. kr.") == "Kostnaden er 3,5 mill. kr."
