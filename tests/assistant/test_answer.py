"""The extractive answerer: verbatim, cited sentences, grouped the way users read them, or a plain «fant ikke»."""

from __future__ import annotations

import re

import pytest

from assistant.answer import (
    ABSTAIN_TEXT,
    _answer_sentences,
    answer_extractive,
    coverage,
    evidence_score,
    question_terms,
    sentence_spans,
)
from planprat.models import Chunk, DocumentMeta, Hit

pytestmark = pytest.mark.unit

BODO = DocumentMeta(
    "bodo-plan", "Helhetlig boligpolitisk handlingsplan", "bodo.txt", kind="plan", municipality="Bodø"
)
HALDEN = DocumentMeta(
    "halden-plan", "Boligsosialt utviklingsprogram", "halden.txt", kind="plan", municipality="Halden"
)
SOTJL = DocumentMeta("sotjl", "Sosialtjenesteloven", "sotjl.txt", kind="law", law_short="sosialtjenesteloven")
HOL = DocumentMeta(
    "hol", "Helse- og omsorgstjenesteloven", "hol.txt", kind="law", law_short="helse- og omsorgstjenesteloven"
)


def hit(
    doc, text, n=0, retriever="hybrid", law_ref=None, law=None, paragraph=None, section=("Tiltak",), page=None
):
    chunk = Chunk(f"{doc.doc_id}-{n}", doc.doc_id, text, n, section, page, None, law_ref, law, paragraph)
    return Hit(chunk, doc, 1.0 / (n + 1), retriever)


HLL = DocumentMeta("hll", "Husleieloven", "hll.txt", kind="law", law_short="husleieloven")
HUSBANKEN = DocumentMeta("hb", "Husbankloven", "hb.txt", kind="law", law_short="husbankloven")
DRAMMEN = DocumentMeta("drammen", "Boligsosial handlingsplan", "d.pdf", kind="plan", municipality="Drammen")


def bodo_quote(question: str, text: str, *section: str) -> str:
    """The first quote of the answer to `question` from one passage of Bodø's plan under `section`; the
    question must be answered."""
    a = answer_extractive(question, [hit(BODO, text, section=(BODO.title, *section))])
    assert not a.abstained, a.text
    return a.citations[0].quote


def drammen_status(sentence: str) -> Hit:
    """A sentence of Drammen's status chapter, «3 Status og utfordringer › 3.1 Kommunale utleieboliger»."""
    heads = ("3 Status og utfordringer", "3.1 Kommunale utleieboliger")
    return hit(DRAMMEN, f"{heads[0]}\n\n{heads[1]}\n\n{sentence}", 0, section=(DRAMMEN.title, *heads))


def provision(doc, text, paragraph, heading, n=0):
    """A whole provision of `doc`'s law (`paragraph` «§ 8»), read under its `heading`."""
    law = doc.law_short
    return hit(doc, text, n, law_ref=f"{law} {paragraph}", law=law, paragraph=paragraph, section=(heading,))


def depositum(n, text, ledd=""):
    """A piece of husleieloven § 3-5, read under its heading «§ 3-5. Depositum»."""
    ref = f"husleieloven § 3-5 {ledd}".strip()
    return hit(
        HLL, text, n, law_ref=ref, law="husleieloven", paragraph="§ 3-5", section=("§ 3-5. Depositum",)
    )


# made-up municipalities of a blind probe: slides from Fjellbu, nynorsk guidelines from Ospedal
FJELLBU = DocumentMeta(
    "fjellbu", "Boligsosialt arbeid i Fjellbu", "f.pdf", kind="plan", municipality="Fjellbu"
)
OSPEDAL = DocumentMeta(
    "osp", "Retningsliner for tildeling", "o.docx", kind="guideline", municipality="Ospedal"
)
STARTLAN = DocumentMeta("startlan", "Forskrift om startlån", "s.txt", kind="regulation", law_short="startlån")


def weighed(weights: dict[str, float], default: float):
    """An idf function with the real corpus's proportions: `weights` by word (stemmed as the answerer
    stems), every other stem `default`."""
    from assistant.answer import _stem

    by_stem = {_stem(w): f for w, f in weights.items()}
    return lambda stems: {s: by_stem.get(s, default) for s in stems}


LIST_HITS = [
    hit(
        BODO,
        "Kommunen skal kjøpe 20 nye utleieboliger i sentrum. Tiltaket følges opp av boligkontoret.",
        0,
        page=12,
    ),
    hit(
        BODO,
        "Bodø kommune vil også inngå avtaler om innleie av private utleieboliger for vanskeligstilte.",
        1,
        page=13,
    ),
    hit(BODO, "Kommunen vil vurdere flere utleieboliger i distriktene dersom det blir behov.", 2, page=14),
    hit(
        HALDEN,
        "Halden kommune etablerer en ordning der leietakere kan kjøpe utleieboligen de bor i (leie til eie).",
        3,
        page=6,
    ),
    hit(
        SOTJL,
        "§ 15. Boliger til vanskeligstilte\n\nKommunen skal bistå vanskeligstilte på boligmarkedet.",
        4,
        law_ref="sosialtjenesteloven § 15",
        law="sosialtjenesteloven",
        paragraph="§ 15",
    ),
]


def markers(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"\[(\d+)\]", text)]


def test_every_citation_quotes_its_chunk_verbatim_and_every_marker_has_a_citation():
    a = answer_extractive(
        "Hvilke tiltak har kommunene mot mangel på utleieboliger?", LIST_HITS, intent="list"
    )
    assert not a.abstained and a.citations
    chunks = {h.chunk.chunk_id: h.chunk.text for h in LIST_HITS}
    for c in a.citations:
        assert c.quote in chunks[c.chunk_id]
        assert c.quote in a.text  # the statement is the quoted sentence
    assert sorted(set(markers(a.text))) == [c.n for c in a.citations]


def test_list_answers_are_grouped_by_municipality_and_spread_over_documents():
    a = answer_extractive(
        "Hvilke tiltak har kommunene mot mangel på utleieboliger?", LIST_HITS, intent="list"
    )
    munis = {c.municipality for c in a.citations}
    assert {"Bodø", "Halden"} <= munis
    assert sum(1 for c in a.citations if c.doc_id == "bodo-plan") <= 2
    assert "Bodø – Helhetlig boligpolitisk handlingsplan:" in a.text and "Halden – " in a.text
    # what the municipalities do: the plans answer, not the law that frames it
    assert all(c.kind == "plan" for c in a.citations)


def test_citations_carry_document_section_and_page():
    a = answer_extractive(
        "Hvilke tiltak har kommunene mot mangel på utleieboliger?", LIST_HITS, intent="list"
    )
    first = next(c for c in a.citations if c.doc_id == "halden-plan")
    assert (first.doc_title, first.section, first.page) == ("Boligsosialt utviklingsprogram", "Tiltak", 6)


def test_legal_answers_quote_the_provision_under_its_reference():
    hits = [
        hit(
            SOTJL,
            "§ 27. Midlertidig botilbud\n\nKommunen er forpliktet til å finne midlertidig botilbud for dem som ikke klarer det selv.",
            0,
            retriever="legal",
            law_ref="sosialtjenesteloven § 27",
            law="sosialtjenesteloven",
            paragraph="§ 27",
        ),
        *LIST_HITS[:2],
    ]
    a = answer_extractive("Hva plikter kommunen etter sotjl. § 27?", hits, intent="legal")
    assert a.citations[0].law_ref == "sosialtjenesteloven § 27"
    assert "Sosialtjenesteloven § 27:\n• «Kommunen er forpliktet til å finne midlertidig botilbud" in a.text


def test_a_repealed_provision_is_answered_as_repealed_naming_what_replaced_it():
    hits = [
        hit(
            HOL,
            "§ 3-7. (Opphevet)\n\nOpphevet ved lov 20 des 2022 nr. 121 (ikr. 1 juli 2023).",
            0,
            retriever="legal",
            law_ref="helse- og omsorgstjenesteloven § 3-7",
            law="helse- og omsorgstjenesteloven",
            paragraph="§ 3-7",
        ),
        hit(
            SOTJL,
            "§ 15. Boliger til vanskeligstilte\n\nKommunen skal bistå vanskeligstilte på boligmarkedet etter boligsosialloven.",
            1,
            law_ref="sosialtjenesteloven § 15",
            law="sosialtjenesteloven",
            paragraph="§ 15",
        ),
    ]
    a = answer_extractive("Hva sier hol § 3-7 om boliger til vanskeligstilte?", hits, intent="legal")
    assert not a.abstained
    assert a.text.startswith(
        "Helse- og omsorgstjenesteloven § 3-7 (boliger til vanskeligstilte) ble opphevet fra 1. juli 2023"
    )
    assert "boligsosialloven" in a.text and any("opphevet" in n for n in a.notes)
    assert a.citations[0].quote == "§ 3-7. (Opphevet)"


def test_a_changed_provision_is_cited_by_its_first_sentence_once_not_by_its_heading():
    sotjl_15 = hit(
        SOTJL,
        "§ 15. Boliger til vanskeligstilte\n\nKommunen skal bistå vanskeligstilte på boligmarkedet etter "
        "boligsosialloven.\n\nKommunen i arbeids- og velferdsforvaltningen skal medvirke i det boligsosiale arbeidet.",
        retriever="legal",
        law_ref="sosialtjenesteloven § 15",
        law="sosialtjenesteloven",
        paragraph="§ 15",
    )
    a = answer_extractive("Hva sier sosialtjenesteloven § 15 i dag?", [sotjl_15], intent="legal")
    quotes = [c.quote for c in a.citations]
    assert quotes[0] == "Kommunen skal bistå vanskeligstilte på boligmarkedet etter boligsosialloven."
    assert len(quotes) == len(set(quotes))


def test_unrelated_question_abstains_and_shows_nearest_passages_without_citations():
    a = answer_extractive("Hvordan søker jeg om fiskekvote for makrell i Lofoten?", LIST_HITS, intent="fact")
    assert a.abstained and a.citations == ()
    assert a.text.startswith(ABSTAIN_TEXT)
    assert "Kanskje relevant:" in a.text and "Helhetlig boligpolitisk handlingsplan" in a.text


def test_a_law_that_is_not_in_the_documents_is_named_in_the_abstention():
    a = answer_extractive(
        "Hva sier arbeidsmiljøloven om overtid for ansatte på boligkontoret?", LIST_HITS, intent="legal"
    )
    assert a.abstained and "Arbeidsmiljøloven er ikke blant dokumentene" in a.text


def test_a_number_the_documents_do_not_give_is_not_made_up():
    a = answer_extractive("Hvor mange utleieboliger har Halden kommune i dag?", LIST_HITS[3:4], intent="fact")
    assert a.abstained and "oppgir ikke tallet" in a.text
    b = answer_extractive("Hvor mange nye utleieboliger skal Bodø kjøpe?", LIST_HITS[:2], intent="fact")
    assert not b.abstained and "20 nye utleieboliger" in b.citations[0].quote


def test_a_year_the_question_names_must_be_in_the_evidence():
    with_year = evidence_score("Hvor mange utleieboliger kjøpte Bodø i 2012?", LIST_HITS[:1])
    without = evidence_score("Hvor mange utleieboliger kjøpte Bodø?", LIST_HITS[:1])
    assert with_year < without


def test_no_hits_means_no_answer():
    assert answer_extractive("Hva er boligsosialt arbeid?", [], intent="fact").abstained


def test_sentences_split_at_full_stops_but_not_at_abbreviations():
    text = "Kommunen skal bl.a. kjøpe boliger, jf. § 27 nr. 2. Tiltaket starter i 2024. Se f.eks. vedlegg 3.\n– Punkt i en liste"
    parts = [text[a:b] for a, b in sentence_spans(text)]
    assert parts == [
        "Kommunen skal bl.a. kjøpe boliger, jf. § 27 nr. 2.",
        "Tiltaket starter i 2024.",
        "Se f.eks. vedlegg 3.",
        "Punkt i en liste",  # the bullet is not part of the quote
    ]


def test_a_name_the_documents_use_in_another_inflection_is_known_one_they_never_use_is_not():
    from assistant.answer import unknown_names

    rule = "Vilkåret om bopel gjelder ikke for EØS-borgere og deres familiemedlemmer med lovlig opphold."
    stats = stats_for([rule, "Kommunen skal gi opplysning, råd og veiledning."])
    # the stemmer makes «borgere» «borger» but «borger» «borg»: the singular is still known
    assert unknown_names("Har en EØS-borger krav på sosialhjelp?", stats) == []
    assert unknown_names("Har en Airbnb-utleier krav på sosialhjelp?", stats) == ["Airbnb-utleier"]


def test_a_name_the_documents_never_use_is_named_whole_in_the_refusal():
    stats = stats_for(["Kommunen skal gi opplysning, råd og veiledning om bolig."])
    hits = [hit(HALDEN, "Kommunen skal gi opplysning, råd og veiledning om bolig.", 0)]
    for question in ("Housing First", "Hva sier planene om Housing First?"):
        a = answer_extractive(question, hits, stats=stats)
        assert a.abstained and "Dokumentene nevner ikke «Housing First»." in a.text
    a = answer_extractive("Kan Airbnb-utleie gi bolig?", hits, stats=stats)  # «Kan» asks, it is no name
    assert "Dokumentene nevner ikke «Airbnb-utleie»." in a.text


def test_a_place_typed_in_lower_case_that_no_document_names_is_an_unknown_name():
    from assistant.answer import unknown_names

    rule = "Vedtak om tildeling av kommunal bolig kan påklages innen tre uker i planperioden."
    stats = stats_for([rule, "Kommunen skal gi opplysning, råd og veiledning."])
    assert unknown_names("hvor lang klagefrist har man på vedtak om kommunal bolig i lundmo", stats) == [
        "Lundmo"
    ]
    assert unknown_names("hvor mange kommunale boliger har lundmo?", stats) == ["Lundmo"]
    assert unknown_names("hvor mange kommunale boliger har lundmo kommune", stats) == ["Lundmo"]
    # words, not names: an inflected form, a nynorsk spelling, a compound of words the documents use, an
    # everyday word, and a rare word that names no place («… om bolig lundmo» has no «i»)
    for question in (
        "Hvor mye skal kommunen bygge i planperioden?",
        "Kva tilrår evalueringa at kommunen gjer vidare?",
        "Hvor mange boliger har tildelingsvedtak?",
        "Hvor mye koster det å bo i kollektivet?",
        "hvor lang klagefrist har man på vedtak om bolig lundmo",
    ):
        assert unknown_names(question, stats) == [], question


def test_a_sentence_a_pdf_lost_the_full_stop_of_ends_before_a_word_that_only_opens_sentences():
    text = (
        "Iverksetting av tiltak fikk mye plass i slutten av prosjektperioden Etter at planen var vedtatt "
        "ble Styringsgruppa endret. Representanter i Kommunestyret sa Meget godt og En glimrende plan."
    )
    parts = [text[a:b] for a, b in sentence_spans(text)]
    assert parts == [
        "Iverksetting av tiltak fikk mye plass i slutten av prosjektperioden",
        "Etter at planen var vedtatt ble Styringsgruppa endret.",
        # a capital inside a sentence that may be a name or a quotation is no sentence end
        "Representanter i Kommunestyret sa Meget godt og En glimrende plan.",
    ]


def stats_for(texts: list[str], titles: list[str] = (), places: list[str] = (), provisions=frozenset()):
    """Corpus statistics over the given texts, as the service builds them from its index."""
    from assistant.answer import CorpusStats, _stem
    from assistant.lexical import _TOKEN

    docs = [{_stem(w) for w in _TOKEN.findall(t.lower())} for t in texts]

    def doc_freq(stems):
        return {s: sum(1 for d in docs if s in d) for s in stems}

    names = frozenset(w.lower() for t in titles for w in t.split())
    return CorpusStats(
        len(texts), doc_freq, names, frozenset(p.lower() for p in places), frozenset(provisions)
    )


HELD = {("boligsosialloven", f"§{n}") for n in range(1, 13)} | {
    ("sosialtjenesteloven", "§15"),
    ("sosialtjenesteloven", "§27"),
    ("folkehelseloven", "§27"),
    ("helse- og omsorgstjenesteloven", "§3-6"),
}


def test_a_provision_the_law_does_not_have_is_said_to_be_missing_not_answered_from_another_law():
    sotjl_15 = hit(
        SOTJL,
        "§ 15. Boliger til vanskeligstilte\n\nKommunen skal bistå vanskeligstilte på boligmarkedet.",
        law_ref="sosialtjenesteloven § 15",
        law="sosialtjenesteloven",
        paragraph="§ 15",
    )
    stats = stats_for([sotjl_15.chunk.text], provisions=HELD)
    a = answer_extractive("Hva sier boligsosialloven § 15?", [sotjl_15], stats=stats)
    assert a.abstained and not a.citations
    assert "Boligsosialloven har ingen § 15 (den har § 1 til § 12)." in a.text


def test_a_bare_paragraph_is_checked_against_every_law():
    from assistant.answer import provision_notes
    from assistant.legal import parse_refs

    missing, notes = provision_notes(parse_refs("Hva sier § 27?"), HELD)
    assert missing == []
    assert notes == [
        "§ 27 finnes i flere lover og forskrifter (folkehelseloven og sosialtjenesteloven): "
        "skriv lovens navn for å velge."
    ]
    missing, notes = provision_notes(parse_refs("Hva sier § 99?"), HELD)
    assert missing == ["Ingen av lovene og forskriftene Planprat har, har en § 99."]
    # one law has it, or the law is named: nothing to say
    assert provision_notes(parse_refs("Hva sier § 15?"), HELD) == ([], [])
    assert provision_notes(parse_refs("Hva sier boligsosialloven § 6?"), HELD) == ([], [])
    # a repealed provision is explained by its status, not reported missing
    assert provision_notes(parse_refs("Hva sier hol § 3-7?"), HELD) == ([], [])


def test_a_place_the_corpus_never_mentions_is_named_in_the_abstention():
    stats = stats_for(
        [h.chunk.text for h in LIST_HITS], ["Helhetlig boligpolitisk handlingsplan"], ["Bodø", "Halden"]
    )
    a = answer_extractive(
        "Hvilke tiltak har Kautokeino mot mangel på utleieboliger?", LIST_HITS, intent="list", stats=stats
    )
    assert a.abstained and "Planprat har ingen dokumenter fra Kautokeino." in a.text
    b = answer_extractive(
        "Hvordan kan leietakere kjøpe utleieboligen etter Haldens ordning?",
        LIST_HITS,
        intent="list",
        stats=stats,
    )
    assert not b.abstained  # genitive of a known municipality


def test_a_question_about_one_municipality_is_not_answered_from_another_municipalitys_plan():
    stats = stats_for([h.chunk.text for h in LIST_HITS], places=["Bodø", "Halden"])
    a = answer_extractive(
        "Hva gjør Halden med leie til eie for utleieboliger?", LIST_HITS, intent="fact", stats=stats
    )
    assert not a.abstained and {c.municipality for c in a.citations} == {"Halden"}


def test_everyday_words_find_the_words_the_law_uses():
    from assistant.answer import coverage, question_terms

    terms = question_terms("Kan huseieren kreve depositum av leietakeren?")
    assert coverage(terms, "Utleier kan kreve at leier stiller sikkerhet i form av depositum.") > 0.5
    assert coverage(terms, "Kommunen skal ha oversikt over boligbehovet.") == 0.0


def test_a_duty_question_puts_the_binding_sentence_first_and_says_who_is_bound():
    law = hit(
        SOTJL,
        "§ 27. Midlertidig botilbud\n\nKommunen kan gi råd om bolig. "
        "Kommunen er forpliktet til å finne midlertidig botilbud for dem som ikke klarer det selv.",
        0,
        retriever="legal",
        law_ref="sosialtjenesteloven § 27",
        law="sosialtjenesteloven",
        paragraph="§ 27",
    )
    a = answer_extractive(
        "Hva plikter kommunen om midlertidig botilbud etter § 27?", [law], intent="legal", duties=True
    )
    assert a.citations[0].quote.startswith("Kommunen er forpliktet til å finne midlertidig botilbud")
    assert "(plikt for kommunen: er forpliktet til)" in a.text


def test_a_name_no_nearest_passage_mentions_is_not_answered_from_other_places():
    hits = [
        hit(HALDEN, "Også for flyktninger fremgår det å være en underdekning av egnede boliger.", 0),
        hit(BODO, "Bodø kommune bosetter flyktninger i egne utleieboliger.", 1),
    ]
    a = answer_extractive("Hva gjør Kirkens Bymisjon for flyktninger?", hits, intent="fact")
    assert a.abstained and not a.citations and "«Kirkens», «Bymisjon»" in a.text
    b = answer_extractive(
        "Hva gjør Bergen for flyktninger?", hits, intent="fact"
    )  # a place without documents
    assert b.abstained and not b.citations and "Planprat har ingen dokumenter fra Bergen." in b.text
    # A name the passages do mention, also in the genitive or inside a compound, is fine.
    for q in (
        "Hva gjør Bodø for flyktninger?",
        "Hva gjør Bodøs kommune for flyktninger?",
        "Hva sier Bodø-planen om flyktninger?",
    ):
        assert not answer_extractive(q, hits, intent="fact").abstained, q


def test_a_question_about_measures_prefers_what_is_done_over_what_is_lacking_and_shows_each_municipality():
    hits = [
        hit(HALDEN, "Det er en stor mangel på kommunale utleieboliger i Halden.", 0),
        hit(HALDEN, "Halden kommune etablerer en ordning med leie til eie for utleieboliger.", 1),
        hit(BODO, "Bodø kommune skal kjøpe 20 nye utleieboliger i sentrum.", 2),
    ]
    a = answer_extractive("Hvilke tiltak har kommunene mot mangel på utleieboliger?", hits, intent="list")
    assert not a.abstained
    quotes = [c.quote for c in a.citations]
    assert "Halden kommune etablerer en ordning med leie til eie for utleieboliger." in quotes
    assert {c.municipality for c in a.citations} == {"Halden", "Bodø"}
    b = answer_extractive("Hva gjør kommunene med utleieboliger?", hits, intent="list")
    assert "Det er en stor mangel på kommunale utleieboliger i Halden." not in [c.quote for c in b.citations]
    assert {c.municipality for c in b.citations} == {"Halden", "Bodø"}


def test_a_sentence_that_leads_into_a_lettered_list_is_quoted_with_its_list():
    law = DocumentMeta("bsl", "Bustøttelova", "b.txt", kind="law", law_short="bustøttelova")
    text = (
        "§ 3. Vilkår for rett til bustøtte\n\nVilkår for å få rett til bustøtte er at bustaden\n\n"
        "a. er godkjend som bustad\nb. er ein sjølvstendig bustad med eigen inngang\nc. gjev høve til kvile.\n\n"
        "Kommunen kan gjere unntak frå kravet i bokstav b."
    )
    a = answer_extractive(
        "Kva krav er det til bustaden for å få bustøtte?", [hit(law, text, 0)], intent="legal"
    )
    assert not a.abstained
    quote = a.citations[0].quote
    assert quote.startswith("Vilkår for å få rett til bustøtte er at bustaden")
    assert quote.endswith("c. gjev høve til kvile.") and "b. er ein sjølvstendig bustad" in quote
    assert quote in text  # still verbatim
    assert not any(c.quote.startswith("a. ") for c in a.citations)  # the items are not cited again one by one


def test_the_documents_title_repeated_in_its_text_is_not_quoted_as_an_answer():
    sak = DocumentMeta(
        "lev-sak",
        "Driftskomiteen 14.09.16 - sak 28/16 - Boligsosial handlingsplan 2016 - 2019",
        "sak.txt",
        kind="case",
        municipality="Levanger",
    )
    hits = [
        hit(sak, "Driftskomiteen 14.09.16 – sak 28/16 – Boligsosial handlingsplan 2016 – 2019", 0),
        hit(sak, "Planen foreslår at det boligsosiale arbeidet samordnes av en boligkoordinator.", 1),
    ]
    a = answer_extractive(
        "Hvem skal samordne det boligsosiale arbeidet etter handlingsplanen 2016-2019?", hits
    )
    assert not a.abstained
    assert a.citations[0].quote.startswith("Planen foreslår")
    assert all("Driftskomiteen" not in c.quote for c in a.citations)


@pytest.mark.parametrize(
    "about_the_document",
    [
        "Avslutningsvis vil vi takke Husbanken for at de muliggjorde prosjektet.",
        "Videre skisseres anbefalingene fra Husbanken for det videre arbeidet.",
        "Mandatet for samarbeidet med Husbanken vedlegges.",
        "Publisert 14.02.2025 · Sist oppdatert 03.03.2025 · Enhet for Husbanken-saker",
        "Litteratur Veileder fra Husbanken om startlån og tilskudd 2012, kommuneplan for utleieboliger 2011, rom for alle 2011",
        # a report's signature page run together, an initial among the names
        "Planen finnes på Husbankens hjemmesider Styringsgruppa behandlet sluttrapporten i møte den Tromsø, "
        "Roar Stangnes Prosjektansvarlig Ulf R. Hansen Prosjektleder",
    ],
)
def test_a_sentence_about_the_document_itself_is_not_quoted_as_an_answer(about_the_document):
    hits = [
        hit(HALDEN, about_the_document, 0),
        hit(HALDEN, "Husbanken gir kommunen startlån og tilskudd til utleieboliger.", 1),
    ]
    a = answer_extractive("Hva gjør Husbanken for Halden?", hits)
    assert [c.quote for c in a.citations] == [
        "Husbanken gir kommunen startlån og tilskudd til utleieboliger."
    ]


def test_a_bokmal_question_is_answered_from_a_nynorsk_plan():
    volda = DocumentMeta("volda-plan", "Bustadsosial plan", "volda.md", kind="plan", municipality="Volda")
    hits = [
        hit(volda, "Ved utgangen av 2024 var det 9 bustadlause i kommunen, dei fleste unge vaksne.", 0),
        hit(volda, "Planen vart handsama i kommunestyret i desember.", 1),
    ]
    rare = {"bostedsløs": 5.0}  # the word asked weighs more than the place, as in the real corpus
    a = answer_extractive(
        "Hvor mange bostedsløse er det i Volda?", hits, idf=lambda stems: {s: rare.get(s, 1.0) for s in stems}
    )
    assert not a.abstained
    assert "9 bustadlause" in a.citations[0].quote


BSL = DocumentMeta("bsl", "Boligsosialloven", "bsl.txt", kind="law", law_short="boligsosialloven")
BSL_6 = (
    "§ 6. Plikt til å gi individuelt tilpasset bistand\n\n"
    "Kommunen skal gi individuelt tilpasset bistand til vanskeligstilte på boligmarkedet.\n\n"
    "Kommunen vurderer hvilken bistand som skal gis.\n\n"
    "Bistanden kan blant annet gå ut på å gi råd og veiledning om økonomi. Kommunen kan også gi praktisk bistand."
)


def test_a_ledd_asked_for_by_number_is_quoted_and_not_the_provisions_first_ledd():
    h = hit(
        BSL, BSL_6, retriever="legal", law_ref="boligsosialloven § 6", law="boligsosialloven", paragraph="§ 6"
    )
    a = answer_extractive("Hva sier boligsosialloven § 6 tredje ledd?", [h])
    third = BSL_6.split("\n\n")[3]
    assert a.citations and all(c.quote in third for c in a.citations)
    assert a.citations[0].quote.startswith("Bistanden kan blant annet")
    whole = answer_extractive("Hva sier boligsosialloven § 6?", [h])
    assert whole.citations[0].quote.startswith("Kommunen skal gi individuelt tilpasset bistand")


def test_a_point_of_a_lettered_list_is_quoted_as_itself_not_with_the_points_after_it():
    text = (
        "§ 9-5. Utleierens oppsigelse\n\nEn leieavtale kan bare sies opp av utleieren dersom:\n"
        "a. husrommet skal brukes av utleieren selv,\nb. leieren har misligholdt leieavtalen, eller\n"
        "c. det foreligger en annen saklig grunn."
    )
    spans = [text[a:b] for a, b, *_ in _answer_sentences(text)]
    assert "b. leieren har misligholdt leieavtalen, eller" in spans
    assert spans[0].endswith("c. det foreligger en annen saklig grunn.")  # the lead-in keeps its list


def test_sentences_of_a_places_own_plan_count_as_about_that_place_without_naming_it():
    hits = [
        hit(BODO, "Bodø kommune har en helhetlig plan for boligpolitikken.", 0),
        hit(BODO, "Målet er økt bosetting av vanskeligstilte i egnet bolig.", 1),
    ]
    a = answer_extractive("Hva er målet for bosetting av vanskeligstilte i Bodø?", hits)
    assert a.citations[0].quote == "Målet er økt bosetting av vanskeligstilte i egnet bolig."


def test_a_provision_fetched_by_number_is_quoted_from_its_first_sentence():
    pbl = DocumentMeta(
        "pbl", "Plan- og bygningsloven", "pbl.txt", kind="law", law_short="plan- og bygningsloven"
    )
    text = (
        "§ 1-1. Lovens formål\n\nLoven skal fremme bærekraftig utvikling til beste for den enkelte.\n\n"
        "Planlegging etter loven skal bidra til å samordne statlige, regionale og kommunale oppgaver."
    )
    hits = [
        hit(
            pbl,
            text,
            0,
            retriever="legal",
            law_ref="plan- og bygningsloven § 1-1",
            law="plan- og bygningsloven",
            paragraph="§ 1-1",
            section=("§ 1-1. Lovens formål",),
        ),
    ]
    a = answer_extractive("Hva er formålet med plan- og bygningsloven?", hits, intent="legal")
    assert a.citations[0].quote == "Loven skal fremme bærekraftig utvikling til beste for den enkelte."


@pytest.mark.parametrize(
    ("question", "plain", "answer"),
    [
        (
            "Når behandlet bystyret den boligpolitiske planen?",
            "Bystyret har behandlet den boligpolitiske planen.",
            "Bystyret behandlet den boligpolitiske planen 13. februar 2014.",
        ),
        (
            "Hvem skal samordne arbeidet?",
            "Arbeidet skal samordnes bedre enn før.",
            "En boligkoordinator skal samordne arbeidet.",
        ),
        (  # a size is a figure; a year is not
            "Hvor store var prosjektgruppa og styringsgruppa?",
            "Prosjektgruppa og styringsgruppa ville ikke rullere planen fra 2002/2003.",
            "Det ble 13 medlemmer i prosjektgruppa mens styringsgruppa besto av 4 medlemmer.",
        ),
    ],
)
def test_the_sentence_that_gives_the_kind_of_answer_asked_for_leads(question, plain, answer):
    hits = [hit(BODO, plain, 0), hit(BODO, answer, 1)]
    a = answer_extractive(question, hits)
    assert a.citations[0].quote == answer


def test_a_word_spelled_the_nynorsk_way_counts_as_the_word_itself_not_as_a_looser_synonym():
    from assistant.answer import question_terms

    terms = {t.word: t for t in question_terms("Kan jeg få bostøtte til husleige i kommunal bolig?")}
    assert terms["bostøtte"].synonym_credit == 1.0  # «bustøtte»
    assert terms["husleige"].synonym_credit == 1.0  # «husleie»
    assert terms["bolig"].synonym_credit == 0.6  # no variant of its own


def test_a_delegation_to_regulations_is_quoted_only_when_regulations_are_asked_about():
    text = (
        "husleieloven § 3-5. Depositum\n\nDepartementet kan i forskrift gjøre unntak fra bestemmelsene om depositum."
        "\n\nDepositumet skal settes på en særskilt konto i leierens navn."
    )
    h = depositum(0, text)
    plain = answer_extractive("Hva er depositum?", [h], intent="legal")
    assert all("Departementet" not in c.quote for c in plain.citations) and plain.citations
    asked = answer_extractive("Kan departementet gi forskrift om depositum?", [h], intent="legal")
    assert any("Departementet" in c.quote for c in asked.citations)


def test_a_compound_the_corpus_never_uses_is_measured_by_the_parts_it_does_use():
    from assistant.answer import CorpusStats, _stem, split_compounds

    used = {_stem(w) for w in ("startlån", "ordningen", "utleiebolig", "mangelen", "kommunene", "fungerer")}
    stats = CorpusStats(100, lambda stems: {s: (5 if s in used else 0) for s in stems})
    assert (
        split_compounds("Hvordan fungerer startlånsordningen?", stats)
        == "Hvordan fungerer startlån ordningen?"
    )
    assert (
        split_compounds("Hva gjør kommunene med utleieboligmangelen?", stats)
        == "Hva gjør kommunene med utleiebolig mangelen?"
    )
    assert split_compounds("Hva gjør kommunene med utleieboligene?", stats).endswith(
        "utleieboligene?"
    )  # known
    assert split_compounds("Hva gjør kommunene med boligplanene?", stats).endswith(
        "boligplanene?"
    )  # no parts
    # an everyday word is one word, whatever parts the corpus has for it: «annerledes» is no «anner ledes»
    parted = {*used, _stem("anner"), _stem("ledes")}
    stats = CorpusStats(100, lambda stems: {s: (5 if s in parted else 0) for s in stems})
    assert split_compounds("Gjør dere noe annerledes da?", stats) == "Gjør dere noe annerledes da?"


def test_a_table_row_is_quoted_as_an_answer_but_not_the_tables_header():
    text = "Tiltak | Ansvar\nBostedsløse får bo-oppfølging | NAV Moss\nFlere utleieboliger | Eiendom"
    hits = [hit(BODO, text, 0)]
    a = answer_extractive("Hvem har ansvar for bo-oppfølging av bostedsløse?", hits)
    assert not a.abstained
    assert a.citations[0].quote == "Bostedsløse får bo-oppfølging | NAV Moss"
    assert all(c.quote != "Tiltak | Ansvar" for c in a.citations)


def test_a_question_word_counts_partly_as_the_last_part_of_a_compound():
    from assistant.answer import coverage, question_terms

    terms = question_terms("Hvor mange møter ble holdt?")
    assert coverage(terms, "Det ble holdt 10 brukerperspektivmøter.") > coverage(terms, "Det ble holdt 10.")
    assert coverage(terms, "Det ble holdt 10 brukerperspektivmøter.") < coverage(
        terms, "Det ble holdt 10 møter."
    )


def test_how_much_something_rose_is_answered_by_an_amount_or_a_share_not_by_a_count():
    question = "Hvor mye har husleia i de kommunale boligene økt etter kommunesammenslåingen?"
    hits = [hit(BODO, "Nesten 45 000 innbyggere og 3500 ansatte berøres av kommunesammenslåingen.", 0)]
    a = answer_extractive(question, hits)
    assert a.abstained and "oppgir ikke tallet" in a.text
    hits.append(
        hit(BODO, "Husleia i de kommunale boligene økte med 6 prosent etter kommunesammenslåingen.", 1)
    )
    assert "6 prosent" in answer_extractive(question, hits).citations[0].quote


def test_a_year_does_not_answer_how_many():
    hits = [hit(BODO, "Bred involvering i arbeidet med planen, med brukermøter høsten 2013.", 0)]
    a = answer_extractive("Hvor mange brukermøter ble holdt?", hits)
    assert a.abstained and "oppgir ikke tallet" in a.text
    hits.append(hit(BODO, "Det ble holdt 10 brukermøter høsten 2013.", 1))
    assert "10 brukermøter" in answer_extractive("Hvor mange brukermøter ble holdt?", hits).citations[0].quote


def test_a_synonym_the_document_uses_answers_who_coordinates_over_a_sentence_that_repeats_the_plans_name():
    lev = DocumentMeta(
        "lev", "Boligsosial handlingsplan 2016-2019", "lev.txt", kind="case", municipality="Levanger"
    )
    hits = [
        hit(lev, "Rådmannens forslag til innstilling: Boligsosial handlingsplan 2016-2019 vedtas.", 0),
        hit(lev, "Det boligsosiale arbeidet koordineres ved at det ansettes en boligkoordinator.", 1),
    ]
    a = answer_extractive(
        "Hvem skal samordne det boligsosiale arbeidet etter handlingsplanen for 2016-2019?", hits
    )
    assert (
        a.citations[0].quote
        == "Det boligsosiale arbeidet koordineres ved at det ansettes en boligkoordinator."
    )


def test_what_is_x_is_answered_by_the_sentence_that_opens_with_x_and_by_a_provisions_main_rule():
    later = depositum(
        1, "Krever leieren utbetaling av depositum, skal banken varsle utleieren.", "femte ledd"
    )
    first = depositum(
        0, "Det kan avtales at leieren skal deponere et beløp på inntil seks måneders leie.", "første ledd"
    )
    a = answer_extractive("Hva er et depositum?", [later, first])
    assert a.citations[0].quote.startswith("Det kan avtales at leieren skal deponere")

    hits = [
        hit(BODO, "Kommunestyret skal sørge for at det blir utarbeidet reguleringsplan der det trengs.", 0),
        hit(BODO, "Reguleringsplan er et arealplankart med tilhørende bestemmelser.", 1),
    ]
    a = answer_extractive("Hva er en reguleringsplan?", hits)
    assert a.citations[0].quote == "Reguleringsplan er et arealplankart med tilhørende bestemmelser."


def test_a_day_of_the_month_says_when_not_how_much():
    from assistant.answer import _DATE, _WHEN_Q, _has_number

    assert _DATE.search("Bustøtte blir utbetalt på etterskot den 20. kvar månad.")
    assert not _DATE.search("Det er den 2.5 prosent av leien.")
    assert all(_WHEN_Q.search(q) for q in ("Kva dato kjem bustøtta?", "Fra hvilket år er planen?"))

    assert not _has_number("Bustøtte blir utbetalt på etterskot den 20. kvar månad.", count_years=False)
    assert not _has_number("Planen ble vedtatt 13. februar 2014.", count_years=False)
    assert _has_number("Utbetalt bustøtte er 73,7 prosent av differansen.", count_years=False)


def test_a_number_that_names_a_goal_or_a_page_is_no_figure():
    hits = [
        hit(
            BODO,
            "Målområde 1 – Generell boligutvikling. Hovedmål 1: Boligutviklingen følger boligbehovet.",
            0,
        )
    ]
    a = answer_extractive("Hvor mange boliger har Bodø?", hits)
    assert a.abstained and "oppgir ikke tallet" in a.text
    counted = [hit(BODO, "Bodø har 120 kommunale boliger, se side 4.", 0)]
    assert (
        answer_extractive("Hvor mange boliger har Bodø?", counted)
        .citations[0]
        .quote.startswith("Bodø har 120")
    )


def test_an_amendment_note_is_not_quoted_even_when_it_names_several_regulations():
    forskrift = DocumentMeta(
        "bf", "Forskrift om bustøtte", "bf.txt", kind="regulation", law_short="bustøtteforskriften"
    )
    text = (
        "bustøtteforskriften § 1. Utrekning av bustøtte\n\nUtbetalt bustøtte er 73,7 prosent av differansen.\n\n"
        "Endra ved forskrifter 19 des 2014 nr. 1857 (i kraft 1 jan 2015), 16 des 2015 nr. 1688."
    )
    h = hit(forskrift, text, 0, law_ref="bustøtteforskriften § 1", law="bustøtteforskriften", paragraph="§ 1")
    a = answer_extractive("Kor mykje bustøtte blir utbetalt etter forskrifter?", [h], intent="legal")
    assert a.citations and all(not c.quote.startswith("Endra ved") for c in a.citations)


def test_in_a_legal_answer_the_provision_with_the_strongest_sentence_comes_first_whatever_its_rank():
    later = depositum(1, "Krever utleieren utbetaling, skal banken varsle leieren om kravet.", "femte ledd")
    first = depositum(0, "Det kan avtales at leieren skal deponere et beløp som depositum.", "første ledd")
    a = answer_extractive("Hva sier husleieloven om å avtale depositum?", [later, first], intent="legal")
    assert a.citations[0].quote.startswith("Det kan avtales")  # the strongest sentence …
    assert a.text.startswith("Husleieloven § 3-5 første ledd")  # … and its provision lead


def test_a_second_sentence_of_the_passage_must_hold_something_of_the_question_not_only_its_place():
    sandnes = DocumentMeta(
        "sandnes", "Boligsosial handlingsplan", "s.pdf", kind="plan", municipality="Sandnes"
    )
    text = (
        "Vedtatt av bystyret 12. mars 2024. Om lag 45 personer var registrert som bostedsløse ved siste "
        "kartlegging i 2022."
    )
    a = answer_extractive("Hvor mange bostedsløse er det i Sandnes?", [hit(sandnes, text, 0)])
    quotes = [c.quote for c in a.citations]
    assert quotes[0].startswith("Om lag 45 personer") and not any("Vedtatt" in q for q in quotes)


def _voss_plan():
    from ingest.split import split_document
    from planprat.models import Block, Document

    meta = DocumentMeta(
        "voss", "Bustadsosial handlingsplan for Voss herad", "v.docx", kind="plan", municipality="Voss"
    )
    blocks = (
        Block("heading", "Bustadsosial handlingsplan for Voss herad", level=1),
        Block(
            "text",
            "Planen viser korleis Voss herad skal hjelpe vanskelegstilte. Heradsstyret vedtok planen 14. juni 2023.",
        ),
        Block("heading", "2 Situasjonen i dag", level=2),
        Block("text", "Voss herad eig 210 kommunale utleigebustader."),
        Block("heading", "3 Tiltak", level=2),
        Block("list_item", "• Byggje 24 nye utleigebustader innan 2026."),
        Block("list_item", "• Tilsetje ein bustadkoordinator som skal samordne tenestene."),
    )
    (chunk,) = split_document(Document(meta, blocks))
    return Hit(chunk, meta, 1.0, "hybrid")


def test_the_measures_of_one_named_place_are_its_points_under_its_measures_heading():
    a = answer_extractive("Kva tiltak har Voss herad?", [_voss_plan()], intent="list")
    assert [c.quote for c in a.citations] == [
        "Byggje 24 nye utleigebustader innan 2026.",
        "Tilsetje ein bustadkoordinator som skal samordne tenestene.",
    ]
    assert all(c.section.endswith("3 Tiltak") for c in a.citations)


def test_when_a_nynorsk_plan_was_adopted_is_read_in_any_form_of_vedta():
    a = answer_extractive("Når vart bustadplanen på Voss vedteken?", [_voss_plan()])
    assert a.citations[0].quote == "Heradsstyret vedtok planen 14. juni 2023."


def test_a_provisions_main_rule_is_read_before_its_exception():
    text = (
        "husleieloven § 9-6. Oppsigelsesfrist\n\nOppsigelsesfristen skal være tre måneder til opphør ved utløpet "
        "av en kalendermåned. For leieavtale om enkelt beboelsesrom der leieren har adgang til en annens bolig, "
        "skal oppsigelsesfristen være én måned."
    )
    h = hit(HLL, text, 0, law_ref="husleieloven § 9-6", law="husleieloven", paragraph="§ 9-6")
    a = answer_extractive("Kor lang oppseiingstid har eg når eg leiger?", [h])
    assert a.text.startswith("Oppsigelsesfristen skal være tre måneder")


def test_a_question_about_what_the_plans_say_is_answered_from_the_plans_not_the_laws():
    pbl = DocumentMeta(
        "pbl", "Plan- og bygningsloven", "pbl.txt", kind="law", law_short="plan- og bygningsloven"
    )
    hits = [
        hit(
            pbl,
            "Tiltak skal ha universell utforming i samsvar med forskrifter.",
            0,
            law_ref="plan- og bygningsloven § 29-3",
        ),
        hit(BODO, "Nye kommunale boliger skal være universelt utformet.", 1),
    ]
    a = answer_extractive("Hva sier planene om universell utforming?", hits)
    assert [c.municipality for c in a.citations] == ["Bodø"]


def test_a_word_of_an_everyday_phrase_is_found_by_the_laws_words_for_the_phrase():
    from assistant.answer import coverage, question_terms

    terms = question_terms("Kan utleier kaste meg ut?")
    kaste = next(t for t in terms if t.word == "kaste")
    assert "heving" in kaste.alts and "fravikelse" in kaste.alts
    assert coverage(terms, "Utleierens hevingsrett.") > coverage(terms, "Utleierens rett til leie.")


def test_what_a_named_place_does_is_answered_with_its_measures_not_its_situation():
    sandnes = DocumentMeta(
        "sandnes", "Boligsosial handlingsplan", "s.pdf", kind="plan", municipality="Sandnes"
    )
    hits = [
        hit(
            sandnes, "Sandnes kommune disponerer i dag 1 150 kommunale utleieboliger.", 0, section=("Status",)
        ),
        hit(
            sandnes,
            "• Kjøpe 60 nye utleieboliger spredt i ordinære bomiljøer innen 2027.",
            1,
            section=("Tiltak",),
        ),
    ]
    a = answer_extractive("Hva gjør Sandnes for å skaffe flere utleieboliger?", hits)
    assert a.citations[0].quote.startswith("Kjøpe 60 nye utleieboliger")


def test_a_measure_of_a_named_place_must_be_about_what_else_the_question_asks():
    iok = DocumentMeta(
        "iok", "Boligsosial planlegging", "i.txt", kind="presentation", municipality="Indre Østfold"
    )
    hits = [
        hit(iok, "Indre Østfold kommune må samarbeide med private utbyggere.", 0),
        hit(iok, "Omsorgsboliger for eldre utgjør ca. halvparten av de kommunale boligene.", 1),
    ]
    a = answer_extractive("Kva for tiltak har Indre Østfold for eldre?", hits, intent="list")
    assert [c.quote for c in a.citations] == [
        "Omsorgsboliger for eldre utgjør ca. halvparten av de kommunale boligene."
    ]


def test_nav_is_found_where_the_law_calls_it_the_social_services():
    from assistant.answer import absent_names

    varsel = hit(
        HLL,
        "Når det er grunnlag for å begjære fravikelse kan utleier sende skriftlig varsel til sosialtjenesten.",
        law_ref="husleieloven § 9-11",
        law="husleieloven",
        paragraph="§ 9-11",
    )
    depositum_hit = depositum(1, "Det kan avtales at leieren skal deponere et beløp.")
    question = "Må utleier si fra til Nav før han begjærer utkastelse?"
    assert absent_names(question, [varsel]) == []
    assert absent_names(question, [depositum_hit]) == ["Nav"]


def test_an_overview_the_law_demands_is_what_is_asked_about_but_an_overview_asked_for_is_not():
    from assistant.answer import _NUMERIC_Q, content_words

    duty = "Må kommunen ha oversikt over hvor mange boliger vanskeligstilte trenger?"
    assert "oversikt" in content_words(duty)
    assert not _NUMERIC_Q.search(duty)  # knowing how many is the duty; no figure is asked for
    assert "oversikt" not in content_words("Gi meg en oversikt over tiltakene i Bodø")
    assert _NUMERIC_Q.search("Hvor mange boliger trenger vanskeligstilte i Bodø?")


def test_a_duty_question_about_the_municipality_is_not_answered_by_the_countys_duty():
    fhl = DocumentMeta("fhl", "Folkehelseloven", "fhl.txt", kind="law", law_short="folkehelseloven")
    county = hit(
        fhl,
        "§ 21. Oversikt\n\nFylkeskommunen skal ha nødvendig oversikt over helsetilstanden i fylket.",
        0,
        law_ref="folkehelseloven § 21",
        law="folkehelseloven",
        paragraph="§ 21",
    )
    municipality = hit(
        fhl,
        "§ 5. Oversikt\n\nKommunen skal ha nødvendig oversikt over helsetilstanden i befolkningen.",
        1,
        law_ref="folkehelseloven § 5",
        law="folkehelseloven",
        paragraph="§ 5",
    )
    a = answer_extractive(
        "Må kommunen ha oversikt over helsetilstanden?", [county, municipality], intent="legal", duties=True
    )
    assert a.citations[0].law_ref == "folkehelseloven § 5"


def test_a_question_about_what_the_municipality_must_do_is_not_answered_by_a_directorates_duty():
    from assistant.duties import asked_party

    fhl = DocumentMeta("fhl", "Folkehelseloven", "fhl.txt", kind="law", law_short="folkehelseloven")
    directorate = hit(
        fhl,
        "§ 24. Helsedirektoratets ansvar\n\nHelsedirektoratet skal ha oversikt over helsetilstanden i landet.",
        0,
        law_ref="folkehelseloven § 24",
        law="folkehelseloven",
        paragraph="§ 24",
    )
    municipality = hit(
        fhl,
        "§ 5. Oversikt\n\nKommunen skal ha nødvendig oversikt over helsetilstanden i befolkningen.",
        1,
        law_ref="folkehelseloven § 5",
        law="folkehelseloven",
        paragraph="§ 5",
    )
    question = "Hva krever folkehelseloven at kommunen skal ha oversikt over?"
    a = answer_extractive(question, [directorate, municipality], intent="legal")
    assert a.citations[0].law_ref == "folkehelseloven § 5"
    # only a party asked what it must or may do: «hvis kommunen sier nei» asks about no duty of it
    assert (
        asked_party(question) == "kommunen" and asked_party("Hva plikter NAV-kontoret å gjøre?") == "kommunen"
    )
    assert asked_party("Og hvis kommunen sier nei, hvor klager man da?") is None
    # what a party may do is often answered by what the other may: «… kan leieren holde dyr dersom …»
    assert asked_party("Kan utleier nekte meg å ha hund?") is None
    assert asked_party("Må utleier varsle før han øker husleia?") == "utleier"
    # what an authority may do is answered by its own power («Kommunen kan pålegge …»), not by the tenant's
    assert asked_party("Kan kommunen gi huseieren pålegg om å fikse fukt?") == "kommunen"
    assert asked_party("Det er mugg i leiligheten. Kan kommunen gripe inn?") == "kommunen"
    assert asked_party("Kan jeg kreve at kommunen hjelper meg?") is None


def test_a_measure_listed_under_a_heading_that_names_the_topic_answers_a_question_about_measures():
    drammen = DocumentMeta(
        "drammen-plan", "Boligsosial handlingsplan", "d.pdf", kind="plan", municipality="Drammen"
    )
    hits = [
        hit(
            drammen,
            "5.2 Forebygge bostedsløshet og utkastelser\n\nInngå varslingsavtaler med de største utleierne.",
            0,
            section=("5 Tiltak", "5.2 Forebygge bostedsløshet og utkastelser"),
        ),
        hit(HALDEN, "Halden vil forebygge isolasjon blant eldre i kommunale boliger.", 1),
    ]
    a = answer_extractive("Hva gjør kommunene for å forebygge utkastelser?", hits, intent="list")
    assert [c.quote for c in a.citations][:1] == ["Inngå varslingsavtaler med de største utleierne."]


def test_the_words_of_a_documents_title_count_for_each_of_its_sentences_so_the_rest_of_the_question_decides():
    evaluation = DocumentMeta(
        "hf",
        "Evaluering av Housing First i Lillehammer",
        "hf.html",
        kind="report",
        municipality="Lillehammer",
    )
    hits = [
        hit(
            evaluation,
            "Housing First-prosjektet i Lillehammer kommune har gitt 24 personer en egen bolig.",
            0,
        ),
        hit(evaluation, "Kommunen startet prosjektet 1. mars 2021 med tilskudd fra Husbanken.", 1),
    ]
    rare = {"housing": 6.0, "first": 6.0, "startet": 2.0}
    a = answer_extractive(
        "Når startet Housing First-prosjektet i Lillehammer?",
        hits,
        idf=lambda stems: {s: rare.get(s, 1.0) for s in stems},
    )
    assert a.citations[0].quote == "Kommunen startet prosjektet 1. mars 2021 med tilskudd fra Husbanken."


LILLEHAMMER = DocumentMeta("lh", "Housing First", "lh.html", kind="report", municipality="Lillehammer")


def test_how_many_is_answered_by_a_number_that_counts_what_is_asked_not_by_any_number_on_the_topic():
    money = hit(LILLEHAMMER, "Prosjektet fikk 3,2 millioner kroner fra Husbanken til kommunale boliger.", 0)
    count = hit(LILLEHAMMER, "Kommunen eier i dag 310 kommunale boliger.", 1)
    people = hit(LILLEHAMMER, "Totalt har 24 personer deltatt i prosjektet.", 2)
    question = "Hvor mange kommunale boliger har Lillehammer?"
    a = answer_extractive(question, [money])
    assert a.abstained and "oppgir ikke tallet" in a.text
    assert answer_extractive(question, [money, count]).citations[0].quote == count.chunk.text
    # people are counted in persons, whatever the question calls them
    b = answer_extractive("Hvor mange deltakere var med i prosjektet i Lillehammer?", [money, people])
    assert b.citations[0].quote == people.chunk.text


def test_why_is_answered_by_the_sentence_that_gives_the_reason():
    hits = [
        hit(LILLEHAMMER, "Fem deltakere måtte flytte i løpet av prosjektet.", 0),
        hit(LILLEHAMMER, "Deltakere måtte flytte fordi det oppsto konflikter med naboer.", 1),
    ]
    a = answer_extractive("Hvorfor måtte deltakere i Lillehammer flytte?", hits)
    assert a.citations[0].quote == "Deltakere måtte flytte fordi det oppsto konflikter med naboer."


def test_how_much_is_answered_by_an_amount_and_how_long_by_a_time():
    amount = depositum(
        0,
        "husleieloven § 3-5. Depositum\n\nDet kan avtales at leieren skal betale utleieren et depositum oppad "
        "begrenset til summen av seks måneders leie.",
        "første ledd",
    )
    time = depositum(
        1,
        "husleieloven § 3-5. Depositum\n\nKrever utleieren utbetaling av depositum, skal leieren varsles "
        "og kan kreve at utleieren venter i fem uker.",
        "femte ledd",
    )
    a = answer_extractive("Hvor mye kan utleier kreve i depositum?", [time, amount], intent="legal")
    assert "seks måneders leie" in a.citations[0].quote
    b = answer_extractive("Hvor lang tid har leieren på seg etter varselet om depositum?", [amount, time])
    assert "fem uker" in b.citations[0].quote


def test_a_bulleted_measure_is_quoted_whole_with_who_is_responsible_and_when():
    text = "Tiltak:\n• Bygge 16 robuste boliger på Gulskogen. Ansvar: Drammen Eiendom KF. Tid: ferdig 2027.\n"
    assert [text[a:b] for a, b in sentence_spans(text)][1:] == [
        "Bygge 16 robuste boliger på Gulskogen. Ansvar: Drammen Eiendom KF. Tid: ferdig 2027."
    ]
    long_item = "• " + " ".join(["Kommunen skal bygge flere boliger for vanskeligstilte."] * 9)
    assert len(sentence_spans(long_item)) == 9  # a long point is read sentence by sentence


def test_a_lead_in_ending_in_a_colon_is_quoted_with_the_lines_that_follow_it():
    report = DocumentMeta(
        "hf-eval",
        "Evaluering av Housing First i Lillehammer",
        "hf.html",
        kind="report",
        municipality="Lillehammer",
    )
    text = (
        "Anbefalinger\n\nHøgskolen i Innlandet gir følgende anbefalinger til kommunen:\n"
        "Housing First bør videreføres som et fast tilbud fra 2025.\n"
        "Kommunen bør øke kapasiteten fra 24 til 30 plasser.\n\n"
        "Rapporten bygger på intervjuer med deltakerne."
    )
    a = answer_extractive(
        "Hvilke anbefalinger gir evalueringen?", [hit(report, text, 0, section=("Anbefalinger",))]
    )
    quote = a.citations[0].quote
    assert quote.startswith("Høgskolen i Innlandet gir følgende anbefalinger til kommunen:")
    assert quote.endswith("Kommunen bør øke kapasiteten fra 24 til 30 plasser.")  # up to the blank line
    assert quote in text and "intervjuer" not in quote
    # the points it now holds are not quoted a second time
    assert sum("øke kapasiteten" in c.quote for c in a.citations) == 1


def test_how_many_counts_the_noun_asked_about_not_a_word_that_describes_it():
    from assistant.answer import counted_words

    assert "bolig" in counted_words("Hvor mange kommunale boliger har Lillehammer?")
    assert not any(
        w.startswith("kommun") for w in counted_words("Hvor mange kommunale boliger har Lillehammer?")
    )
    report = DocumentMeta(
        "hf", "Evaluering av Housing First", "hf.html", kind="report", municipality="Lillehammer"
    )
    funding = hit(
        report,
        "Prosjektet fikk tilskudd fra Statsforvalteren på 1,8 millioner kroner og kommunale midler.",
        0,
        section=("Om prosjektet",),
    )
    a = answer_extractive("Hvor mange kommunale boliger har Lillehammer?", [funding])
    assert a.abstained and "oppgir ikke tallet" in a.text


def test_how_much_money_is_answered_by_a_sum_not_by_another_number():
    report = DocumentMeta("tromso", "Prosjektrapport", "t.pdf", kind="report", municipality="Tromsø")
    members = hit(
        report,
        "Husbanken støttet prosjektet, og prosjektgruppa fikk 13 medlemmer fra Husbanken og kommunen.",
        0,
        section=("Organisering",),
    )
    a = answer_extractive("Hvor mye penger fikk Tromsø fra Husbanken til prosjektet?", [members])
    assert a.abstained and "oppgir ikke tallet" in a.text
    money = hit(
        report, "Husbanken ga prosjektet et tilskudd på 1,2 millioner kroner.", 1, section=("Økonomi",)
    )
    b = answer_extractive("Hvor mye penger fikk Tromsø fra Husbanken til prosjektet?", [members, money])
    assert b.citations[0].quote.startswith("Husbanken ga prosjektet et tilskudd på 1,2 millioner")


def test_evictions_are_not_a_draft_though_the_stemmer_makes_them_one():
    from assistant.answer import _credit, question_terms

    (term,) = [t for t in question_terms("Hva gjør kommunene mot utkastelser?") if t.word == "utkastelser"]
    assert term.stem == "utkast"  # what the Snowball stemmer leaves of «utkastelser»
    assert _credit(term, "høringsutkastet gikk til levekårskomiteen.", set()) < 1.0
    assert _credit(term, "tiltak mot utkastelse av leietakere.", set()) == 1.0
    bodo = hit(BODO, "Høringsutkastet gikk også til levekårskomiteen og eldrerådet.", 0)
    halden = hit(HALDEN, "Kommunen skal forebygge utkastelser med tett oppfølging av leietakere.", 1)
    a = answer_extractive("Hva gjør kommunene for å forebygge utkastelser?", [bodo, halden], intent="list")
    assert [c.municipality for c in a.citations] == ["Halden"]


def test_a_follow_ups_own_words_choose_the_sentence_the_borrowed_ones_only_the_passages():
    rules = provision(
        STARTLAN,
        "Startlån kan gis til den som ikke klarer å betale boutgiftene. "
        "Ved midlertidige betalingsvansker kan kommunen gi utsettelse med betaling av renter og avdrag.",
        "§ 8",
        "§ 8. Betaling",
    )
    question = "Men hvis problemene er midlertidige? (startlån klarer betale)"
    a = answer_extractive(question, [rules], intent="legal")
    assert a.citations[0].quote.startswith("Startlån kan gis")  # the borrowed words weigh as much as its own
    b = answer_extractive(question, [rules], intent="legal", borrowed={"startlån", "klarer", "betale"})
    assert b.citations[0].quote.startswith("Ved midlertidige betalingsvansker")


def test_a_part_of_a_provisions_heading_is_never_quoted():
    folkereg = provision(
        SOTJL,
        "§ 9. Innhenting av opplysninger. Tilgang til opplysninger fra Folkeregisteret\n\n"
        "Opplysninger skal så langt som mulig innhentes i samarbeid med den som ber om bistand.",
        "§ 9",
        "§ 9. Innhenting av opplysninger. Tilgang til opplysninger fra Folkeregisteret",
    )
    a = answer_extractive("Kan kommunen innhente opplysninger om samboeren min?", [folkereg], intent="legal")
    assert a.citations and all(not c.quote.startswith("§") for c in a.citations)
    assert a.citations[0].quote.startswith("Opplysninger skal så langt som mulig")


def test_how_fast_is_answered_by_a_deadline_not_by_the_words_as_fast_as_possible():
    pbl = DocumentMeta(
        "pbl", "Plan- og bygningsloven", "pbl.txt", kind="law", law_short="plan- og bygningsloven"
    )
    rules = provision(
        pbl,
        "Kommunen skal fatte vedtak så raskt som mulig etter at anmodningen er mottatt. "
        "Gjelder tiltaket bolig til varig bruk, er fristen 14 virkedager.",
        "§ 20-10",
        "§ 20-10. Unntak",
    )
    a = answer_extractive(
        "Hvor raskt må kommunen fatte vedtak om bolig til varig bruk?", [rules], intent="legal"
    )
    assert "fristen 14 virkedager" in a.citations[0].quote


def test_the_asked_sentence_is_the_last_one_after_the_askers_own_situation():
    from assistant.answer import asked_sentence

    told = "Jeg er fra Somalia, og huseieren sa plutselig at leiligheten var utleid. Har han lov til det?"
    assert asked_sentence(told) == "Har han lov til det?"
    nynorsk = "Mor mi har demens og bur åleine. Har kommunen plikt til å ha eit dagtilbod?"
    assert asked_sentence(nynorsk) == "Har kommunen plikt til å ha eit dagtilbod?"
    # one sentence, or a statement that is not the asker's own situation, is asked whole
    assert (
        asked_sentence("Hva sier Ålesunds plan om Housing First?")
        == "Hva sier Ålesunds plan om Housing First?"
    )
    fact = "Bodø har en boligplan. Hva sier den om Housing First?"
    assert asked_sentence(fact) == fact
    # a case told of a client, and a detail added after the question, are the situation too
    case = "Bruker med rusproblemer får hjelp fra NAV og DPS. Har han krav på individuell plan?"
    assert asked_sentence(case) == "Har han krav på individuell plan?"
    after = "Søker har aldri spart noe. Kan vi avslå fordi hun ikke har egenkapital? Hun har to små barn."
    assert asked_sentence(after) == "Kan vi avslå fordi hun ikke har egenkapital?"


def test_a_case_told_in_words_no_provision_uses_does_not_hide_the_provision_that_answers_what_is_asked():
    rule = provision(
        STARTLAN,
        "§ 5-3. Formål\n\nStartlån kan gis til refinansiering av dyre lån dersom det bidrar til at husstanden kan "
        "bli boende i boligen.",
        "§ 5-3",
        "§ 5-3. Formål",
    )
    # the words of the story are rare (nothing in the corpus uses them), the asked words are not
    idf = weighed(
        dict.fromkeys(("familie", "forbrukslån", "klarer", "betale", "huset", "lenger", "selge"), 8.0), 2.0
    )
    story = (
        "Familie med barn har et dyrt forbrukslån og klarer ikke å betale på huset lenger. "
        "Kan kommunen bruke startlån til refinansiering?"
    )
    a = answer_extractive(story, [rule], intent="legal", idf=idf, abstain_threshold=0.3)
    assert not a.abstained and "refinansiering av dyre lån" in a.citations[0].quote
    # told of no one, the same words are what is asked, and they are not in the provision
    b = answer_extractive(
        "Forbrukslån og betale på huset lenger. Kan kommunen bruke startlån til refinansiering?",
        [rule],
        intent="legal",
        idf=idf,
        abstain_threshold=0.3,
    )
    assert b.abstained


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Hvor mye kan et depositum være?", True),
        ("Kan du si hvor mange bostedsløse det er i Halden?", True),
        ("Kan du si noe om hvor mye bostøtte en familie får?", True),
        ("Kommer NAV til å regne med barnetrygden når de finner ut hvor mye vi får?", False),
        ("Blir barnetrygden trukket fra når de regner ut hvor mye vi får?", False),
        ("Hva plikter kommunen?", False),
    ],
)
def test_a_figure_is_asked_for_unless_it_stands_in_a_clause_of_a_yes_or_no_question(question, figure):
    from assistant.answer import asks_figure

    assert asks_figure(question) is figure


@pytest.mark.parametrize("heading", ["Bakgrunn", "Relevant lovverk", "2.1 Lovgrunnlag og nasjonale føringer"])
def test_a_point_under_a_background_heading_is_no_measure(heading):
    told = hit(
        BODO,
        "Mange unge i sentrum ønsker seg boliger, og prisene for boliger for unge i sentrum stiger.",
        0,
        section=(heading,),
    )
    done = hit(BODO, "Bodø skal bygge 40 leiligheter for unge innen 2027.", 1, section=("Mål og tiltak",))
    a = answer_extractive(
        "Hva gjør Bodø for å skaffe boliger for unge i sentrum?", [told, done], intent="list"
    )
    assert a.citations[0].quote.startswith("Bodø skal bygge 40 leiligheter")


def test_a_sum_in_kroner_is_no_year_the_documents_must_name():
    from assistant.answer import missing_years

    rule = hit(HLL, "Leieren kan deponere den omtvistede delen av leien.", 0, law_ref="husleieloven § 3-8")
    assert missing_years("Husleien gikk opp med 2000 kroner. Kan jeg deponere økningen?", [rule]) == []
    assert missing_years("Hva ble leien satt opp med i 2000?", [rule]) == ["2000"]


def test_after_the_askers_own_story_the_strongest_sentence_of_a_law_comes_first():
    rule = provision(
        HUSBANKEN,
        "§ 8. Utlån\n\nLån i Husbanken vert forrenta etter føresegner som Stortinget fastset. "
        "Husbanken kan gje utsetjing av betaling av renter og avdrag.",
        "§ 8",
        "§ 8. Utlån",
    )
    told = "Eg har mista jobben og klarer ikkje betale på lånet i Husbanken. Kan dei gje meg utsetjing?"
    a = answer_extractive(told, [rule])
    assert a.citations[0].quote.startswith("Husbanken kan gje utsetjing")
    # a question without a story reads the provision in its own order
    b = answer_extractive("Kan lånet i Husbanken få utsetjing?", [rule])
    assert [c.quote[:3] for c in b.citations] == ["Lån", "Hus"]


def test_the_measure_a_plan_states_right_after_a_lack_answers_that_lack():
    plan = hit(
        BODO,
        "Det er behov for mange nye kommunale boliger. Kommunen klarer ikke å dekke behovet for utleieboliger "
        "alene. Bodø kommune må samarbeide med private utbyggere for å få en god boligpolitikk.",
        0,
        section=("2. Gode boliger",),
    )
    lack = hit(HALDEN, "Det er få kommunale utleieboliger for de mest utsatte.", 1, section=("Analyse",))
    a = answer_extractive(
        "Hvilke tiltak har kommunene mot mangel på utleieboliger?", [plan, lack], intent="list"
    )
    # the lack stated, in either plan, is not what the planner asked for
    assert [c.quote for c in a.citations] == [
        "Bodø kommune må samarbeide med private utbyggere for å få en god boligpolitikk."
    ]


def test_a_plan_that_only_states_the_lack_is_told_apart_from_one_that_says_nothing():
    lack = hit(HALDEN, "Det er få kommunale utleieboliger for de mest utsatte.", 0, section=("Analyse",))
    a = answer_extractive("Hvilke tiltak har Halden mot mangel på utleieboliger?", [lack], intent="list")
    assert a.abstained
    assert "beskriver mangelen" in a.text and "ingen tiltak" in a.text


BODO_CHALLENGES = (
    "Utfordringer mht boligsosiale forhold\n\n"
    "  • Press på kommunale boliger.\n"
    "  • Rus, rus/psykiatri, flyktninger\n"
    "  • Bostedsløshet, midlertidig bolig\n"
)


def test_a_short_point_of_a_list_answers_a_question_about_what_it_names():
    plan = hit(BODO, BODO_CHALLENGES, 0, section=("Bakgrunn",))
    a = answer_extractive("Hva sier Bodø om bostedsløse?", [plan])
    assert [c.quote for c in a.citations] == ["Bostedsløshet, midlertidig bolig"]


def test_a_short_point_is_no_filler_in_a_list_of_measures():
    plan = hit(
        BODO,
        "Tiltak\n\n  • Bodø skal etablere et boligkontor for vanskeligstilte.\n  • Samarbeid på tvers\n",
        0,
        section=("Tiltak",),
    )
    a = answer_extractive(
        "Hvilke tiltak har kommunene for vanskeligstilte og samarbeid?", [plan], intent="list"
    )
    assert [c.quote for c in a.citations] == ["Bodø skal etablere et boligkontor for vanskeligstilte."]


def test_what_a_place_does_is_not_answered_by_the_challenge_it_lists():
    plan = hit(BODO, BODO_CHALLENGES, 0, section=("Bakgrunn",))
    a = answer_extractive("Hva gjør Bodø for bostedsløse?", [plan])
    assert a.abstained and not a.citations
    assert "beskriver mangelen eller utfordringen, men nevner ingen tiltak" in a.text


@pytest.mark.parametrize(
    "question",
    [
        "Hva skriver Bodø om boligbehovet til studenter?",
        "Hva beskriver planen om boligbehovet til studenter?",
        "Kva skriv Bodø om boligbehovet til studentar?",
        "Nevner Bodø noe om boligbehovet til studenter som nettopp har flyttet?",
    ],
)
def test_words_that_say_how_a_text_is_asked_about_are_not_its_topic(question):
    from assistant.answer import content_words

    words = content_words(question)
    assert "boligbehovet" in words
    assert not {"skriver", "skriv", "beskriver", "nevner", "nettopp"} & set(words)


def test_a_timeline_whose_lines_were_joined_is_read_entry_by_entry():
    from assistant.answer import sentence_spans

    text = (
        "Trinn 4: Justeringer Apr. 12 – Søknad på prosjekt «boligsosial utviklingsarena» sendt Husbanken "
        "Sep. 12 – Prosjektleder overført samfunnskontoret Feb. 13 – Boligpolitisk arbeidsplan 2013"
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Trinn 4: Justeringer",
        "Apr. 12 – Søknad på prosjekt «boligsosial utviklingsarena» sendt Husbanken",
        "Sep. 12 – Prosjektleder overført samfunnskontoret",  # «Sep.» ends no sentence before its day
        "Feb. 13 – Boligpolitisk arbeidsplan 2013",
    ]


def test_what_a_follow_up_asks_about_a_place_must_be_in_that_places_text_in_its_own_words():
    # «Og for unge?» after «Hvilke tiltak har Halden for rusavhengige?»: Halden's passage on its measures
    # holds the borrowed «tiltak» and «Halden», nothing on young people
    plan = hit(HALDEN, "Tiltak for rusavhengige: Halden skal etablere fem nye boliger.", 0)
    question = "Og for unge? (tiltak Halden)"
    rare_young = lambda stems: {s: 4.0 if s.startswith("ung") else 1.0 for s in stems}  # noqa: E731
    a = answer_extractive(question, [plan], intent="list", borrowed={"tiltak", "halden"}, idf=rare_young)
    assert a.abstained and "Fant ingen tekst om dette fra Halden." in a.text
    # asked in its own words, the same passage answers
    b = answer_extractive("Hvilke tiltak har Halden?", [plan], intent="list")
    assert not b.abstained


def test_a_section_of_a_status_chapter_describes_even_where_it_uses_a_word_of_doing():
    status = drammen_status("Mange av utleieboligene er små leiligheter bygget på 1970-tallet.")
    a = answer_extractive("Hvilke tiltak har kommunene mot mangel på utleieboliger?", [status], intent="list")
    assert a.abstained and "nevner ingen tiltak" in a.text


VOLDA = DocumentMeta("volda", "Bustadsosial plan", "v.md", kind="plan", municipality="Volda")


def test_measures_against_a_lack_are_the_points_under_a_plans_measures_in_their_own_words():
    # «Hvilke tiltak … mot mangel på utleieboliger?»: Drammen's measure adds «kommunale boliger» (a kind of
    # what is lacking) and never repeats «mangel»; it is Drammen's point, not its status chapter's lack
    status = drammen_status("Det er mangel på kommunale utleieboliger, og ventelisten øker.")
    measure = hit(
        DRAMMEN,
        "5 Tiltak\n\n5.1 Flere egnede boliger\n\nKjøpe 60 nye kommunale boliger i perioden.",
        1,
        section=("Boligsosial handlingsplan", "5 Tiltak", "5.1 Flere egnede boliger"),
    )
    other = hit(VOLDA, "Kommunen skal byggje 12 nye utleigebustader for einslege.", 2, section=("4 Tiltak",))
    a = answer_extractive(
        "Hvilke tiltak har kommunene mot mangel på utleieboliger?", [status, other, measure], intent="list"
    )
    quotes = [c.quote for c in a.citations]
    assert "Kjøpe 60 nye kommunale boliger i perioden." in quotes
    assert not any("ventelisten" in q for q in quotes)
    assert {c.municipality for c in a.citations} == {"Drammen", "Volda"}


def test_a_kind_of_what_is_asked_counts_only_for_measures_and_never_makes_an_answer():
    # «kommunale boliger» is a kind of «utleieboliger» for ranking measures, not evidence that a plan
    # says what the rent of its rental homes is
    rent = hit(HALDEN, "Halden har få kommunale boliger for store familier.", 0, section=("Bakgrunn",))
    a = answer_extractive("Hvor høy er husleia i de kommunale utleieboligene i Halden kommune?", [rent])
    assert a.abstained


def test_a_passage_of_the_law_the_question_names_counts_a_quarter_more_as_evidence():
    # «Kan kommunen etter fhl. kreve …?»: the asker says where the answer is
    fhl = DocumentMeta("fhl", "Folkehelseloven", "fhl.txt", kind="law", law_short="folkehelseloven")
    text = "Kommunen kan pålegge den som driver virksomhet å utrede konsekvenser for helsen."
    question = (
        "Et boligprosjekt ligger ved en fabrikk. Kan kommunen etter folkehelseloven kreve en utredning?"
    )
    of_fhl = provision(fhl, text, "§ 11", "§ 11. Pålegg")
    held = coverage(
        question_terms(question), " ".join((fhl.title, "§ 11. Pålegg", of_fhl.chunk.law_ref, text))
    )
    assert 0 < held < 0.8
    assert evidence_score(question, [of_fhl]) == pytest.approx(held * 1.25, abs=1e-3)
    # the same passage counts as it is when the question names no law
    plain = question.replace(" etter folkehelseloven", "")
    assert evidence_score(plain, [of_fhl]) == pytest.approx(
        coverage(question_terms(plain), " ".join((fhl.title, "§ 11. Pålegg", of_fhl.chunk.law_ref, text))),
        abs=1e-3,
    )


def test_a_passage_of_measures_is_known_by_a_heading_below_the_title_its_first_words_or_its_labels():
    from assistant.answer import under_measures

    def chunk(text, section):
        return Chunk("c", "d", text, 0, section, None, None, None, None, None)

    title = "Program- og aktivitetsplan for Halden"
    assert under_measures(chunk("Kjøpe 60 nye boliger.", ("Plan", "5 Tiltak", "5.1 Flere boliger")))
    assert under_measures(chunk("4.4.4: Tiltak: Boliger rusfri ca. 4 til 5 boliger.", (title,)))
    assert under_measures(chunk("Det er vedtatt. 4.4.2: Tiltak: Boliger for rusbrukere.", (title,)))
    # not the title's «aktivitetsplan» (a chunk may open with it), nor a status chapter
    assert not under_measures(chunk(f"{title} 20.02.2013 Innhold og sammendrag.", (title,)))
    assert not under_measures(chunk("Det er mangel på boliger for rusbrukere.", (title,)))
    assert not under_measures(chunk("Det er få boliger.", ("Plan", "3 Status", "3.1 Boliger")))


def test_a_passage_added_after_the_ranked_ones_counts_as_evidence():
    # a named place's passage of measures comes after the eight ranked hits (assistant.service)
    others = [
        hit(BODO, f"Bodø har en plan for eldre nummer {i}.", i, section=("Bakgrunn",)) for i in range(8)
    ]
    measure = hit(HALDEN, "4.4.2: Tiltak: Boliger for rusbrukere ca. 8 til 10 leiligheter.", 8)
    a = answer_extractive("Hvilke tiltak har Halden for rusbrukere?", [*others, measure], intent="list")
    assert not a.abstained and a.citations[0].quote.startswith("4.4.2: Tiltak: Boliger for rusbrukere")


KONGSBERG = DocumentMeta(
    "kongsberg", "Boligsosial handlingsplan 2025–2029", "k.docx", kind="plan", municipality="Kongsberg"
)
SOGNDAL = DocumentMeta("sogndal", "Bustadsosial plan 2024–2027", "s.pdf", kind="plan", municipality="Sogndal")


def test_the_title_is_no_heading_of_measures_and_a_word_plans_chapters_are():
    from assistant.answer import below_title, under_measures

    halden = "Program- og aktivitetsplan. Boligsosialt utviklingsprogram for Halden kommune 2011–2014"
    # a plan that gave its title as its first heading: the title is not one of its chapters
    assert below_title((halden.replace("–", "-") + ".",), halden) == []
    assert below_title(("Boligsosial handlingsplan", "5 Tiltak"), "Boligsosial handlingsplan 2025–2028") == [
        "5 Tiltak"
    ]
    # a Word plan whose title is no heading opens its path with the chapter
    word_plan = ("5 Tiltak", "5.2 Housing First")
    assert below_title(word_plan, KONGSBERG.title) == list(word_plan)
    chunk = hit(KONGSBERG, "Kommunen skal etablere et Housing First-team.", section=word_plan).chunk
    assert under_measures(chunk, KONGSBERG.title)
    # «aktivitetsplan» in the title names no measures
    status = hit(HALDEN, "Det er behov for flere boliger for rusbrukere.", section=(halden,)).chunk
    assert not under_measures(status, halden)


def test_a_word_plans_measures_are_quoted_not_its_status_chapter():
    target = hit(
        KONGSBERG,
        "Målgruppen er personer med langvarig bostedsløshet og samtidige rus- og psykiske lidelser.",
        0,
        section=("5 Tiltak", "5.2 Housing First"),
    )
    status = hit(
        KONGSBERG,
        "Personer med samtidige rus- og psykiske lidelser har ofte store problemer med å beholde boligen.",
        1,
        section=("3 Utfordringer", "3.5 Personer med rus- og psykiske helseutfordringer"),
    )
    measure = hit(
        KONGSBERG,
        "Kommunen skal etablere et FACT-team for personer med rus- og psykiske lidelser.",
        2,
        section=("5 Tiltak", "5.5 Forebygging og tidlig innsats"),
    )
    a = answer_extractive(
        "Hva gjør Kongsberg for folk med rusavhengighet og psykiske lidelser?",
        [target, status, measure],
        intent="list",
    )
    quotes = [c.quote for c in a.citations]
    assert any(q.startswith("Kommunen skal etablere et FACT-team") for q in quotes)
    assert all("store problemer" not in q for q in quotes)


def test_a_goal_is_no_measure():
    # the same words and both with a word of doing: the point under «5 Tiltak» is what the plan does
    goal = hit(
        SOGNDAL,
        "Kommunen skal sikre at eldre kan bu lenger i eigen heim.",
        0,
        section=("Bustadsosial plan 2024–2027", "2 Mål for det bustadsosiale arbeidet"),
    )
    measure = hit(
        SOGNDAL,
        "Kommunen skal tilby heimebesøk slik at eldre kan bu lenger i eigen heim.",
        1,
        section=("Bustadsosial plan 2024–2027", "5 Tiltak"),
    )
    a = answer_extractive(
        "Kva gjer Sogndal kommune for at eldre skal kunne bu lenger i eigen heim?", [goal, measure]
    )
    assert a.citations[0].quote.startswith("Kommunen skal tilby heimebesøk")


def test_how_often_is_answered_by_a_frequency():
    council = hit(
        SOGNDAL,
        "Tildelingsrådet har representantar frå NAV, helse og eigedom. "
        "Tildelingsrådet skal ha møte kvar fjortande dag.",
        0,
        section=("Bustadsosial plan 2024–2027", "5 Tiltak"),
    )
    a = answer_extractive("Kor ofte samlast tildelingsrådet i Sogndal?", [council])
    assert a.citations[0].quote == "Tildelingsrådet skal ha møte kvar fjortande dag."


def test_the_price_tag_of_a_measure_is_a_sum_of_money():
    from assistant.answer import asks_figure

    assert asks_figure("Hva er prislappen per år for Housing First-satsingen i Kongsberg?")
    assert asks_figure("Hva var den samlede prislappen for prosjektet?")
    assert not asks_figure("Hva er formålet med planen?")
    team = hit(
        KONGSBERG,
        "Teamet skal ha fire årsverk og følge opp inntil 15 deltakere. "
        "Tiltaket er beregnet å koste 3,2 millioner kroner årlig.",
        section=("5 Tiltak", "5.2 Housing First"),
    )
    a = answer_extractive("Hva er prislappen per år for Housing First-teamet i Kongsberg?", [team])
    assert a.citations[0].quote == "Tiltaket er beregnet å koste 3,2 millioner kroner årlig."


def test_a_first_part_written_once_for_two_compounds_is_a_near_form():
    terms = question_terms("rusavhengighet")
    assert 0 < coverage(terms, "personer med rus- og psykiske lidelser") < 1
    assert coverage(terms, "personer med psykiske lidelser") == 0
    # only the first part of the compound asked about («rus-» is no part of «psykiatri»)
    assert coverage(question_terms("psykiatri"), "personer med rus- og psykiske lidelser") == 0


def test_households_are_the_reports_husstander():
    report = hit(
        DocumentMeta(
            "moss", "Sluttrapport: Trygg i egen bolig", "m.html", kind="report", municipality="Moss"
        ),
        "Oppfølgingen varte i gjennomsnitt sju måneder per husstand. "
        "Totalt 57 husstander fikk oppfølging fra teamet i prosjektperioden.",
        section=("Sluttrapport: Trygg i egen bolig", "Resultater"),
    )
    a = answer_extractive("Hvor mange husholdninger fikk oppfølging gjennom prosjektet i Moss?", [report])
    assert a.citations[0].quote.startswith("Totalt 57 husstander")


def test_a_name_with_a_common_noun_after_its_hyphen_is_known_by_the_name():
    from assistant.answer import unknown_names

    stats = stats_for(
        ["Kongsberg skal etablere et Housing First-team."], titles=["Housing First i Kongsberg"]
    )
    assert unknown_names("Hva koster Housing First-satsingen i Kongsberg?", stats) == []
    assert unknown_names("Hva koster Airbnb-satsingen i Kongsberg?", stats) == ["Airbnb-satsingen"]


def test_a_recommendation_is_a_measure():
    flat = (HALDEN.title,)  # a plan whose headings were lost
    said = hit(HALDEN, "Rapporten omtaler differensierte boliger og eierformer.", 0, section=flat)
    advised = hit(HALDEN, "Rambøll anbefaler differensierte boliger og eierformer.", 1, section=flat)
    a = answer_extractive("Hva gjør Halden for differensierte boliger?", [said, advised])
    assert a.citations[0].quote.startswith("Rambøll anbefaler")


def test_participants_are_people_counted_and_a_place_compound_is_known_by_its_place():
    from assistant.answer import absent_names, unknown_names

    team = hit(
        KONGSBERG,
        "Planen sier at Kongsberg kommune skal etablere et Housing First-team. "
        "Teamet skal ha fire årsverk og kapasitet til å følge opp inntil 15 deltakere.",
        section=("5 Tiltak", "5.2 Housing First"),
    )
    question = "Hvor mange brukere skal Housing First-teamet i Kongsbergplanen kunne ta imot?"
    stats = stats_for([team.chunk.text], titles=[KONGSBERG.title], places=["Kongsberg"])
    assert unknown_names(question, stats) == [] and absent_names(question, [team]) == []
    a = answer_extractive("Hvor mange brukere skal Housing First-teamet i Kongsberg kunne ta imot?", [team])
    assert "inntil 15 deltakere" in a.citations[0].quote


def test_a_sentence_pointing_to_a_table_is_not_the_answer_the_table_holds():
    table = hit(
        KONGSBERG,
        "Tabellen gir en oversikt over de viktigste tiltakene for bo-oppfølging.\n\n"
        "Tiltak | Ansvar | Frist\n"
        "Styrke bo-oppfølgingstjenesten med to årsverk | Helse og velferd | 2025\n"
        "Etablere ungdomsteam for bo-oppfølging | Bo- og oppfølgingstjenesten | 2025",
        section=("5 Tiltak", "5.6 Tiltaksoversikt"),
    )
    a = answer_extractive("Hvilke tiltak har Kongsberg for bo-oppfølging?", [table], intent="list")
    assert a.citations[0].quote.startswith("Styrke bo-oppfølgingstjenesten")
    assert all(not c.quote.startswith("Tabellen") for c in a.citations)


def test_how_much_something_cost_in_kroner_is_not_answered_by_a_count():
    status = hit(
        KONGSBERG,
        "Midlertidig botilbud ble benyttet i totalt 3 140 døgn i 2023, fordelt på 71 personer.",
        section=("2 Status og nøkkeltall", "2.4 Bostedsløshet og midlertidig botilbud"),
    )
    a = answer_extractive("Hvor mye kostet det midlertidige botilbudet i Kongsberg i 2023?", [status])
    assert a.abstained and "oppgir ikke tallet" in a.text
    b = answer_extractive("Hvor mange døgn ble midlertidig botilbud brukt i Kongsberg i 2023?", [status])
    assert not b.abstained and "3 140 døgn" in b.citations[0].quote


TYNSET = DocumentMeta("tynset", "Bustadsosial handlingsplan", "t.docx", kind="plan", municipality="Tynset")


def test_what_is_counted_is_found_in_its_nynorsk_form():
    plan = hit(
        TYNSET,
        "Kvart år kjem det om lag 150 sesongarbeidarar til kommunen.",
        section=("3 Utfordringar", "3.2 Sesongarbeidarar"),
    )
    a = answer_extractive("Hvor mange sesongarbeidere kommer til Tynset i løpet av et år?", [plan])
    assert not a.abstained and "150 sesongarbeidarar" in a.citations[0].quote


def test_a_purchase_price_is_a_sum_and_a_rent_to_own_model_is_no_rent():
    plan = hit(
        DocumentMeta("ringsaker", "Boligpolitisk plan", "r.pdf", kind="plan", municipality="Ringsaker"),
        "Kommunen skal prøve ut en leie-til-eie-modell med 20 boliger, der leietakeren får kjøpe boligen.",
        section=("4 Innsatsområder", "4.1 Unge i etableringsfasen"),
    )
    a = answer_extractive("Hva blir kjøpesummen for leietakerne i leie-til-eie-boligene i Ringsaker?", [plan])
    assert a.abstained and "oppgir ikke tallet" in a.text


def test_a_short_sentence_saying_which_chapter_holds_the_points_is_not_quoted():
    report = hit(
        DocumentMeta("lillestrom", "Evaluering", "l.md", kind="report", municipality="Lillestrøm"),
        "Vi gir åtte anbefalinger i kapittel 6. Vi anbefaler én felles inngang for boligsosiale henvendelser.",
        section=("Evaluering", "Sammendrag"),
    )
    a = answer_extractive("Hva anbefalte evalueringen i Lillestrøm?", [report])
    assert [c.quote for c in a.citations] == ["Vi anbefaler én felles inngang for boligsosiale henvendelser."]


def test_the_weekday_of_a_told_story_is_no_term():
    assert [t.word for t in question_terms("Bror min kommer ut av fengselet på fredag.")] == [
        "bror",
        "kommer",
        "fengselet",
    ]


LILLESTROM = DocumentMeta(
    "lillestrom", "Evaluering av det boligsosiale arbeidet", "l.md", kind="report", municipality="Lillestrøm"
)


def test_what_an_evaluation_recommended_is_answered_by_its_recommendations():
    found = hit(
        LILLESTROM,
        "Evalueringen viser at ventetiden for kommunal bolig har økt i Lillestrøm.",
        0,
        section=(LILLESTROM.title, "Sammendrag"),
    )
    advised = hit(
        LILLESTROM,
        "Etabler én felles inngang for boligsosiale henvendelser i Lillestrøm.",
        1,
        section=(LILLESTROM.title, "6 Anbefalinger"),
    )
    a = answer_extractive("Hva anbefalte konsulentene i Lillestrøm-evalueringen?", [found, advised])
    assert a.citations[0].quote.startswith("Etabler én felles inngang")


def test_a_lead_in_to_a_long_list_is_quoted_with_as_many_points_as_fit():
    points = "\n".join(
        f"{n}. Tiltak nummer {n} i Lillestrøm skal gjennomføres av Boligtjenesten innen utgangen av 2025, "
        "med egne midler og i samarbeid med NAV og private utleiere."
        for n in range(1, 13)
    )
    report = hit(
        LILLESTROM,
        f"Vi anbefaler at Lillestrøm kommune gjennomfører følgende tiltak:\n{points}",
        section=(LILLESTROM.title, "6 Anbefalinger"),
    )
    a = answer_extractive("Hva anbefaler evalueringen at Lillestrøm kommune gjennomfører?", [report])
    quote = a.citations[0].quote
    assert quote.startswith(
        "Vi anbefaler at Lillestrøm kommune gjennomfører følgende tiltak:\n1. Tiltak nummer 1"
    )
    assert "2. Tiltak nummer 2" in quote and len(quote) <= 1200 and quote.endswith("private utleiere.")


def test_a_follow_ups_figure_may_be_one_of_what_it_asks_itself():
    notice = provision(
        HLL,
        "§ 9-6. Oppsigelsesfrist\n\nEn leier av en kommunal leilighet kan sies opp av kommunen. "
        "Oppsigelsesfristen skal være tre måneder.",
        "§ 9-6",
        "§ 9-6. Oppsigelsesfrist",
    )
    condensed = "Hvor lang tid har jeg da før jeg må være ute? (Kan kommunen si meg opp fra den kommunale leiligheten leier)"
    borrowed = {"kan", "kommunen", "si", "meg", "opp", "fra", "den", "kommunale", "leiligheten", "leier"}
    a = answer_extractive(condensed, [notice], intent="legal", borrowed=borrowed)
    assert not a.abstained and "tre måneder" in a.citations[0].quote
    # «hvor lang tid» asks how long, about nothing
    assert "tid" not in [t.word for t in question_terms("Hvor lang tid tar det å få svar på søknaden?")]


def test_a_count_of_people_is_no_deadline_year_and_what_it_cost_is_a_sum():
    plan = hit(
        DocumentMeta("gjovik", "Boligsosial handlingsplan", "g.pdf", kind="plan", municipality="Gjøvik"),
        "Leie-til-eie-ordning for barnefamilier i kommunal bolig | Tildelingskontoret | 2025",
        section=("5 Tiltaksplan",),
    )
    a = answer_extractive("Hvor mange står på venteliste for kommunal bolig i Gjøvik nå?", [plan])
    assert a.abstained
    report = hit(
        DocumentMeta("orsta", "Sluttrapport Housing First", "o.html", kind="report", municipality="Ørsta"),
        "16 av 19 deltakarar i Housing First budde framleis i eigen bustad ved prosjektslutt.",
        section=("Sluttrapport Housing First", "Resultat"),
    )
    b = answer_extractive("Kva kosta Housing First i Ørsta per deltakar?", [report])
    assert b.abstained and "oppgir ikke tallet" in b.text


def test_an_everyday_phrase_is_read_only_as_whole_words():
    from assistant.synonyms import expand_query, holds_phrase

    assert holds_phrase("kan huseier kaste meg ut?", "kaste meg ut")
    assert not holds_phrase("må utleier si fra?", "må ut")
    assert holds_phrase("hva er leie til eie-ordningen?", "leie til eie")
    # «mnd» is months, «born» is the nynorsk «barn»
    assert "måneders" in expand_query("Utleier krever 8 mnd husleie i depositum.")
    assert "barn" in expand_query("Eg har ikkje born.")


def test_a_measures_bare_label_is_quoted_with_the_sentence_that_says_what_it_is():
    flat = (HALDEN.title,)
    plan = hit(
        HALDEN,
        "3.4.2: Tiltak: Omsorgsbolig med heldøgns omsorg. 4.4.1:Tiltak: Midlertidig bolig. "
        "2013: Etablere 2 nye enkle boliger dvs. totalt 4. 4.4.2: Tiltak: Boliger for rusbrukere.",
        section=flat,
    )
    a = answer_extractive("Hvilke tiltak har Halden for midlertidig bolig?", [plan], intent="list")
    assert (
        a.citations[0].quote
        == "4.4.1:Tiltak: Midlertidig bolig. 2013: Etablere 2 nye enkle boliger dvs. totalt 4."
    )


def test_a_question_for_a_limit_is_answered_by_the_sentence_that_sets_it():
    # the sentence that holds the asker's words («krever utleieren …») and a number of weeks is not the limit
    text = (
        "husleieloven § 3-5. Depositum\n\nDet kan avtales at leieren til sikkerhet for skyldig leie, skader på "
        "husrommet, utgifter ved fraviking og for andre krav som reiser seg av leieavtalen, skal deponere et beløp "
        "oppad begrenset til et beløp svarende til seks måneders leie. Krever utleieren utbetaling, skal "
        "finansinstitusjonen varsle leieren om kravet og opplyse om at beløpet vil bli utbetalt til utleieren hvis "
        "leieren ikke innen fem uker etter at varselet er sendt, dokumenterer å ha reist søksmål."
    )
    # the weights of the real corpus: «kreve», «leier» and «utleier» are in every provision of the law
    idf = weighed({"depositum": 5.2, "huseieren": 6.5, "kreve": 2.0, "leietaker": 7.6}, 1.0)
    a = answer_extractive(
        "Hvor stort depositum kan huseieren kreve av en leietaker?",
        [depositum(0, text, "første ledd")],
        intent="legal",
        idf=idf,
    )
    assert not a.abstained
    assert "seks måneders leie" in a.citations[0].quote


def test_lovdatas_footnotes_under_a_provision_are_never_quoted():
    text = (
        "§ 3-2 a. Langtidsopphold\n\nKommunen skal føre ventelister over pasienter og brukere som venter på "
        "langtidsopphold.\n\n1 Ikr. fra den tid Kongen bestemmer.*\n\n1 Fra 1 jan 2012 iflg. res. 24 juni 2011 nr. 637."
    )
    quotes = [text[a:b] for a, b, *_ in _answer_sentences(text)]
    assert any(q.startswith("Kommunen skal føre ventelister") for q in quotes)
    assert not any("Ikr." in q or "iflg. res." in q for q in quotes)


def test_a_local_figure_for_a_place_no_document_comes_from_is_not_taken_from_a_law():
    hol = provision(
        HOL,
        "§ 3-2 a. Langtidsopphold\n\nKommunen skal føre ventelister over brukere som venter på langtidsopphold, "
        "og ventetiden skal ikke være lenger enn tre måneder.",
        "§ 3-2 a",
        "§ 3-2 a. Langtidsopphold",
    )
    a = answer_extractive(
        "Hvor lang er ventetida på kommunal bolig i Bergen kommune nå?", [hol], intent="fact"
    )
    assert a.abstained and "Bergen" in a.text


HARSTAD = DocumentMeta(
    "harstad",
    "Evaluering av Housing First i Harstad 2020–2023",
    "h.pdf",
    kind="report",
    municipality="Harstad",
)


def test_a_figure_of_another_year_does_not_answer_a_question_about_the_year_asked():
    report = hit(
        HARSTAD,
        "Harstad kommune hadde ved kartleggingen i 2019 registrert 37 bostedsløse personer. Prosjektet ble "
        "avsluttet i desember 2023.",
        section=("Bakgrunn",),
    )
    a = answer_extractive("Hvor mange bostedsløse var det i Harstad i 2023?", [report])
    assert a.abstained and "2023" in a.text
    b = answer_extractive("Hvor mange bostedsløse var det i Harstad i 2019?", [report])
    assert not b.abstained and "37 bostedsløse" in b.citations[0].quote


def test_a_count_named_before_its_number_answers_how_many():
    plan = hit(
        BODO,
        "Bodø kommune hadde 52 000 innbyggere i 2024. Ifølge prognosen ventes innbyggertallet å øke til om lag "
        "60 500 innen 2036.",
        section=("Befolkning",),
    )
    a = answer_extractive("Hvor mange innbyggere regner Bodø med å ha i 2036?", [plan])
    assert not a.abstained and "60 500" in a.citations[0].quote


def test_what_is_asked_about_must_be_named_by_the_passage_that_answers():
    stord = DocumentMeta("stord", "Bustadsosial handlingsplan", "s.html", kind="plan", municipality="Stord")
    plan = hit(
        stord, "I 2022 fekk 38 husstandar startlån frå Stord kommune, til saman 79,8 millionar kroner."
    )
    a = answer_extractive("Kva er inntektsgrensa for å få startlån i Stord kommune?", [plan])
    assert a.abstained and "inntektsgrensa" in a.text
    # a broad word («formålet») may be answered in the passage's own words
    b = answer_extractive("Hva er formålet med startlån i Stord kommune?", [plan])
    assert "inntektsgrensa" not in b.text and "formålet" not in b.text


def test_a_cover_line_that_only_repeats_the_documents_title_words_is_not_the_answer():
    cover = hit(
        HARSTAD,
        "2020–2023 Sluttrapport, Harstad kommune, Helse- og omsorgsavdelingen.",
        0,
        section=(HARSTAD.title,),
    )
    finding = hit(
        HARSTAD,
        "Evalueringen viser at mangel på egnede boliger og et sårbart team var de største problemene.",
        1,
        section=(HARSTAD.title, "3 Funn"),
    )
    a = answer_extractive("Hvilke problemer fant evalueringen av Housing First i Harstad?", [cover, finding])
    assert not a.abstained
    assert [c.quote for c in a.citations] == [finding.chunk.text]


def test_the_kind_of_figure_asked_for_is_not_what_the_figure_must_be_about():
    plan = hit(
        BODO,
        "I 2023 innvilget Bodø kommune 74 startlån på til sammen 171,6 millioner kroner.",
        section=("2 Status", "2.5 Økonomiske virkemidler"),
    )
    a = answer_extractive(
        "Hvor mye startlån delte Bodø ut i 2023, totalt beløp og antall?",
        [plan],
        idf=weighed({"delte": 6.0, "totalt": 4.0, "beløp": 4.0, "antall": 3.0}, 2.0),
    )
    assert not a.abstained and "74 startlån" in a.citations[0].quote


def test_giving_notice_in_everyday_words_with_the_person_between_is_asked_as_oppsigelse():
    from assistant.answer import content_words
    from assistant.synonyms import expand_query

    for q in ("Kan jeg si henne opp?", "Utleier har sagt meg opp, kva no?", "Kan eg seie han opp?"):
        assert "oppsigelse" in content_words(q)
        assert "oppsigelse" in expand_query(q)
    # «opp» after another verb is no notice
    assert "oppsigelse" not in content_words("Kan jeg sette opp en hybel i kjelleren?")


def test_a_follow_up_is_answered_by_what_it_asks_itself_not_only_by_the_story_it_borrowed():
    bopel = DocumentMeta(
        "bopel",
        "Forskrift om sosiale tjenester for personer uten fast bopel",
        "b.txt",
        kind="regulation",
        law_short="forskrift om sosiale tjenester for personer uten fast bopel",
    )
    rule = provision(
        bopel,
        "§ 4. Personer som ikke har lovlig opphold i riket\n\nPersoner som ikke har lovlig opphold i riket har i en "
        "nødssituasjon rett til økonomisk stønad og hjelp til å finne midlertidig botilbud.",
        "§ 4",
        "§ 4. Personer som ikke har lovlig opphold i riket",
    )
    story = ("mann", "sover", "ute", "parken", "natt")
    idf = weighed(dict.fromkeys(story, 7.5), 3.0)
    condensed = "Hva om han ikke har lovlig opphold i Norge da? (mann sover ute parken natt)"
    a = answer_extractive(condensed, [rule], intent="legal", idf=idf, borrowed=frozenset(story))
    assert not a.abstained and "nødssituasjon" in a.citations[0].quote
    # asked outright, every word is the asker's own, and the provision says nothing of parks and nights
    assert answer_extractive(condensed, [rule], intent="legal", idf=idf).abstained


def test_services_a_plan_sets_up_are_its_measures_and_a_goal_labelled_as_such_is_none():
    from assistant.answer import asks_measures

    assert asks_measures("Hva slags tilbud planlegger Gjøvik for folk med rusavhengighet?")
    assert asks_measures("Kva tilbod har Stord for ungdom?")
    plan = hit(
        BODO,
        "Mål: Personer med rus- og psykiske helseutfordringer skal ha et varig og egnet botilbud. Kommunen "
        "etablerer et Housing First-team med 4 årsverk for personer med rus- og psykiske helseutfordringer.",
        section=(BODO.title, "3 Mål og tiltak", "3.4 Rus og psykisk helse"),
    )
    a = answer_extractive(
        "Hva slags tilbud planlegger Bodø for folk med rus- og psykiske helseutfordringer?", [plan]
    )
    assert not a.abstained and a.citations[0].quote.startswith("Kommunen etablerer et Housing First-team")


def test_what_worked_in_everyday_words_finds_what_the_report_says_worked():
    from assistant.synonyms import expand_query

    assert "fungerte" in expand_query("Hva var det som funka bra i Housing First?")
    assert "fungerte godt" in expand_query("Hva var det som funka bra i Housing First?")


def test_a_question_about_two_named_places_answers_from_each():
    bodo = hit(BODO, "Bodø kommune skal kjøpe 10 boliger i året til bosetting av flyktninger.", 0)
    bodo2 = hit(BODO, "Bodø kommune skal inngå avtaler med private utleiere om boliger til flyktninger.", 1)
    halden = hit(
        HALDEN, "Halden kommune skal gi flyktninger tidsbegrensede kontrakter i gjennomgangsboliger.", 2
    )
    a = answer_extractive(
        "Hva gjør Bodø og Halden for å skaffe boliger til flyktninger?", [bodo, bodo2, halden]
    )
    assert not a.abstained
    assert {c.municipality for c in a.citations} == {"Bodø", "Halden"}


def test_how_many_of_them_counts_what_follows_of():
    from assistant.answer import counted_words
    from assistant.synonyms import expand_query

    assert "deltak" in counted_words("Hvor mange av deltakerne klarte å bli boende?")
    assert "bolig" in counted_words("Hvor mange av de kommunale boligene i Lillestrøm er leid inn?")
    assert counted_words("Hvor mange av dem ble rusfrie?") == []  # «dem» counts nothing named
    assert "beholdt boligen" in expand_query("Hvor mange klarte å bli boende i boligen sin?")


def test_the_figure_for_the_year_asked_comes_before_one_for_no_year_and_regner_med_is_a_forecast():
    plan = hit(
        BODO,
        "Kommunens egen befolkningsprognose viser en forventet befolkning på 64 900 innbyggere i 2035. Dette "
        "tilsvarer en vekst på om lag 11,5 prosent i planperioden, eller rundt 560 nye innbyggere per år.",
        section=("2 Befolkning",),
    )
    a = answer_extractive(
        "Hvor mange innbyggere regner Bodø med å ha når planperioden er over i 2035?", [plan]
    )
    assert not a.abstained and "64 900 innbyggere i 2035" in a.citations[0].quote


def test_how_many_took_part_counts_the_participants():
    from assistant.answer import counted_words

    assert "deltak" in counted_words("Hvor mange deltok egentlig?")
    assert "deltak" in counted_words("Kor mange deltek i prosjektet?")


def test_a_routines_scope_is_no_measure():
    scope = hit(
        DRAMMEN,
        "Rutinen gjelder alle leieforhold i kommunale utleieboliger, i alt 738 utleieboliger per 1. januar 2024.",
        0,
        section=(DRAMMEN.title, "1 Formål og virkeområde"),
    )
    a = answer_extractive("Hvilke tiltak har Drammen mot mangel på utleieboliger?", [scope], intent="list")
    assert not any("738 utleieboliger" in c.quote for c in a.citations)


def test_a_short_point_of_a_list_is_read_on_from_its_lead_in_and_a_compound_written_apart_counts():
    alta = DocumentMeta("alta", "Retningslinjer for tildeling", "a.html", kind="other", municipality="Alta")
    rules = hit(
        alta,
        "Fra 1. januar 2024 gjelder følgende månedlige husleie for ordinære utleieboliger:\n"
        "• ettroms leilighet: 7 800 kroner,\n• treroms leilighet: 11 600 kroner,\n"
        "• fireroms leilighet eller større: 13 200 kroner.",
        section=(alta.title, "7. Husleie"),
    )
    # the weights of the real corpus: the flat type is rare, «husleie» and «kommunal» are common
    idf = weighed({"treromsleilighet": 6.6, "husleia": 3.1, "kommunal": 2.2, "alta": 1.5}, 2.0)
    a = answer_extractive("Hva er husleia for en kommunal treromsleilighet i Alta nå?", [rules], idf=idf)
    assert not a.abstained and a.citations[0].quote == "treroms leilighet: 11 600 kroner,"


def test_who_may_have_a_benefit_is_answered_by_the_law_sentence_that_names_the_people_it_covers():
    lending = provision(
        STARTLAN,
        "§ 5-1. Utlån\n\nHusbanken gir lån til kommuner for videre utlån av startlån.",
        "§ 5-1",
        "§ 5-1. Utlån",
    )
    who = provision(
        STARTLAN,
        "§ 5-2. Tildeling\n\nKommunen kan gi startlån til personer som ikke får lån i ordinære banker.",
        "§ 5-2",
        "§ 5-2. Tildeling",
        n=1,
    )
    idf = weighed({"startlån": 4.0}, 2.0)
    a = answer_extractive("Hvem kan få startlån fra kommunen?", [lending, who], idf=idf)
    assert not a.abstained and a.citations[0].quote.startswith("Kommunen kan gi startlån til personer som")
    # «hvem gir …» asks for a body, not for the people covered: the best-ranked provision leads
    b = answer_extractive("Hvem gir startlån?", [lending, who], idf=idf)
    assert b.citations[0].quote.startswith("Husbanken gir lån")


def test_what_did_not_work_is_answered_from_the_section_that_says_so_not_from_the_summary():
    report = DocumentMeta(
        "trygg", "Sluttrapport – prosjektet «Trygg heim»", "t.html", kind="report", municipality="Sunnfjord"
    )
    summary = hit(
        report,
        "Samandrag\n\nProsjektet nådde ikkje alle måla sine. Prosjektet «Trygg heim» vart gjennomført i "
        "Sunnfjord kommune frå 2022 til 2024.",
        0,
        section=(report.title, "Samandrag"),
    )
    good = hit(
        report,
        "6 Kva fungerte godt\n\nDeltakarane fekk raskt hjelp frå buoppfølgarane.",
        5,
        section=(report.title, "6 Kva fungerte godt"),
    )
    bad = hit(
        report,
        "7 Kva fungerte ikkje\n\nSamarbeidet med private utleigarar kom aldri skikkeleg i gang.",
        6,
        section=(report.title, "7 Kva fungerte ikkje"),
    )
    a = answer_extractive(
        "Hva fungerte ikke i Trygg heim-prosjektet i Sunnfjord?",
        [summary, good, bad],
        idf=weighed({"fungerte": 4.4, "trygg": 4.5, "heim": 6.0}, 3.0),
    )
    assert not a.abstained and "private utleigarar" in a.citations[0].quote


def test_a_negated_question_weighs_the_not_as_much_as_what_it_negates_and_a_case_told_does_not():
    idf = weighed({"fungerte": 4.4}, 2.0)
    terms = {t.word: t.weight for t in question_terms("Kva har ikkje fungert i prosjektet?", idf)}
    assert terms["ikke"] == terms["fungert"]
    assert "ikke" in {t.word for t in question_terms("Hva fungerte ikke?", idf)}
    # a condition («hva om han ikke har …») is a case, not a «not» to look for
    assert "ikke" not in {t.word for t in question_terms("Hva om han ikke har lovlig opphold?", idf)}


def test_a_section_whose_heading_names_all_else_asked_is_found_in_the_document_the_question_names():
    from assistant.answer import named_sections

    sogndal = DocumentMeta(
        "sogndal", "Evaluering av bustadsosialt program i Sogndal kommune", "s.html", municipality="Sogndal"
    )
    other = DocumentMeta("molde", "Evaluering av boligprogram i Molde", "m.pdf", municipality="Molde")
    headings = {
        "sogndal": [("s-4", ("4 Kva har fungert?",)), ("s-5", ("5 Kva har ikkje fungert?",))],
        "molde": [("m-5", ("5 Hva har ikke fungert?",))],
    }
    metas = {"sogndal": sogndal, "molde": other}
    idf = weighed({}, 3.0)
    q = "Kva var det som ikkje fungerte i programmet til Sogndal?"
    assert named_sections(question_terms(q, idf), metas, headings) == ["s-5"]
    # a question that names no document finds no section by its heading
    assert named_sections(question_terms("Hva har ikke fungert?", idf), metas, headings) == []


def test_a_report_saying_what_it_covers_is_no_answer_to_what_it_covers():
    report = DocumentMeta("r", "Sluttrapport", "r.html", kind="report", municipality="Sunnfjord")
    a = answer_extractive(
        "Kva tilrår prosjektgruppa i Sunnfjord?",
        [
            hit(
                report,
                "Rapporten gjer greie for kva som vart gjort, kva som fungerte og kva prosjektgruppa tilrår. "
                "Prosjektgruppa tilrår at kommunen held fram med buoppfølginga.",
                section=("Sluttrapport", "Innleiing"),
            )
        ],
        idf=weighed({"tilrår": 5.0}, 3.0),
    )
    assert [c.quote for c in a.citations] == [
        "Prosjektgruppa tilrår at kommunen held fram med buoppfølginga."
    ]


def test_a_flat_by_its_rooms_is_read_as_the_documents_write_it():
    from assistant.answer import content_words

    for q in ("Hva koster en to-roms?", "Hva koster en 2-roms?", "Hva koster en 2 roms?"):
        assert "toroms" in content_words(q), q
    terms = question_terms("Hva koster en to-roms leilighet?", weighed({}, 3.0))
    assert coverage([t for t in terms if t.word == "toroms"], "husleien for en toromsleilighet") == 1.0


def test_a_word_whose_stem_doubles_its_last_consonant_is_found_in_its_short_form():
    terms = question_terms("Er strømmen med?", weighed({}, 3.0))
    assert coverage(terms, "Strøm er ikke inkludert i husleien.") == 1.0
    assert coverage(terms, "Husleien reguleres årlig.") == 0.0


def test_a_time_named_in_words_weighs_a_third_as_a_year_does():
    terms = {
        t.word: t.weight for t in question_terms("Hvor mange utkastelser var det året før?", weighed({}, 3.0))
    }
    assert terms["året"] == pytest.approx(1.0) and terms["utkastelser"] == pytest.approx(3.0)
    # and «samanlikna med» is how the question asks, not what it is about
    assert "samanlikna" not in terms and "sammenlignet" not in {
        t.word for t in question_terms("Hvor mange, sammenlignet med i fjor?", weighed({}, 3.0))
    }


def test_priority_nynorsk_advice_and_evictions_are_read_in_the_documents_words():
    from assistant.synonyms import expand_query

    assert "prioriteres" in expand_query("Hvem går foran i køen når det er for få boliger?")
    assert "venteliste" in expand_query("Hvor lang er køen?")
    assert "tilrår" in expand_query("Kva rår prosjektgruppa kommunen til?")
    assert "utkastelser" in expand_query("Kor mange utkastingar var det?")
    assert "kvalifiseringsprogram" in expand_query("Hvilken alder må man ha for å få KVP?")


def test_beside_a_provisions_answer_stands_its_exception_but_not_a_weaker_sentence():
    rule = provision(
        HLL,
        "§ 9-3. Leieavtaler\n\nDet er ikke adgang til å inngå tidsbestemt leieavtale for bolig for kortere tid "
        "enn tre år. Leieavtalen for bolig skal være skriftlig. Minstetiden kan likevel settes til ett år.",
        "§ 9-3",
        "§ 9-3. Leieavtaler",
    )
    a = answer_extractive(
        "Hvor kort kan en tidsbestemt leieavtale for bolig være?",
        [rule],
        intent="legal",
        idf=weighed({"tidsbestemt": 6.0, "leieavtale": 3.0, "bolig": 1.5}, 3.0),
    )
    assert [c.quote for c in a.citations] == [
        "Det er ikke adgang til å inngå tidsbestemt leieavtale for bolig for kortere tid enn tre år.",
        "Minstetiden kan likevel settes til ett år.",
    ]


def test_a_law_sentence_on_the_county_is_no_answer_to_what_the_municipality_must_do():
    fhl = DocumentMeta("fhl", "Folkehelseloven", "f.txt", kind="law", law_short="folkehelseloven")
    county = provision(
        fhl,
        "§ 21. Fylkeskommunens oversikt\n\nOversikten skal være skriftlig og identifisere "
        "folkehelseutfordringene i fylket.",
        "§ 21",
        "§ 21. Fylkeskommunens oversikt",
    )
    municipality = provision(
        fhl,
        "§ 5. Oversikt\n\nOversikten skal være skriftlig og identifisere folkehelseutfordringene i kommunen.",
        "§ 5",
        "§ 5. Oversikt",
        n=1,
    )
    a = answer_extractive(
        "Må kommunen ha folkehelseoversikten skriftlig?",
        [county, municipality],
        intent="legal",
        idf=weighed({}, 3.0),
    )
    assert not a.abstained and a.citations[0].quote.endswith("i kommunen.")


def test_an_appeal_rule_in_a_municipalitys_own_guidelines_counts_as_a_laws_does():
    from assistant.answer import W_APPEAL, _candidates

    kongsberg = DocumentMeta(
        "kb",
        "Retningslinjer for tildeling av kommunal bolig",
        "k.html",
        kind="guideline",
        municipality="Kongsberg",
    )
    guideline = hit(
        kongsberg,
        "Vedtak kan påklages innen 3 uker fra vedtaket er mottatt. Klagen sendes til Boligkontoret.",
        section=(kongsberg.title, "11 Klage"),
    )
    terms = question_terms("Hvor lang tid har jeg på å klage på avslaget?", weighed({}, 3.0))

    def scores(appeal: bool) -> dict[str, float]:
        law = depositum(0, "Leieren kan kreve depositumet tilbake.")  # a law among the hits as well
        return {c.quote: c.score for c in _candidates(terms, [law, guideline], "legal", False, appeal=appeal)}

    asked, plain = scores(True), scores(False)
    rule = "Vedtak kan påklages innen 3 uker fra vedtaket er mottatt."
    assert asked[rule] - plain[rule] == pytest.approx(W_APPEAL)
    assert asked["Klagen sendes til Boligkontoret."] == plain["Klagen sendes til Boligkontoret."]


def test_whether_a_rule_also_applies_to_someone_is_answered_by_the_sentence_about_them():
    from assistant.answer import applies_to, content_words

    assert applies_to("Gjeld det òg for studentar? (bustøtte)") == applies_to(
        "Gjelder det også for studenter?"
    )
    assert "gjelder" not in content_words("Gjelder det også for studenter?")
    assert "gjeld" in content_words("Kan eg få hjelp med gjeld?")  # debt is no asking word
    bustotte = DocumentMeta("bl", "Bustøttelova", "b.txt", kind="law", law_short="bustøttelova")
    control = hit(  # a later ledd of § 8 a, ranked first
        bustotte,
        "Masseinnhenting av opplysningar om mottakarar av bustøtte kan gjelde yrke (student/arbeidsledig).",
        2,
        law_ref="bustøttelova § 8 a tredje ledd",
        law="bustøttelova",
        paragraph="§ 8 a",
        section=("§ 8 a. Masseinnhenting",),
    )
    students = provision(
        bustotte,
        "§ 4. Unntak for visse personar\n\nStudentar som ikkje har barn i husstanden, har ikkje rett til bustøtte.",
        "§ 4",
        "§ 4. Unntak for visse personar",
        n=3,
    )
    a = answer_extractive(
        "Gjelder det også for studenter? (bustøtte)",
        [control, students],
        intent="legal",
        idf=weighed({"studenter": 5.0, "bustøtte": 1.0}, 2.0),
        borrowed=frozenset({"bustøtte"}),
    )
    assert not a.abstained and a.citations[0].quote.startswith("Studentar som ikkje har barn"), a.text


def test_a_numbered_list_a_pdf_joined_to_its_lead_in_is_quoted_with_its_points():
    report = DocumentMeta(
        "bt", "Evaluering av prosjektet Bo trygt", "e.pdf", kind="report", municipality="Ullensaker"
    )
    text = (
        "8. Anbefalinger\n\nPå bakgrunn av evalueringen anbefales følgende: 1. Arbeidsmåten videreføres som et fast "
        "tilbud fra 2025. 2. Teamet styrkes med et tredje årsverk. 3. Det utvikles en egen tilnærming for unge."
    )
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert "På bakgrunn av evalueringen anbefales følgende:" in spans  # not «… følgende: 1.»
    assert "Teamet styrkes med et tredje årsverk." in spans
    a = answer_extractive(
        "Hva anbefaler evalueringen av Bo trygt?",
        [hit(report, text, section=(report.title, "8. Anbefalinger"))],
        idf=weighed({}, 3.0),
    )
    assert not a.abstained
    assert a.citations[0].quote.startswith("På bakgrunn av evalueringen anbefales følgende: 1. Arbeidsmåten")
    assert a.citations[0].quote.endswith("Det utvikles en egen tilnærming for unge.")


def test_a_section_is_named_by_its_heading_in_the_documents_word_for_what_is_asked():
    from assistant.answer import named_sections

    report = DocumentMeta("bt", "Evaluering av prosjektet Bo trygt", "e.pdf", municipality="Ullensaker")
    headings = {"bt": [("bt-5", ("5. Hva fungerte godt",)), ("bt-6", ("6. Hva fungerte ikke",))]}
    terms = question_terms("Hva var det som funka bra med Bo trygt?", weighed({}, 3.0))
    assert named_sections(terms, {"bt": report}, headings) == ["bt-5"]


def test_counting_warning_in_advance_and_following_up_a_plan_are_read_in_the_documents_words():
    from assistant.synonyms import expand_query

    assert "telling" in expand_query("Hvor mange bostedsløse var det sist kommunen telte?")
    assert "senest" in expand_query("Hvor lang tid i forveien må vi melde fra?")
    assert "oppfølging" in expand_query("Kven har ansvaret for at planen blir fylgt opp?")
    idf = weighed({}, 3.0)
    terms = {t.word: t.weight for t in question_terms("Hva anbefales for dem framover?", idf)}
    assert terms["framover"] == pytest.approx(1.0)


def test_an_amount_of_another_kind_does_not_answer_how_much_rent_or_grant():
    from assistant.answer import amount_kind

    assert amount_kind("Hvor mye betaler beboerne i husleie for de skjeve husene?") == "husleie"
    assert amount_kind("Kor mykje bustøtte kan eg få?") == "bustøtte"
    assert amount_kind("Hvor mye koster det?") is None
    hamar = DocumentMeta("hamar", "Temaplan bolig", "h.pdf", kind="plan", municipality="Hamar")
    plan = hit(
        hamar,
        "Det settes opp fire nye skjeve hus på Hjellum til en kostnad av 9,6 millioner kroner.",
        section=(hamar.title, "6.2 Skjeve hus"),
    )
    idf = weighed({"skjeve": 6.0, "husene": 4.0, "husleie": 4.0, "hjellum": 6.0}, 3.0)
    a = answer_extractive(
        "Hvor mye betaler beboerne i husleie for de skjeve husene på Hjellum?", [plan], idf=idf
    )
    assert a.abstained
    # the amount's kind may stand in the provision's heading: «§ 3-5. Depositum» / «… seks måneders leie»
    b = answer_extractive(
        "Hvor mye kan utleier kreve i depositum?",
        [
            depositum(
                0, "Det kan avtales at leieren skal deponere et beløp oppad begrenset til seks måneders leie."
            )
        ],
        intent="legal",
        idf=weighed({"depositum": 5.0, "utleier": 2.5}, 2.0),
    )
    assert not b.abstained and "seks måneders leie" in b.citations[0].quote


def test_arrears_of_rent_are_no_answer_to_how_much_the_rent_is():
    from assistant.answer import amount_kind

    assert amount_kind("hva er husleia for en kommunal toroms i kvitmyr") == "husleia"
    assert amount_kind("Kor mykje er husleiga i dei kommunale bustadene?") == "husleiga"
    report = DocumentMeta("bo", "Evaluering av Bo trygt", "b.pdf", kind="report", municipality="Lindeskar")
    arrears = hit(
        report,
        "Den gjennomsnittlige husleierestansen per deltaker gikk ned fra 11 400 kroner i 2022 til 3 900 "
        "kroner i 2024.",
        section=(report.title, "5 Resultater"),
    )
    idf = weighed({"husleie": 4.0, "deltakerne": 3.0, "betaler": 2.0, "måned": 2.0, "trygt": 5.0}, 3.0)
    question = "Hvor mye betaler deltakerne i Bo trygt i husleie per måned?"
    assert answer_extractive(question, [arrears], idf=idf).abstained
    # the rent itself, as a compound's last part, still answers
    rent = hit(
        report,
        "Deltakerne betaler en månedsleie på 7 800 kroner for en toroms.",
        section=(report.title, "5 Resultater"),
    )
    a = answer_extractive(question, [arrears, rent], idf=idf)
    assert not a.abstained and "7 800 kroner" in a.citations[0].quote


def test_a_bokmal_question_gets_the_nynorsk_words_for_a_search_kept_to_one_place():
    from assistant.synonyms import nynorsk_words

    extra = nynorsk_words("Hva gjør Kvinnherad for at flere som leier skal kunne kjøpe sin egen bolig?")
    assert {"bustad", "leiger", "eigen"} <= set(extra.split())
    assert nynorsk_words("Kva gjer kommunen?") == ""


def test_a_compound_counted_may_be_written_apart_in_the_figure_sentence():
    from assistant.answer import _counts, counted_words

    counted = counted_words("Kor mange småleilegheiter skal Stord byggje?")
    assert _counts("Kommunen byggjer 16 små leilegheiter på 30–45 kvadratmeter.", counted)
    assert not _counts("Kommunen byggjer 16 store einebustader.", counted)


def test_a_subtenants_rule_is_no_answer_for_a_tenant_unless_subletting_is_asked():
    sublet = provision(
        HLL,
        "§ 7-7. Framleierens stilling\n\nOppsigelsen skal opplyse om at framleieren kan protestere mot "
        "oppsigelsen innen én måned etter at hovedleieren har mottatt den.",
        "§ 7-7",
        "§ 7-7. Framleierens stilling",
    )
    tenant = provision(
        HLL,
        "§ 9-8. Tilsidesettelse av oppsigelse\n\nLeieren kan innen én måned etter at oppsigelsen er mottatt, "
        "protestere skriftlig til utleieren mot oppsigelsen.",
        "§ 9-8",
        "§ 9-8. Tilsidesettelse av oppsigelse",
        n=1,
    )
    idf = weighed({"protestere": 5.6, "oppsigelsen": 4.0}, 3.0)
    a = answer_extractive("Hvor lang tid har jeg på å protestere mot oppsigelsen?", [sublet, tenant], idf=idf)
    assert a.citations[0].law_ref == "husleieloven § 9-8", a.text
    b = answer_extractive(
        "Hvor lang tid har framleieren på å protestere mot oppsigelsen?", [sublet, tenant], idf=idf
    )
    assert b.citations[0].law_ref == "husleieloven § 7-7", b.text


def test_a_status_figure_under_the_situation_chapter_is_no_measure():
    hamar = DocumentMeta("hamar", "Temaplan bolig", "h.pdf", kind="plan", municipality="Hamar")
    status = hit(
        hamar,
        "Kommunen disponerer i dag 527 kommunale utleieboliger.",
        0,
        section=(hamar.title, "2. Situasjonsbeskrivelse", "2.1 Boliger til målgruppen"),
    )
    measure = hit(
        hamar,
        "Kommunen skal kjøpe 20 nye kommunale utleieboliger innen 2026.",
        3,
        section=(hamar.title, "6. Tiltak", "6.2 Flere boliger"),
    )
    a = answer_extractive(
        "Hvilke tiltak har kommunene mot mangel på utleieboliger?",
        [status, measure],
        intent="list",
        idf=weighed({"utleieboliger": 4.3, "mangel": 1.0}, 2.0),
    )
    assert [c.quote for c in a.citations] == [
        "Kommunen skal kjøpe 20 nye kommunale utleieboliger innen 2026."
    ]


def test_how_many_of_a_group_is_answered_only_by_a_count_of_the_part_asked_about():
    from assistant.answer import subset_words

    assert subset_words("Hvor mange av de bostedsløse i Porsgrunn var kvinner?", {"porsgrunn"}) == ["kvinner"]
    assert subset_words("Hvor mange av dem ble helt rusfrie?") == ["helt", "rusfrie"]
    assert subset_words("Hvor mange bostedsløse var det i Porsgrunn?") == []  # the whole group
    plan = hit(
        BODO,
        "Ved kommunens egen kartlegging i uke 48 i 2024 ble det registrert 68 bostedsløse personer i Bodø.",
        section=(BODO.title, "2 Status", "2.3 Bostedsløse"),
    )
    a = answer_extractive("Hvor mange av de bostedsløse i Bodø var kvinner?", [plan])
    assert a.abstained  # 68 is everyone, not the women
    a = answer_extractive("Hvor mange bostedsløse var det i Bodø?", [plan])
    assert not a.abstained and "68 bostedsløse" in a.citations[0].quote


def test_a_share_answers_how_many_of_a_group_when_no_count_does():
    quote = bodo_quote(
        "Hvor mange av deltakerne i Bodø klarte å bli boende i boligen sin?",
        "I prosjektperioden ble 24 personer tatt inn i prosjektet. Det gir en andel som har beholdt boligen "
        "på 81 prosent.",
        "4 Resultater",
    )
    assert "81 prosent" in quote


def test_a_figure_for_another_flat_size_or_for_the_private_market_is_no_answer():
    from assistant.answer import amount_kind, figure_of_another

    asked = "Hva koster en kommunal firerom i Bodø i husleie per måned?"
    assert figure_of_another(asked, "Husleien for en toromsleilighet er 9 400 kroner per måned.")
    assert not figure_of_another(asked, "Husleien for en fireroms leilighet er 13 200 kroner per måned.")
    rent = "Hvor mye betaler man i husleie for en kommunal bolig i Bodø?"
    assert figure_of_another(rent, "Husleien på det private markedet lå på 9 400 kroner per måned.")
    assert figure_of_another(rent, "En toromsleilighet kostet 9 800 kroner i måneden.", "3. Bustadmarknaden")
    assert not figure_of_another(rent, "Husleien i kommunale boliger er 8 900 kroner per måned.")
    area = "Kor mykje er husleiga per kvadratmeter i dei kommunale bustadene?"
    assert figure_of_another(area, "Depositum tilsvarar tre månaders husleige.")
    assert amount_kind("Hvor stort tilskudd fikk Bodø fra Husbanken?") == "tilskudd"
    assert amount_kind("Hva er husleien i en kommunal treromsleilighet?") == "husleien"
    assert amount_kind("Kva kostar det i månaden å leige ein kommunal bustad?") == "leige"
    plan = hit(
        BODO,
        "Husleien for en toroms leilighet på det private markedet lå i gjennomsnitt på 9 400 kroner per måned.",
        section=(BODO.title, "2 Boligmarkedet"),
    )
    assert answer_extractive("Hva koster en kommunal treroms i Bodø i husleie per måned?", [plan]).abstained


def test_everyday_words_for_a_holiday_home_the_bailiff_and_a_reports_advice():
    from assistant.synonyms import SYNONYMS, document_words

    assert "fritidsbolig" in SYNONYMS["hytte"]
    assert "namsmyndigheten" in SYNONYMS["namsmannen"]
    assert "tilrår" in document_words("anbefaler")  # a nynorsk report «tilrår» what a bokmål one «anbefaler»
    assert "eldre" in SYNONYMS["gammelt"]


def test_a_status_paragraph_a_pdf_ran_into_the_measures_is_no_measure():
    plan = hit(
        BODO,
        "3.2 Unge under 30 år\n\nStatus: I 2024 fikk 41 personer under 30 år vedtak om midlertidig botilbud. "
        "Kommunen har i dag ingen egne boliger med oppfølging for ungdom. Mål: Unge skal ikke bo i midlertidig "
        "botilbud lenger enn fire uker. Etablere 12 treningsboliger med oppfølging for ungdom mellom 18 og 25 år. "
        "Ansvar: Boligtjenesten.",
        section=(BODO.title, "3 Målgrupper", "3.2 Unge under 30 år"),
    )
    a = answer_extractive(
        "Hvilke tiltak har Bodø for ungdom som skal bo for seg selv?", [plan], intent="list"
    )
    assert not a.abstained and a.citations[0].quote.startswith("Etablere 12 treningsboliger")


def test_an_average_or_a_sum_of_money_asked_for_a_year_needs_an_amount_of_that_year():
    from assistant.answer import amount_kind, asks_figure

    asked = "Hva var gjennomsnittlig startlån per kjøp i 2022?"
    assert asks_figure(asked) and amount_kind(asked) == "startlån"
    report = hit(
        BODO,
        "Av de 26 husstandene som har kjøpt bolig, har ingen misligholdt startlånet. Gjennomsnittlig startlån "
        "per kjøp var 2 350 000 kroner i 2024.",
        section=(BODO.title, "4 Resultater"),
    )
    a = answer_extractive(asked, [report])
    assert a.abstained  # 26 households are no sum of money, and 2024 is not 2022
    a = answer_extractive("Hva var gjennomsnittlig startlån per kjøp i 2024?", [report])
    assert not a.abstained and "2 350 000 kroner" in a.citations[0].quote
    paid = hit(
        BODO, "I 2022 vart det utbetalt 5,7 millionar kroner i bustøtte i Bodø.", section=(BODO.title,)
    )
    a = answer_extractive("Hvor mye bostøtte ble betalt ut i Bodø i 2022?", [paid])
    assert not a.abstained  # «millionar» is nynorsk for «millioner»


def test_maks_is_what_the_law_writes_oppad_begrenset():
    from assistant.synonyms import SYNONYMS

    assert "oppad begrenset" in SYNONYMS["maks"]


def test_a_table_row_gives_the_rent_of_the_flat_size_asked_without_its_kr():
    plan = hit(
        BODO,
        "Tabell 1 Kommunale utleieboliger etter størrelse og gjennomsnittlig månedsleie\n"
        "Boligtype Antall boliger Gjennomsnittlig areal Månedsleie (kr) Merknad\n"
        "Toroms 148 51 m² 8 900 Størst etterspørsel fra flyktninger\n"
        "Fire rom eller mer 38 89 m² 13 600 For få store boliger til barnefamilier\n",
        section=(BODO.title, "4 Kommunale utleieboliger"),
    )
    private = hit(
        BODO,
        "Gjennomsnittlig månedsleie for en toroms leilighet i det private markedet var 10 800 kroner i 2024.",
        1,
        section=(BODO.title, "5 Det private leiemarkedet"),
    )
    a = answer_extractive("Hva koster en kommunal firerom i Bodø i måneden?", [private, plan])
    assert not a.abstained and a.citations[0].quote.startswith("Fire rom eller mer 38 89 m² 13 600")


def test_the_sentence_holding_the_questions_rarest_word_comes_before_a_better_ranked_passage():
    who = hit(
        BODO,
        "Følgende grupper prioriteres:\n• barnefamilier som leier bolig\n"
        "• leietakere i kommunal bolig som kan kjøpe egen bolig\n• flyktninger som er bosatt i Bodø",
        0,
        section=(BODO.title, "2 Startlån", "2.1 Hvem kan få startlån"),
    )
    home = hit(
        BODO,
        "Boligen skal være nøktern og egnet for husstanden. Fritidsbolig kan ikke finansieres med startlån.",
        4,
        section=(BODO.title, "2 Startlån", "2.7 Krav til boligen"),
    )
    # (the weights of the words in the shipped corpus: «hytte» is in no document)
    weights = weighed({"bruke": 1.9, "startlån": 3.5, "kjøpe": 3.6, "hytte": 7.6, "bodø": 1.8}, 2.0)
    a = answer_extractive("Kan jeg bruke startlån til å kjøpe hytte i Bodø?", [who, home], idf=weights)
    assert not a.abstained and a.citations[0].quote == "Fritidsbolig kan ikke finansieres med startlån."


def test_a_what_is_question_is_about_the_noun_not_the_word_that_describes_it():
    from assistant.answer import focus_word

    assert focus_word("hva er vanlig oppsigelsesfrist på en leiekontrakt for bolig") == "oppsigelsesfrist"
    assert focus_word("Hva er gjennomsnittlig husleie i Bodø?") == "husleie"
    assert focus_word("Kva er inntektsgrensa for å få startlån i Stord?") == "inntektsgrensa"
    rule = provision(
        HLL,
        "§ 9-6. Oppsigelsesfrist\n\nOppsigelsesfristen skal være tre måneder til opphør ved utløpet av en "
        "kalendermåned.",
        "§ 9-6",
        "§ 9-6. Oppsigelsesfrist",
    )
    a = answer_extractive(
        "hva er vanlig oppsigelsesfrist på en leiekontrakt for bolig", [rule], intent="legal"
    )
    assert not a.abstained and "tre måneder" in a.citations[0].quote


def test_a_number_of_months_per_household_is_no_count_of_households():
    quote = bodo_quote(
        "Kor mange hushald fekk oppfølging i Bodø?",
        "Oppfølginga varte i snitt 9,5 månader per hushald. Prosjektet har følgt opp 44 hushald, mot eit mål om 40.",
        "1. Samandrag",
    )
    assert quote.startswith("Prosjektet har følgt opp 44 hushald")


def test_a_bokmal_question_finds_its_words_in_a_nynorsk_report():
    from assistant.answer import _nynorsk_form_in

    assert _nynorsk_form_in("deltakerne", "ei undersøking blant deltakarane")
    assert _nynorsk_form_in("tryggere", "dei kjende seg tryggare i bustaden")
    assert not _nynorsk_form_in("tryggere", "trygg bustad")
    report = hit(
        BODO,
        "Hausten 2025 vart det gjennomført ei brukarundersøking blant deltakarane. 29 av 36 svara at dei kjende "
        "seg tryggare i bustaden etter at dei fekk oppfølging, det vil seie 81 prosent.",
        section=(BODO.title, "4. Resultat"),
    )
    a = answer_extractive(
        "hvor mange av deltakerne følte seg tryggere hjemme etter oppfølgingen i Bodø", [report]
    )
    assert not a.abstained and a.citations[0].quote.startswith("29 av 36")


def test_a_numbered_point_that_is_a_sentence_answers_alone_not_with_its_whole_list():
    plan = hit(
        BODO,
        "Kommunestyret har vedtatt følgende hovedmål:\n"
        "1. Ingen skal være bostedsløse i Bodø lenger enn tre måneder.\n"
        "2. Gjennomsnittlig ventetid på kommunal utleiebolig skal være under fire måneder innen 2028.\n"
        "3. Minst 25 husstander skal hvert år gå fra leie til eie.\n",
        section=(BODO.title, "4. Mål"),
    )
    a = answer_extractive("Hvor lang skal ventetiden på kommunal utleiebolig i Bodø være?", [plan])
    assert not a.abstained
    assert a.citations[0].quote.startswith("Gjennomsnittlig ventetid") or a.citations[0].quote.startswith(
        "2. "
    )
    # a provision's lettered points are no sentences of their own: its lead-in is quoted with them
    rule = provision(
        HLL,
        "§ 9-8. Protest\n\nOppsigelsen faller bort dersom:\na. leieren protesterer skriftlig, og\n"
        "b. utleieren ikke reiser søksmål innen tre måneder.",
        "§ 9-8",
        "§ 9-8. Protest",
    )
    a = answer_extractive("Når faller oppsigelsen bort etter husleieloven?", [rule], intent="legal")
    assert "b. utleieren ikke reiser søksmål" in a.citations[0].quote


RENT_TABLE = (
    "Tabell 2. Gjennomsnittlig månedsleie i kommunale boliger (kroner, eksklusive strøm)\n"
    "Boligstørrelse | 2024 | 2025\n"
    "Hybel/ettroms | 7 110 | 7 450\n"
    "Toroms | 8 875 | 9 300\n"
    "Treroms | 10 690 | 11 200\n"
)


def test_a_table_row_is_read_with_its_caption_and_header_and_shown_with_its_columns():
    table = hit(BODO, RENT_TABLE, section=(BODO.title, "3 Status", "3.3 Husleie"))
    a = answer_extractive("hva koster det å leie en kommunal toroms i Bodø i 2025", [table])
    assert not a.abstained and a.citations[0].quote == "Toroms | 8 875 | 9 300"
    assert "9 300 (kolonnene: Boligstørrelse | 2024 | 2025) [1]" in a.text  # which figure is which year
    # the header's years date the row: 2023 is not in the table
    assert answer_extractive("Hva var husleien for en kommunal toroms i Bodø i 2023?", [table]).abstained


def test_a_table_row_counts_what_its_header_names():
    quote = bodo_quote(
        "Hvor mange begjæringer om fravikelse kom det i Bodø i 2023?",
        "Tabell 5. Begjæringer om fravikelse\n"
        "År | Begjæringer om fravikelse | Gjennomførte fravikelser\n"
        "2022 | 109 | 24\n"
        "2023 | 97 | 18\n",
        "4 Utkastelser",
    )
    assert quote == "2023 | 97 | 18"


def test_a_bokmal_compound_is_found_in_its_nynorsk_spelling():
    from assistant.synonyms import nynorsk_words

    assert "husleigerestansene" in nynorsk_words("Hvor mye ble husleierestansene redusert i Vikafjord?")
    quote = bodo_quote(
        "Hvor mye ble husleierestansene redusert i Bodø?",
        "Den samla husleigerestansen gjekk ned frå 412 000 kroner i 2022 til 176 000 kroner i 2025, ein nedgang "
        "på 57 prosent.",
        "5 Resultat",
    )
    assert "412 000" in quote


def test_a_follow_up_on_a_part_of_a_group_counts_what_the_question_before_it_counted():
    from assistant.answer import counted_words

    condensed = (
        "Og kor mange av dei budde på Nesbø? (Kor mange hushald fekk oppfølging gjennom «Bu trygt heime»)"
    )
    assert counted_words(condensed)[0] == "hushald"  # not «budde», the verb


def test_a_nynorsk_question_finds_the_bokmal_words_of_the_law():
    from assistant.legal import classify_question
    from assistant.synonyms import bokmal_spelling, document_words

    assert bokmal_spelling("leigetakar") == "leietaker"
    assert bokmal_spelling("kortare") == "kortere"
    assert bokmal_spelling("vanskelegstilt") == "vanskeligstilt"
    assert bokmal_spelling("klare") == "klare"  # a short word ending in «-are» may be bokmål already
    assert "leietaker" in document_words("leigetakar")
    question = "Kan kommunen gje ein vanskelegstilt leigetakar ein kontrakt på kortare tid enn tre år?"
    assert classify_question(question) == "legal"  # what the municipality may do is the law's to say
    assert classify_question("Kan kommunen i Bodø gi startlån til hytte?") == "fact"  # Bodø's own rules
    rule = provision(
        HLL,
        "§ 11-1. Boliger til vanskeligstilte\n\nDersom det foreligger særlige grunner, kan det inngås tidsbestemt "
        "leieavtale for kortere tid enn tre år uten hinder av § 9-3.",
        "§ 11-1",
        "§ 11-1. Boliger til vanskeligstilte",
    )
    a = answer_extractive(question, [rule], intent="legal")
    assert not a.abstained and "kortere tid enn tre år" in a.citations[0].quote


def test_going_to_court_is_what_the_law_calls_a_lawsuit():
    from assistant.synonyms import SYNONYMS

    assert "søksmål" in SYNONYMS["gå til retten"]


def test_what_a_report_recommends_is_under_its_nynorsk_heading_tilradingar():
    from assistant.answer import coverage, question_terms
    from assistant.synonyms import document_words

    assert "tilråding" in document_words("anbefaler")
    terms = question_terms("Hva anbefaler rapporten?")
    assert coverage(terms, "8. Tilrådingar") > 0


def test_what_did_not_work_is_read_under_a_nynorsk_heading_that_says_so():
    report = DocumentMeta(
        "vikafjord", "Sluttrapport «Bu trygt heime» 2023–2025", "v.html", kind="report", municipality="Bodø"
    )
    root = "Sluttrapport for prosjektet «Bu trygt heime» 2023–2025"
    summary = hit(
        report,
        "Fast kontaktperson har hatt størst verknad. Den digitale sjølvbeteninga og bukursa i grupper fungerte "
        "ikkje etter planen.",
        0,
        section=(root, "1. Samandrag"),
    )
    failed = hit(
        report,
        "7. Kva fungerte ikkje?\n\nDen digitale løysinga «MinBustad» vart berre teken i bruk av 6 leigetakarar. "
        "Bukursa i grupper hadde i snitt berre 3 deltakarar per kveld.",
        4,
        section=(root, "7. Kva fungerte ikkje?"),
    )
    a = answer_extractive("Hva fungerte ikke i Bu trygt heime-prosjektet?", [summary, failed])
    assert not a.abstained and "MinBustad" in " ".join(c.quote for c in a.citations)


def test_a_day_and_month_is_no_figure_and_what_the_law_says_is_not_a_local_rule():
    indicators = hit(
        BODO,
        "Følgende indikatorer skal rapporteres hvert år:\n• antall husstander på venteliste per 31.12. og "
        "gjennomsnittlig ventetid\n• antall innvilgede startlån og samlet lånebeløp",
        section=(BODO.title, "8 Oppfølging"),
    )
    assert answer_extractive("Hvor mange står på venteliste i Bodø?", [indicators]).abstained
    local = hit(
        BODO,
        "NAV gir tilbudet for inntil 14 dager om gangen.",
        section=(BODO.title, "7 Midlertidig botilbud"),
    )
    law = provision(
        SOTJL,
        "§ 27. Midlertidig botilbud\n\nKommunen er forpliktet til å finne midlertidig botilbud for dem som ikke "
        "klarer det selv.",
        "§ 27",
        "§ 27. Midlertidig botilbud",
        n=1,
    )
    asked = "Hvor mange døgn kan NAV etter loven la noen bo i et midlertidig botilbud?"
    a = answer_extractive(asked, [local, law])
    assert a.abstained  # the law sets no number of days; Bodø's 14 is Bodø's own rule
    a = answer_extractive(
        "Hvor mange døgn kan NAV la noen bo i et midlertidig botilbud i Bodø?", [local, law]
    )
    assert not a.abstained and "14 dager" in a.citations[0].quote


def test_who_has_a_role_no_passage_names_is_not_answered_with_what_the_passages_say_of_the_rest():
    built = "Halden Eiendom KF skal bygge 16 nye utleieboliger i Sjøgata 14, som står ferdige høsten 2026."
    appeal = "Ved klage over enkeltvedtak er statsforvalteren klageinstans."
    hits = [hit(HALDEN, built, 0), hit(HALDEN, appeal, 1)]
    a = answer_extractive("Hvem er arkitekt for de nye boligene i Sjøgata 14?", hits)
    assert a.abstained and "Ingen av de nærmeste tekstene nevner «arkitekt»." in a.text
    a = answer_extractive("Hvem er klageinstans når kommunen avslår?", hits)
    assert not a.abstained and a.citations[0].quote == appeal
    # «ansvarlig», «omfattet»: who is, in whatever words
    a = answer_extractive("Hvem er ansvarlig for å bygge de nye boligene i Sjøgata 14?", hits)
    assert not a.abstained and a.citations[0].quote == built


def test_a_sentence_followed_by_a_short_lead_in_is_quoted_with_the_list_it_leads_into():
    text = (
        "Kartleggingen viser at om lag 310 husstander i Halden kan regnes som vanskeligstilte på "
        "boligmarkedet. De største gruppene er:\n"
        "• enslige voksne med lav inntekt\n"
        "• barnefamilier som bor trangt\n"
        "• flyktninger som bosettes etter avtale med IMDi\n\n"
        "I 2023 ble det registrert ni bostedsløse."
    )
    a = answer_extractive(
        "Hvem regnes som vanskeligstilte på boligmarkedet i Halden?", [hit(HALDEN, text, 0)]
    )
    quote = a.citations[0].quote
    assert quote.startswith("Kartleggingen viser") and "De største gruppene er:" in quote
    assert quote.endswith("• flyktninger som bosettes etter avtale med IMDi") and "bostedsløse" not in quote
    # a lead-in that opens a list of its own is no part of the sentence before it
    text = (
        "Avslaget fra banken skal være skriftlig og ikke eldre enn tre måneder. Følgende grupper prioriteres:\n"
        "• barnefamilier\n• flyktninger\n"
    )
    a = answer_extractive("Hvor gammelt kan avslaget fra banken være?", [hit(HALDEN, text, 0)])
    assert a.citations[0].quote == "Avslaget fra banken skal være skriftlig og ikke eldre enn tre måneder."


def test_a_question_about_how_things_are_is_not_answered_with_the_goal():
    goal = "Ventetiden for kommunal bolig skal reduseres til under fire måneder innen utgangen av 2027."
    now = "Gjennomsnittlig ventetid for kommunal bolig var 7,5 måneder i 2024."
    forecast = "Ventetiden for kommunal bolig ventes å øke til ni måneder i 2030."
    hits = [
        hit(HALDEN, goal, 0, section=("Mål",)),
        hit(HALDEN, forecast, 1, section=("Framskrivinger",)),
        hit(HALDEN, now, 2, section=("Status",)),
    ]
    a = answer_extractive("Hvor lenge må man vente på kommunal bolig i Halden?", hits)
    assert a.citations[0].quote == now
    a = answer_extractive("Hva er målet for ventetiden på kommunal bolig i Halden?", hits)
    assert a.citations[0].quote == goal


def test_the_attachments_asked_for_are_what_the_page_says_to_enclose():
    steps = (
        "Du søker digitalt med skjemaet «Søknad om kommunal bolig» på Min side.\n"
        "1. Fyll ut søknadsskjemaet med opplysninger om alle i husstanden.\n"
        "2. Legg ved siste skattemelding og lønnsslipper for de tre siste månedene.\n"
        "3. Send søknaden."
    )
    who = "Du kan søke om kommunal bolig hvis du er over 18 år og har lovlig opphold i Norge."
    hits = [
        hit(HALDEN, who, 0, section=("Hvem kan søke?",)),
        hit(HALDEN, steps, 1, section=("Slik søker du",)),
    ]
    # (søknad, kommunal bolig: words every page on housing uses; «vedlegg» a rare one)
    common = [
        f"Søknad om kommunal bolig i {p} sendes til kommunen." for p in ("Bodø", "Halden", "Moss", "Hamar")
    ]
    stats = stats_for([who, steps, *common])
    a = answer_extractive("Hvilke vedlegg må jeg sende med søknaden om kommunal bolig?", hits, stats=stats)
    assert a.citations[0].quote.startswith("Legg ved siste skattemelding")


def test_the_tenants_asked_about_are_the_laws_leieren():
    rule = (
        "Det kan avtales at leieren til sikkerhet for skyldig leie skal deponere et beløp oppad begrenset "
        "til summen av seks måneders leie."
    )
    law = hit(
        HLL,
        f"§ 3-5. Depositum\n\n{rule}",
        0,
        law_ref="husleieloven § 3-5",
        law="husleieloven",
        paragraph="§ 3-5",
        section=("§ 3-5. Depositum",),
    )
    # (the plans speak of municipal flats everywhere: those words say little)
    plans = [
        f"De kommunale leilighetene i {p} har lav standard, og vi vil kreve mer." for p in ("Bodø", "Halden")
    ]
    stats = stats_for(
        [rule, *plans, "Kommunen skal gi opplysning, råd og veiledning.", "Leien skal fastsettes."]
    )
    a = answer_extractive(
        "Hvor stort depositum har vi lov å kreve av leietakerne i de kommunale leilighetene?",
        [law],
        stats=stats,
    )
    assert not a.abstained and a.citations[0].quote == rule


def test_a_tables_row_is_read_under_its_header_and_answers_alone_for_the_household_asked_about():
    table = (
        "Tabell 3. Inntektsgrenser\n"
        "Husstandens størrelse | Inntektsgrense startlån | Inntektsgrense tilskudd til etablering\n"
        "1 person | 560 000 kr | 420 000 kr\n"
        "2 personer | 690 000 kr | 510 000 kr\n"
        "3 personer | 780 000 kr | 580 000 kr"
    )
    prose = (
        "Kommunestyret vedtar «Retningslinjer for startlån og tilskudd til etablering i egen bolig – Halden "
        "kommune». Tilskudd til etablering kan gis med inntil 150 000 kroner per husstand."
    )
    other = (
        "Rådmannen gis fullmakt til å justere inntektsgrensene hvert år i takt med folketrygdens grunnbeløp."
    )
    hits = [
        hit(HALDEN, prose, 0, section=("Innstilling",)),
        hit(HALDEN, other, 1, section=("Innstilling",)),
        hit(HALDEN, table, 2, section=("Forslaget",)),
    ]
    stats = stats_for([prose, other, table, "Kommunen skal gi råd.", "Husbanken gir lån."])
    # (the service adds the table's words for «to voksne uten barn»: assistant.household)
    question = "inntektsgrense for etableringstilskudd for to voksne uten barn i Halden (2 personer)"
    a = answer_extractive(question, hits, stats=stats)
    # the row of the household asked about, not the rows of the others beside it
    assert [c.quote for c in a.citations] == ["2 personer | 690 000 kr | 510 000 kr"]


def test_a_question_in_the_text_is_never_quoted_as_an_answer():
    faq = "Kan jeg ha husdyr i kommunal bolig?\n\nHund og katt kan tillates i boliger med egen inngang."
    a = answer_extractive("kan jeg ha hund i den kommunale boligen i Halden", [hit(HALDEN, faq, 0)])
    assert [c.quote for c in a.citations] == ["Hund og katt kan tillates i boliger med egen inngang."]


def test_a_lead_in_without_a_colon_is_quoted_with_the_points_it_goes_on_in():
    text = (
        "Startlån er behovsprøvd. Når kommunen vurderer søknaden din, legger vi blant annet vekt på om du\n"
        "• har fått avslag eller for lite lån i vanlig bank\n"
        "• har lav, men stabil inntekt\n\n"
        "Barnefamilier blir prioritert."
    )
    a = answer_extractive(
        "hva legger kommunen vekt på når de vurderer om jeg skal få startlån", [hit(HALDEN, text, 0)]
    )
    assert a.citations[0].quote.startswith("Når kommunen vurderer") and a.citations[0].quote.endswith(
        "• har lav, men stabil inntekt"
    )


def test_recommendations_are_quoted_from_the_list_not_from_the_preface_and_a_long_list_keeps_its_lead_in():
    from assistant.answer import _answer_sentences

    preface = hit(
        HALDEN,
        "Ansvaret for analyser, vurderinger og anbefalinger ligger hos NIBV alene.",
        0,
        section=("Forord",),
    )
    points = "\n".join(
        f"{i}. {p} i Halden med tydelig ansvar, faste møtepunkter og en plan for oppfølging over flere år;"
        for i, p in enumerate(
            [
                "viderefører Bo trygt",
                "skaffer spredte boliger",
                "inngår avtale med DPS",
                "gjør stillingen fast",
                "korter ned saksbehandlingstiden",
                "etablerer felles rapportering",
                "utvider målgruppen",
                "styrker samarbeidet med NAV",
                "lager en boligplan",
            ],
            1,
        )
    )
    text = f"På bakgrunn av funnene anbefaler vi at Halden kommune:\n{points}"
    assert len(text) > 900  # too long to be one quote with its points
    # the lead-in still answers (alone, to be quoted with the points that fit)
    assert (
        text[slice(*_answer_sentences(text)[0][:2])]
        == "På bakgrunn av funnene anbefaler vi at Halden kommune:"
    )
    advice = hit(HALDEN, text, 1, section=("5 Anbefalinger",))
    a = answer_extractive("Hva anbefaler NIBV at Halden kommune gjør videre med Bo trygt?", [preface, advice])
    assert not any("Ansvaret for" in c.quote for c in a.citations)


def test_a_slides_points_answer_how_many_asked_with_a_hedge_and_in_kroner():
    slides = hit(
        FJELLBU,
        "Status 2025\n• Venteliste: 38 husstander (okt. 2025)\n• Herav 11 barnefamilier\n\n"
        "Startlån\n• 2024: 41 startlån, til sammen 87,5 mill. kr\n• Snittlån: ca. 2,1 mill. kr",
        section=(FJELLBU.title, "Status 2025"),
    )
    idf = weighed(
        {
            "husstander": 3.5,
            "venteliste": 5.4,
            "kommunal": 2.5,
            "bolig": 2.1,
            "akkurat": 6.5,
            "startlån": 3.0,
            "delte": 5.0,
            "kroner": 3.0,
            "fjellbu": 6.0,
        },
        3.0,
    )
    # «akkurat nå» hedges the question; it is not a word the answer must hold
    a = answer_extractive(
        "Hvor mange husstander står på venteliste for kommunal bolig i Fjellbu akkurat nå?", [slides], idf=idf
    )
    assert not a.abstained and "38 husstander" in a.citations[0].quote
    # «i antall og kroner» names the figure's units: «87,5 mill. kr» gives them without «kroner»
    b = answer_extractive(
        "Hvor mye startlån delte Fjellbu kommune ut i 2024, i antall og kroner?", [slides], idf=idf
    )
    assert not b.abstained and "87,5 mill. kr" in b.citations[0].quote


def test_a_compound_hyphenated_after_its_first_part_and_the_staffing_in_man_years_are_found():
    from assistant.answer import _credits, question_terms

    terms = question_terms("Hvor stor bemanning har booppfølgingen?")
    credits = dict(
        zip([t.word for t in terms], _credits(terms, "Bo-oppfølgingsteamet har 4,5 årsverk."), strict=True)
    )
    assert credits["booppfølgingen"] >= 0.8  # «bo-oppfølgingsteamet»
    assert credits["bemanning"] > 0  # «årsverk»


def test_a_lease_for_a_year_asks_about_the_shortest_term_a_lease_may_run():
    term = hit(
        HLL,
        "Det er ikke adgang til å inngå tidsbestemt leieavtale for bolig for kortere tid enn tre år.",
        1,
        law_ref="husleieloven § 9-3",
        law="husleieloven",
        paragraph="§ 9-3",
        section=("§ 9-3. Adgangen til å inngå tidsbestemt leieavtale for bolig",),
    )
    notice = hit(
        HLL,
        "En tidsubestemt leieavtale om bolig kan bare sies opp av utleieren dersom det foreligger saklig grunn.",
        0,
        law_ref="husleieloven § 9-5",
        law="husleieloven",
        paragraph="§ 9-5",
        section=("§ 9-5. Oppsigelse av tidsubestemte leieavtaler",),
    )
    idf = weighed({"utleier": 4.2, "leiekontrakt": 7.6, "vanlig": 4.1, "leilighet": 4.2, "bolig": 2.0}, 3.0)
    a = answer_extractive(
        "kan utleier gi meg en leiekontrakt på bare ett år for en vanlig leilighet?", [notice, term], idf=idf
    )
    assert not a.abstained and a.citations[0].law_ref == "husleieloven § 9-3"
    # the rule on terminating an open-ended lease answers when no term is asked
    b = answer_extractive("kan utleier si opp leiekontrakten min?", [notice, term], idf=idf)
    assert b.citations[0].law_ref == "husleieloven § 9-5"


def test_the_most_a_landlord_may_ask_is_a_limit_not_a_word_the_answer_must_hold():
    from assistant.answer import focus_word

    assert focus_word("Men hva er det meste en utleier lovlig kan kreve i depositum?") is None
    a = answer_extractive(
        "Men hva er det meste en utleier lovlig kan kreve i depositum?",
        [
            depositum(
                0, "Det kan avtales at leieren skal deponere et beløp oppad begrenset til seks måneders leie."
            )
        ],
        intent="legal",
        idf=weighed({"depositum": 5.0, "utleier": 2.5, "lovlig": 4.0}, 2.0),
    )
    assert not a.abstained and "seks måneders leie" in a.citations[0].quote


def test_families_with_children_and_the_young_are_found_in_the_words_a_plan_counts_them_by():
    from assistant.answer import _credits, question_terms

    idf = weighed({"barnefamilier": 4.0, "unge": 3.7, "ungdom": 3.5}, 3.0)
    terms = question_terms("Hva med barnefamilier og unge?", idf, graded=True)
    text = "For hushald med barn under 18 år vert kontrakten inngått for fem år. Av disse var 9 under 25 år."
    credits = dict(zip([t.word for t in terms], _credits(terms, text), strict=True))
    assert credits["barnefamilier"] >= 0.6  # «hushald med barn»
    assert credits["unge"] >= 0.5  # «under 25 år»: no common word, whatever the idf of «år»
    assert _credits(terms, "Kontrakten vert inngått for tre år.") == [0.0, 0.0]


def test_a_tables_row_counts_what_its_first_cell_names_under_a_header_that_counts():
    table = hit(
        FJELLBU,
        "Kommunale boliger\nType bolig | Antall | Ledige (okt. 2025)\nOrdinære utleieboliger | 142 | 3\n"
        "Omsorgsboliger | 86 | 2\nAkuttboliger | 5 | 1",
        section=(FJELLBU.title, "Kommunale boliger"),
    )
    idf = weighed({"omsorgsboliger": 4.5, "fjellbu": 6.0}, 3.0)
    a = answer_extractive("hvor mange omsorgsboliger har fjellbu?", [table], idf=idf)
    assert not a.abstained and a.citations[0].quote.startswith("Omsorgsboliger | 86 | 2")


def test_a_slides_short_point_saying_what_is_to_be_done_answers_a_list_question_on_measures():
    slide = hit(
        FJELLBU,
        "Tiltak 2026\n• Kjøpe 6 boliger for barnefamilier\n• Egen boligkontakt ved NAV Fjellbu\n• Samarbeid på tvers",
        section=(FJELLBU.title, "Tiltak 2026"),
    )
    idf = weighed({"barnefamilier": 5.2, "trenger": 4.3, "sted": 3.4}, 3.0)
    a = answer_extractive(
        "Hvilke tiltak har kommunene for barnefamilier som trenger et sted å bo?",
        [slide],
        intent="list",
        idf=idf,
    )
    assert not a.abstained and [c.quote for c in a.citations] == ["Kjøpe 6 boliger for barnefamilier"]


def test_why_applications_were_refused_finds_the_refusal_in_the_verbs_past_tense():
    sandvaer = DocumentMeta("s", "Bolignytt Sandvær", "s.pdf", kind="other", municipality="Sandvær")
    news = hit(
        sandvaer,
        "Kortere ventetid skyldes blant annet at flere leietakere i Sandvær har gått over til å eie bolig med "
        "startlån. Kommunen avslo 14 søknader, de fleste fordi søkeren hadde for lav inntekt til å betjene lånet "
        "over tid.",
        section=(sandvaer.title,),
    )
    idf = weighed({"søknader": 3.0, "startlån": 3.9, "avslått": 5.0, "sandvær": 6.0}, 3.0)
    a = answer_extractive("Hvorfor ble søknader om startlån avslått i Sandvær i fjor?", [news], idf=idf)
    assert not a.abstained and a.citations[0].quote.startswith("Kommunen avslo 14 søknader")


def test_what_a_landlord_may_lawfully_ask_is_the_laws_answer_even_after_a_municipalitys_own_rule():
    own = hit(
        OSPEDAL,
        "Leigetakar skal betale depositum tilsvarande tre månaders husleige.",
        0,
        section=(OSPEDAL.title, "6.2 Depositum"),
    )
    law = depositum(
        1, "Det kan avtales at leieren skal deponere et beløp oppad begrenset til seks måneders leie."
    )
    idf = weighed({"depositum": 5.0, "utleier": 2.5, "lovlig": 4.0, "ospedal": 6.0, "kommunal": 2.5}, 2.0)
    # a follow-up after «Hvor mye depositum krever Ospedal for kommunal bolig?», condensed
    question = (
        "Men hva er det meste en utleier lovlig kan kreve i depositum? (depositum Ospedal kommunal bolig)"
    )
    a = answer_extractive(question, [own, law], idf=idf)
    assert not a.abstained and a.citations[0].law_ref == "husleieloven § 3-5"
    # «lovlig opphold» is a condition, not a question of what the law allows
    b = answer_extractive("Må man ha lovlig opphold for å få kommunal bolig i Ospedal?", [own, law], idf=idf)
    assert all(c.law_ref != "husleieloven § 3-5" for c in b.citations)


def test_who_decides_an_appeal_in_the_end_is_the_body_named():
    rules = hit(
        OSPEDAL,
        "Vedtak om tildeling eller avslag kan påklagast. Klagefristen er tre veker frå det tidspunktet vedtaket kom "
        "fram til søkjaren. Dersom Tenestekontoret ikkje gjer om vedtaket, vert klagen send til den kommunale "
        "klagenemnda for endeleg avgjerd.",
        section=(OSPEDAL.title, "5. Klage"),
    )
    idf = weighed({"avgjer": 7.6, "klagen": 3.8, "slutt": 4.8, "klagefristen": 5.0, "ospedal": 6.0}, 3.0)
    a = answer_extractive(
        "Og kven avgjer klagen til slutt? (klagefristen Ospedal)",
        [rules],
        intent="legal",
        idf=idf,
        borrowed=("klagefristen", "ospedal"),
    )
    assert not a.abstained and "klagenemnda" in a.citations[0].quote


FHL = DocumentMeta("fhl", "Folkehelseloven", "fhl.txt", kind="law", law_short="folkehelseloven")
PBL = DocumentMeta("pbl", "Plan- og bygningsloven", "pbl.txt", kind="law", law_short="plan- og bygningsloven")


def test_a_question_that_names_no_party_asks_about_the_municipality_not_the_county():
    county = provision(
        FHL,
        "Oversikten over fylkets folkehelseutfordringer etter § 21 annet ledd skal inngå som grunnlag for "
        "arbeidet med fylkeskommunens planstrategi.",
        "§ 21 a",
        "§ 21 a. Oversikt og planlegging",
    )
    municipal = provision(
        FHL,
        "Oversikten etter § 5 annet ledd skal inngå som grunnlag for arbeidet med kommunens planstrategi.",
        "§ 6",
        "§ 6. Mål og planlegging",
        n=1,
    )
    a = answer_extractive("Skal folkehelseoversikten brukes i planstrategien?", [county, municipal])
    assert a.citations[0].quote.startswith("Oversikten etter § 5")
    # the county's own rule when the county is asked about
    a = answer_extractive(
        "Skal fylkets folkehelseoversikt brukes i fylkeskommunens planstrategi?", [county, municipal]
    )
    assert a.citations[0].quote.startswith("Oversikten over fylkets")


def test_a_year_asked_is_not_found_in_a_table_row_of_another_topic_that_the_text_after_it_names():
    from assistant.answer import missing_years

    heads = ("3 Status og utfordringer", "Tabell 3. Innvilgede startlån 2021–2024")
    table = hit(
        DRAMMEN,
        "År | Antall lån | Samlet beløp\n2021 | 38 | 71,2 mill. kr\n2022 | 44 | 88,6 mill. kr\n\n"
        "Nedgangen i 2023 skyldes økte renter. Kommunen kartla også hvor mange som ble registrert som bostedsløse.",
        section=(DRAMMEN.title, *heads),
    )
    question = "Hvor mange bostedsløse ble registrert i Drammen i 2022?"
    terms = question_terms(question)
    # (the place alone, which the table's document names, says nothing of what the row is about)
    assert missing_years(question, [table], terms, {"drammen"}) == ["2022"]


def test_how_long_a_wait_is_answered_by_a_span_of_that_wait_and_nothing_else():
    team = hit(
        BODO,
        "Bodø kommune etablerer et Housing First-team med 3,5 årsverk fra 1. september 2025. Tre av deltakerne "
        "var under 25 år. Gjennomsnittlig ventetid på kommunal bolig var 8,5 måneder i 2024.",
        section=(BODO.title, "Status"),
    )
    a = answer_extractive("Hvor lang ventetid er det på kommunal bolig i Bodø?", [team])
    assert not a.abstained and "8,5 måneder" in a.citations[0].quote
    # a team's «3,5 årsverk» is no span of time, an age «under 25 år» is none, and a wait is no appeal deadline
    a = answer_extractive("Hvor lang klagefrist er det på vedtak om kommunal bolig i Bodø?", [team])
    assert a.abstained
    staff = hit(
        BODO,
        "Bodø kommune etablerer et Housing First-team med 3,5 årsverk fra 1. september 2025. Tre av deltakerne "
        "var under 25 år.",
        section=(BODO.title, "Status"),
    )
    assert answer_extractive("Hvor lang ventetid er det på kommunal bolig i Bodø?", [staff]).abstained


def test_a_party_named_in_full_is_known_by_the_abbreviation_the_minutes_use():
    from assistant.answer import unknown_names

    stats = stats_for(
        ["Oddvar Rønning (Sp) gjentok framlegget om Bakkehaugen 2.", "Kommunen skal selje bustader."]
    )
    assert unknown_names("Hva ville Senterpartiet gjøre med Bakkehaugen 2?", stats) == []
    assert unknown_names("Hva ville Raudtpartiet gjøre med Bakkehaugen 2?", stats) == ["Raudtpartiet"]


def test_what_the_user_will_do_with_the_answer_is_not_what_the_passages_are_measured_against():
    from assistant.answer import without_framing

    question = (
        "Jeg skal skrive et notat til politikerne om hvordan det går med boligarbeidet, og trenger måltallene. "
        "Hva er delmålene Bodø har satt i planen?"
    )
    assert without_framing(question) == "trenger måltallene. Hva er delmålene Bodø har satt i planen?"
    assert without_framing("Hva skal Bodø gjøre i 2026? Trenger punktene til et saksframlegg.") == (
        "Hva skal Bodø gjøre i 2026?"
    )
    main_goal = hit(
        BODO,
        "Kommunestyret har vedtatt følgende hovedmål: Alle skal kunne skaffe seg en egnet bolig. Hovedmålet bygger på "
        "den nasjonale strategien «Alle trenger et trygt hjem», og arbeidet går på tvers av sektorene. Hvordan det "
        "går med boligarbeidet, skal politikerne få et eget notat om hvert år.",
        section=(BODO.title, "2 Mål", "2.1 Hovedmål"),
    )
    goals = hit(
        BODO,
        "For å nå hovedmålet er det satt fire delmål med måltall for 2028:\n"
        "• Ventelisten for kommunal bolig skal være under 25 husstander.\n"
        "• Ingen barnefamilier skal bo i midlertidig botilbud.",
        1,
        section=(BODO.title, "2 Mål", "2.2 Delmål"),
    )
    a = answer_extractive(question, [main_goal, goals])
    assert a.citations[0].quote.startswith("For å nå hovedmålet er det satt fire delmål")


def test_a_row_that_names_its_year_is_that_years_not_every_year_its_caption_spans():
    table = hit(
        BODO,
        "Tabell 3. Innvilgede startlån 2021–2024\nÅr | Antall lån | Samlet beløp\n2021 | 38 | 71,2 mill. kr\n"
        "2022 | 44 | 88,6 mill. kr\n2024 | 35 | 79,9 mill. kr",
        section=(BODO.title, "3 Status", "Tabell 3. Innvilgede startlån 2021–2024"),
    )
    a = answer_extractive("startlån 2024 antall?", [table])
    assert a.citations[0].quote.startswith("2024 | 35")


def test_of_rows_under_one_caption_the_row_whose_own_cells_say_what_is_asked_answers():
    table = hit(
        BODO,
        "Tabellen viser begjæringar om tvangsfråviking og gjennomførte utkastingar.\n2022 | 2023 | 2024\n"
        "Begjæringar om tvangsfråviking | 7 | 9 | 12\nGjennomførte utkastingar | 3 | 4 | 6\n"
        "Leigetakarar med restanse over 3 månader | 14 | 17 | 22",
        section=(BODO.title, "Utkastingar og husleigerestansar"),
    )
    a = answer_extractive("Hvor mange utkastingar vart gjennomførte i Bodø i 2024?", [table])
    assert a.citations[0].quote.startswith("Gjennomførte utkastingar | 3")


BUSTOTTE = DocumentMeta(
    "bto", "Forskrift om bustøtte", "bto.txt", kind="regulation", law_short="bustøtteforskriften"
)


def test_a_refused_housing_allowance_asked_in_everyday_words_finds_the_rule_on_a_new_look():
    rule = provision(
        BUSTOTTE,
        "Ein søknad om bustøtte skal setjast fram på søknadsskjema og innan fristen Husbanken har fastsett. "
        "Søknader som blir innvilga, skal overførast til ny vurdering månaden etter. Blir søknaden om bustøtte "
        "avslått som følgje av behovsprøvinga, skal søknaden prøvast på nytt to månader utan at søkjaren må "
        "levere inn ny søknad.",
        "§ 9",
        "§ 9. Søknad",
    )
    a = answer_extractive(
        "Jeg fikk avslag på husleigestøtte fordi inntekta var for høy. Må jeg sende ny søknad for å bli vurdert "
        "igjen?",
        [rule],
    )
    assert a.citations[0].quote.startswith("Blir søknaden om bustøtte avslått")


def test_a_limit_asked_by_its_name_is_answered_by_a_bound_on_what_it_limits():
    # «inntektsgrensa» stands nowhere in the guideline: its points say «… inntekt må være under 4,5 G»
    rutine = DocumentMeta(
        "ravnasen",
        "Rutine for tildeling av kommunal utleiebolig",
        "r.txt",
        kind="other",
        municipality="Ravnåsen",
    )
    purpose = (
        "Rutinen skal sikre at søknader om kommunal utleiebolig i Ravnåsen behandles likt og forsvarlig."
    )
    terms = (
        "Søkeren må fylle alle disse vilkårene:\n• være fylt 18 år\n"
        "• husstandens samlede brutto inntekt må være under 4,5 G\n"
        "• husstanden kan ikke ha formue over 75 000 kr"
    )
    hits = [
        hit(rutine, purpose, 0, section=("1. FORMÅL",)),
        hit(rutine, terms, 1, section=("4. VILKÅR FOR Å FÅ TILDELT KOMMUNAL UTLEIEBOLIG",)),
    ]
    a = answer_extractive("Hva er inntektsgrensa for å få kommunal utleigebolig i Ravnåsen?", hits)
    assert not a.abstained, a.text
    assert a.citations[0].quote == "husstandens samlede brutto inntekt må være under 4,5 G"
    # a passage that names income but sets no bound on it does not answer
    vague = [hit(rutine, "Inntekt og formue skal dokumenteres med siste skattemelding.", 0)]
    assert answer_extractive("Hva er inntektsgrensa for kommunal bolig i Ravnåsen?", vague).abstained


def test_the_number_of_a_step_is_no_figure_for_a_question_asking_how_many():
    rutine = DocumentMeta(
        "ravnasen",
        "Rutine for tildeling av kommunal utleiebolig",
        "r.txt",
        kind="other",
        municipality="Ravnåsen",
    )
    step = hit(rutine, "7) Ved innvilgelse settes søkeren på venteliste til en egnet bolig blir ledig.", 0)
    a = answer_extractive("Hvor mange står på venteliste for kommunal bolig i Ravnåsen nå?", [step])
    assert a.abstained, a.text


STORD = DocumentMeta(
    "stord", "Bustadpolitisk plan 2025–2030 – Stord kommune", "b.pdf", kind="plan", municipality="Stord"
)


def stord(text: str, n: int = 0, section: str = "2.4 Dei kommunale bustadene") -> Hit:
    """A passage of Stord's nynorsk housing plan under `section`."""
    return hit(STORD, text, n, section=(section,))


def test_a_year_asked_is_not_found_in_the_plans_title_its_span_or_a_sentence_sharing_only_kommunal():
    hits = [
        stord("Stord kommune disponerer 176 bustader, sjå tabell 1."),
        stord(
            "Planen erstattar Bustadsosial handlingsplan 2018–2022 og er den første planen i Stord som ser "
            "heile bustadpolitikken under eitt.",
            1,
            "1.1 Kvifor ein bustadpolitisk plan?",
        ),
        stord(
            "Kommunen har sidan 2022 vore med i Husbanken sitt kommuneprogram for distriktskommunar.",
            2,
            "4.6 Samarbeid med Husbanken",
        ),
    ]
    a = answer_extractive("Kor mange kommunale bustader hadde kommunen i 2022?", hits)
    assert a.abstained, a.text
    # the year the figure is given for is answered
    a = answer_extractive(
        "Kor mange kommunale bustader hadde Stord i 2024?",
        [stord("Ved utgangen av 2024 disponerte Stord kommune 176 bustader.")],
    )
    assert not a.abstained and "176" in a.citations[0].quote


def test_a_count_asked_in_bokmal_is_answered_by_a_nynorsk_plan_that_gives_it():
    hits = [
        stord("Stord kommune disponerer 176 bustader, sjå tabell 1."),
        stord("Av dei 64 omsorgsbustadene har 24 heildøgns bemanning.", 1),
    ]
    a = answer_extractive("Hvor mange omsorgsboliger har Stord?", hits)
    assert not a.abstained, a.text
    assert a.citations[0].quote == "Av dei 64 omsorgsbustadene har 24 heildøgns bemanning."


RUTINE = DocumentMeta("r", "Rutine for tildeling", "r.txt", kind="other", municipality="Stord")


def rutine_quote(question: str, text: str, section: str) -> str:
    """The first quote of the answer to `question` from one passage of Stord's allocation rutine under
    `section`; the question must be answered."""
    a = answer_extractive(question, [hit(RUTINE, text, section=(RUTINE.title, section))])
    assert not a.abstained, a.text
    return a.citations[0].quote


def test_a_time_in_working_days_answers_how_long_one_has_to_reply():
    text = (
        "Søkeren får tilbud om konkret bolig på telefon og skriftlig. Tilbudet må besvares innen 3 virkedager. "
        "Takker søkeren nei til to tilbud om egnet bolig uten saklig grunn, kan vedtaket oppheves."
    )
    question = "Hvor lang tid har en søker i Stord på å svare når hun får tilbud om en konkret bolig?"
    assert rutine_quote(question, text, "6. Saksgang") == "Tilbudet må besvares innen 3 virkedager."


def test_an_ordinary_thing_asked_as_vanlig_is_the_documents_ordinaere():
    text = (
        "Gjennomgangsboliger og ungdomsboliger: tidsbestemt kontrakt på 1 år med mulighet for forlengelse ett "
        "år av gangen, maks 3 år totalt (særlige grunner, jf. husleieloven § 11-1).\n"
        "Ordinære utleieboliger: tidsbestemt kontrakt på 3 år."
    )
    question = "Hvor lang leiekontrakt får man i en vanlig kommunal utleiebolig i Stord?"
    # (the lease one gets is no limit asked: «maks 3 år» of another kind of housing earns nothing)
    assert (
        rutine_quote(question, text, "7. Kontrakt") == "Ordinære utleieboliger: tidsbestemt kontrakt på 3 år."
    )


def test_what_one_gets_is_no_question_of_a_limit():
    from assistant.answer import _LIMIT_Q

    assert not _LIMIT_Q.search("Hvor lang leiekontrakt får man i en vanlig kommunal utleiebolig?")
    assert not _LIMIT_Q.search("Hvor mye bostøtte får en familie på fire?")
    assert _LIMIT_Q.search("Hvor stort depositum kan utleier kreve?")
    assert _LIMIT_Q.search("Hva er maksimal ventetid?")


def test_a_laws_deadline_on_another_matter_does_not_answer_a_places_own_deadline():
    pbl = DocumentMeta(
        "pbl", "Plan- og bygningsloven", "pbl.txt", kind="law", law_short="plan- og bygningsloven"
    )
    refugee_housing = (
        "§ 20-10. Saksbehandling etter § 20-9\n\n"
        "Ved tidsbestemt bruksendring skal kommunen fatte vedtak innen syv virkedager.\n\n"
        "Kommunens vedtak etter første ledd kan påklages av en part. Klagefristen er syv virkedager fra "
        "kommunen har fattet vedtak."
    )
    hits = [
        stord("Stord kommune disponerer 176 bustader, sjå tabell 1."),
        provision(pbl, refugee_housing, "§ 20-10", "§ 20-10. Saksbehandling etter § 20-9", 1),
    ]
    a = answer_extractive(
        "Hva er klagefristen hvis jeg får avslag på søknad om kommunal bolig i Stord?", hits, intent="legal"
    )
    assert not any("syv virkedager" in c.quote for c in a.citations), a.text
    # a law's paragraph on what is asked still answers it
    allocation = (
        "§ 5. Klage\n\nVedtak om avslag på søknad om kommunal bolig kan påklages. Klagefristen er tre uker."
    )
    hits[1] = provision(pbl, allocation, "§ 5", "§ 5. Klage", 1)
    a = answer_extractive(
        "Hva er klagefristen hvis jeg får avslag på søknad om kommunal bolig i Stord?", hits, intent="legal"
    )
    assert not a.abstained and a.citations[0].law_ref == "plan- og bygningsloven § 5", a.text


def test_until_when_and_the_goals_set_are_no_words_of_what_is_asked():
    from assistant.answer import content_words

    assert content_words("Kva delmål har Ulvsnes sett seg i bustadplanen fram mot 2029?") == [
        "delmål",
        "ulvsnes",
        "bustadplanen",
        "2029",
    ]
    # (what is set or brought forward is still asked about)
    assert "satt" in content_words("Hvem har satt sammen arbeidsgruppen?")
    assert "fram" in content_words("Hvem legger fram planen?")


def test_the_greatest_challenges_are_the_points_the_chapter_summing_them_up_lists():
    plan = DocumentMeta(
        "u", "Boligsosial handlingsplan 2026–2029", "u.pdf", kind="plan", municipality="Stord"
    )
    hits = [
        hit(
            plan,
            "Den beskriver status og utfordringer, setter mål for det boligsosiale arbeidet og fastsetter "
            "konkrete tiltak. Stord kommune har hatt en boligsosial handlingsplan siden 2014.",
            0,
            section=("1 Innledning", "1.1 Bakgrunn og mandat"),
        ),
        hit(
            plan,
            "2.5 Oppsummering av utfordringer\n\nArbeidsgruppen har gjennom kartleggingen pekt på disse "
            "hovedutfordringene. Rekkefølgen i listen er ikke en prioritering.\n"
            "• For få små og rimelige boliger i sentrum.\n• Husleierestansen har økt med over 50 prosent.",
            1,
            section=("2 Status og utfordringer", "2.5 Oppsummering av utfordringer"),
        ),
    ]
    a = answer_extractive(
        "Hva er de største boligsosiale utfordringene i Stord ifølge handlingsplanen?", hits
    )
    assert not a.abstained, a.text
    first = a.citations[0].quote
    assert first.startswith("Arbeidsgruppen") and first.endswith(
        "Husleierestansen har økt med over 50 prosent."
    )


def test_a_section_headed_by_what_is_asked_comes_before_those_only_under_a_chapter_naming_it():
    from assistant.answer import named_sections

    plan = DocumentMeta(
        "u", "Boligsosial handlingsplan 2026–2029", "u.pdf", kind="plan", municipality="Stord"
    )
    headings = {
        "u": [
            ("c1", ("2 Status og utfordringer", "2.1 Befolkning og boligmarked")),
            ("c2", ("2 Status og utfordringer", "2.2 Kommunalt disponerte boliger")),
            ("c5", ("2 Status og utfordringer", "2.5 Oppsummering av utfordringer")),
            ("c6", ("3 Mål og strategier", "3.1 Hovedmål")),
        ]
    }
    terms = question_terms("Hva er de største boligsosiale utfordringene i Stord ifølge handlingsplanen?")
    assert named_sections(terms, {"u": plan}, headings) == ["c5", "c1"]


def test_the_papers_to_send_with_an_application_are_its_documentation():
    page = DocumentMeta(
        "e", "Kommunal utleiebolig – slik søker du", "e.html", kind="other", municipality="Stord"
    )
    hits = [
        hit(
            page,
            "Du søker digitalt med skjemaet Søknad om kommunal bolig på Min side. Har du ikke mulighet til å "
            "søke digitalt, kan du hente et papirskjema i Servicetorget på rådhuset.",
            0,
            section=(page.title, "1. Fyll ut søknadsskjemaet"),
        ),
        hit(
            page,
            "Søknaden må ha med dokumentasjon for alle i husstanden som er over 18 år:\n"
            "• siste skattemelding eller skatteoppgjør\n• lønnsslipper for de siste 3 månedene",
            1,
            section=(page.title, "2. Legg ved dokumentasjon"),
        ),
    ]
    a = answer_extractive("Hvilke papirer må jeg legge ved når jeg søker kommunal bolig i Stord?", hits)
    assert not a.abstained, a.text
    assert "lønnsslipper" in a.citations[0].quote


def test_a_count_may_stand_after_what_it_counts_and_a_yearly_rate_is_no_unit_of_time():
    from assistant.answer import _counts, counted_words

    counted = counted_words("Hvor mange boliger ble det bygd i året i Bodø, sammenlignet med behovet?")
    assert _counts("Det ble bygget for lite boliger, 160 årlig mot behov på 3-400.", counted)
    assert not _counts("Ventetiden for boliger er 8 måneder.", counted)  # months, not homes
    a = answer_extractive(
        "Hvor mange boliger ble det bygd i året i Bodø, sammenlignet med behovet?",
        [
            hit(
                BODO,
                "Kommunen hadde følgende utfordringer.\n\n• Det ble bygget for lite boliger, 160 årlig mot "
                "behov på 3-400.\n\n• Ingen klar kommunal strategi for boligutviklingen.",
                section=(BODO.title, "Bakgrunn"),
            )
        ],
    )
    assert not a.abstained and "160 årlig" in a.citations[0].quote


def test_a_sentence_that_only_repeats_the_documents_title_says_nothing_of_what_is_asked():
    sak = DocumentMeta(
        "lev",
        "Driftskomiteen – sak 28/16 – Boligsosial handlingsplan 2016–2019 (Levanger kommune)",
        "l.txt",
        kind="case",
        municipality="Levanger",
    )
    hits = [
        hit(
            sak,
            "Rådmannens forslag til innstilling: Boligsosial handlingsplan 2016-2019 vedtas.",
            0,
            section=(),
        ),
        hit(BODO, "Bodø har et eget boligkontor.", 1),
        hit(BODO, "Planen ble vedtatt i bystyret.", 2),
        hit(HALDEN, "Halden har et program.", 3),
        hit(
            sak,
            "Planen foreslår at det boligsosiale arbeidet koordineres gjennom at det ansettes en "
            "boligkoordinator.",
            4,
            section=(),
        ),
    ]
    a = answer_extractive(
        "Hvem skal samordne det boligsosiale arbeidet i Levanger etter handlingsplanen for 2016-2019?", hits
    )
    assert "boligkoordinator" in a.citations[0].quote
    assert all("vedtas" not in c.quote for c in a.citations)


def test_a_bokmal_rise_finds_the_nynorsk_noun_for_it():
    minutes = DocumentMeta("orn", "Referat frå dialogmøte", "r.txt", kind="other", municipality="Ørnevåg")
    text = (
        "Sak 2/25 Husleigeregulering 2025\n\nHusleiga i alle bustadene blir regulert etter konsumprisindeksen "
        "frå 1. april 2025. Auken blir 2,3 prosent, som tilsvarer endringa i KPI."
    )
    a = answer_extractive(
        "Hvor mye øker husleia i Ørnevåg fra april?", [hit(minutes, text, section=("Sak 2/25",))]
    )
    assert not a.abstained and a.citations[0].quote.startswith("Auken blir 2,3 prosent")


def test_a_word_that_names_the_document_itself_is_no_part_of_the_section_asked_for():
    from assistant.answer import named_sections

    report = DocumentMeta(
        "kv",
        "Sluttrapport: Bolig for velferd i Kvernevoll",
        "k.pdf",
        kind="report",
        municipality="Kvernevoll",
    )
    heads = {
        "kv": [
            ("kv-1", ("8 Hva fungerte", "8.1 Hva fungerte")),
            ("kv-2", ("8 Hva fungerte", "8.2 Hva fungerte ikke")),
        ]
    }
    terms = question_terms("Hva fungerte ikke i Bolig for velferd-prosjektet?")
    assert named_sections(terms, {"kv": report}, heads)[0] == "kv-2"


def test_a_year_is_found_in_a_sentence_about_what_the_documents_title_names():
    from assistant.answer import missing_years, split_compounds

    report = DocumentMeta(
        "kv", "Fra leie til eie i Kvitberg – evaluering", "kv.pdf", kind="report", municipality="Kvitberg"
    )
    text = "Antall søknader økte fra 18 i 2020 til 31 i 2022, falt til 27 i 2023."
    # (in a corpus where applications are everywhere and «leie til eie» is rare)
    stats = stats_for(
        [text, "Søknader om bolig.", "Søknader om startlån.", "Søknader behandles.", "Leie er dyrt."]
    )
    q = "Hvor mange søknader kom det til leie til eie-ordningen i 2022?"
    terms = question_terms(split_compounds(q, stats), stats.idf)
    found = [hit(report, text, section=("3 Resultater", "3.1 Søknader og opptak"))]
    assert missing_years(q, found, terms, {"kvitberg"}) == []
    # a title that names one word of the question does not: every sentence of a plan is not about it
    plan = DocumentMeta(
        "bp", "Bustadpolitisk plan – Brekkvoll kommune", "b.pdf", kind="plan", municipality="Brekkvoll"
    )
    other = [
        hit(
            plan, "Brekkvoll har sidan 2022 vore med i Husbanken sitt kommuneprogram.", section=("Innleiing",)
        )
    ]
    q = "Kor mange bustader for vanskelegstilte hadde Brekkvoll i 2022?"
    assert missing_years(q, other, question_terms(q, stats.idf), {"brekkvoll"}) == ["2022"]


def test_money_collected_is_what_is_asked_not_a_kind_of_figure():
    minutes = DocumentMeta("hov", "Møteprotokoll", "m.txt", kind="case", municipality="Hovsund")
    text = (
        "PS 14/24 Ny leikeplass på Skeiet\n\nSkeiet bustadfelt manglar ein felles leikeplass. Velforeininga i "
        "Skeiet har samla inn 85 000 kroner og søkt om at kommunen tek ansvar for resten."
    )
    a = answer_extractive(
        "Hvor mye penger har velforeningen samlet inn til lekeplassen?",
        [hit(minutes, text, section=("Møteprotokoll", "PS 14/24 Ny leikeplass på Skeiet"))],
    )
    assert not a.abstained and "85 000 kroner" in a.citations[0].quote


def test_a_story_told_before_the_question_does_not_hide_the_places_answer():
    plan = DocumentMeta(
        "tv", "Boligsosial handlingsplan 2025–2028", "t.docx", kind="plan", municipality="Tindvåg"
    )
    text = (
        "5.3 Husleie og depositum i kommunale boliger\n\nHusleien settes til gjengs leie. Kommunen krever "
        "depositum tilsvarende tre måneders husleie ved inngåelse av leiekontrakt."
    )
    a = answer_extractive(
        "Jeg er alenemor med to barn og har fått tilbud om en kommunal leilighet i Tindvåg. Jeg har nesten "
        "ingenting på sparekontoen. Må jeg betale depositum, og i så fall hvor mye?",
        [hit(plan, text, section=(plan.title, "5 Økonomi", "5.3 Husleie og depositum i kommunale boliger"))],
    )
    assert not a.abstained and "tre måneders husleie" in a.citations[0].quote


def test_a_year_asked_of_one_place_is_not_found_in_another_places_document():
    from assistant.answer import missing_years

    plan = DocumentMeta(
        "kb", "Boligpolitisk plan 2026–2036", "k.pdf", kind="plan", municipality="Kolbeinsvik"
    )
    report = DocumentMeta(
        "hd", "Årsmelding 2024 – Bustadkontoret", "h.md", kind="report", municipality="Hovsdal"
    )
    hits = [
        hit(plan, "I 2024 innvilget kommunen 84 startlån på til sammen 142,6 millioner kroner.", 0),
        hit(report, "Kommunen innvilga 31 startlån i 2024, mot 38 lån i 2023.", 1),
    ]
    q = "Hvor mange startlån innvilget Kolbeinsvik i 2023?"
    places = {"kolbeinsvik", "hovsdal"}
    assert missing_years(q, hits, question_terms(q), places) == ["2023"]
    assert (
        missing_years("Hvor mange startlån innvilget Hovsdal i 2023?", hits, question_terms(q), places) == []
    )


def test_a_figure_in_a_documents_header_table_is_no_answer_to_a_count():
    routine = DocumentMeta(
        "rt", "Rutine for varsel om utkastelse", "r.docx", kind="other", municipality="Tjørnvåg"
    )
    text = (
        "Rutine for varsel om utkastelse\nDokument-ID | RUT-BOL-07\nVersjon | 3.0\nGjelder fra | 1. april 2025\n\n"
        "Rutinen gjelder alle leieforhold i kommunale boliger. Den følger opp rapporten «Kartlegging av "
        "bostedsløse i Tjørnvåg 2024»."
    )
    a = answer_extractive(
        "Hvor mange utkastelser ble gjennomført i Tjørnvåg i 2024?",
        [hit(routine, text, section=(routine.title,))],
    )
    assert all("Versjon" not in c.quote for c in a.citations)


def test_a_nynorsk_plural_counts_the_bokmal_one():
    from assistant.answer import _counts, counted_words

    counted = counted_words("Kor mange dagar etter forfall får leigetakaren ei betalingspåminning?")
    assert _counts(
        "Sju dager etter forfall sender husleieavdelingen en skriftlig betalingspåminnelse.", counted
    )


def test_what_a_thing_does_is_the_whole_list_its_chosen_point_stands_in():
    minutes = DocumentMeta("hov", "Møteprotokoll", "m.txt", kind="case", municipality="Hovsund")
    text = (
        "«Flyttevenn»\n\nHovsund frivilligsentral søker om tilskudd til prosjektet «Flyttevenn».\n\n"
        "Prosjektet gir hjelp til:\n- selve flyttedagen, med transport og bæring\n"
        "- innkjøp av brukte møbler og utstyr til boligen\n- å bli kjent i nabolaget og med naboene\n\n"
        "I pilotåret 2023 fikk 14 personer hjelp."
    )
    a = answer_extractive("Hva kan en flyttevenn hjelpe med?", [hit(minutes, text, section=("PS 15/24",))])
    quote = a.citations[0].quote
    assert quote.startswith("Prosjektet gir hjelp til:") and "nabolaget og med naboene" in quote
    assert "pilotåret" not in quote
    # which of them: the points themselves, not the list
    b = answer_extractive("Hvilke av dem gjelder møbler?", [hit(minutes, text, section=("PS 15/24",))])
    assert not b.citations[0].quote.startswith("Prosjektet gir hjelp til:")


def test_a_weekend_day_decides_when_a_deadline_falls_but_is_no_topic_of_a_story():
    from assistant.answer import content_words

    assert "laurdag" in content_words("Husleiga forfell på ein laurdag. Når må leigetakaren betale då?")
    assert "fredag" not in content_words("Han blir sleppt ut frå fengselet på fredag. Kvar skal han bu?")
    rent = provision(
        HLL,
        "§ 3-2. Forfallstid\n\nEr ikke annet avtalt, kan utleieren kreve at leien betales forskuddsvis for hver "
        "måned.\n\nForfaller leien på en lørdag eller søndag, en helligdag, eller den 1. eller 17. mai, utskytes "
        "forfallsdagen til den nærmest påfølgende virkedag.",
        "§ 3-2",
        "§ 3-2. Forfallstid",
    )
    a = answer_extractive("Husleiga forfell på ein laurdag. Når må leigetakaren betale då?", [rent])
    assert any("nærmest påfølgende virkedag" in c.quote for c in a.citations)


def test_a_count_of_homes_is_not_a_count_of_new_ones_nor_of_people_nor_a_year():
    from assistant.answer import _counts, counted_words

    counted = counted_words("Hvor mange utleieboliger har Kolbeinsvik kommune?")
    assert _counts("Kommunen disponerer i dag 402 utleieboliger.", counted, new=False)
    assert not _counts(
        "Planen legger til grunn et behov for 35 nye utleieboliger innen 2030.", counted, new=False
    )
    assert not _counts("Med en venteliste på 57 husstander vil køen vare.", counted, new=False)
    assert _counts("Planen legger til grunn et behov for 35 nye utleieboliger.", counted, new=True)
    # people are still counted as households when people are asked about
    assert _counts("Det var 57 husstander på venteliste.", counted_words("Hvor mange søkere står i kø?"))


def test_who_leads_is_found_in_a_nynorsk_led_by():
    leader = [t for t in question_terms("Hvem er leder for Bustadkontoret i Hovsdal?") if t.word == "leder"]
    assert coverage(leader, "Kontoret vert leia av Randi Kvalsund Myhre.") > 0
    assert coverage(leader, "Kontoret ligg i rådhuset.") == 0


def test_rented_in_is_the_same_whether_it_is_one_word_or_two():
    plan = DocumentMeta(
        "kb", "Boligpolitisk plan 2026–2036", "k.pdf", kind="plan", municipality="Kolbeinsvik"
    )
    text = (
        "Kommunen disponerer i dag 402 utleieboliger. Av disse eier kommunen 268 boliger gjennom Kolbeinsvik "
        "Eiendom KF, mens 134 leies inn fra private utleiere."
    )
    history = [
        {"role": "user", "content": "Hvor mange utleieboliger har Kolbeinsvik kommune?"},
        {"role": "assistant", "content": "Kommunen disponerer i dag 402 utleieboliger. [1]"},
    ]
    from assistant.chat import condense_question

    q = condense_question("Hvor mange av dem er innleid?", history, places=["Kolbeinsvik"])
    a = answer_extractive(q, [hit(plan, text, section=("3.4 Kommunale boliger",))])
    assert not a.abstained and "134 leies inn" in a.citations[0].quote


def test_a_rate_asked_for_is_a_figure_and_only_a_rate_answers_it():
    from assistant.answer import asks_figure

    assert asks_figure("Hva er renten på startlån i Tindvåg?")
    assert asks_figure("Hvilken rente er det på startlån i Kolbeinsvik?")
    plan = DocumentMeta("tv", "Boligsosial handlingsplan", "t.docx", kind="plan", municipality="Tindvåg")
    text = (
        "Bruken av startlån gikk ned i 2022 og 2023 som følge av høyere renter, men økte igjen i 2024. "
        "Kommunen vil øke rammen for startlån til 180 millioner kroner."
    )
    a = answer_extractive(
        "Hva er renten på startlån i Tindvåg?", [hit(plan, text, section=("5.1 Startlån",))]
    )
    assert a.abstained  # the plan names rates and sums, but no rate
    given = text + " Per 1. januar 2025 var renten på startlån 5,142 prosent."
    b = answer_extractive(
        "Hva er renten på startlån i Tindvåg?", [hit(plan, given, section=("5.1 Startlån",))]
    )
    assert not b.abstained and "5,142 prosent" in b.citations[0].quote
