"""A household told in words is the row of a table of limits by household size."""

import pytest

from assistant.household import household_size, household_words

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "size"),
    [
        ("inntektsgrense for etableringstilskudd for to voksne uten barn i brennemo", 2),
        ("Hva er høyeste kjøpesum en familie på fire kan få startlån til?", 4),
        ("Enslig mor med to barn: hvor mye kan hun låne?", 3),
        ("Kor mykje kan eit par med eitt barn få i bustøtte?", 3),
        ("Hva er grensen for en husstand på 5?", 5),
        ("To vaksne og tre born, kva er inntektsgrensa?", 5),
        ("Hvilke tiltak har kommunen for barn og unge?", None),
        ("Hvor mange voksne bor i kommunale boliger?", None),
    ],
)
def test_the_household_a_question_tells_of_counts_its_people(question, size):
    assert household_size(question) == size


def test_only_a_question_for_a_limit_or_an_amount_gets_the_tables_words():
    assert household_words("inntektsgrense for to voksne uten barn") == "2 personer"
    assert household_words("Hvor mye kan en enslig få i bostøtte?") == "1 person"
    # already in the table's words, or no limit asked
    assert household_words("Hva er inntektsgrensen for 2 personer?") == ""
    assert household_words("Kan to voksne uten barn få startlån?") == ""
