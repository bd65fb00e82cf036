"""Places the corpus has no documents from are recognised by name, so their questions are not answered from
another municipality's plan."""

from __future__ import annotations

import pytest

from planprat.places import COUNTIES, MUNICIPALITIES, places_named

pytestmark = pytest.mark.unit


def test_the_list_holds_the_municipalities_and_counties_people_ask_about():
    for name in (
        "Oslo",
        "Bergen",
        "Trondheim",
        "Stavanger",
        "Bodø",
        "Tromsø",
        "Halden",
        "Levanger",
        "Kautokeino",
    ):
        assert name in MUNICIPALITIES, name
    assert {"Indre Østfold", "Nordre Follo", "Sør-Varanger", "Nore og Uvdal"} <= MUNICIPALITIES
    assert {"Finnmark", "Vestland", "Møre og Romsdal", "Trøndelag"} <= COUNTIES
    assert "Indre" not in MUNICIPALITIES and "og" not in MUNICIPALITIES  # parts of longer names are not names


def test_places_are_found_in_a_question_with_genitive_and_multi_word_names():
    assert places_named("Hva står i Bodøs plan, og hva gjør Indre Østfold?") == ["Bodø", "Indre Østfold"]
    assert places_named("Hvilke tiltak har kommunene i Møre og Romsdal?") == ["Møre og Romsdal"]
    assert places_named("Hvor mange bor i Sør-Varanger?") == ["Sør-Varanger"]


def test_names_that_are_also_everyday_words_or_lower_case_are_not_taken_for_places():
    assert places_named("Hvor lang tid tar det? Time for time, gran og strand.") == []
    assert places_named("hva gjør bergen for flyktninger") == []  # only a capitalised name is a place


def test_places_typed_in_lower_case_are_found_when_asked_for_but_not_ordinary_words():
    assert places_named("hva med halden?", any_case=True) == ["Halden"]
    assert places_named("hvor mange boliger har indre østfold", any_case=True) == ["Indre Østfold"]
    assert places_named("hva med halden?") == []  # documents: only names written as names
    assert places_named("sola skinner på ås og lier", any_case=True) == []  # ordinary words in lower case
    assert places_named("Kommunen i Ås", any_case=True) == ["Ås"]


def test_the_corpus_municipalities_a_text_names_in_any_case_and_the_genitive():
    from planprat.places import named_in

    names = ["Bodø", "Indre Østfold", "Nord-Odal", "Halden"]
    assert named_in("Hva står i Bodøs plan?", names) == ["Bodø"]
    assert named_in("hvor mange boliger har indre østfold og nord-odal", names) == [
        "Indre Østfold",
        "Nord-Odal",
    ]
    assert named_in("Hva gjør Østfold fylke?", names) == []  # one word of «Indre Østfold» is not the name
