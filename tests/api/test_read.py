"""Reading over HTTP against a live server on the shipped corpus: ask, search, documents, health, errors, limits."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_error_json

pytestmark = pytest.mark.integration

CITATION_KEYS = {"n", "doc_title", "kind", "municipality", "section", "page", "law_ref", "quote", "chunk_id"}
ANSWERABLE = "Hvem regnes som vanskeligstilt på boligmarkedet etter den nye boligsosiale loven?"
UNANSWERABLE = "Hvor mange mål scoret Erling Haaland for Manchester City i Champions League i 2023?"


def test_health_and_ready(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["status"] == "ready" and r.json()["documents"] >= 20


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/ask",
        "/api/chat",
        "/api/search",
        "/api/documents",
        "/v1/chat/completions",
        "/api/draft",
    ):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200
    # offline: the page loads Swagger UI from this server, never from a CDN
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    js = client.get("/docs-assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000


def test_ask_answers_with_citations(client):
    r = client.post("/api/ask", json={"question": ANSWERABLE})
    assert r.status_code == 200, r.text
    data = r.json()
    assert {"answer", "abstained", "citations", "hits"} <= data.keys()
    assert data["abstained"] is False
    assert data["citations"], data
    for c in data["citations"]:
        assert CITATION_KEYS <= c.keys(), c
        assert f"[{c['n']}]" in data["answer"]
        assert c["quote"].strip()
    hits = {h["chunk_id"]: h for h in data["hits"]}
    assert hits
    # A quote is verbatim in the chunk it cites (when that chunk is among the hits).
    for c in data["citations"]:
        if c["chunk_id"] in hits:
            assert c["quote"] in hits[c["chunk_id"]]["text"]
    assert any("boligsosial" in (c["law_ref"] or "") + c["doc_title"].lower() for c in data["citations"])


def test_ask_unanswerable_abstains(client):
    data = client.post("/api/ask", json={"question": UNANSWERABLE}).json()
    assert data["abstained"] is True, data["answer"]
    assert "fant ikke" in data["answer"].lower()


def test_ask_with_filters_and_history(client):
    body = {
        "question": "Hvilke tiltak har kommunen for bostedsløse?",
        "filters": {"municipality": ["Bodø"]},
        "history": [
            {"role": "user", "content": "Hei"},
            {"role": "assistant", "content": "Hei! Hva lurer du på?"},
        ],
    }
    data = client.post("/api/ask", json=body).json()
    assert data["hits"]
    assert {h["municipality"] for h in data["hits"]} == {"Bodø"}


def test_search_filters(client):
    r = client.get("/api/search", params={"q": "midlertidig botilbud", "kind": "law", "k": 5})
    hits = r.json()
    assert r.status_code == 200 and 0 < len(hits) <= 5
    assert {h["kind"] for h in hits} == {"law"}
    hits = client.get("/api/search", params={"q": "boligkoordinator", "municipality": "Bodø"}).json()
    assert hits and {h["municipality"] for h in hits} == {"Bodø"}
    both = client.get(
        "/api/search", params=[("q", "tiltak"), ("municipality", "Bodø"), ("municipality", "Halden")]
    )
    assert {h["municipality"] for h in both.json()} <= {"Bodø", "Halden"}
    for mode in ("dense", "lexical"):
        r = client.get("/api/search", params={"q": "startlån", "mode": mode, "k": 3})
        assert r.status_code == 200 and r.json(), mode


def test_documents_list_detail_passage(client):
    listing = client.get("/api/documents").json()
    docs = {d["doc_id"]: d for d in listing["documents"]}
    assert len(docs) >= 20
    assert "Bodø" in listing["facets"]["municipality"]
    assert "law" in listing["facets"]["kind"] and "boligsosialloven" in listing["facets"]["law"]

    doc_id = "bodo-helhetlig-boligpolitisk-handlingsplan"
    detail = client.get(f"/api/documents/{doc_id}").json()
    assert detail["doc"]["municipality"] == "Bodø"
    chunks = detail["chunks"]
    assert detail["chunk_count"] == len(chunks) >= 3
    assert [c["ordinal"] for c in chunks] == sorted(c["ordinal"] for c in chunks)

    mid = chunks[len(chunks) // 2]
    p = client.get(f"/api/documents/{doc_id}/passage", params={"chunk": mid["chunk_id"], "context": 1}).json()
    assert p["chunk"]["chunk_id"] == mid["chunk_id"] and p["chunk"]["text"] == mid["text"]
    assert [c["chunk_id"] for c in p["before"]] == [chunks[len(chunks) // 2 - 1]["chunk_id"]]
    assert [c["chunk_id"] for c in p["after"]] == [chunks[len(chunks) // 2 + 1]["chunk_id"]]
    assert p["doc"]["title"] == docs[doc_id]["title"]


def test_passage_of_a_citation(client):
    data = client.post("/api/ask", json={"question": ANSWERABLE}).json()
    c = data["citations"][0]
    doc_id = next(h["doc_id"] for h in data["hits"] if h["chunk_id"] == c["chunk_id"])
    p = client.get(f"/api/documents/{doc_id}/passage", params={"chunk": c["chunk_id"]}).json()
    assert c["quote"] in p["chunk"]["text"]


def test_not_found_errors_are_norwegian_json(client):
    detail = assert_error_json(client.get("/api/documents/finnes-ikke"), 404)
    assert "finnes-ikke" in detail
    detail = assert_error_json(
        client.get(
            "/api/documents/bodo-helhetlig-boligpolitisk-handlingsplan/passage", params={"chunk": "nei"}
        ),
        404,
    )
    assert "nei" in detail
    assert "Fant ikke" in assert_error_json(client.get("/api/finnes/ikke"), 404)
    assert "ikke tillatt" in assert_error_json(client.put("/api/ask", json={}), 405)


def test_validation_errors_are_norwegian_json(client):
    assert "question" in assert_error_json(client.post("/api/ask", json={}), 422)
    assert "mangler" in assert_error_json(client.post("/api/ask", json={}), 422)
    assert_error_json(
        client.post("/api/ask", content=b"{ikke json", headers={"content-type": "application/json"}), 422
    )
    assert "tomt" in assert_error_json(client.post("/api/ask", json={"question": "   "}), 422)
    long_q = "Hva er en boligsosial handlingsplan? " * 100
    assert "for langt" in assert_error_json(client.post("/api/ask", json={"question": long_q}), 422)
    assert_error_json(client.get("/api/search", params={"q": "bolig", "k": 0}), 422)
    assert_error_json(client.get("/api/search"), 422)
    assert_error_json(
        client.post("/api/ask", json={"question": "Hva?", "history": [{"role": "x", "content": ""}]}), 422
    )


def test_request_size_limit(client):
    big = {"question": "Hva?", "history": [{"role": "user", "content": "x" * 19_000}] * 60}
    detail = assert_error_json(client.post("/api/ask", json=big), 413)
    assert "for stor" in detail

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(40):
            yield b" " * 32_768
        yield b'{"question": "Hva?"}'

    r = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert "for stor" in assert_error_json(r, 413)


def test_security_headers_and_writes_refused_without_key(client):
    r = client.get("/api/documents")
    assert r.headers["x-content-type-options"] == "nosniff"
    detail = assert_error_json(
        client.delete("/api/documents/bodo-helhetlig-boligpolitisk-handlingsplan"), 403
    )
    assert "PLANPRAT_API_KEY" in detail
    files = {"file": ("notat.txt", b"Et lite notat om boliger.", "text/plain")}
    assert_error_json(client.post("/api/documents", files=files), 403)
    assert client.get("/api/documents/bodo-helhetlig-boligpolitisk-handlingsplan").status_code == 200
