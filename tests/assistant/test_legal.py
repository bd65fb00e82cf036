"""Law references as caseworkers write them, and what kind of question is asked."""

from __future__ import annotations

import pytest

from assistant.legal import (
    LawRef,
    classify_question,
    defined_term,
    is_duty_question,
    laws_mentioned,
    normalize_law,
    paragraph_key,
    parse_refs,
    spell_out_laws,
    status_of,
    unknown_laws,
)

pytestmark = pytest.mark.unit


def refs(text, **kw):
    return [(r.law, r.paragraph, r.ledd, r.ambiguous) for r in parse_refs(text, **kw)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("sosialtjenesteloven § 27", [("sosialtjenesteloven", "§ 27", None, False)]),
        ("Hva sier sotjl. § 27?", [("sosialtjenesteloven", "§ 27", None, False)]),
        ("SOTJL § 27", [("sosialtjenesteloven", "§ 27", None, False)]),
        ("pbl. § 10-1", [("plan- og bygningsloven", "§ 10-1", None, False)]),
        ("hol § 3-7", [("helse- og omsorgstjenesteloven", "§ 3-7", None, False)]),
        ("Helse og omsorgstjenesteloven §3-7", [("helse- og omsorgstjenesteloven", "§ 3-7", None, False)]),
        ("boligsosialloven § 6 tredje ledd", [("boligsosialloven", "§ 6", 3, False)]),
        ("Hva står i § 6 tredje ledd i boligsosialloven?", [("boligsosialloven", "§ 6", 3, False)]),
        ("etter § 15 i sotjl.", [("sosialtjenesteloven", "§ 15", None, False)]),
        ("sosialtenestelova § 27", [("sosialtjenesteloven", "§ 27", None, False)]),
        ("folkehelseloven § 4 a", [("folkehelseloven", "§ 4 a", None, False)]),
        # typed without «§»: the number right after the law's name
        ("sotjl 27", [("sosialtjenesteloven", "§ 27", None, False)]),
        ("hol. 3-7", [("helse- og omsorgstjenesteloven", "§ 3-7", None, False)]),
        ("Hva sier husleieloven 9-6 andre ledd?", [("husleieloven", "§ 9-6", 2, False)]),
        # a year or a number further on is no §
        ("plan- og bygningsloven 2008", []),
        ("Hva sier sosialtjenesteloven om 3 måneder?", []),
    ],
)
def test_references_are_found_in_every_common_spelling(text, expected):
    assert refs(text) == expected


def test_several_paragraphs_after_one_law_name_all_get_that_law():
    assert refs("pbl. §§ 10-1 og 11-1") == [
        ("plan- og bygningsloven", "§ 10-1", None, False),
        ("plan- og bygningsloven", "§ 11-1", None, False),
    ]
    assert [r[1] for r in refs("Sosialtjenestelovens § 15 og § 27")] == ["§ 15", "§ 27"]


def test_a_bare_paragraph_takes_the_one_law_named_elsewhere_or_is_ambiguous():
    assert refs("§ 27") == [(None, "§ 27", None, True)]
    assert refs("§ 27", default_law="sosialtjenesteloven") == [("sosialtjenesteloven", "§ 27", None, False)]
    assert refs("Etter sosialtjenesteloven har NAV plikter, se § 27.") == [
        ("sosialtjenesteloven", "§ 27", None, False)
    ]
    # two laws named: a bare § is not guessed
    both = parse_refs("Sosialtjenesteloven og boligsosialloven gjelder; se § 6.")
    assert both[-1].law is None and both[-1].ambiguous


def test_law_names_normalise_from_abbreviations_genitive_case_and_nynorsk():
    assert normalize_law("Sotjl.") == "sosialtjenesteloven"
    assert normalize_law("sosialtjenestelovens") == "sosialtjenesteloven"
    assert normalize_law("PBL") == "plan- og bygningsloven"
    assert normalize_law("helse og omsorgstjenesteloven") == "helse- og omsorgstjenesteloven"
    assert normalize_law("husleigelova") == "husleieloven"
    assert normalize_law("arbeidsmiljøloven") is None
    # what people call the 2023 law before they learn its name
    assert laws_mentioned("Hvem er vanskeligstilt etter den nye boligsosiale loven?") == ["boligsosialloven"]
    assert laws_mentioned("Kva kommune skal hjelpe etter den nye boligsosiale lova?") == ["boligsosialloven"]


def test_laws_outside_the_corpus_are_recognised_as_unknown():
    assert unknown_laws("Hva sier arbeidsmiljøloven om overtid?") == ["arbeidsmiljøloven"]
    assert unknown_laws("Kva seier opplæringslova om skuleskyss?") == ["opplæringslova"]
    assert unknown_laws("Hva sier sosialtjenesteloven om midlertidig botilbud?") == []


def test_repealed_and_rewritten_provisions_name_what_replaced_them():
    hol = status_of(LawRef("helse- og omsorgstjenesteloven", "§ 3-7"))
    assert (
        hol["status"] == "opphevet"
        and hol["since"] == "2023-07-01"
        and hol["replaced_by"] == "boligsosialloven"
    )
    assert "boligsosialloven" in hol["note"]
    assert status_of(LawRef("sosialtjenesteloven", "§ 15"))["status"] == "endret"
    assert status_of(LawRef("sosialtjenesteloven", "§ 27")) is None
    assert status_of(LawRef(None, "§ 3-7")) is None


def test_paragraph_keys_ignore_spacing():
    assert paragraph_key("§ 4 a") == paragraph_key("§4a") == "§4a"
    assert paragraph_key("§ 10 - 1") == paragraph_key("§ 10–1") == "§10-1"


@pytest.mark.parametrize(
    "question, intent",
    [
        ("Hvilke tiltak har kommunene mot mangel på utleieboliger?", "list"),
        ("Hvordan organiserer kommunene prosjektene sine?", "list"),
        ("Hva plikter kommunen når noen trenger midlertidig botilbud?", "legal"),
        ("Hva sier sotjl. § 27?", "legal"),
        ("Hvem regnes som vanskeligstilt etter boligsosialloven?", "legal"),
        ("Når fikk Bodø sin boligpolitiske handlingsplan?", "fact"),
        ("Hva sier arbeidsmiljøloven om overtid?", "legal"),
        ("Hvilke krav stilles til en reguleringsplan?", "legal"),  # what the law demands, not a list of plans
        ("Hvem har ansvaret for planen i Sandnes?", "fact"),  # Sandnes's own arrangements
        ("Hvilke deler skal kommuneplanen bestå av?", "fact"),  # «hvilke» alone asks for no list across plans
        ("Hvilke grupper har spesielle behov for bolig ifølge kommunenes planer?", "list"),
        ("Hvilke fire satsinger går igjen i budsjettet?", "list"),
        ("Hvem har ansvaret for å følge opp folk i kommunal bolig?", "legal"),
        ("Hvilke kommuner har en leie-til-eie-ordning?", "list"),  # which municipalities: a spread over plans
        ("Kva kommunar har bustadsosial plan?", "list"),
    ],
)
def test_questions_are_classified_by_what_the_user_wants(question, intent):
    assert classify_question(question) == intent


def test_responsibility_in_a_named_place_is_no_duty_question_but_a_duty_is():
    assert not is_duty_question("Hvem har ansvaret for planen i Sandnes?")
    assert is_duty_question("Hva plikter Stavanger kommune når noen trenger midlertidig botilbud?")
    assert is_duty_question("Har kommunen ansvar for bolig til flyktninger?")


def test_duty_questions_are_recognised():
    assert is_duty_question("Hva plikter kommunen når noen trenger midlertidig botilbud?")
    assert is_duty_question("Må NAV hjelpe meg å finne bolig?")
    assert not is_duty_question("Når ble planen vedtatt?")


@pytest.mark.parametrize(
    "question, term",
    [
        ("Hva er bostøtte?", "bostøtte"),
        ("Kva er eit depositum", "depositum"),
        ("Hva betyr vanskeligstilt på boligmarkedet?", "vanskeligstilt på boligmarkedet"),
        ("Hva menes med bo-oppfølging?", "bo-oppfølging"),
        ("Hva er Bodøs plan for bostedsløse i sentrum?", None),  # a question, not a term to explain
        ("Hvem har rett på startlån?", None),
    ],
)
def test_a_question_asking_what_a_term_means_is_recognised(question, term):
    assert defined_term(question) == term


def test_a_registered_law_is_looked_up_by_its_name_not_called_unknown():
    from assistant.legal import register_laws

    assert unknown_laws("Hva sier tomtefesteloven § 7?") == ["tomtefesteloven"]
    register_laws({"tomtefesteloven": {"lov om tomtefeste"}})
    assert unknown_laws("Hva sier tomtefesteloven § 7?") == []
    assert parse_refs("Hva sier tomtefesteloven § 7?")[0] == LawRef(
        "tomtefesteloven", "§ 7", None, None, (9, 28), "tomtefesteloven § 7", False
    )
    assert parse_refs("sotjl. § 27")[0].law == "sosialtjenesteloven"  # the others are still known


def test_a_law_named_by_its_title_with_the_article_is_known():
    assert laws_mentioned("Hva er formålet med loven om kommunenes ansvar på det boligsosiale feltet?") == [
        "boligsosialloven"
    ]
    assert normalize_law("Forskriften om bustøtte") == "bustøtteforskriften"
    assert laws_mentioned("Hva sier loven om boliger for eldre?") == []  # «loven om …» alone names no law


def test_the_ledd_of_a_place_in_a_provision_counts_from_the_ledd_its_chunk_begins_with():
    from assistant.legal import ledd_at

    whole = "§ 6. Plikt\n\nKommunen skal gi bistand.\n\nKommunen vurderer.\n\nBistanden kan gå ut på råd."
    assert ledd_at(whole, "boligsosialloven § 6", whole.index("Plikt")) is None  # the heading
    assert ledd_at(whole, "boligsosialloven § 6", whole.index("Kommunen skal")) == 1
    assert ledd_at(whole, "boligsosialloven § 6", whole.index("Bistanden")) == 3
    later = "husleieloven § 3-5. Depositum\n\nKrever utleieren utbetaling.\n\nHver av partene kan kreve."
    assert ledd_at(later, "husleieloven § 3-5 femte til sjuende ledd", later.index("Hver")) == 6


@pytest.mark.parametrize(
    "question, typo",
    [
        (
            "Hva sier sosialtjenestloven om midlertidig botilbud?",
            ("sosialtjenestloven", "sosialtjenesteloven"),
        ),
        ("Hva sier husleiloven § 3-5?", ("husleiloven", "husleieloven")),
        ("sosialtjenstelovens § 27", ("sosialtjenstelovens", "sosialtjenestelovens")),
        ("Hva sier helse- og omsorgstjenestelova § 3-2?", ("omsorgstjenestelova", "omsorgstenestelova")),
    ],
)
def test_a_law_name_a_letter_off_is_read_as_the_law(question, typo):
    from assistant.legal import law_typos

    assert law_typos(question) == [typo]


@pytest.mark.parametrize(
    "question",
    [
        "Hva sier husleieloven § 3-5?",
        "Hva sier arbeidsmiljøloven om overtid?",
        "Hva sier plan- og bygningslova?",
    ],
)
def test_a_law_spelt_right_or_one_planprat_does_not_have_is_left_as_typed(question):
    from assistant.legal import law_typos

    assert law_typos(question) == []


@pytest.mark.parametrize(
    "question, chapters",
    [
        ("Hva står i husleieloven kapittel 9?", [("husleieloven", 9)]),
        ("Hva sier kapittel 4 i sosialtjenesteloven?", [("sosialtjenesteloven", 4)]),
        ("Hva står i pbl kap. 12 om reguleringsplan?", [("plan- og bygningsloven", 12)]),
        ("Hva står i kapittel 9?", []),  # no law named: no guess
    ],
)
def test_a_chapter_of_a_law_is_recognised_by_its_number(question, chapters):
    from assistant.legal import chapter_refs

    assert chapter_refs(question) == chapters


def test_a_changed_provision_asked_about_without_its_number_is_found_by_its_topic():
    from assistant.legal import implied_refs

    refs = [r.law + " " + r.paragraph for r in implied_refs("Hva sier hol om boliger til vanskeligstilte?")]
    assert refs == [
        "helse- og omsorgstjenesteloven § 3-7",  # repealed: with what applies instead
        "boligsosialloven § 5",
        "boligsosialloven § 6",
    ]
    assert implied_refs("Hva sier helse- og omsorgstjenesteloven om sykehjem?") == []  # not its topic
    assert implied_refs("Hva sier hol § 3-2 om boliger?") == []  # a § named is what is asked
    assert implied_refs("Hva sier loven om boliger?") == []  # no law named


def test_a_repealed_provision_brings_what_applies_instead_and_a_current_one_nothing():
    from assistant.legal import replacements

    assert [r.law + " " + r.paragraph for r in replacements(parse_refs("hol § 3-7"))] == [
        "boligsosialloven § 5",
        "boligsosialloven § 6",
    ]
    assert replacements(parse_refs("sotjl § 27")) == []


def test_law_abbreviations_are_written_out_as_the_laws_name_for_matching_passages():
    assert (
        spell_out_laws("Får jeg like mye i stønad, jf. sotjl.?")
        == "Får jeg like mye i stønad, jf. sosialtjenesteloven?"
    )
    assert (
        spell_out_laws("Kan kommunen etter fhl. kreve det?")
        == "Kan kommunen etter folkehelseloven kreve det?"
    )
    # full names and words that only contain an abbreviation are left as they are
    assert spell_out_laws("Hva sier husleieloven om hlp?") == "Hva sier husleieloven om hlp?"


def test_one_named_initiative_is_no_list_of_initiatives():
    assert classify_question("Hva er prislappen per år for Housing First-satsingen i Kongsberg?") == "fact"
    assert classify_question("Hvilke satsinger har Indre Østfold for barn?") == "list"
    assert classify_question("Hva er satsingsområdene i planen?") == "list"


def test_a_question_about_a_corpus_municipality_missing_from_the_list_is_about_its_own_arrangements():
    q = "Hvem har ansvaret for tildeling av kommunal bolig i Lundmo?"
    assert classify_question(q) == "legal"  # Lundmo is no municipality this list knows
    assert classify_question(q, places=["Lundmo"]) == "fact"


def test_a_count_asked_for_is_no_list_even_when_it_counts_measures():
    from assistant.legal import classify_question

    assert classify_question("Hvor mange strategier og tiltak inneholder planen til Tromsø?") == "fact"
    assert classify_question("Kor mange tiltak har planen?") == "fact"
    assert classify_question("Hvor mange tiltak har kommunene mot bostedsløshet?") == "list"  # across places
    assert classify_question("Hvilke tiltak har planen?") == "list"


def test_a_ledd_named_before_its_paragraph_is_the_ledd_asked_for():
    refs = parse_refs("Hva står det i annet ledd i boligsosialloven § 6?")
    assert [(r.law, r.paragraph, r.ledd) for r in refs] == [("boligsosialloven", "§ 6", 2)]
    refs = parse_refs("Hva sier tredje ledd av § 27 i sosialtjenesteloven?")
    assert [(r.paragraph, r.ledd) for r in refs] == [("§ 27", 3)]
    # (two paragraphs named together: the ledd is no one's)
    assert [r.ledd for r in parse_refs("Hva sier første ledd i sotjl. §§ 27 og 28?")] == [None, None]
