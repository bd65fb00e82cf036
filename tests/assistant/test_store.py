"""The Chroma vector store, embedded on disk (the server path is tested in tests/ingest/test_pipeline.py)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embed import HashEmbedder
from assistant.store import VectorStore, chunk_metadata, parse_chroma_url
from planprat.errors import ConfigError
from planprat.models import Chunk, DocumentMeta

pytestmark = pytest.mark.unit

META = {
    "bodo": DocumentMeta(
        doc_id="bodo", title="Boligplan Bodø", source="bodo.txt", kind="plan", municipality="Bodø", year=2021
    ),
    "lov": DocumentMeta(
        doc_id="lov", title="Boligsosialloven", source="lov.txt", kind="law", law_short="boligsosialloven"
    ),
}


def _chunks(doc_id: str, texts: list[str]) -> list[Chunk]:
    return [Chunk(chunk_id=f"{doc_id}-{i}", doc_id=doc_id, text=t, ordinal=i) for i, t in enumerate(texts)]


def test_metadata_is_flat_and_has_no_none():
    c = Chunk(
        chunk_id="x",
        doc_id="lov",
        text="t",
        ordinal=0,
        law="boligsosialloven",
        paragraph="§ 6",
        section=("Kap 1", "§ 6"),
    )
    md = chunk_metadata(c, META["lov"])
    assert md["law"] == "boligsosialloven" and md["paragraph"] == "§ 6" and md["kind"] == "law"
    assert "municipality" not in md and "page" not in md
    assert all(isinstance(v, str | int | float | bool) for v in md.values())


def test_parse_chroma_url():
    assert parse_chroma_url("http://chroma:8000") == ("chroma", 8000, False)
    assert parse_chroma_url("https://vektor.example.no") == ("vektor.example.no", 443, True)
    assert parse_chroma_url("127.0.0.1:9000") == ("127.0.0.1", 9000, False)
    with pytest.raises(ConfigError):
        parse_chroma_url("ftp://x")


def test_add_query_delete_roundtrip(settings):
    emb = HashEmbedder()
    store = VectorStore(settings)
    a = _chunks("bodo", ["kommunale utleieboliger i Bodø", "startlån og bostøtte", "tildeling av bolig"])
    b = _chunks("lov", ["kommunen skal skaffe boliger til vanskeligstilte"])
    store.add(a + b, META, emb.embed_passages([c.text for c in a + b]))
    assert store.count() == 4
    assert store.ids_for_doc("bodo") == {"bodo-0", "bodo-1", "bodo-2"}
    q = emb.embed_query("kommunale utleieboliger i Bodø")
    hits = store.query(q, 2)
    assert hits[0][0] == "bodo-0" and hits[0][1] == pytest.approx(
        1.0, abs=1e-4
    )  # cosine similarity, not distance
    exact = float(emb.embed_passages([b[0].text])[0] @ q)
    assert dict(store.query(q, 10))["lov-0"] == pytest.approx(exact, abs=1e-4)
    assert {cid for cid, _ in store.query(q, 10, where={"kind": "law"})} == {"lov-0"}
    assert {cid for cid, _ in store.query(q, 10, where={"municipality": "Bodø"})} == {
        "bodo-0",
        "bodo-1",
        "bodo-2",
    }
    store.delete_ids(["bodo-1"])
    assert store.all_ids() == {"bodo-0", "bodo-2", "lov-0"}
    store.delete_doc("bodo")
    assert store.all_ids() == {"lov-0"} and store.count() == 1
    # A second handle on the same folder sees the same data (it is persisted).
    assert VectorStore(settings).count() == 1


def test_add_writes_in_batches(settings, monkeypatch):
    import assistant.store as store_mod

    monkeypatch.setattr(store_mod, "BATCH", 7)
    store = VectorStore(settings)
    chunks = _chunks("bodo", [f"tekst nummer {i}" for i in range(20)])
    store.add(chunks, META, HashEmbedder().embed_passages([c.text for c in chunks]))
    assert store.count() == 20
    with pytest.raises(ValueError):
        store.add(chunks, META, np.zeros((3, 64), np.float32))


def test_vectors_held_in_memory_give_chromas_neighbours_in_chromas_order(settings):
    emb = HashEmbedder()
    store = VectorStore(settings)
    texts = [
        "kommunale utleieboliger i Bodø",
        "startlån og bostøtte",
        "tildeling av bolig",
        "bo-oppfølging i egen bolig",
        "midlertidig botilbud",
    ]
    a = _chunks("bodo", texts)
    store.add(a, META, emb.embed_passages(texts))
    exact = store.vectors_of([c.chunk_id for c in a] + ["not-stored"])
    assert len(exact) == 5  # an id Chroma does not hold is left out, not an error
    for question in ("utleieboliger i Bodø", "bostøtte", "oppfølging i bolig"):
        q = emb.embed_query(question)
        mine, chroma = exact.query(q, 3), store.query(q, 3)
        assert [c for c, _ in mine] == [c for c, _ in chroma]
        assert [s for _, s in mine] == pytest.approx([s for _, s in chroma], abs=1e-4)
    assert len(exact.query(q, 50)) == 5 and exact.query(q, 0) == []
