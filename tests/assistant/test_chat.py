"""Follow-up questions are understood in the light of the conversation."""

from __future__ import annotations

import pytest

from assistant.chat import borrowed_words, condense_question, is_follow_up

pytestmark = pytest.mark.unit

TROMSO = [
    {"role": "user", "content": "Hvilke tiltak har Tromsø mot bostedsløshet?"},
    {"role": "assistant", "content": "Tromsø har etablert en samhandlingsarena [1]."},
]


def test_a_question_that_stands_alone_is_left_as_it_is():
    q = "Hva sier boligsosialloven om plikten til å gi individuelt tilpasset bistand?"
    assert condense_question(q, TROMSO) == q
    assert condense_question("Og hva gjør Bodø?", []) == "Og hva gjør Bodø?"


def test_another_municipality_replaces_the_one_asked_about_before():
    q = condense_question("Og hva gjør Bodø?", TROMSO)
    assert q.startswith("Og hva gjør Bodø?")
    assert "bostedsløshet" in q and "tiltak" in q
    assert "Tromsø" not in q


def test_a_new_year_or_a_compound_of_the_same_head_replaces_the_one_asked_about_before():
    loan = [{"role": "user", "content": "Hvor mye startlån planla Halden å låne opp fra Husbanken i 2013?"}]
    q = condense_question("Og for 2014 da?", loan)
    assert "2013" not in q and "startlån" in q and "Halden" in q
    group = [{"role": "user", "content": "Hvem leder styringsgruppa for utviklingsprogrammet i Halden?"}]
    q = condense_question("Enn programgruppa – hvem leder den?", group)
    assert "styringsgruppa" not in q and "Halden" in q and "utviklingsprogrammet" in q
    # a word of another head is kept: «boligsosiale» and «kommunale» only share an ending
    homes = [{"role": "user", "content": "Hvor mange omsorgsboliger har Halden?"}]
    assert "omsorgsboliger" not in condense_question("Og utleieboliger?", homes)
    plans = [{"role": "user", "content": "Hva sier de boligsosiale planene om bostedsløse?"}]
    assert "boligsosiale" in condense_question("Og de kommunale?", plans)


def test_an_article_is_no_pronoun_in_a_question_with_a_topic_and_a_place_of_its_own():
    q = "Hvem leder styringsgruppa for det boligsosiale utviklingsprogrammet i Halden?"
    assert not is_follow_up(q)
    assert condense_question(q, TROMSO) == q  # nothing of Tromsø's homelessness measures is borrowed


def test_and_if_takes_the_case_asked_about_further_however_long_the_question():
    order = [{"role": "user", "content": "Kan kommunen gi huseieren pålegg om å rette opp fukt og mugg?"}]
    q = condense_question("Og hvis han bare lar fristen gå ut uten å gjøre noe i det hele tatt?", order)
    assert "pålegg" in q and "mugg" in q
    assert is_follow_up("Men om utleieren nekter å betale tilbake hele beløpet etter at jeg har flyttet ut?")
    # a question that names its own law or place is not taken as one
    assert not is_follow_up("Og hvis kommunen ikke følger opp, hva sier boligsosialloven om klage på dette?")


def test_a_follow_up_to_a_follow_up_borrows_the_topic_the_last_one_borrowed():
    chain = [
        {"role": "user", "content": "Har kommunen plikt til å skaffe meg midlertidig botilbud?"},
        {"role": "assistant", "content": "Sosialtjenesteloven § 27 …"},
        {"role": "user", "content": "Hvor lenge kan jeg bo der?"},
        {"role": "assistant", "content": "…"},
    ]
    assert "midlertidig botilbud" in condense_question("Kan jeg klage?", chain)
    # a last question with a topic of its own is where the chain stops
    fresh = [
        {"role": "user", "content": "Hva er depositum?"},
        {"role": "user", "content": "Hvor lang er oppsigelsesfristen for en leilighet?"},
    ]
    q = condense_question("Kan jeg klage?", fresh)
    assert "oppsigelsesfristen" in q and "depositum" not in q


def test_a_pronoun_follow_up_borrows_the_topic_of_the_previous_question():
    history = [{"role": "user", "content": "Når fikk Bodø sin boligpolitiske handlingsplan?"}]
    q = condense_question("Hvem ble ansatt for å følge den opp?", history)
    assert "Bodø" in q and "handlingsplan" in q


def test_a_new_paragraph_keeps_the_law_but_drops_the_old_paragraph_number():
    history = [{"role": "user", "content": "Hva sier sosialtjenesteloven § 27?"}]
    q = condense_question("Og § 15?", history)
    assert "sosialtjenesteloven" in q and "27" not in q


LUNDMO = [
    {"role": "user", "content": "hvor lang klagefrist har man på vedtak om kommunal bolig i lundmo"},
    {"role": "assistant", "content": "Klagefristen er tre uker [1]."},
]


def test_a_question_that_points_back_asks_about_the_place_the_conversation_is_about():
    q = "Hvem avgjør klagen hvis Tildelingskontoret holder fast på avslaget?"
    # Lundmo is a municipality of the corpus, missing from the list of municipalities
    assert condense_question(q, LUNDMO, places=["Lundmo"]) == f"{q} (Lundmo)"
    assert condense_question("Kor mykje søkjer dei Husbanken om?", TROMSO) == (
        "Kor mykje søkjer dei Husbanken om? (Tromsø)"
    )


def test_a_question_of_its_own_about_the_law_or_many_places_takes_no_place_along():
    for q in (
        "Hvem har rett på startlån?",
        "Hvor lenge varer en leiekontrakt?",
        "Hva sier husleieloven om klage på vedtaket?",
        "Hvem avgjør klagen i Bodø?",
        # («leilighet» is no thing already talked about: a noun in -het ends in «et» without its article)
        "kan utleier gi meg en leiekontrakt på bare ett år for en vanlig leilighet?",
    ):
        assert condense_question(q, LUNDMO, places=["Lundmo"]) == q


def test_follow_ups_are_recognised_by_their_shape():
    assert is_follow_up("Og hva med Halden?")
    assert is_follow_up("hvor mange sider fikk den være?")
    assert not is_follow_up("Hvilke tiltak har kommunene mot mangel på utleieboliger i distriktene?")


@pytest.mark.parametrize(
    "question", ["Hva er depositum?", "Hvem har rett på startlån?", "Hvor lenge varer en leiekontrakt?"]
)
def test_a_short_question_with_a_topic_of_its_own_starts_a_new_topic(question):
    assert not is_follow_up(question)
    assert condense_question(question, TROMSO) == question


@pytest.mark.parametrize("question", ["Hvor mange?", "Hvem har ansvaret?", "Hvorfor det?", "Og i Bodø?"])
def test_a_question_without_a_topic_of_its_own_borrows_the_one_before(question):
    assert is_follow_up(question)
    assert "bostedsløshet" in condense_question(question, TROMSO)


DEPOSITUM = [
    {"role": "user", "content": "Hva sier husleieloven om depositum?"},
    {"role": "assistant", "content": "Det kan avtales at leieren skal deponere et beløp [1]."},
]


@pytest.mark.parametrize(
    "question",
    [
        "Hvem får rentene?",
        "Kan jeg klage?",
        "Kan jeg klage hvis jeg får avslag?",
        "Hva skjer med kontoen da?",
    ],
)
def test_a_definite_noun_or_asking_what_one_may_do_leans_on_the_topic_before(question):
    assert is_follow_up(question)
    assert "depositum" in condense_question(question, DEPOSITUM)


@pytest.mark.parametrize("question", ["Kan jeg få bostøtte?", "Hva er startlånet?", "Hva sier sotjl § 27?"])
def test_a_question_naming_its_own_scheme_term_law_or_paragraph_starts_afresh(question):
    assert condense_question(question, DEPOSITUM) == question


def test_a_borrowed_duty_question_does_not_make_a_complaint_question_one():
    from assistant.chat import continues

    assert not continues("Kan jeg klage?")
    assert continues("Gjelder det også for NAV?") and continues("Og hva med NAV?")


def test_the_words_a_follow_up_borrowed_are_known_apart_from_its_own():
    question = "Men hvis problemene bare er midlertidige?"
    history = [
        {
            "role": "user",
            "content": "Hva skjer hvis en med startlån ikke klarer å betale og boligen må selges?",
        }
    ]
    condensed = condense_question(question, history)
    lent = borrowed_words(question, condensed)
    assert {"startlån", "selges"} <= lent
    assert not lent & {"problemene", "midlertidige"}  # the follow-up's own words are not borrowed
    assert borrowed_words("Hva er depositum?", "Hva er depositum?") == frozenset()
    # a hyphenated word is known by its parts too, as the answerer reads it
    assert {"bo", "oppfølging"} <= borrowed_words("Og i Bodø?", "Og i Bodø? (bo-oppfølging)")


def test_a_misspelt_word_is_borrowed_or_not_as_it_was_meant():
    from assistant.spelling import Correction

    # the follow-up's own «depositm» is the «depositum» asked about before: that word is its own
    lent = borrowed_words(
        "Og når må depositm betales tilbake?",
        "Og når må depositm betales tilbake? (depositum husleieloven)",
        [Correction("depositm", "depositum")],
    )
    assert lent == {"husleieloven"}
    # a borrowed word the speller corrected is borrowed as the answerer reads it
    lent = borrowed_words("Og i Bodø?", "Og i Bodø? (bostotte)", [Correction("bostotte", "bostøtte")])
    assert lent == {"bostøtte"}


def test_the_same_thing_points_back_at_what_was_asked_before():
    history = [
        {
            "role": "user",
            "content": "Vi vil kjøpe et hus i en distriktskommune. Kan kommunen gi oss tilskudd?",
        }
    ]
    q = condense_question("Kan vi få det samme tilskuddet til en leilighet vi skal leie ut?", history)
    assert "distriktskommune" in q  # «det samme tilskuddet» is the one asked about, not any grant
    assert condense_question("Hva er samme som depositum?", []) == "Hva er samme som depositum?"


@pytest.mark.parametrize(
    ("first", "follow_up", "kept", "dropped"),
    [
        ("Hvilke tiltak har Halden for rusavhengige?", "Og for unge?", {"tiltak", "Halden"}, "rusavhengige"),
        (
            "Hva planlegger Halden for folk med demens?",
            "Og for dem som sliter psykisk?",
            {"Halden"},
            "demens",
        ),
        ("Hva gjør Bodø for eldre?", "Enn flyktninger?", {"Bodø"}, "eldre"),
    ],
)
def test_a_follow_up_naming_another_group_asks_about_it_instead(first, follow_up, kept, dropped):
    condensed = condense_question(follow_up, [{"role": "user", "content": first}])
    borrowed = condensed[len(follow_up) :]
    assert all(w in borrowed for w in kept)
    assert dropped not in borrowed


def test_a_pronoun_standing_for_the_thing_asked_about_makes_a_long_question_a_follow_up():
    history = [{"role": "user", "content": "Hva sier Kongsbergplanen om Housing First?"}]
    q = condense_question(
        "hvor mange brukere skal den kunne ta imot, og hvor mange ansatte får den?", history
    )
    assert "Housing First" in q
    # an article or «den som …» is no such pronoun
    assert not is_follow_up("Hvor mange boliger skal den nye planen i Halden gi?")
    assert not is_follow_up("Hvilke rettigheter har den som leier en kommunal bolig i Bodø?")


def test_a_follow_up_without_asking_words_asks_for_the_figure_asked_for_before():
    history = [{"role": "user", "content": "Hvor mange kommunale utleieboliger har Kongsberg?"}]
    q = condense_question("og i Sogndal?", history)
    assert q.startswith("og i Sogndal?") and "Kongsberg" not in q
    assert "hvor mange" in q.lower() and "utleieboliger" in q
    # a follow-up that asks something of its own keeps its own asking
    own = condense_question("Og hvem eier dem i Sogndal?", history)
    assert "hvor mange" not in own.lower()


def test_then_after_the_subject_takes_up_what_was_asked_before():
    history = [
        {"role": "user", "content": "Kan kommunen si meg opp fra den kommunale leiligheten jeg leier?"}
    ]
    q = condense_question("Hvor lang tid har jeg da før jeg må være ute?", history)
    assert "leiligheten" in q and "si" in q.split("(", 1)[1]
    assert not is_follow_up(
        "Hvor lang tid har kommunen på seg til å svare på en søknad om bostøtte i Halden?"
    )


def test_a_word_capitalised_only_because_it_opened_a_sentence_is_borrowed_as_an_ordinary_word():
    # «Leietakeren» opened the turn before; the answerer must not look for it as a name («Ingen av de nærmeste
    # tekstene nevner «Leietakeren»»). A name inside the turn keeps its capital.
    history = [
        {"role": "user", "content": "Leietakeren min i Bodø har tidsubestemt kontrakt. Kan jeg si henne opp?"}
    ]
    condensed = condense_question("Og hvor lang er fristen da?", history)
    assert "leietakeren" in condensed and "Leietakeren" not in condensed
    assert "Bodø" in condensed


def test_a_short_question_ending_in_da_takes_up_the_topic_before_it():
    history = [{"role": "user", "content": "Hvor mange startlån innvilget Tønsberg i 2023?"}]
    assert is_follow_up("Hva er målet fremover da?")
    assert "startlån" in condense_question("Hva er målet fremover da?", history)
    # a term asked to be explained, or a place of its own, starts a new topic
    assert not is_follow_up("Hva er depositum da?")
    assert not is_follow_up("Hva gjør Bodø da?")


def test_og_or_men_goes_on_from_the_conversation_however_long_and_den_plikten_points_back():
    assert is_follow_up("men hva skjer hvis jeg glemmer å protestere innen fristen")
    assert is_follow_up("Og hvem betaler for å opprette kontoen, utleier eller leietaker?")
    assert is_follow_up("Gjelder den plikten også for utlendinger uten lovlig opphold?")
    # a question that names a place, law or § of its own starts afresh, whatever it opens with
    assert not is_follow_up("Og hvor mange kommunale utleieboliger har Halden i 2024, fordelt på bydeler?")
    history = [
        {"role": "user", "content": "Utleier har sagt opp leiekontrakten min. Kan jeg gjøre noe?"},
        {"role": "assistant", "content": "Du kan protestere skriftlig innen én måned (husleieloven § 9-8)."},
    ]
    q = condense_question("men hva skjer hvis jeg glemmer å protestere innen fristen", history)
    assert "oppsigelse" in q or "sagt" in q


def test_an_article_before_an_adjective_and_its_noun_is_no_pronoun_to_follow_up_on():
    from assistant.chat import is_follow_up

    # a new topic after a talk about evictions in Tinddal, not a question about them
    assert not is_follow_up("Hva skal den kommunale planstrategien inneholde?")
    assert is_follow_up("Hvor mange ansatte skal den ha?")
    assert is_follow_up("Hva koster den?")


def test_a_question_on_a_new_topic_does_not_take_the_place_the_talk_was_about():
    history = [
        {"role": "user", "content": "Hvor mange utkastingar vart gjennomførte i Tinddal i 2024?"},
        {"role": "assistant", "content": "Gjennomførte utkastingar | 3 | 4 | 6"},
    ]
    places = ["Tinddal", "Nordvangen"]
    question = "Hva skal den kommunale planstrategien inneholde?"
    assert condense_question(question, history, places=places) == question
    # one that goes on with the topic still asks about the place
    follow = "Kor mange av dei gjennomførte utkastingane gjaldt einslege menn?"
    assert "Tinddal" in condense_question(follow, history, places=places)


def test_a_word_only_for_who_owns_a_thing_carries_no_topic_over_but_a_synonym_of_the_thing_does():
    places = ["Elvstrand", "Nordvangen"]
    pets = [
        {"role": "user", "content": "Kan jeg ha husdyr i kommunal bolig i Elvstrand?"},
        {"role": "assistant", "content": "Du kan søke om å ha husdyr."},
    ]
    question = "Hva skal den kommunale planstrategien inneholde?"
    assert condense_question(question, pets, places=places) == question
    homes = [
        {"role": "user", "content": "Hvor mange kommunale boliger har Elvstrand kommune?"},
        {"role": "assistant", "content": "Dokumentene oppgir ikke tallet."},
    ]
    follow = "Hvem bestemmer hvem som får de kommunale leilighetene?"
    assert "Elvstrand" in condense_question(follow, homes, places=places)


def test_a_follow_ups_borrowed_place_can_be_taken_out_again():
    from assistant.chat import without_borrowed_places

    places = ["Tinddal", "Elvstrand"]
    question = "Må jeg sende ny søknad?"
    assert without_borrowed_places(question, f"{question} (Tinddal)", places) == question
    assert (
        without_borrowed_places(question, f"{question} (bostøtte Tinddal)", places)
        == f"{question} (bostøtte)"
    )
    assert without_borrowed_places(question, question, places) is None  # nothing was borrowed
    # a year taken along with the place was that place's year
    assert (
        without_borrowed_places(question, f"{question} (bostøtte Tinddal 2022)", places)
        == f"{question} (bostøtte)"
    )
    assert without_borrowed_places("Og i Tinddal?", "Og i Tinddal? (ventetid)", places) is None  # its own


def test_a_question_that_tells_its_own_case_and_shares_no_word_with_the_one_before_stands_alone():
    history = [
        {"role": "user", "content": "Kor mange kommunale bustader hadde Brekkvoll i 2022?"},
        {"role": "assistant", "content": "Jeg fant ikke noe om dette i dokumentene."},
    ]
    question = (
        "Jeg fikk avslag på bostøtte fordi inntekten var for høy, men nå har jeg mistet jobben. "
        "Må jeg sende ny søknad, eller blir den vurdert igjen?"
    )
    # «den» points back to «søknad» in the question itself, not to the year and place before it
    assert condense_question(question, history, places=["Brekkvoll"]) == question
    # a short follow-up with a pronoun still leans on the question before
    assert "Brekkvoll" in condense_question("Og hvor mange av dem var ledige?", history, places=["Brekkvoll"])
