"""The ingest pipeline: idempotency, replacement, prune, failures, atomicity after a kill, offline e5, Chroma server.

Unit tests use small text files with a minimal loader/splitter (below) so they test the pipeline, not the parsers.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.embed import HashEmbedder
from assistant.lexical import LexicalIndex
from assistant.store import VectorStore
from ingest.catalog import Catalog
from ingest.pipeline import CRASH_ENV, GENERIC_REASON, Indexer
from planprat.errors import DocumentError
from planprat.models import Block, Chunk, Document, DocumentMeta
from planprat.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


# -- a minimal loader and splitter for plain-text fixtures ------------------------------------------
def fake_load(path: Path, meta: DocumentMeta | None = None, max_bytes: int | None = None) -> Document:
    text = Path(path).read_text(encoding="utf-8")
    if not text.strip() or "KORRUPT" in text:
        raise DocumentError(Path(path).name, "filen er skadet og kan ikke leses.")
    if "KRASJ" in text:
        raise RuntimeError("simulated parser bug")
    slug = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")
    meta = meta or DocumentMeta(doc_id=slug, title=Path(path).stem, source=Path(path).name)
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Document(meta=meta, blocks=tuple(Block(kind="text", text=p) for p in paras))


def fake_split(doc: Document, max_chars: int, min_chars: int) -> list[Chunk]:
    out = []
    for i, b in enumerate(doc.blocks):
        cid = hashlib.sha256(f"{doc.doc_id}|{i}|{b.text}".encode()).hexdigest()[:24]
        out.append(Chunk(chunk_id=cid, doc_id=doc.doc_id, text=b.text, ordinal=i))
    return out


def make_indexer(settings: Settings, embedder=None) -> Indexer:
    return Indexer(settings, embedder=embedder or HashEmbedder(), load=fake_load, split=fake_split)


DOCS = {
    "bodo.txt": "Bodø kommune eier 420 kommunale utleieboliger.\n\nVentetiden for en bolig er seks måneder.",
    "tromso.txt": "Tromsø satser på startlån fra Husbanken.\n\nBostøtte gis til barnefamilier.",
    "lov.txt": "Boligsosialloven § 3 pålegger kommunen å skaffe boliger til vanskeligstilte.",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "korpus"
    d.mkdir()
    for name, text in DOCS.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / ".skjult.txt").write_text("skjult fil", encoding="utf-8")
    (d / "README.md").write_text("Om korpuset", encoding="utf-8")
    return d


def assert_consistent(settings: Settings) -> None:
    """Catalog, vectors and the lexical index hold exactly the same chunks; the lexical stamp is current."""
    cat = Catalog(settings.catalog_path)
    ids = cat.all_chunk_ids()
    assert VectorStore(settings).all_ids() == ids
    index, stamp = LexicalIndex.load(settings.lexical_path)
    assert set(index.ids) == ids and stamp == cat.generation()


# -- unit -------------------------------------------------------------------------------------------
@pytest.mark.unit
def test_second_run_is_idempotent(settings, corpus):
    events = []
    r1 = make_indexer(settings).ingest([corpus], on_event=events.append)
    assert (r1.added, r1.updated, r1.unchanged, r1.documents, r1.chunks, r1.failed) == (3, 0, 0, 3, 5, [])
    assert {e["file"] for e in events} == set(DOCS)  # hidden file and README.md skipped
    gen = Catalog(settings.catalog_path).generation()
    r2 = make_indexer(settings).ingest([corpus])
    assert (r2.added, r2.updated, r2.unchanged, r2.chunks) == (0, 0, 3, 5)
    assert Catalog(settings.catalog_path).generation() == gen
    assert_consistent(settings)


@pytest.mark.unit
def test_other_chunk_sizes_re_split_files_already_ingested(settings, corpus):
    make_indexer(settings).ingest([corpus])
    bigger = settings.model_copy(update={"chunk_max_chars": settings.chunk_max_chars + 100})
    r = make_indexer(bigger).ingest([corpus])
    assert (r.added, r.updated, r.unchanged) == (0, 3, 0)  # same bytes, cut another way: cut again
    again = make_indexer(bigger).ingest([corpus])
    assert (again.updated, again.unchanged) == (0, 3)
    assert_consistent(bigger)


@pytest.mark.unit
def test_changed_file_replaces_its_chunks_everywhere(settings, corpus):
    idx = make_indexer(settings)
    idx.ingest([corpus])
    old_ids = {c.chunk_id for c in idx.catalog.chunks_for("bodo")}
    (corpus / "bodo.txt").write_text("Bodø bygger nye omsorgsboliger for eldre.", encoding="utf-8")
    r = idx.ingest([corpus])
    assert (r.added, r.updated, r.unchanged) == (0, 1, 2)
    new_chunks = idx.catalog.chunks_for("bodo")
    assert len(new_chunks) == 1 and "omsorgsboliger" in new_chunks[0].text
    assert not old_ids & idx.catalog.all_chunk_ids()
    assert not old_ids & idx.store.all_ids()
    lexical, _ = LexicalIndex.load(settings.lexical_path)
    assert lexical.search("ventetiden", 5) == []
    assert lexical.search("omsorgsboliger eldre", 5)[0][0] == new_chunks[0].chunk_id
    assert_consistent(settings)


@pytest.mark.unit
def test_prune_removes_documents_whose_files_are_gone_only_under_given_folders(settings, corpus, tmp_path):
    other = tmp_path / "annet"
    other.mkdir()
    (other / "notat.txt").write_text("Et notat om husleie.", encoding="utf-8")
    idx = make_indexer(settings)
    idx.ingest([corpus, other / "notat.txt"])
    (corpus / "tromso.txt").unlink()
    (other / "notat.txt").unlink()
    r = idx.ingest([corpus])  # without --prune nothing is removed
    assert r.removed == 0 and idx.catalog.get_document("tromso") is not None
    r = idx.ingest([corpus], prune=True)
    assert r.removed == 1 and (r.unchanged, r.added) == (2, 0)
    assert idx.catalog.get_document("tromso") is None
    assert idx.catalog.get_document("notat") is not None  # not under the pruned folder
    assert_consistent(settings)


@pytest.mark.unit
def test_one_bad_file_does_not_stop_the_others(settings, corpus, caplog):
    (corpus / "a-skadet.txt").write_text("KORRUPT", encoding="utf-8")
    (corpus / "b-feil.txt").write_text("KRASJ", encoding="utf-8")
    (corpus / "c-tom.txt").write_text("", encoding="utf-8")
    r = make_indexer(settings).ingest([corpus, corpus.parent / "finnes-ikke.pdf"])
    assert r.added == 3
    reasons = {f.file: f.reason for f in r.failed}
    assert reasons["a-skadet.txt"] == "filen er skadet og kan ikke leses."
    assert reasons["b-feil.txt"] == GENERIC_REASON
    assert set(reasons) == {"a-skadet.txt", "b-feil.txt", "c-tom.txt", "finnes-ikke.pdf"}
    assert "unexpected error while ingesting" in caplog.text and "simulated parser bug" in caplog.text
    assert_consistent(settings)


@pytest.mark.unit
def test_delete_and_upload(settings, corpus, tmp_path):
    idx = make_indexer(settings)
    idx.ingest([corpus])
    assert idx.delete("lov") is True and idx.delete("lov") is False
    assert idx.catalog.get_document("lov") is None
    upload = tmp_path / "tmp-upload-123"
    upload.write_text("Husleietilskudd til unge i Oslo.", encoding="utf-8")
    r = idx.ingest_upload(upload, "../Oslo notat.txt")
    assert r.added == 1 and idx.catalog.get_document("oslo-notat") is not None
    assert (settings.data_dir / "uploads" / "Oslo notat.txt").exists()
    assert_consistent(settings)


@pytest.mark.unit
def test_doc_id_change_for_same_file_leaves_no_stale_document(settings, corpus):
    idx = make_indexer(settings)
    idx.ingest([corpus])
    path = (corpus / "lov.txt").resolve()
    meta = DocumentMeta(doc_id="boligsosialloven", title="Boligsosialloven", source="lov.txt", kind="law")
    r = idx.ingest_file(path, meta=meta)
    assert r.updated == 1 and idx.catalog.get_document("lov") is None
    assert idx.catalog.get_document("boligsosialloven").kind == "law"
    assert_consistent(settings)


CRASH_SCRIPT = """
import sys
from pathlib import Path
from planprat.settings import Settings
from tests.ingest.test_pipeline import make_indexer
settings = Settings(data_dir=Path(sys.argv[1]))
make_indexer(settings).ingest([Path(p) for p in sys.argv[2:]])
print("not reached")
"""


def _run_crashing_ingest(settings: Settings, *paths: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, CRASH_ENV: "1", "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", CRASH_SCRIPT, str(settings.data_dir), *map(str, paths)]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.unit
def test_kill_between_vectors_and_commit_leaves_nothing_visible_and_next_run_cleans(
    settings, corpus, tmp_path
):
    make_indexer(settings).ingest([corpus])
    before = Catalog(settings.catalog_path).all_chunk_ids()
    new = tmp_path / "ny"
    new.mkdir()
    (new / "ny-plan.txt").write_text("Ny plan om bostedsløse ungdommer i Alta.", encoding="utf-8")

    proc = _run_crashing_ingest(settings, new)
    assert proc.returncode == 137, proc.stderr
    assert "not reached" not in proc.stdout

    cat = Catalog(settings.catalog_path)
    assert cat.get_document("ny-plan") is None and cat.all_chunk_ids() == before
    lexical, stamp = LexicalIndex.load(settings.lexical_path)
    assert set(lexical.ids) == before and stamp == cat.generation()
    store = VectorStore(settings)
    orphans = store.all_ids() - before
    assert len(orphans) == 1  # the killed run's vector exists but no catalog row names it

    r = make_indexer(settings).ingest([corpus])  # any later ingest deletes the orphans first
    assert (r.added, r.updated, r.unchanged) == (0, 0, 3)
    assert VectorStore(settings).all_ids() == before
    assert_consistent(settings)


@pytest.mark.unit
def test_kill_while_replacing_a_document_keeps_the_old_version_and_heals(settings, corpus):
    make_indexer(settings).ingest([corpus])
    (corpus / "bodo.txt").write_text("Bodø: ny tekst om midlertidig bolig.", encoding="utf-8")
    assert _run_crashing_ingest(settings, corpus).returncode == 137
    cat = Catalog(settings.catalog_path)
    assert "420 kommunale" in cat.chunks_for("bodo")[0].text  # the committed version is still the old one
    r = make_indexer(settings).ingest([corpus])
    assert r.updated == 1 and "midlertidig" in Catalog(settings.catalog_path).chunks_for("bodo")[0].text
    assert_consistent(settings)


@pytest.mark.unit
def test_wiped_vectors_are_rebuilt_even_for_unchanged_files(settings, corpus):
    idx = make_indexer(settings)
    idx.ingest([corpus])
    idx.store.delete_doc("tromso")
    r = make_indexer(settings).ingest([corpus])
    assert (r.updated, r.unchanged) == (1, 2)
    assert_consistent(settings)


@pytest.mark.unit
def test_network_is_blocked_in_tests():
    with pytest.raises(RuntimeError, match="network access blocked"):
        socket.create_connection(("10.255.255.1", 80), timeout=1)


# -- integration ------------------------------------------------------------------------------------
def _real_or_fake_loaders():
    try:
        from ingest.load import load_document
        from ingest.split import split_document

        return load_document, split_document
    except ImportError:
        return fake_load, fake_split


@pytest.mark.integration
def test_real_e5_ingest_with_network_unreachable(e5_settings, corpus):
    from assistant.embed import get_embedder

    with pytest.raises(RuntimeError):
        socket.create_connection(("huggingface.co", 443), timeout=1)
    load, split = _real_or_fake_loaders()
    idx = Indexer(e5_settings, load=load, split=split)
    r = idx.ingest([corpus])
    assert r.added == 3 and not r.failed
    q = get_embedder(e5_settings).embed_query("Hvor mange kommunale utleieboliger har Bodø?")
    best = idx.store.query(q, 1)[0]
    assert (
        idx.catalog.get_chunks([best[0]])[best[0]].doc_id
        == idx.catalog.doc_ids_by_source()[str((corpus / "bodo.txt").resolve())]
    )
    assert 0.5 < best[1] <= 1.0
    assert make_indexer(e5_settings, embedder=get_embedder(e5_settings)).ingest([corpus]).unchanged == 3
    assert_consistent(e5_settings)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if not exe:
        pytest.skip("the `chroma` server command is not installed in this environment")
    port = _free_port()
    log = open(tmp_path / "chroma.log", "w")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [exe, "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    up = False
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                up = True
                break
        except OSError:
            time.sleep(0.3)
    if not up:
        proc.kill()
        tail = (tmp_path / "chroma.log").read_text()[-800:]
        pytest.skip(f"`chroma run` did not start on port {port}: {tail}")
    try:
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.mark.integration
def test_ingest_and_query_through_a_chroma_server(tmp_path, corpus, chroma_server, monkeypatch):
    monkeypatch.setenv("PLANPRAT_CHROMA_URL", chroma_server)
    settings = Settings(data_dir=tmp_path / "data")
    assert settings.chroma_url == chroma_server
    emb = HashEmbedder()
    idx = make_indexer(settings, embedder=emb)
    client_type = type(idx.store.collection._client).__name__
    assert "Fast" in client_type or "Http" in client_type or "Client" in client_type
    assert not settings.chroma_path.exists()  # nothing embedded on disk: the vectors live in the server
    r = idx.ingest([corpus])
    assert r.added == 3
    hits = idx.store.query(emb.embed_query("Bostøtte gis til barnefamilier."), 1)
    assert idx.catalog.get_chunks([hits[0][0]])[hits[0][0]].doc_id == "tromso"
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert make_indexer(settings, embedder=emb).ingest([corpus]).unchanged == 3
    assert_consistent(settings)


@pytest.mark.unit
def test_metadata_comes_from_the_nearest_manifest(settings, corpus, monkeypatch):
    import json
    import types

    # Stand-in for ingest/manifest.py (written elsewhere): same functions, minimal behaviour.
    fake = types.ModuleType("ingest.manifest")

    def load_manifest(corpus_dir):
        data = json.loads((Path(corpus_dir) / "manifest.json").read_text(encoding="utf-8"))
        return {rel: DocumentMeta.from_dict(d) for rel, d in data.items()}

    fake.load_manifest = load_manifest
    fake.meta_for = lambda path, manifest: manifest.get(Path(path).as_posix())
    monkeypatch.setitem(sys.modules, "ingest.manifest", fake)
    sub = corpus / "lover"
    sub.mkdir()
    (corpus / "lov.txt").rename(sub / "lov.txt")
    manifest = {
        "lover/lov.txt": {
            "doc_id": "boligsosialloven",
            "title": "Boligsosialloven",
            "source": "lov.txt",
            "kind": "law",
        }
    }
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    events = []
    r = make_indexer(settings).ingest(
        [sub], on_event=events.append
    )  # the manifest lies above the walked folder
    assert r.added == 1 and events[0]["doc_id"] == "boligsosialloven"
    assert Catalog(settings.catalog_path).get_document("boligsosialloven").kind == "law"
    r = make_indexer(settings).ingest([corpus])
    assert (r.added, r.unchanged) == (2, 1)  # manifest.json and README.md are not documents


@pytest.fixture
def fake_parsers(monkeypatch):
    """Put the minimal loader/splitter and the hash embedder where `ingest_paths` looks them up."""
    import types

    import assistant.embed

    load_mod = types.ModuleType("ingest.load")
    load_mod.load_document = fake_load
    split_mod = types.ModuleType("ingest.split")
    split_mod.split_document = fake_split
    monkeypatch.setitem(sys.modules, "ingest.load", load_mod)
    monkeypatch.setitem(sys.modules, "ingest.split", split_mod)
    monkeypatch.setattr(assistant.embed, "get_embedder", lambda settings: HashEmbedder())


@pytest.mark.unit
def test_ingest_paths_with_progress_bars_and_the_cli_json(
    settings, corpus, fake_parsers, monkeypatch, capsys
):
    import json

    from ingest.pipeline import ingest_paths

    r = ingest_paths([corpus], settings, progress=True)
    assert (r.added, r.chunks) == (3, 5)

    from typer.testing import CliRunner

    from planprat import settings as settings_mod
    from planprat.cli import app

    monkeypatch.setenv("PLANPRAT_DATA_DIR", str(settings.data_dir))
    settings_mod.get_settings.cache_clear()
    try:
        out = CliRunner().invoke(app, ["ingest", str(corpus), "--json"])
    finally:
        settings_mod.get_settings.cache_clear()
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["added"] == report["updated"] == 0 and report["unchanged"] == 3
