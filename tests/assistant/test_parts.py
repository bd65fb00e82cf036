"""A question that asks two things is answered part by part, with every part's citations."""

from __future__ import annotations

import pytest

from assistant.parts import join_answers, split_question
from planprat.models import Answer, Chunk, Citation, DocumentMeta, Hit

pytestmark = pytest.mark.unit


def test_a_second_asking_clause_after_og_is_a_question_of_its_own():
    assert split_question("Hvor lenge må man vente på kommunal bolig i Gjøvik, og hvor mange står i kø?") == [
        "Hvor lenge må man vente på kommunal bolig i Gjøvik?",
        "hvor mange står i kø?",
    ]
    assert split_question("Kor mange leilegheiter skal Stord byggje, og kva er kostnadsramma?") == [
        "Kor mange leilegheiter skal Stord byggje?",
        "kva er kostnadsramma?",
    ]


def test_two_questions_typed_one_after_the_other_are_two_parts_and_a_story_stays_with_its_question():
    assert split_question("Får man ha katt i kommunal bolig? Hva sier retningslinjene om dyrehold?") == [
        "Får man ha katt i kommunal bolig?",
        "Hva sier retningslinjene om dyrehold?",
    ]
    story = "Jeg skal få kommunal leilighet, men har ikke penger til depositum. Hvor mye må jeg ut med, og finnes det hjelp?"
    assert split_question(story) == [
        "Jeg skal få kommunal leilighet, men har ikke penger til depositum. Hvor mye må jeg ut med?",
        "finnes det hjelp?",
    ]


def test_og_between_two_things_asked_about_together_does_not_split_the_question():
    for q in (
        "Kan kommunen og NAV samarbeide om dette?",
        "Hvilke tiltak har Bodø og Halden mot bostedsløshet?",
        "Hvor mye startlån delte Gjøvik ut i 2023, totalt beløp og antall?",
        "Hva gjør kommunen, og hva?",  # a part of two words asks nothing of its own
        # what is told after the question belongs to it
        "Kan utleier gi en kontrakt på bare ett år? Leietakeren er enslig mor og vil bli boende.",
    ):
        assert split_question(q) == [q]


DOC = DocumentMeta("gjovik", "Boligsosial handlingsplan", "g.pdf", kind="plan", municipality="Gjøvik")


def cited(n: int, quote: str) -> Citation:
    return Citation(
        n, f"c-{quote[:5]}", "gjovik", DOC.title, "plan", "Gjøvik", "2.3 Venteliste", 2, None, quote
    )


def answer(text: str, *cits: Citation, abstained: bool = False) -> Answer:
    chunk = Chunk("c", "gjovik", "tekst", 0)
    return Answer(text, tuple(cits), abstained, hits=(Hit(chunk, DOC, 1.0, "hybrid"),))


def test_joined_answers_number_their_citations_through_and_a_quote_cited_twice_keeps_its_number():
    wait = cited(1, "Median ventetid var 7 måneder.")
    queue = cited(1, "67 husstander stod på venteliste.")
    a = answer("Median ventetid var 7 måneder. [1]", wait)
    b = answer(
        "67 husstander stod på venteliste. [1] Median ventetid var 7 måneder. [2]",
        queue,
        cited(2, wait.quote),
    )
    joined = join_answers(["Hvor lenge?", "hvor mange?"], [a, b])
    assert not joined.abstained
    assert [c.n for c in joined.citations] == [1, 2]
    assert [c.quote for c in joined.citations] == [wait.quote, queue.quote]
    assert (
        joined.text
        == "Median ventetid var 7 måneder. [1]\n\n67 husstander stod på venteliste. [2] Median ventetid var 7 måneder. [1]"
    )


def test_a_part_the_documents_do_not_answer_is_named_and_nothing_answered_is_an_abstention():
    a = answer("Median ventetid var 7 måneder. [1]", cited(1, "Median ventetid var 7 måneder."))
    none = answer("Jeg fant ikke noe om dette i dokumentene.", abstained=True)
    joined = join_answers(["Hvor lenge må man vente?", "hva koster det?"], [a, none])
    assert not joined.abstained and len(joined.citations) == 1
    assert any("«hva koster det?»" in n for n in joined.notes)
    both = join_answers(["Hvor lenge?", "hva koster det?"], [none, none])
    assert both.abstained and both.citations == ()


def test_a_part_answered_by_the_same_sentences_as_the_one_before_is_not_repeated():
    same = cited(1, "Ringshaug får 48 omsorgsboliger.")
    a = answer("Ringshaug får 48 omsorgsboliger. [1]", same)
    b = answer("Ringshaug får 48 omsorgsboliger. [1]", same)
    joined = join_answers(["Hva er budsjettet?", "når står de klare?"], [a, b])
    assert joined.text == "Ringshaug får 48 omsorgsboliger. [1]" and len(joined.citations) == 1


def test_a_yes_or_no_question_tacked_on_with_og_is_a_part_of_its_own():
    assert split_question("Hva koster en toroms kommunal leilighet i Kongsberg, og er strømmen med?") == [
        "Hva koster en toroms kommunal leilighet i Kongsberg?",
        "er strømmen med?",
    ]
    assert split_question("Hvor mye er depositumet, og må jeg betale det selv?") == [
        "Hvor mye er depositumet?",
        "må jeg betale det selv?",
    ]
    # «og er» inside one question joins two things asked as one
    assert split_question("Hvilke tiltak er planlagt og er gjennomført i Bodø?") == [
        "Hvilke tiltak er planlagt og er gjennomført i Bodø?"
    ]
