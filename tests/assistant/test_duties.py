"""Duties extracted sentence by sentence from the real law texts in corpus/laws."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from assistant.duties import extract_duties, filter_duties, find_actor, split_sentences

ROOT = Path(__file__).resolve().parents[2]


@cache
def law_chunks(name: str):
    from ingest.load import load_document
    from ingest.manifest import load_manifest, meta_for
    from ingest.split import split_document

    path = ROOT / "corpus" / "laws" / f"{name}.txt"
    return tuple(split_document(load_document(path, meta_for(path, load_manifest(ROOT / "corpus")))))


@pytest.mark.unit
def test_boligsosialloven_6_binds_kommunen_with_skal():
    duties = extract_duties(law_chunks("boligsosialloven"))
    six = filter_duties(duties, paragraph="§ 6")
    first = six[0]
    assert (
        first.sentence
        == "Kommunen skal gi individuelt tilpasset bistand til vanskeligstilte på boligmarkedet."
    )
    assert (first.bound, first.strength, first.law, first.paragraph) == (
        "kommunen",
        "skal",
        "boligsosialloven",
        "§ 6",
    )
    assert first.law_ref.startswith("boligsosialloven § 6")
    # «Kommunen kan også gi praktisk bistand …» is a power, not a duty
    assert any(
        d.bound == "kommunen" and d.strength == "kan" and "praktisk bistand" in d.sentence for d in six
    )


@pytest.mark.unit
def test_sotjl_27_forpliktet_is_plikter_for_kommunen():
    duties = filter_duties(extract_duties(law_chunks("sosialtjenesteloven")), paragraph="§ 27")
    assert len(duties) == 1
    d = duties[0]
    assert (
        d.sentence
        == "Kommunen er forpliktet til å finne midlertidig botilbud for dem som ikke klarer det selv."
    )
    assert (d.bound, d.strength, d.modal) == ("kommunen", "plikter", "er forpliktet til")
    assert d.law_ref == "sosialtjenesteloven § 27"


@pytest.mark.unit
def test_sentences_are_verbatim_and_amendment_notes_are_skipped():
    chunks = law_chunks("sosialtjenesteloven")
    by_id = {c.chunk_id: c for c in chunks}
    duties = extract_duties(chunks)
    assert duties
    for d in duties:
        assert d.sentence in by_id[d.chunk_id].text
        assert not d.sentence.lower().startswith(("endret ved", "tilføyd ved", "opphevet ved"))
    # sotjl. § 15 ends with «Endret ved lov 20 des 2022 nr. 121 …»: two duties, no note
    fifteen = filter_duties(duties, paragraph="§ 15")
    assert [d.bound for d in fifteen] == ["kommunen", "NAV-kontoret"]


@pytest.mark.unit
def test_inverted_word_order_and_other_parties():
    duties = extract_duties(law_chunks("boligsosialloven"))
    seven = filter_duties(duties, paragraph="§ 7")
    assert any(d.bound == "kommunen" and d.sentence.startswith("Når noen ved søknad") for d in seven)
    assert filter_duties(duties, bound="departementet", strengths=["kan"])
    hl = extract_duties(law_chunks("husleieloven"))
    assert {"utleier", "leier"} <= {d.bound for d in hl}
    assert filter_duties(
        extract_duties(law_chunks("sosialtjenesteloven")), bound="statsforvalteren", strengths=["skal"]
    )


@pytest.mark.unit
def test_no_duty_in_definitions_and_passives_have_no_party():
    duties = extract_duties(law_chunks("boligsosialloven"))
    assert not filter_duties(duties, paragraph="§ 4", strengths=["skal", "plikter", "må"])
    passive = [d for d in duties if d.sentence.startswith("Bistandens art og omfang skal")]
    assert passive and passive[0].bound is None


@pytest.mark.unit
def test_helpers():
    assert find_actor("Kommunen i arbeids- og velferdsforvaltningen") == "NAV-kontoret"
    assert find_actor("Husbanken") == "Husbanken"
    text = "Kommunen skal gi bistand, jf. § 6. Departementet kan gi forskrift."
    assert [s for _, s in split_sentences(text)] == [
        "Kommunen skal gi bistand, jf. § 6.",
        "Departementet kan gi forskrift.",
    ]
    for off, s in split_sentences(text):
        assert text[off : off + len(s)] == s


@pytest.mark.unit
def test_api_duties_endpoint():
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from api.routes import extras
    from planprat.settings import Settings
    from tests.assistant.test_compare import lexical_service

    app = FastAPI()
    app.state.service = lexical_service()
    app.state.settings = Settings(read_key=None)
    app.include_router(extras.router)
    client = TestClient(app)
    r = client.get("/api/duties", params={"law": "sotjl.", "bound": "kommunen", "strength": "plikter"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == len(body["duties"]) >= 1
    d27 = next(d for d in body["duties"] if d["paragraph"] == "§ 27")
    assert d27["law_ref"] == "sosialtjenesteloven § 27" and d27["bound"] == "kommunen"
    assert client.get("/api/duties", params={"law": "ingen-slik-lov"}).status_code == 404


@pytest.mark.unit
def test_a_modal_in_a_that_clause_is_not_a_duty():
    duties = extract_duties(law_chunks("boligsosialloven"))
    # § 1: «… å bidra til at vanskeligstilte på boligmarkedet skal få bistand …» is a purpose, not a duty
    assert not filter_duties(duties, paragraph="§ 1")
    # a relative clause in the subject does not hide the main-clause duty
    text_duties = extract_duties(law_chunks("sosialtjenesteloven"))
    assert any(d.sentence.startswith("Tjenester som ytes etter denne loven skal") for d in text_duties)


@pytest.mark.integration
@pytest.mark.slow
def test_duties_for_a_law_on_the_real_index(corpus_service):
    from assistant.duties import duties_for_law

    duties = filter_duties(duties_for_law(corpus_service, "sotjl."), bound="kommunen", strengths=["plikter"])
    assert any(d.law_ref == "sosialtjenesteloven § 27" for d in duties)
    six = filter_duties(duties_for_law(corpus_service, "boligsosialloven"), paragraph="§ 6")
    assert six[0].sentence.startswith("Kommunen skal gi individuelt tilpasset bistand")
