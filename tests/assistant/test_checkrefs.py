"""Law references in the real Bodø plan, resolved against the real law texts in corpus/laws."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from assistant.checkrefs import RefReport, check_references, chunks_from_text, load_corpus, report_markdown

ROOT = Path(__file__).resolve().parents[2]
BODO = "bodo-helhetlig-boligpolitisk-handlingsplan"


@lru_cache(maxsize=1)
def corpus():
    metas, chunks = load_corpus(ROOT / "corpus")
    return metas, chunks


def _check(chunks, year):
    metas, all_chunks = corpus()
    laws = [c for c in all_chunks if c.law]
    return check_references(chunks, laws, metas, year)


def _bodo():
    metas, chunks = corpus()
    meta = next(m for m in metas if m.doc_id == BODO)
    return meta, [c for c in chunks if c.doc_id == BODO]


@pytest.mark.unit
def test_bodo_hol_3_7_is_repealed_by_boligsosialloven():
    meta, chunks = _bodo()
    refs = {r.law_ref: r for r in _check(chunks, meta.year)}
    r = refs["helse- og omsorgstjenesteloven § 3-7"]
    assert r.status == "opphevet"
    assert r.replaced_by == "boligsosialloven"
    assert "boligsosialloven" in r.note
    assert r.raw == "§ 3-7" and r.how == "kontekst"  # the law is named at the start of the paragraph
    chunk = next(c for c in chunks if c.chunk_id == r.chunk_id)
    assert r.raw in chunk.text and r.context in chunk.text
    assert r.section.endswith("Relevant lovverk")
    assert r.current_text.startswith("§ 3-7. (Opphevet)")


@pytest.mark.unit
def test_bodo_sotjl_15_is_rewritten_since_the_plan_and_27_resolves():
    meta, chunks = _bodo()
    refs = {r.law_ref: r for r in _check(chunks, meta.year)}
    r15 = refs["sosialtjenesteloven § 15"]
    assert r15.status == "endret"
    assert r15.replaced_by == "boligsosialloven"
    assert "1 juli 2023" in r15.note
    assert "Kommunen skal bistå vanskeligstilte" in r15.current_text
    r27 = refs["sosialtjenesteloven § 27"]
    assert r27.status == "gjeldende"
    assert "midlertidig botilbud" in r27.current_text
    # «I lovens § 5 …» after «Lov om folkehelsearbeid»
    assert refs["folkehelseloven § 5"].law == "folkehelseloven"
    assert all(r.status != "tvetydig" for r in refs.values())


@pytest.mark.unit
def test_explicit_names_abbreviations_and_bare_sections():
    text = (
        "Kommunen har plikter etter sosialtjenesteloven § 15 og hol. § 3-7 første ledd.\n\n"
        "Se også § 12 for detaljer.\n\n"
        "Etter § 6 i boligsosialloven skal kommunen gi bistand. Husleieloven § 99-1 gjelder ikke."
    )
    refs = _check(chunks_from_text(text), 2020)
    got = [(r.raw, r.law_ref, r.status) for r in refs]
    assert ("sosialtjenesteloven § 15", "sosialtjenesteloven § 15", "endret") in got
    assert ("hol. § 3-7 første ledd", "helse- og omsorgstjenesteloven § 3-7", "opphevet") in got
    bare = next(r for r in refs if r.paragraph == "§ 12")
    assert bare.status == "tvetydig" and bare.law is None and bare.law_ref is None
    assert next(r for r in refs if r.paragraph == "§ 6").law_ref == "boligsosialloven § 6"
    assert next(r for r in refs if r.paragraph == "§ 99-1").status == "ukjent"


@pytest.mark.unit
def test_plan_written_after_the_amendment_sees_gjeldende():
    refs = _check(chunks_from_text("Sosialtjenesteloven § 15 pålegger NAV å medvirke."), 2024)
    assert refs[0].status == "gjeldende"


@pytest.mark.unit
def test_report_json_and_markdown():
    meta, chunks = _bodo()
    report = RefReport(doc_id=BODO, title=meta.title, year=meta.year, refs=_check(chunks, meta.year))
    d = report.to_dict()
    assert d["counts"]["opphevet"] == 1 and len(d["refs"]) >= 10
    assert set(d["refs"][0]) >= {
        "raw",
        "chunk_id",
        "section",
        "page",
        "law_ref",
        "status",
        "current_text",
        "note",
    }
    assert "opphevet" in report_markdown(report)


@pytest.mark.unit
def test_api_check_refs_by_id_text_and_upload():
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
    r = client.post("/api/check-refs", json={"doc_id": BODO})
    assert r.status_code == 200, r.text
    refs = {x["law_ref"]: x for x in r.json()["refs"]}
    assert refs["helse- og omsorgstjenesteloven § 3-7"]["status"] == "opphevet"
    r = client.post("/api/check-refs", json={"text": "Etter hol. § 3-7 og § 4 skal kommunen …", "year": 2015})
    statuses = sorted(x["status"] for x in r.json()["refs"])
    assert statuses == ["opphevet", "tvetydig"]
    text = "Lov om sosiale tjenester i arbeids- og velferdsforvaltningen § 15 pålegger NAV å medvirke."
    r = client.post(
        "/api/check-refs", files={"file": ("plan.txt", text.encode(), "text/plain")}, data={"year": "2014"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["refs"][0]["law_ref"] == "sosialtjenesteloven § 15"
    assert r.json()["refs"][0]["status"] == "endret"
    assert client.post("/api/check-refs", json={}).status_code == 422


@pytest.mark.unit
def test_works_with_and_without_the_legal_module(monkeypatch):
    import sys

    text = "Etter sotjl. § 27 og hol. § 3-7 skal kommunen skaffe boliger."
    with_legal = [(r.law_ref, r.status) for r in _check(chunks_from_text(text), 2014)]
    monkeypatch.setitem(sys.modules, "assistant.legal", None)  # the import now fails
    without = [(r.law_ref, r.status) for r in _check(chunks_from_text(text), 2014)]
    assert without == [
        ("sosialtjenesteloven § 27", "gjeldende"),
        ("helse- og omsorgstjenesteloven § 3-7", "opphevet"),
    ]
    assert with_legal == without


@pytest.mark.unit
def test_legal_status_table_upgrades_only_gjeldende():
    from assistant.checkrefs import RefCheck, _apply_legal_status

    def ref(status):
        return RefCheck(
            raw="§ 15", doc_id=None, chunk_id=None, section="", page=None, start=0,
            law="sosialtjenesteloven", paragraph="§ 15", ledd=None, law_ref="sosialtjenesteloven § 15",
            how="eksplisitt", status=status,
        )  # fmt: skip

    st = {
        "status": "endret",
        "since": "2023-07-01",
        "replaced_by": "boligsosialloven",
        "note": "Endret 2023.",
    }
    r = ref("gjeldende")
    _apply_legal_status(r, st, 2014)
    assert (r.status, r.replaced_by) == ("endret", "boligsosialloven") and r.note.startswith("Endret 2023.")
    r = ref("gjeldende")
    _apply_legal_status(r, st, 2024)  # written after the change: nothing to flag
    assert r.status == "gjeldende" and r.replaced_by is None
    r = ref("gjeldende")
    _apply_legal_status(r, {**st, "status": "opphevet"}, None)
    assert r.status == "opphevet"
    r = ref("ukjent")
    _apply_legal_status(r, None, 2014)
    assert r.status == "ukjent"


@pytest.mark.integration
@pytest.mark.slow
def test_check_document_on_the_real_index(corpus_service):
    from assistant.checkrefs import check_document

    report = check_document(corpus_service, BODO)
    refs = {r.law_ref: r for r in report.refs}
    hol = refs["helse- og omsorgstjenesteloven § 3-7"]
    assert hol.status == "opphevet" and hol.replaced_by == "boligsosialloven" and "1 juli 2023" in hol.note
    assert refs["sosialtjenesteloven § 15"].status == "endret"
    assert refs["sosialtjenesteloven § 27"].status == "gjeldende"


@pytest.mark.unit
def test_a_law_outside_the_corpus_is_named_not_ambiguous():
    text = "Etter sosialtjenesteloven § 27 og forvaltningsloven § 17 skal saken være godt nok opplyst."
    refs = {r.paragraph: r for r in _check(chunks_from_text(text), 2020)}
    assert refs["§ 27"].law_ref == "sosialtjenesteloven § 27"
    fvl = refs["§ 17"]
    assert (fvl.law, fvl.status, fvl.how) == ("forvaltningsloven", "ukjent", "eksplisitt")
    assert fvl.raw == "forvaltningsloven § 17" and "finnes ikke i korpuset" in fvl.note
