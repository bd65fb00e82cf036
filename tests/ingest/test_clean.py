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


def test_a_contents_page_without_leader_dots_is_dropped_entry_by_entry():
    from ingest.clean import remove_contents_lines

    page = (
        "Innhold\n1 Sammendrag 4\n2 Bakgrunn og organisering 4\n2.1 Bakgrunn 4\n8 Hva fungerte 9\n"
        "Vedlegg 1: Deltakere 12 Vedlegg 2: Definisjoner 12"
    )
    assert remove_contents_lines(page) == ""
    # a section headed «Innhold» whose lines are no entries stays, as do figures in ordinary text
    kept = "Innhold\nPlanen har fire deler.\nDen ble vedtatt i 2024."
    assert remove_contents_lines(kept) == kept
    # entries whose page numbers go down are no contents: «Vi fikk 12», «Vi bygde 4»
    falling = "Innhold\nBoliger kjøpt 12\nBoliger solgt 4\nBoliger bygd 2"
    assert remove_contents_lines(falling) == falling


def marked_points(text: str) -> list[str]:
    """The lines `mark_bare_list_items` gives back a bullet."""
    from ingest.clean import mark_bare_list_items

    return [ln for ln in mark_bare_list_items(text).split("\n") if ln.startswith("• ")]


def test_a_list_that_lost_its_bullets_gets_them_back_and_a_wrapped_item_stays_one():
    from ingest.clean import mark_bare_list_items

    page = (
        "Søkeren må ha fått avslag på lån eller ikke fått stort nok lån i en ordinær bank, og avslaget skal være\n"
        "skriftlig. Følgende grupper prioriteres:\n"
        "barnefamilier som leier bolig, og som har bodd ustabilt\n"
        "husstander som står i fare for å miste boligen på grunn av dyre lån, og der refinansiering kan bidra til\n"
        "at de blir boende\n"
        "flyktninger som er bosatt i kommunen\n"
        "Det gis som hovedregel ikke startlån til søkere som har betydelige verdier."
    )
    lines = mark_bare_list_items(page).split("\n")
    assert marked_points(page) == [
        "• barnefamilier som leier bolig, og som har bodd ustabilt",
        "• husstander som står i fare for å miste boligen på grunn av dyre lån, og der refinansiering kan bidra til",
        "• flyktninger som er bosatt i kommunen",
    ]
    assert "at de blir boende" in lines  # the wrapped end of the item above, no item of its own
    # the paragraph after the list stands apart from its last item (a blank line between)
    assert lines[lines.index("• flyktninger som er bosatt i kommunen") + 1] == ""
    from ingest.text import parse_text

    blocks = parse_text(mark_bare_list_items(page), line_mode=True)
    assert blocks[-1].kind == "text" and blocks[-1].text.startswith("Det gis som hovedregel")
    assert blocks[-2].text == "• flyktninger som er bosatt i kommunen"
    # a colon that ends a clause going on in lower case is no list
    prose = "Kommunen skal vurdere dette:\nom søkeren kan betjene lånet over tid.\nDet gjelder alle."
    assert mark_bare_list_items(prose) == prose


def test_a_pdfs_ligatures_are_read_as_their_letters():
    from ingest.clean import unligature

    assert unligature("ﬂyktninger ﬁnne innﬂytting") == "flyktninger finne innflytting"
    assert clean_text("Kommunen bosatte 34 ﬂyktninger") == "Kommunen bosatte 34 flyktninger"


def test_a_browsers_print_footer_with_its_page_count_is_a_running_line():
    pages = [f"Tekst på side {n}.\nfile:///C:/Users/plan.html {n}/4" for n in range(1, 5)]
    assert remove_repeated_lines(pages) == [f"Tekst på side {n}." for n in range(1, 5)]


def test_a_list_in_upper_case_that_lost_its_bullets_gets_them_back_but_a_paragraph_after_a_colon_does_not():
    from ingest.clean import mark_bare_list_items

    partners = (
        "Boligsosialt arbeid krever samarbeid på tvers av tjenester og forvaltningsnivåer. De viktigste\n"
        "samarbeidspartnerne er:\n"
        "Husbanken, som gir startlån, tilskudd og veiledning\n"
        "NAV Ringsaker, som har ansvar for økonomisk sosialhjelp og midlertidig botilbud\n"
        "frivillige organisasjoner som Kirkens Bymisjon og Frelsesarmeen\n"
        "Boligsosialt forum med representanter fra NAV, eiendom, helse og barnevern møtes fire ganger i året\n"
        "og skal sikre at tiltakene i planen blir fulgt opp på tvers av enhetene."
    )
    # an item may open in lower case; the sentence after the items is none of them
    assert marked_points(partners) == [
        "• Husbanken, som gir startlån, tilskudd og veiledning",
        "• NAV Ringsaker, som har ansvar for økonomisk sosialhjelp og midlertidig botilbud",
        "• frivillige organisasjoner som Kirkens Bymisjon og Frelsesarmeen",
    ]
    themes = (
        "Noen gjennomgående tema var:\n"
        "Mange opplever at oppfølgingen forsvinner når de har flyttet inn.\n"
        "Flere beskriver bofellesskap som utrygt.\n"
        "Utskrivning fra døgnbehandling uten at bolig er på plass\n"
        "oppleves som en vei tilbake til rus.\n"
        "Husleie og strøm utgjør en stor del av økonomien."
    )
    # items that end in a full stop: a line in lower case after one without goes on that item
    assert marked_points(themes) == [
        "• Mange opplever at oppfølgingen forsvinner når de har flyttet inn.",
        "• Flere beskriver bofellesskap som utrygt.",
        "• Utskrivning fra døgnbehandling uten at bolig er på plass",
        "• Husleie og strøm utgjør en stor del av økonomien.",
    ]
    # a colon before a paragraph, or before fewer than three lines in upper case, gives no list
    prose = (
        "Kommunestyret vedtok følgende:\n"
        "Planen legges ut på høring. Rådmannen får fullmakt til å gjøre mindre endringer i teksten før\n"
        "planen sendes ut."
    )
    assert mark_bare_list_items(prose) == prose
    two = "Planen har to mål:\nFlere skal eie egen bolig\nFærre skal bo midlertidig"
    assert mark_bare_list_items(two) == two


def test_a_page_count_glued_before_a_running_line_goes_with_it_in_either_reading_of_the_page():
    from ingest.clean import running_lines

    # pypdf's plain text glues the count before the line; its layout text (a page with a table) sets it after
    running = running_lines(
        [f"{n} / 4Arkivsak 24/1187 – Saksframlegg\nTekst på side {n}." for n in range(1, 5)]
    )
    assert running("3 / 4Arkivsak 24/1187 – Saksframlegg")
    assert running("Arkivsak 24/1187 – Saksframlegg      2 / 4")
    assert not running("Tekst på side 2.")


def test_a_footnotes_mark_glued_to_a_year_is_taken_out_of_the_text():
    from ingest.clean import split_footnotes

    page = "\n".join(
        [
            "Ulvsnes hadde 14 630 innbyggere per 1. januar 20252. Folketallet er stabilt.",
            "Boligmassen domineres av eneboliger.",
            "Det bygges få leiligheter i 2024.",
            "2 SSB, befolkningsstatistikk per 1. januar 2025.",
        ]
    )
    text, notes = split_footnotes(page)
    assert "per 1. januar 2025. Folketallet" in text
    assert notes == ["2 SSB, befolkningsstatistikk per 1. januar 2025."]
