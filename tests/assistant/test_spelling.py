"""Questions typed without æ, ø and å still reach the documents' words; nothing else is rewritten."""

from __future__ import annotations

import pytest

from assistant.lexical import _stemmer
from assistant.spelling import correct_query, correct_word

pytestmark = pytest.mark.unit

# A tiny «index»: the stems the corpus uses and in how many chunks.
KNOWN = {
    "kommun": 300,
    "utleiebo": 40,
    "kjøp": 20,
    "styr": 15,
    "framlei": 7,
    "boligsosialt": 20,
    "boligmarked": 15,
    "bostøtt": 12,
    "startlån": 30,
    "bodø": 40,
    "boevn": 3,
    "bolig": 200,
    "styrk": 9,
    "tenk": 6,
    "bomiljø": 4,
    "forebygg": 11,
    "leie": 90,
}


def doc_freq(stems):
    return {s: KNOWN.get(s, 0) for s in stems}


stem = _stemmer().stemWord


def test_marks_are_restored_when_that_makes_a_corpus_word():
    assert correct_word("bostotte", stem, doc_freq) == "bostøtte"
    assert correct_word("startlaan", stem, doc_freq) == "startlån"
    assert correct_word("Bodo", stem, doc_freq) == "Bodø"  # a name keeps its capital


def test_the_other_allowed_spelling_becomes_the_documents_spelling():
    assert correct_word("fremleie", stem, doc_freq) == "framleie"
    assert correct_word("framleie", stem, doc_freq) is None  # the documents' own spelling
    assert correct_word("fremtid", stem, doc_freq) is None  # neither spelling is in the documents


def test_nynorsk_parts_of_a_compound_get_the_documents_bokmal_parts():
    assert correct_word("bustadsosialt", stem, doc_freq) == "boligsosialt"
    assert correct_word("bustadmarknaden", stem, doc_freq) == "boligmarkedet"


def test_a_nynorsk_word_no_document_uses_gets_its_regular_bokmal_form():
    assert correct_word("førebyggjande", stem, doc_freq) == "forebyggende"
    assert correct_word("tenkje", stem, doc_freq) == "tenke"
    assert correct_word("bumiljø", stem, doc_freq) == "bomiljø"


def test_a_nynorsk_form_the_documents_use_is_kept_and_no_rule_makes_a_word_they_do_not_use():
    assert correct_word("leige", stem, doc_freq) == "leie"  # not in the index: the bokmål form is
    assert correct_word("leie", stem, doc_freq) is None  # known: «ei» is not made «e» («lee»)
    assert correct_word("meiner", stem, doc_freq) is None  # «mener» is not in this index either


def test_two_typing_slips_in_long_words_are_read_as_the_documents_word():
    assert correct_word("komunen", stem, doc_freq) == "kommunen"  # a consonant not doubled
    assert correct_word("utleieboilger", stem, doc_freq) == "utleieboliger"  # two letters swapped
    assert correct_word("kjøpte", stem, doc_freq) is None  # not «kjøpet»: the ending is not swapped
    assert correct_word("styrte", stem, doc_freq) is None  # not «styret» nor «styrke»
    assert correct_word("Komunen", stem, doc_freq) is None  # a capitalised word may be a name


def test_known_words_protected_words_and_law_names_are_left_alone():
    assert correct_word("bolig", stem, doc_freq) is None
    assert correct_word("bostotte", stem, doc_freq, protect={"bostotte"}) is None
    assert correct_word("vegtrafikkloven", stem, doc_freq) is None


def test_no_edit_distance_guessing_an_unknown_word_stays_as_typed():
    # «styrte» is one letter from «styrke», which the corpus uses; it is still not rewritten.
    assert correct_word("styrte", stem, doc_freq) is None
    assert correct_word("Bergen", stem, doc_freq) is None


def test_correct_query_rewrites_only_the_misspelt_words_and_reports_them():
    text, fixes = correct_query("Hvem kan få bostotte og startlaan i Bodo?", stem, doc_freq)
    assert text == "Hvem kan få bostøtte og startlån i Bodø?"
    assert [(f.typed, f.meant) for f in fixes] == [
        ("bostotte", "bostøtte"),
        ("startlaan", "startlån"),
        ("Bodo", "Bodø"),
    ]
    same, none = correct_query("Hvem kan få bostøtte?", stem, doc_freq)
    assert same == "Hvem kan få bostøtte?" and none == []


def test_a_letter_left_out_or_two_swapped_in_a_short_word_is_read_as_the_documents_word():
    freq = {"startlån": 30, "bolig": 200, "bostedsløs": 8, "housing": 6}

    def doc_freq(stems):
        return {s: freq.get(s, 0) for s in stems}

    def stem(word):
        return word.removesuffix("e") if word.startswith("bosteds") else word

    assert correct_word("startån", stem, doc_freq) == "startlån"  # a consonant left out
    assert correct_word("bostedløse", stem, doc_freq) == "bostedsløse"  # the linking s left out
    assert correct_word("boilg", stem, doc_freq) == "bolig"  # two letters swapped in a five-letter word
    assert correct_word("hosuing", stem, doc_freq) == "housing"


def test_a_common_norwegian_word_the_documents_do_not_use_is_no_typo():
    freq = {"satsning": 12, "synet": 5}

    def doc_freq(stems):
        return {s: freq.get(s, 0) for s in stems}

    def stem(word):
        return {"satsninger": "satsning", "synets": "synet"}.get(word, word)

    # «satsinger» is one letter from the documents' «satsninger», «syntes» a swap from «synets»: both are
    # ordinary words, spelt right
    assert correct_word("satsinger", stem, doc_freq) is None
    assert correct_word("syntes", stem, doc_freq) is None
    assert correct_word("satsnigner", stem, doc_freq) == "satsninger"  # a real slip is still mended


def test_a_vowel_left_out_of_a_long_word_is_put_back_but_only_into_a_word_the_documents_use():
    from assistant.spelling import correct_word

    freq = {"depositum": 12, "bygg": 40}

    def doc_freq(stems):
        return {s: freq.get(s, 0) for s in stems}

    def stem(word):
        return "bygg" if word == "byggetes" else word  # a variant the stemmer cuts to a short, common stem

    assert correct_word("depsitum", stem, doc_freq) == "depositum"
    assert correct_word("byggtes", stem, doc_freq) is None  # «byggetes» would only be «bygg»
    assert correct_word("depositum", stem, doc_freq) is None  # a word the documents use stays


def test_a_place_name_one_slip_off_becomes_the_place_the_documents_come_from():
    from assistant.spelling import Correction, place_typos

    held = {"kongsberg", "halden", "bodø"}
    real = {"Hole", "Hol", "Bergen", "Kongsberg", "Halden", "Bodø"}
    found = place_typos("Hvor lenge venter man i Kongsbrg og Haldne? Og i Hole?", held, real)
    assert found == [Correction("Kongsbrg", "Kongsberg"), Correction("Haldne", "Halden")]
    # the genitive, a real place of its own and a name that is no slip of a held place stay as typed
    assert place_typos("Hva sier Bodøs plan? Og Bergens? Og Ålesund?", held, real) == []


def test_a_place_typed_in_lower_case_and_a_letter_off_is_read_as_the_place():
    from assistant.spelling import Correction, place_typos

    held = {"narvik", "halden"}
    real = {"Narvik", "Halden", "Hole"}
    found = place_typos("må man ha bodd lenge i narvk?", held, real)
    assert found == [Correction("narvk", "Narvik")]
    # an everyday word a letter off a place («holden»), and the place typed right, stay as typed
    assert place_typos("hvordan er holden til kommunen i halden?", held, real) == []


def test_a_compound_typed_in_two_words_is_read_as_the_one_word_the_documents_use():
    from assistant.spelling import Correction, joined_compounds

    freq = {"venteliste": 3, "startlån": 30, "kanskje": 40, "kommunalbolig": 0, "vente": 14, "liste": 5}

    def doc_freq(stems):
        return {s: freq.get(s, 0) for s in stems}

    found = joined_compounds("hvor mange står på vente liste for start lån", lambda w: w, doc_freq, {"kan"})
    assert found == [Correction("vente liste", "venteliste"), Correction("start lån", "startlån")]
    # a small word's pair, and a joined form the documents do not use, stay apart
    assert joined_compounds("det kan skje i en kommunal bolig", lambda w: w, doc_freq, {"kan", "en"}) == []
    # a word describing a noun is no first part of it (the stemmer may read «boligsosialeloven» as a used stem)
    freq["boligsosialeloven"] = 5
    assert joined_compounds("etter den nye boligsosiale loven", lambda w: w, doc_freq, {"den"}) == []
    # nor a pair whose second word the stemmer takes for an ending («utleierlov» → «utleier»)
    freq["utleier"] = 75
    assert (
        joined_compounds("har en utleier lov til", lambda w: w.removesuffix("lov"), doc_freq, {"en", "til"})
        == []
    )


def test_a_letter_typed_too_many_in_a_long_word_is_taken_out():
    from assistant.spelling import correct_word

    freq = {"oppsigelse": 9}

    def doc_freq(stems):
        return {s: freq.get(s, 0) for s in stems}

    assert correct_word("oppsigelese", lambda w: w, doc_freq) == "oppsigelse"
    assert correct_word("oppsigelse", lambda w: w, doc_freq) is None
    assert correct_word("ukjentord", lambda w: w, doc_freq) is None


def test_a_slip_in_a_very_long_compound_finds_a_word_one_document_uses_once():
    once = {**KNOWN, stem("innflyttingssamtalen"): 1, stem("behovsprøvder"): 1}

    def rare(stems):
        return {s: once.get(s, 0) for s in stems}

    assert correct_word("innflytingssamtalen", stem, rare) == "innflyttingssamtalen"
    # a shorter word is not moved onto another plan's rare typo
    assert correct_word("behovsprøver", stem, rare) is None


def test_short_words_typed_without_marks_get_them_back_only_in_a_text_without_any():
    from assistant.spelling import plain_letters

    assert plain_letters("Ma NAV gi rad og veiledning?") == "Må NAV gi rad og veiledning?"
    assert plain_letters("Hva skal kommunen legge vekt pa nar den behandler?") == (
        "Hva skal kommunen legge vekt på når den behandler?"
    )
    assert (
        plain_letters("Hva er startlanet ment a hjelpe folk med?")
        == "Hva er startlanet ment å hjelpe folk med?"
    )
    # whoever types «ø» has the letters: «a» and «pa» are then what they are
    assert plain_letters("Punkt a i første ledd, pa side 3") == "Punkt a i første ledd, pa side 3"
