"""The three users, end to end on the shipped corpus (real e5, Chroma on disk, BM25): what they ask, what they get."""

from __future__ import annotations

import pytest

from planprat.models import Filters

pytestmark = pytest.mark.integration


def verbatim(service, answer) -> bool:
    chunks = service.chunks([c.chunk_id for c in answer.citations])
    return all(c.quote in chunks[c.chunk_id].text for c in answer.citations)


def test_caseworker_gets_the_exact_provision_on_temporary_housing(corpus_service):
    a = corpus_service.ask("Hva plikter kommunen når noen trenger midlertidig botilbud?")
    assert not a.abstained
    assert a.citations[0].law_ref == "sosialtjenesteloven § 27"
    assert "Kommunen er forpliktet til å finne midlertidig botilbud" in a.text
    assert verbatim(corpus_service, a)


def test_the_same_question_in_nynorsk_finds_the_same_provision(corpus_service):
    a = corpus_service.ask("Kva plikter kommunen når nokon treng mellombels butilbod?")
    assert not a.abstained and a.citations[0].law_ref == "sosialtjenesteloven § 27"


def test_a_repealed_provision_is_answered_as_repealed(corpus_service):
    a = corpus_service.ask("Hva sier hol § 3-7?")
    assert "opphevet fra 1. juli 2023" in a.text and "boligsosialloven" in a.text
    assert a.citations[0].law_ref == "helse- og omsorgstjenesteloven § 3-7"
    # then what applies instead, and no other law's § 3-7 (plan- og bygningsloven has one)
    assert {c.law_ref for c in a.citations[1:]} <= {"boligsosialloven § 5", "boligsosialloven § 6"}


def test_planner_gets_measures_from_several_municipalities(corpus_service):
    a = corpus_service.ask("Hvilke tiltak har kommunene for å skaffe flere boliger til vanskeligstilte?")
    assert not a.abstained
    assert len({c.municipality for c in a.citations if c.municipality}) >= 2
    assert all(c.kind not in ("law", "regulation") for c in a.citations)
    assert verbatim(corpus_service, a)


def test_a_follow_up_is_read_in_the_light_of_the_conversation(corpus_service):
    history = [
        {"role": "user", "content": "Hvordan har Halden organisert det boligsosiale arbeidet?"},
        {"role": "assistant", "content": "Halden har et boligsosialt utviklingsprogram [1]."},
    ]
    a = corpus_service.ask("Og hva med Bodø?", history=history)
    assert not a.abstained and {c.municipality for c in a.citations} == {"Bodø"}


@pytest.mark.parametrize(
    "question",
    [
        "Hva står det i Ålesund kommunes boligsosiale handlingsplan om Housing First?",
        "Hva sier arbeidsmiljøloven om overtid for ansatte på boligkontoret?",
        "Hvor mange kommunale utleieboliger har Bodø kommune i dag?",
    ],
)
def test_questions_the_documents_cannot_answer_get_a_plain_fant_ikke(corpus_service, question):
    a = corpus_service.ask(question)
    assert a.abstained and a.citations == ()
    assert a.text.startswith("Jeg fant ikke noe om dette i dokumentene.")


def test_filters_keep_to_the_chosen_municipality_and_kind(corpus_service):
    hits = corpus_service.search(
        "boligsosialt arbeid og organisering", k=8, filters=Filters(municipalities=("Bodø",))
    )
    assert hits and {h.doc.municipality for h in hits} == {"Bodø"}
    laws = corpus_service.search("vanskeligstilte på boligmarkedet", k=8, filters=Filters(kinds=("law",)))
    assert laws and {h.doc.kind for h in laws} == {"law"}


def test_a_drafting_request_in_the_chat_gives_a_cited_outline(corpus_service):
    a = corpus_service.ask("Lag et utkast til kapittelet om bo-oppfølging.")
    assert a.mode == "draft" and not a.abstained
    assert (
        "Status og utfordringer" in a.text
        and len({c.municipality for c in a.citations if c.municipality}) >= 2
    )
    assert verbatim(corpus_service, a)


def test_a_question_typed_without_norwegian_letters_is_read_right_and_says_so(corpus_service):
    typed = corpus_service.ask("hvem kan få bostotte?")
    proper = corpus_service.ask("hvem kan få bostøtte?")
    assert not typed.abstained
    assert "Leste «bostotte» som «bostøtte»." in typed.notes
    assert [c.chunk_id for c in typed.citations] == [c.chunk_id for c in proper.citations]


def test_a_follow_up_does_not_repeat_the_note_on_a_word_the_question_before_it_typed(corpus_service):
    first = corpus_service.ask("hvem kan få bostotte?")
    history = [
        {"role": "user", "content": "hvem kan få bostotte?"},
        {"role": "assistant", "content": first.text},
    ]
    later = corpus_service.ask("Og hva med studenter?", history=history)
    assert "Leste «bostotte» som «bostøtte»." in first.notes
    assert not any("bostotte" in n for n in later.notes)


def test_a_slip_in_an_everyday_word_the_synonyms_know_is_read_right(corpus_service):
    # «sosialhjelp» is not the laws' word («økonomisk stønad»), but Planprat knows it
    typed = corpus_service.ask("Har man rett på soisalhjelp når man ikke klarer å forsørge seg selv?")
    proper = corpus_service.ask("Har man rett på sosialhjelp når man ikke klarer å forsørge seg selv?")
    assert "Leste «soisalhjelp» som «sosialhjelp»." in typed.notes
    assert [c.chunk_id for c in typed.citations] == [c.chunk_id for c in proper.citations]
    ascii_typed = corpus_service.ask("Ma NAV gi rad og veiledning om okonomi til folk som sliter?")
    proper = corpus_service.ask("Må NAV gi råd og veiledning om økonomi til folk som sliter?")
    assert [c.chunk_id for c in ascii_typed.citations] == [c.chunk_id for c in proper.citations]


def test_a_municipality_with_a_plan_is_answered_from_its_own_plan(corpus_service):
    b = corpus_service.ask("Hva gjør Halden for flyktninger?")
    assert not b.abstained and {c.municipality for c in b.citations} == {"Halden"}


def test_a_named_municipality_gets_its_own_plan_among_the_hits(corpus_service):
    hits = corpus_service.search("Er Levangers plan helt ny, eller bygger den på en eldre plan?")
    assert "Levanger" in {h.doc.municipality for h in hits[:3]}


def test_figures_for_a_named_municipality_come_only_from_its_own_documents(corpus_service):
    a = corpus_service.ask("Hvor mange flyktninger bosatte Levanger kommune i 2016?")
    assert a.abstained


def test_an_everyday_legal_question_is_answered_from_the_provision_its_heading_names(corpus_service):
    a = corpus_service.ask("Hvor lang oppsigelsesfrist har jeg som leietaker?")
    assert not a.abstained
    assert a.citations[0].law_ref == "husleieloven § 9-6"
    assert a.text.startswith("Oppsigelsesfristen skal være tre måneder")


def test_clearing_the_query_cache_makes_the_next_question_embed_again(corpus_service, monkeypatch):
    calls: list[str] = []
    real = corpus_service.embedder.embed_query
    monkeypatch.setattr(corpus_service.embedder, "embed_query", lambda text: calls.append(text) or real(text))
    corpus_service.clear_query_cache()
    corpus_service.search("Hvem kan få startlån?")
    corpus_service.search("Hvem kan få startlån?")
    assert len(calls) == 1  # the second search reuses the vector
    corpus_service.clear_query_cache()
    corpus_service.search("Hvem kan få startlån?")
    assert len(calls) == 2  # what `bench query` relies on to time every question cold


def test_a_municipality_without_documents_gets_a_plain_no_not_another_plan(corpus_service):
    a = corpus_service.ask("Hva gjør Bergen for flyktninger?")
    assert a.abstained and "Planprat har ingen dokumenter fra Bergen." in a.text and not a.citations
    b = corpus_service.ask("Hvor mange utleieboliger har Trondheim kommune?")
    assert b.abstained and "Planprat har ingen dokumenter fra Trondheim." in b.text


def test_what_the_law_obliges_a_municipality_without_documents_is_still_answered(corpus_service):
    a = corpus_service.ask("Hva plikter Stavanger kommune når noen trenger midlertidig botilbud?")
    assert not a.abstained
    assert a.citations[0].law_ref == "sosialtjenesteloven § 27"
    assert all(c.kind in ("law", "regulation") for c in a.citations)
    assert any("ingen dokumenter fra Stavanger" in n for n in a.notes)


def test_a_law_and_a_number_without_the_paragraph_sign_fetch_that_provision(corpus_service):
    a = corpus_service.ask("sotjl 27")
    assert not a.abstained and a.citations[0].law_ref == "sosialtjenesteloven § 27"
    b = corpus_service.ask("hol. 3-7")  # repealed: said so, not answered from § 7-3
    assert "opphevet" in b.text and "boligsosialloven" in b.text


def test_a_national_scheme_asked_about_for_a_place_without_documents_is_answered_from_the_rules(
    corpus_service,
):
    # bostøtte is the same in Bergen as everywhere: the rules answer, and the answer says so
    a = corpus_service.ask("Kan jeg få bostøtte når jeg bor i Bergen?")
    assert not a.abstained
    assert a.citations[0].law_ref.startswith(("bustøttelova", "bustøtteforskriften"))
    assert all(c.kind in ("law", "regulation") for c in a.citations)
    assert any("ingen dokumenter fra Bergen" in n for n in a.notes)


def test_a_follow_up_about_another_municipality_is_answered_from_that_municipalitys_documents(corpus_service):
    first = "Hva er hovedmålene for det boligsosiale arbeidet i Halden?"
    a = corpus_service.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": a.text}]
    b = corpus_service.ask("Og hva med Bodø?", history=history)
    assert not b.abstained and b.citations
    assert {c.municipality for c in b.citations} == {"Bodø"}  # not a law, not Halden's plan
    assert "Hovedmål" in b.text


def test_a_follow_up_the_municipalitys_documents_do_not_cover_gets_a_plain_no(corpus_service):
    # Bodø's plan never mentions rental flats («utleieboliger»): a law or Halden's plan is not its answer.
    first = "Hva gjør Halden for å skaffe flere utleieboliger?"
    a = corpus_service.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": a.text}]
    b = corpus_service.ask("Og hva gjør Bodø?", history=history)
    assert b.abstained and "Fant ingen tekst om dette fra Bodø." in b.text and not b.citations


def test_measures_against_a_lack_are_what_the_plans_do_not_the_lack_they_state(corpus_service):
    a = corpus_service.ask("Hvilke tiltak har kommunene mot mangel på utleieboliger?")
    quotes = [c.quote for c in a.citations]
    # Indre Østfold: «… klarer ikke å dekke det totale behovet for utleieboliger alene.» and then its measure
    assert any("samarbeide med private utbyggere" in q for q in quotes)
    # not Halden's «… få kommunale utleieboliger …» nor Indre Østfold's lack itself
    assert not any("få kommunale utleieboliger" in q or "klarer ikke" in q for q in quotes)
    assert all(c.kind not in ("law", "regulation") for c in a.citations)
    assert verbatim(corpus_service, a)


def test_a_plan_uploaded_without_a_manifest_answers_for_its_own_municipality(e5_settings, tmp_path):
    from assistant.service import Planprat

    plan = tmp_path / "boligplan.txt"
    plan.write_text(
        "Boligsosial handlingsplan for Trondheim kommune 2022–2025\n\n"
        "Tiltak for flere utleieboliger\n\n"
        "Trondheim kommune skal kjøpe 40 nye kommunale utleieboliger hvert år i planperioden. "
        "Trondheim kommune vil inngå avtaler med private utleiere om innleie av boliger til vanskeligstilte.\n",
        encoding="utf-8",
    )
    other = tmp_path / "rapport.txt"
    other.write_text(
        "Evaluering av boligarbeidet i Halden kommune\n\n"
        "Halden kommune har etablert en ordning med leie til eie. Halden kommune mangler boliger for unge.\n",
        encoding="utf-8",
    )
    service = Planprat(e5_settings)
    report = service.ingest([plan, other])
    assert report.added == 2 and not report.failed
    metas = {m.source: m for m in service.documents()}
    assert (metas["boligplan.txt"].municipality, metas["boligplan.txt"].kind) == ("Trondheim", "plan")
    assert (metas["rapport.txt"].municipality, metas["rapport.txt"].kind) == ("Halden", "report")
    a = service.ask("Hvilke tiltak har Trondheim for flere utleieboliger?")
    assert not a.abstained, a.text
    assert {c.municipality for c in a.citations} == {"Trondheim"}
    b = service.ask("Hvilke tiltak har Bergen for flere utleieboliger?")
    assert b.abstained and "Planprat har ingen dokumenter fra Bergen." in b.text


def test_a_small_index_is_searched_exactly_in_memory_and_follows_each_ingest(e5_settings, tmp_path):
    from assistant.service import Planprat

    first = tmp_path / "plan.txt"
    first.write_text(
        "Boligplan for Levanger kommune\n\nLevanger kommune skal bygge ti nye omsorgsboliger for eldre.\n",
        encoding="utf-8",
    )
    service = Planprat(e5_settings)
    assert service.ingest([first]).added == 1
    chroma = Planprat(e5_settings.model_copy(update={"exact_search_max_chunks": 0}))
    question = "Hvor mange omsorgsboliger skal Levanger bygge?"
    assert [h.chunk.chunk_id for h in service.search(question, k=5)] == [
        h.chunk.chunk_id for h in chroma.search(question, k=5)
    ]
    assert service._exact is not None and chroma._exact is None
    second = tmp_path / "rapport.txt"
    second.write_text(
        "Evaluering av Housing First i Levanger\n\nHousing First ga tolv bostedsløse en varig bolig i 2021.\n",
        encoding="utf-8",
    )
    assert service.ingest([second]).added == 1
    hits = service.search("Hvor mange bostedsløse fikk bolig gjennom Housing First?", k=1, mode="dense")
    assert hits[0].doc.source == "rapport.txt"  # the new chunk is among the vectors held in memory
    assert len(service._exact) == len(service._snapshot().chunk_doc) == 2


def test_a_place_question_is_not_answered_from_the_place_when_only_other_texts_cover_it(corpus_service):
    # A law mentions «ordfører»; nothing from Bodø does.
    a = corpus_service.ask("Hvem er ordfører i Bodø?")
    assert a.abstained and "Fant ingen tekst om dette fra Bodø." in a.text and not a.citations


@pytest.mark.parametrize(
    ("question", "law_ref", "opening"),
    [
        (
            "Hva er formålet med plan- og bygningsloven?",
            "plan- og bygningsloven § 1-1",
            "Loven skal fremme bærekraftig",
        ),
        ("Kva er føremålet med bustøttelova?", "bustøttelova § 1", "Føremålet med den statlege bustøtta"),
        (
            "Hva er hensikten med den statlige bostøtten?",
            "bustøttelova § 1",
            "Føremålet med den statlege bustøtta",
        ),
        (
            "Hva er formålet med sosialhjelp?",
            "sosialtjenesteloven § 1",
            "Formålet med loven er å bedre levekårene",
        ),
    ],
)
def test_the_purpose_of_a_named_law_is_answered_from_its_purpose_provision(
    corpus_service, question, law_ref, opening
):
    a = corpus_service.ask(question)
    assert not a.abstained
    assert a.citations[0].law_ref == law_ref and a.citations[0].quote.startswith(opening)
    assert verbatim(corpus_service, a)


def test_asking_to_raise_the_rent_in_everyday_words_finds_the_rent_adjustment_provision(corpus_service):
    hits = corpus_service.search("Kan utleier øke husleia når han vil?", k=3)
    assert "husleieloven § 4-2" in [h.chunk.law_ref for h in hits]  # «Indeksregulering»


def test_bokmal_bostotte_is_answered_from_the_nynorsk_bustotte_rules(corpus_service):
    a = corpus_service.ask("Kan jeg få bostøtte hvis jeg bor i kommunal bolig?")
    assert not a.abstained
    assert a.citations and all("bustøtte" in (c.law_ref or "") for c in a.citations), a.text


def test_a_nynorsk_tenancy_question_finds_the_notice_period(corpus_service):
    a = corpus_service.ask("Kor lang oppseiingstid har eg når eg leiger?")
    assert not a.abstained
    assert a.citations[0].law_ref == "husleieloven § 9-6"
    assert "tre måneder" in a.text


def test_nynorsk_words_no_document_uses_are_read_in_their_bokmal_form(corpus_service):
    # «tenkje», «bumiljø» and «førebyggjande» are in none of the documents; Levanger writes «bomiljøet» and
    # «forebyggende»
    a = corpus_service.ask("Kvifor vil Levanger tenkje bumiljø inn i det førebyggjande arbeidet?")
    assert not a.abstained
    assert "livskvaliteten bedres for mange" in a.citations[0].quote
    assert "«førebyggjande» som «forebyggende»" in a.notes[0]  # the user is told how the question was read


def test_a_rule_that_names_the_place_asked_about_answers_for_that_place(corpus_service):
    # Tromsø has its own report, but the bustøtte cap for Tromsø is in the regulation, which names it
    a = corpus_service.ask("Får en som bor i Tromsø høyere grense for boutgifter i bostøtten?")
    assert not a.abstained
    assert a.citations[0].law_ref.startswith("bustøtteforskriften § 3")
    assert "Tromsø" in a.citations[0].quote
    # a place the rule does not name is still answered from that place's own documents, or not at all
    b = corpus_service.ask("Får en som bor i Bodø høyere grense for boutgifter i bostøtten?")
    assert all(c.law_ref is None or "Bodø" in c.quote for c in b.citations)


def test_a_nynorsk_question_in_everyday_words_finds_the_provision(corpus_service):
    a = corpus_service.ask(
        "Eg bur på institusjon i ein annan kommune enn der eg budde før. "
        "Kva kommune skal hjelpe meg med bustad etter boligsosiallova?"
    )
    assert a.citations[0].law_ref == "boligsosialloven § 3"
    assert "oppholdskommune forut for inntaket" in a.citations[0].quote
    b = corpus_service.ask(
        "Far min bur på sjukeheim i ein annan kommune enn der han budde før. "
        "Kva kommune skal gi han bustadhjelp etter den nye boligsosiale lova?"
    )
    assert b.citations[0].law_ref == "boligsosialloven § 3"


def test_places_typed_in_lower_case_are_understood(corpus_service):
    first = "hvor mange kommunale boliger har indre østfold"
    a = corpus_service.ask(first)
    assert not a.abstained and "halvparten" in a.citations[0].quote  # the figure leads
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": a.text}]
    b = corpus_service.ask("hva med halden?", history=history)
    assert not b.abstained and {c.municipality for c in b.citations} == {"Halden"}
    c = corpus_service.ask("hva gjør bergen for flyktninger?")
    assert c.abstained and "Planprat har ingen dokumenter fra Bergen." in c.text


@pytest.mark.parametrize("question", ["Hva er depositum?", "Hvor mye kan et depositum være?"])
def test_a_provision_is_read_under_its_heading_and_quoted_from_its_main_rule(corpus_service, question):
    a = corpus_service.ask(question)
    assert not a.abstained
    assert a.citations[0].law_ref.startswith("husleieloven § 3-5")
    assert "oppad begrenset til summen av seks måneders leie" in a.citations[0].quote
    assert "Departementet kan" not in a.text


def test_a_compound_the_documents_never_use_is_answered_by_its_parts(corpus_service):
    a = corpus_service.ask("Hvordan fungerer startlånsordningen?")
    assert not a.abstained
    assert "startlån" in a.citations[0].quote.lower()


def test_the_purpose_of_a_law_without_a_purpose_provision_is_answered_plainly(corpus_service):
    a = corpus_service.ask("Hva er formålet med husleieloven?")
    assert a.abstained and not a.citations
    assert "Husleieloven har ingen egen formålsbestemmelse." in a.text


def test_a_word_spelled_the_other_allowed_way_finds_the_provision(corpus_service):
    # husleieloven writes «framleie»; «fremleie» is as correct
    a = corpus_service.ask("Kan leietaker fremleie leiligheten?")
    assert not a.abstained
    assert all(c.law_ref.startswith("husleieloven § 7-") for c in a.citations)


def test_what_the_law_demands_of_a_plan_is_answered_from_the_law_not_from_the_plans(corpus_service):
    a = corpus_service.ask("Hvilke krav stilles til en reguleringsplan?")
    assert not a.abstained
    assert a.citations[0].law_ref.startswith("plan- og bygningsloven § 12-")


def test_help_from_nav_when_evicted_is_answered_from_the_duty_to_prevent_eviction(corpus_service):
    a = corpus_service.ask("Har jeg krav på hjelp fra Nav hvis jeg blir kastet ut?")
    assert not a.abstained
    assert any("forebygge utkastelse" in c.quote for c in a.citations)


@pytest.mark.parametrize(
    ("question", "law_ref", "words"),
    [
        ("Hva er bostøtte?", "bustøttelova § 1", "låge inntekter og høge buutgifter"),
        ("Hva er Husbanken?", "husbankloven § 1", "Husbanken skal"),
        ("Hva er et depositum?", "husleieloven § 3-5", "deponere et beløp"),
    ],
)
def test_what_is_x_is_answered_by_what_the_law_says_x_is_or_is_for(corpus_service, question, law_ref, words):
    a = corpus_service.ask(question)
    assert not a.abstained
    assert a.citations[0].law_ref.startswith(law_ref) and words in a.citations[0].quote


def test_a_provision_only_the_lexical_ranking_finds_is_still_answered_from(corpus_service):
    # e5 does not place boligsosialloven § 6 among its 60 nearest for this wording; BM25 ranks it first
    a = corpus_service.ask("hvordan jobber kommunen med å forebygge utkastelser")
    assert not a.abstained
    assert a.citations[0].law_ref == "boligsosialloven § 6" and "forebygge utkastelse" in a.citations[0].quote


def test_a_short_follow_up_with_a_definite_noun_is_answered_on_the_topic_before(corpus_service):
    history = [
        {"role": "user", "content": "Hva sier husleieloven om depositum?"},
        {"role": "assistant", "content": corpus_service.ask("Hva sier husleieloven om depositum?").text},
    ]
    a = corpus_service.ask("Hvem får rentene?", history=history)
    assert not a.abstained
    assert a.citations[0].law_ref.startswith("husleieloven § 3-5")  # not Husbanken's interest rates


def test_a_typing_slip_does_not_turn_a_duty_question_into_fant_ikke(corpus_service):
    a = corpus_service.ask("hva plikter komunen når noen trenger midlertidig botilbud")
    assert not a.abstained and a.citations[0].law_ref == "sosialtjenesteloven § 27"
    assert any("«komunen» som «kommunen»" in n for n in a.notes)


EIERSEKSJONSLOVEN = """Lov om eierseksjoner (eierseksjonsloven)

Kapittel 1. Innledende bestemmelser

§ 1. Lovens formål

Loven skal legge til rette for at eiendommer kan deles i eierseksjoner.

§ 2. Hva en eierseksjon er

En eierseksjon er en sameieandel i en eiendom med enerett til å bruke en bruksenhet.

Kapittel 2. Bruk av bruksenheten

§ 24. Korttidsutleie

En seksjonseier kan leie ut boligseksjonen sin til korttidsutleie i inntil 90 døgn per år.
"""


def test_a_law_added_without_a_manifest_is_read_as_a_law_and_looked_up_by_name_and_paragraph(
    e5_settings, tmp_path
):
    from assistant.service import Planprat

    law = tmp_path / "eierseksjonsloven.txt"
    law.write_text(EIERSEKSJONSLOVEN, encoding="utf-8")
    service = Planprat(e5_settings)
    assert service.ingest([law]).added == 1
    (meta,) = service.documents()
    assert (meta.kind, meta.law_short, meta.municipality) == ("law", "eierseksjonsloven", None)
    a = service.ask("Hva sier eierseksjonsloven § 24?")
    assert not a.abstained and a.citations[0].law_ref == "eierseksjonsloven § 24"
    assert "90 døgn" in a.citations[0].quote
    purpose = service.ask("Hva er formålet med eierseksjonsloven?")
    assert purpose.citations[0].law_ref == "eierseksjonsloven § 1"


def test_a_paragraph_the_named_law_lacks_is_said_to_be_missing_on_the_command_line(
    corpus_settings, monkeypatch
):
    from typer.testing import CliRunner

    from planprat import settings as settings_mod
    from planprat.cli import app

    monkeypatch.setenv("PLANPRAT_DATA_DIR", str(corpus_settings.data_dir))
    settings_mod.get_settings.cache_clear()
    try:
        missing = CliRunner().invoke(app, ["ask", "Hva sier boligsosialloven § 15?"])
        bare = CliRunner().invoke(app, ["ask", "Hva sier § 27?"])
    finally:
        settings_mod.get_settings.cache_clear()
    assert missing.exit_code == bare.exit_code == 0
    text = " ".join(missing.output.split())
    assert "Boligsosialloven har ingen § 15 (den har § 1 til § 12)." in text
    assert "Kilder" not in text  # nothing quoted from sosialtjenesteloven § 15
    text = " ".join(bare.output.split())
    assert "Sosialtjenesteloven § 27" in text
    assert "Merk: § 27 finnes i flere lover og forskrifter (folkehelseloven og sosialtjenesteloven)" in text


def test_a_law_name_typed_a_letter_off_is_read_as_the_law_and_says_so(corpus_service):
    a = corpus_service.ask("Hva sier sosialtjenestloven om midlertidig botilbud?")
    assert not a.abstained
    assert a.citations[0].law_ref == "sosialtjenesteloven § 27"
    assert "Leste «sosialtjenestloven» som «sosialtjenesteloven»." in a.notes


def test_a_chapter_asked_for_by_number_is_listed_by_its_provisions(corpus_service):
    a = corpus_service.ask("Hva står i husleieloven kapittel 9?")
    refs = [c.law_ref for c in a.citations]
    assert refs[0] == "husleieloven § 9-1" and refs[-1] == "husleieloven § 9-11" and len(refs) == 12
    assert all(ref.startswith("husleieloven § 9-") for ref in refs)
    assert a.text.startswith("Kapittel 9. Leieforholdets varighet – opphør (husleieloven):")
    assert "«§ 9-6. Oppsigelsesfrist»" in a.text
    # a question about something in the chapter is answered from its text, not with the list
    b = corpus_service.ask("Hva sier husleieloven kapittel 9 om oppsigelsesfrist?")
    assert b.citations[0].law_ref.startswith("husleieloven § 9-6")


def test_a_repealed_provision_asked_about_by_its_topic_is_answered_as_repealed_with_what_replaced_it(
    corpus_service,
):
    a = corpus_service.ask("Hva sier helse- og omsorgstjenesteloven om boliger til vanskeligstilte?")
    assert a.text.startswith(
        "Helse- og omsorgstjenesteloven § 3-7 (boliger til vanskeligstilte) ble opphevet"
    )
    assert a.citations[0].law_ref == "helse- og omsorgstjenesteloven § 3-7"
    assert {c.law_ref for c in a.citations[1:]} <= {"boligsosialloven § 5", "boligsosialloven § 6"}
    assert verbatim(corpus_service, a)


@pytest.mark.parametrize(
    "question, law_ref",
    [
        ("Jeg har ikke noe sted å sove i natt, må Nav hjelpe meg?", "sosialtjenesteloven § 27"),
        ("Kan jeg leie ut et rom i leiligheten min uten å spørre utleier?", "husleieloven § 7-3"),
        ("Leiligheten har mugg og utleier gjør ingenting – hva kan jeg kreve?", "husleieloven § 2-10"),
        ("Kan Nav gi meg penger til mat og strøm når jeg ikke har noen inntekt?", "sosialtjenesteloven § 18"),
        # «kva dato» asks for a day, and money that comes «inn på kontoen» is «utbetalt»
        ("Kva dato kjem bustøtta inn på kontoen kvar månad?", "bustøtteforskriften § 13"),
        # the law says «personer som har søkt om beskyttelse», not «asylsøkere»
        ("Gjelder boligsosialloven for asylsøkere?", "boligsosialloven § 2"),
        # a «kjæreste» who moves in is the law's «samboer» taken into the «husstand»
        ("Må jeg spørre utleieren før kjæresten min flytter inn hos meg?", "husleieloven § 7-1"),
        # what is «vanlig for liknende leiligheter» is the law's «gjengs leie»
        ("Kan utleier kreve markedsleie etter noen år?", "husleieloven § 4-3"),
        # an oral notice is answered by the rule that it must be written; «si meg opp» is «oppsigelse»
        ("Kan utleieren si meg opp muntlig?", "husleieloven § 9-7"),
        # «mannen min er død» is the spouse's right when the tenant «dør»
        ("Mannen min er død og sto på leieavtalen. Kan jeg bo videre?", "husleieloven § 8-2"),
        # what the municipality may order is its own power, not what the tenant may demand of the landlord
        ("Kan kommunen gi huseieren pålegg om å fikse fukt og mugg?", "folkehelseloven § 14"),
        # a quarrel is a «tvist», which the Husleietvistutvalget hears, not the forliksråd
        ("Kan jeg ta krangelen om depositumet til forliksrådet?", "husleieloven § 12-5"),
    ],
)
def test_everyday_words_for_what_the_laws_call_otherwise_find_the_provision(
    corpus_service, question, law_ref
):
    a = corpus_service.ask(question)
    assert not a.abstained and a.citations[0].law_ref.startswith(law_ref)


@pytest.mark.parametrize(
    "question, law_ref, words",
    [
        (
            "Kan jeg klage på vedtak om midlertidig botilbud?",
            "sosialtjenesteloven § 47",
            "påklages til statsforvalteren",
        ),
        ("Kan jeg klage på avslag om startlån?", "forskrift om lån fra Husbanken § 7-9", "klageadgang"),
    ],
)
def test_can_i_appeal_is_answered_by_the_laws_appeal_rule(corpus_service, question, law_ref, words):
    a = corpus_service.ask(question)
    assert a.citations[0].law_ref == law_ref and words in a.citations[0].quote
    assert all(c.law_ref and not c.law_ref.startswith("plan- og bygningsloven") for c in a.citations)


def test_can_i_appeal_quotes_the_appeal_ledd_of_the_provision_on_the_decision(corpus_service):
    a = corpus_service.ask("Kan jeg klage hvis kommunen sier nei til å hjelpe meg med bolig?")
    assert "Ved klage over enkeltvedtak er statsforvalteren klageinstans." in [c.quote for c in a.citations]


def test_an_appeal_question_two_turns_on_still_gets_the_appeal_rule_of_the_law_talked_about(corpus_service):
    history = []
    for q in ("Har kommunen plikt til å skaffe meg midlertidig botilbud?", "Hvor lenge kan jeg bo der?"):
        a = corpus_service.ask(q, history=history)
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": a.text}]
    b = corpus_service.ask("Kan jeg klage?", history=history)
    assert b.citations[0].law_ref == "sosialtjenesteloven § 47"


def test_a_follow_up_asking_to_appeal_gets_the_appeal_rule_of_the_law_talked_about(corpus_service):
    first = "Har kommunen plikt til å skaffe meg midlertidig botilbud?"
    a = corpus_service.ask(first)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": a.text}]
    b = corpus_service.ask("Kan jeg klage hvis jeg får avslag?", history=history)
    assert b.citations[0].law_ref == "sosialtjenesteloven § 47"


@pytest.mark.parametrize(
    ("question", "law_ref", "words"),
    [
        # a tenant's own words for what husleieloven names otherwise
        (
            "Naboen spiller høy musikk hver natt, og vi leier av samme huseier. Må huseieren gjøre noe med bråket?",
            "husleieloven § 5-2",
            "ro og orden",
        ),
        ("Kan jeg ha hund i leiligheten selv om det står forbudt i kontrakten?", "husleieloven § 5-2", "dyr"),
        # «drikker» is what helse- og omsorgstjenesteloven calls «rusmiddelmisbruk»
        (
            "Broren min drikker mye og vil ikke ta imot hjelp. Kan jeg som pårørende si fra til kommunen?",
            "helse- og omsorgstjenesteloven § 10-1",
            "melding fra pårørende om omfattende rusmiddelmisbruk",
        ),
    ],
)
def test_everyday_words_find_the_provision_that_names_the_thing_otherwise(
    corpus_service, question, law_ref, words
):
    a = corpus_service.ask(question)
    assert not a.abstained
    assert any(c.law_ref.startswith(law_ref) and words in c.quote for c in a.citations)


def test_a_name_in_the_situation_told_is_a_detail_not_what_is_asked(corpus_service):
    question = (
        "Jeg kommer fra Eritrea og søker sosialhjelp for familien. "
        "Blir barnetrygden regnet med når NAV finner ut hvor mye vi får?"
    )
    a = corpus_service.ask(question)
    # neither «Dokumentene nevner ikke «Eritrea»» nor «oppgir ikke tallet»: the question asks yes or no
    assert not a.abstained, a.text
    assert any("ikke tas hensyn til barnetrygd" in c.quote for c in a.citations)
    # asked about, the name still counts: a plan the documents do not hold is not answered
    b = corpus_service.ask("Hva sier Eritreas boligplan om barnetrygd?")
    assert b.abstained


def test_a_provisions_first_sentence_leads_only_when_it_holds_something_asked(corpus_service):
    # § 5-3 opens with «Kommunen kan gi lån til a. kjøp av bolig …», which says nothing about what is asked
    question = (
        "Vi har lyst på en stor enebolig med sjøutsikt som koster mye mer enn vanlige hus her i bygda. "
        "Kan vi få startlån fra kommunen til den?"
    )
    a = corpus_service.ask(question)
    assert not a.abstained
    assert "nøktern og rimelig sammenliknet med prisnivået" in a.citations[0].quote


def test_not_telling_nav_of_a_change_is_the_rule_on_withheld_information(corpus_service):
    a = corpus_service.ask(
        "Jeg sa ikke fra til NAV at jeg fikk ny jobb, og fikk for mye sosialhjelp. Må jeg betale tilbake?"
    )
    assert not a.abstained
    assert a.citations[0].law_ref.startswith("sosialtjenesteloven § 23")  # not § 21 on the forms of support


def test_a_debt_let_go_is_found_in_nynorsk_words(corpus_service):
    a = corpus_service.ask(
        "Eg har ei gammal gjeld til Husbanken etter eit lån, men eg er ufør og har ingenting å betale med. "
        "Kan Husbanken sleppe kravet heilt?"
    )
    assert not a.abstained
    assert a.citations[0].law_ref.startswith("husbankloven § 9")  # «Ettergjeving av krav»


def test_a_planners_word_for_a_measure_finds_the_plans_word_for_it(corpus_service):
    # Halden's plan says «omsorgsteknologi» for what planners now call «velferdsteknologi»
    a = corpus_service.ask("Har kommunene planer om velferdsteknologi i boligene?")
    assert not a.abstained
    assert "omsorgsteknologi" in a.citations[0].quote
    assert verbatim(corpus_service, a)


def test_a_planner_asking_for_measures_against_a_lack_gets_each_plans_measures_not_its_status(
    e5_settings, tmp_path
):
    from assistant.service import Planprat

    status = (
        "## 2 Status og utfordringer\n\n### 2.1 Kommunale utleieboliger\n\n"
        "Det er stor mangel på utleieboliger i {p}. Mange av utleieboligene er gamle.\n\n"
        "### 2.2 Venteliste\n\nVentelisten for kommunale utleieboliger i {p} er lang, og mangelen øker.\n\n"
    )
    plans = {
        "Sandnes": ("Boligsosial handlingsplan for Sandnes kommune 2025–2028", "4.1 Flere egnede boliger",
                    "- Kjøpe 30 nye kommunale boliger i perioden.\n- Selge 10 lite egnede boliger.\n"),
        "Voss": ("Bustadsosial plan for Voss herad 2024–2027", "4.1 Fleire eigna bustader",
                 "- Heradet skal byggje 12 nye utleigebustader i planperioden.\n"),
    }  # fmt: skip
    for place, (title, heading, points) in plans.items():
        (tmp_path / f"{place.lower()}.md").write_text(
            f"# {title}\n\n{status.format(p=place)}## 4 Tiltak\n\n### {heading}\n\n{points}", encoding="utf-8"
        )
    service = Planprat(e5_settings)
    assert service.ingest(sorted(tmp_path.glob("*.md"))).added == 2
    a = service.ask("Hvilke tiltak har kommunene mot mangel på utleieboliger?")
    quotes = " ".join(c.quote for c in a.citations)
    assert "Kjøpe 30 nye kommunale boliger i perioden." in quotes
    assert "Heradet skal byggje 12 nye utleigebustader i planperioden." in quotes
    assert "mangel" not in quotes and "Ventelisten" not in quotes


@pytest.mark.parametrize(
    "question, law_ref, words",
    [
        # a sold building is «eierskifte» in husleieloven
        (
            "Gården jeg leier i er solgt. Gjelder leiekontrakten min for den nye eieren?",
            "husleieloven § 8-6",
            "eierskifte",
        ),
        # a day service for someone with dementia is «dagaktivitetstilbud» in helse- og omsorgstjenesteloven
        (
            "Mor mi har demens og bur heime åleine. Har kommunen plikt til å ha eit dagtilbod for folk som ho?",
            "helse- og omsorgstjenesteloven § 3-2",
            "Dagaktivitetstilbud",
        ),
    ],
)
def test_everyday_words_find_the_provision_that_uses_the_laws_word(corpus_service, question, law_ref, words):
    a = corpus_service.ask(question)
    assert not a.abstained, a.text
    assert a.citations[0].law_ref.startswith(law_ref) and words in a.text


def test_whether_everyone_had_to_agree_is_answered_by_the_reports_word_for_it(corpus_service):
    a = corpus_service.ask(
        "Tok de i Tromsø-prosjektet beslutningene ved flertall, eller måtte alle bli enige?"
    )
    assert not a.abstained and "prinsippet om konsensus" in a.citations[0].quote


def test_the_purpose_of_a_plan_asked_in_nynorsk_is_its_bokmal_formaalet(corpus_service):
    a = corpus_service.ask("Kva er føremålet med den nye bustadsosiale handlingsplanen til Levanger?")
    assert not a.abstained and a.citations[0].quote.startswith("Formålet med planen vil derfor være")


def test_a_named_municipalitys_measures_are_found_in_its_table_of_measures(corpus_service):
    # Halden's plan writes «rusbrukere» in a table of measures deep in a flat plan; the passages that match
    # «rusavhengige» best describe the problem
    a = corpus_service.ask("Hvilke tiltak har Halden for rusavhengige?")
    assert not a.abstained, a.text
    assert {c.municipality for c in a.citations} == {"Halden"}
    assert a.citations[0].quote.startswith("4.4.2: Tiltak: Boliger for rusbrukere")


def test_what_a_scheme_is_meant_for_is_answered_from_its_chapters_purpose_provision(corpus_service):
    # startlån has no law of its own: its purpose is § 5-1 of the Husbank loan regulation («Kapittel 5. Startlån»)
    a = corpus_service.ask("Hva er startlånet ment å hjelpe folk med?")
    assert not a.abstained
    assert a.citations[0].quote.startswith("Startlån skal bidra til at personer med langvarige"), a.text


def test_a_client_with_nowhere_to_sleep_tonight_finds_the_duty_to_find_temporary_shelter(corpus_service):
    a = corpus_service.ask(
        "har en bruker som blir kastet ut i dag og har ingen steder å sove. er nav forplikta til å skaffe "
        "han et sted å bo ikveld?"
    )
    assert not a.abstained and a.citations[0].law_ref == "sosialtjenesteloven § 27", a.text


def test_an_abbreviation_the_laws_spell_out_is_no_unknown_name(corpus_service):
    # «KVP» is «kvalifiseringsprogram»: not «Dokumentene nevner ikke «KVP»»
    hits = corpus_service.search("Hvem har rett til KVP?", k=5)
    assert "sosialtjenesteloven § 29" in [h.chunk.law_ref for h in hits]
    a = corpus_service.ask("Hvem har rett til KVP?")
    assert "KVP" not in a.text.split("\n")[0], a.text


def test_a_bokmal_question_about_a_place_finds_its_nynorsk_plans_measures(e5_settings, tmp_path):
    from assistant.service import Planprat

    plan = tmp_path / "kvinnherad-bustadplan.html"
    background = "".join(
        f"<p>Kvinnherad har {n} kommunale bustader i {place}, og mange leigetakarar bur der lenge.</p>"
        for n, place in ((40, "Husnes"), (30, "Rosendal"), (12, "Uskedalen"), (9, "Ølve"))
    )
    plan.write_text(
        "<html><head><title>Bustadsosial handlingsplan 2023–2027 – Kvinnherad kommune</title></head><body>"
        "<h1>Bustadsosial handlingsplan 2023–2027 – Kvinnherad kommune</h1><h2>3. Bustadmarknaden</h2>"
        f"{background}<p>Det er få bustader til sals for dei som leiger og vil eige sjølv.</p>"
        "<h2>7. Tiltak</h2><ol><li>Åtte eldre kommunale bustader skal seljast, og salsinntektene skal nyttast "
        "til kjøp av mindre bustader i tettstadene.</li><li>Kommunen skal innføre ei ordning med leige til eige, "
        "der inntil fem leigetakarar kvart år kan få kjøpe bustaden dei leiger.</li></ol></body></html>",
        encoding="utf-8",
    )
    service = Planprat(e5_settings)
    assert service.ingest([plan]).added == 1
    a = service.ask("Hva gjør Kvinnherad for at flere som leier skal kunne kjøpe sin egen bolig?")
    assert not a.abstained, a.text
    assert "kan få kjøpe bustaden dei leiger" in a.citations[0].quote, a.text


def test_a_section_named_by_its_heading_is_found_but_never_past_the_filters(e5_settings, tmp_path):
    from assistant.service import Planprat

    report = tmp_path / "ullensaker-bo-trygt.html"
    filler = "".join(
        f"<p>Teamet hadde {n} møter med namsmannen i {y}.</p>" for n, y in ((4, 2021), (6, 2022))
    )
    report.write_text(
        "<html><body><h1>Evaluering av prosjektet Bo trygt – Ullensaker kommune</h1>"
        f"<h2>5. Hva fungerte godt</h2><p>Hjemmebesøk innen fem virkedager ga kontakt med husstandene.</p>{filler}"
        "<h2>6. Hva fungerte ikke</h2><p>Samarbeidet med private utleiere kom sent i gang.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    plan = tmp_path / "hamar-plan.txt"
    plan.write_text(
        "Temaplan bolig – Hamar kommune\n\nTiltak\n\nHamar kommune skal etablere et Housing First-team i 2025.\n",
        encoding="utf-8",
    )
    service = Planprat(e5_settings)
    assert service.ingest([report, plan]).added == 2
    question = "Hva fungerte ikke med Bo trygt?"
    assert any("private utleiere" in h.chunk.text for h in service.search(question, k=3))
    kept = service.search(question, k=5, filters=Filters(municipalities=("Hamar",)))
    assert kept and all(h.doc.municipality == "Hamar" for h in kept)


def test_what_a_plan_must_contain_is_quoted_from_the_sentence_on_what_it_shall_cover(corpus_service):
    a = corpus_service.ask("Hva skal den kommunale planstrategien inneholde etter pbl. § 10-1?")
    quotes = [c.quote for c in a.citations]
    assert any(q.startswith("Planstrategien bør omfatte en drøfting") for q in quotes), quotes
    # and «Hvilke deler skal kommuneplanen bestå av?» is § 11-1's «… omfatter samfunnsdel med handlingsdel og arealdel»
    a = corpus_service.ask("Hvilke deler skal kommuneplanen bestå av?")
    assert "samlet kommuneplan som omfatter samfunnsdel med handlingsdel og arealdel" in a.citations[0].quote


def test_a_law_question_after_one_on_a_municipality_is_answered_from_the_law_when_the_place_has_nothing(
    corpus_service,
):
    # «vurdert» of the question before makes it a follow-up on Bodø; nothing from Bodø says it, the law does
    history = [
        {"role": "user", "content": "Hva vurderte Bodø kommune som de største utfordringene?"},
        {"role": "assistant", "content": "Bodøs første helhetlige plan for boligpolitikken …"},
    ]
    a = corpus_service.ask(
        "Jeg fikk avslag på bostøtte fordi inntekten var for høy, men nå har jeg mistet jobben. "
        "Må jeg sende ny søknad, eller blir den vurdert igjen?",
        history=history,
    )
    assert not a.abstained, a.text
    assert any("prøvast på nytt" in c.quote for c in a.citations), [c.quote for c in a.citations]
    assert all(c.kind in ("law", "regulation") for c in a.citations)
