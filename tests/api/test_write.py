"""Uploads, deletes and access keys against live servers; writes go to an index of their own, never the shared one."""

from __future__ import annotations

import io

import openai
import pytest

from tests.api.conftest import API_KEY, READ_KEY, assert_error_json, serve, wait_ready

pytestmark = pytest.mark.integration

AUTH = {"Authorization": f"Bearer {API_KEY}"}
NOTE = (
    "Notat om bo-oppfølging i Fjellbygd kommune\n\n"
    "Fjellbygd kommune har opprettet et eget bo-oppfølgingsteam med tre ansatte som besøker leietakerne "
    "i de kommunale utleieboligene hver måned. Teamet hjelper med husleie, strøm og naboforhold.\n\n"
    "Kommunestyret vedtok i 2024 at ventelisten for kommunale boliger skal være under seks måneder.\n"
)


def txt(name: str, text: str = NOTE) -> dict:
    return {"file": (name, text.encode("utf-8"), "text/plain")}


def make_pdf() -> bytes:
    """A small Norwegian PDF with a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 800
    for line in (
        "Boligsosial handlingsplan for Elvedal kommune 2025-2028",
        "Elvedal kommune skal bygge tolv nye gjennomgangsboliger for unge i etablering.",
        "Startlån skal brukes aktivt slik at flere kan eie sin egen bolig.",
    ):
        c.drawString(60, y, line)
        y -= 24
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def wlive(write_settings, corpus_service):
    from api.main import create_app
    from assistant.service import Planprat

    service = Planprat(write_settings)
    service._embedder = corpus_service.embedder  # same model: load it once per session, not twice
    yield from serve(create_app(write_settings, service=service))


@pytest.fixture(scope="module")
def wclient(wlive):
    with wlive.client() as c:
        yield c


def test_empty_index_is_not_ready(wclient):
    detail = assert_error_json(wclient.get("/readyz"), 503)
    assert "ingest" in detail
    assert wclient.get("/healthz").status_code == 200
    assert_error_json(wclient.get("/api/search", params={"q": "bolig"}), 503)


def test_upload_needs_the_key(wclient):
    assert "API-nøkkel" in assert_error_json(wclient.post("/api/documents", files=txt("notat.txt")), 401)
    bad = {"Authorization": "Bearer feil-nokkel"}
    assert_error_json(wclient.post("/api/documents", files=txt("notat.txt"), headers=bad), 401)
    assert_error_json(
        wclient.post("/api/documents", files=txt("notat.txt"), headers={"Authorization": API_KEY}), 401
    )
    assert wclient.get("/api/documents").json()["documents"] == []


def test_upload_text_and_pdf(wclient, write_settings):
    r = wclient.post("/api/documents", files=txt("Fjellbygd notat.txt"), headers=AUTH)
    assert r.status_code == 201, r.text
    up = r.json()
    assert up["doc_id"] == "fjellbygd-notat" and up["chunks"] >= 1 and up["report"]["added"] == 1
    wait_ready(wclient, timeout=30)
    detail = wclient.get(f"/api/documents/{up['doc_id']}").json()
    assert detail["chunk_count"] == up["chunks"]
    hits = wclient.get("/api/search", params={"q": "bo-oppfølgingsteam leietakerne"}).json()
    assert hits and hits[0]["doc_id"] == "fjellbygd-notat"

    pdf = {"file": ("elvedal-plan.pdf", make_pdf(), "application/pdf")}
    r = wclient.post("/api/documents", files=pdf, headers=AUTH)
    assert r.status_code == 201, r.text
    doc = wclient.get("/api/documents/elvedal-plan").json()
    assert doc["doc"]["pages"] == 1 and "gjennomgangsboliger" in " ".join(c["text"] for c in doc["chunks"])
    # The same file again is unchanged, not a second document.
    again = wclient.post("/api/documents", files=pdf, headers=AUTH).json()
    assert again["doc_id"] == "elvedal-plan" and again["report"]["unchanged"] == 1
    assert sorted(d["doc_id"] for d in wclient.get("/api/documents").json()["documents"]) == [
        "elvedal-plan",
        "fjellbygd-notat",
    ]
    assert not list((write_settings.data_dir / "uploads" / ".incoming").iterdir())


def test_corrupt_and_unsupported_uploads(wclient):
    corrupt = {"file": ("ødelagt plan.pdf", b"%PDF-1.7\n1 0 obj <<< ikke en pdf\n%%EOF", "application/pdf")}
    r = wclient.post("/api/documents", files=corrupt, headers=AUTH)
    detail = assert_error_json(r, 422)
    assert "«ødelagt plan.pdf»" in detail
    assert any(w in detail.lower() for w in ("pdf", "skadet", "ødelagt", "kan ikke"))
    assert r.json()["report"]["failed"][0]["file"] == "ødelagt plan.pdf"

    assert "tom" in assert_error_json(
        wclient.post("/api/documents", files=txt("tom.txt", ""), headers=AUTH), 422
    )
    exe = {"file": ("verktøy.exe", b"MZ\x90\x00", "application/octet-stream")}
    assert "«verktøy.exe»" in assert_error_json(wclient.post("/api/documents", files=exe, headers=AUTH), 415)
    assert_error_json(wclient.post("/api/documents", headers=AUTH), 422)
    ids = {d["doc_id"] for d in wclient.get("/api/documents").json()["documents"]}
    assert not ids & {"odelagt-plan", "tom", "verktoy"}


def test_upload_name_is_never_a_path(wclient, write_settings):
    root = write_settings.data_dir.parent
    for name in ("../../etc/passwd.txt", "..\\..\\..\\passwd.txt", "/etc/passwd.txt"):
        r = wclient.post(
            "/api/documents", files=txt(name, NOTE.replace("Fjellbygd", "Passvik")), headers=AUTH
        )
        assert r.status_code == 201, r.text
        assert r.json()["doc_id"] == "passwd"
    assert (write_settings.data_dir / "uploads" / "passwd.txt").is_file()
    assert not (root / "etc").exists() and not (root.parent / "passwd.txt").exists()
    assert not (write_settings.data_dir / "etc").exists()
    # Nothing of a name survives that could be a path or markup; a name with nothing left gets a neutral one.
    r = wclient.post("/api/documents", files=txt("..", NOTE.replace("Fjellbygd", "Tomnavn")), headers=AUTH)
    assert r.status_code == 201 and r.json()["doc_id"] == "opplasting", r.text
    r = wclient.post(
        "/api/documents", files=txt("<script>.txt", NOTE.replace("Fjellbygd", "Skriptby")), headers=AUTH
    )
    assert r.status_code == 201 and r.json()["doc_id"] == "script", r.text
    assert {p.name for p in (write_settings.data_dir / "uploads").iterdir() if p.is_file()} == {
        "elvedal-plan.pdf",
        "Fjellbygd notat.txt",
        "opplasting.txt",
        "passwd.txt",
        "script_.txt",
    }


def test_upload_size_limit(wclient):
    big = txt("stor.txt", "Boliger for alle. " * 20_000)  # ~360 kB > 0.25 MB
    detail = assert_error_json(wclient.post("/api/documents", files=big, headers=AUTH), 413)
    assert "0.25 MB" in detail
    assert wclient.get("/api/documents/stor").status_code == 404


def test_delete(wclient):
    assert_error_json(wclient.delete("/api/documents/fjellbygd-notat"), 401)
    r = wclient.delete("/api/documents/fjellbygd-notat", headers=AUTH)
    assert r.status_code == 200 and r.json() == {"doc_id": "fjellbygd-notat", "deleted": True}
    assert_error_json(wclient.get("/api/documents/fjellbygd-notat"), 404)
    hits = wclient.get("/api/search", params={"q": "bo-oppfølgingsteam leietakerne Fjellbygd"}).json()
    assert all(h["doc_id"] != "fjellbygd-notat" for h in hits)
    assert "fjellbygd-notat" in assert_error_json(
        wclient.delete("/api/documents/fjellbygd-notat", headers=AUTH), 404
    )


@pytest.fixture(scope="module")
def locked(read_settings, corpus_service):
    """The shared index behind a read key, with no API key (writes refused)."""
    from api.main import create_app

    settings = read_settings.model_copy(update={"read_key": READ_KEY, "api_key": None})
    yield from serve(create_app(settings, service=corpus_service))


def test_read_key(locked):
    with locked.client() as c:
        assert "lesenøkkelen" in assert_error_json(c.get("/api/documents"), 401)
        assert_error_json(c.get("/api/search", params={"q": "bolig"}), 401)
        assert_error_json(c.post("/api/ask", json={"question": "Hva er startlån?"}), 401)
        assert c.get("/healthz").status_code == 200
        ok = c.get("/api/documents", headers={"Authorization": f"Bearer {READ_KEY}"})
        assert ok.status_code == 200 and ok.json()["documents"]
        files = txt("notat.txt")
        assert_error_json(
            c.post("/api/documents", files=files, headers={"Authorization": f"Bearer {READ_KEY}"}), 403
        )
    with openai.OpenAI(base_url=f"{locked.url}/v1", api_key=READ_KEY, max_retries=0) as oai:
        assert [m.id for m in oai.models.list().data] == ["planprat"]
    with openai.OpenAI(base_url=f"{locked.url}/v1", api_key="feil", max_retries=0) as oai:
        with pytest.raises(openai.AuthenticationError):
            oai.models.list()


def test_upload_is_seen_whole_or_not_at_all_while_queries_answer(wclient, wlive):
    """While an upload is ingested, searches keep answering and the document is absent or has all its chunks."""
    import threading
    from pathlib import Path

    src = (
        Path(__file__).resolve().parents[2]
        / "corpus"
        / "plans"
        / "bodo-helhetlig-boligpolitisk-handlingsplan.txt"
    )
    result: dict = {}

    def upload() -> None:
        with wlive.client() as c:
            files = {"file": ("bodo-kopi.txt", src.read_bytes(), "text/plain")}
            result["r"] = c.post("/api/documents", files=files, headers=AUTH)

    t = threading.Thread(target=upload)
    t.start()
    seen, searches = [], []
    while t.is_alive():
        r = wclient.get("/api/documents/bodo-kopi")
        seen.append(r.json()["chunk_count"] if r.status_code == 200 else r.status_code)
        searches.append(wclient.get("/api/search", params={"q": "gjennomgangsboliger", "k": 3}).status_code)
    t.join()
    r = result["r"]
    assert r.status_code == 201, r.text
    chunks = r.json()["chunks"]
    assert chunks > 3
    assert set(seen) <= {404, chunks}, seen
    assert set(searches) == {200}
    assert wclient.get("/api/documents/bodo-kopi").json()["chunk_count"] == chunks
