"""The vector store: one Chroma collection (embedded on disk, or a Chroma server when PLANPRAT_CHROMA_URL is set).

Vectors are written through llama-index's `ChromaVectorStore` as `TextNode`s; queries, deletes and listings go
to the Chroma collection directly (llama-index reports exp(-distance), we want the cosine similarity itself).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

import numpy as np

from planprat.errors import ConfigError
from planprat.models import Chunk, DocumentMeta
from planprat.settings import Settings

log = logging.getLogger(__name__)

BATCH = 500  # Chroma's server caps a request's size; 500 vectors of 384 floats stay far below it


def chunk_metadata(chunk: Chunk, meta: DocumentMeta | None) -> dict[str, str | int | float | bool]:
    """Flat, filterable metadata for one chunk. Chroma rejects None values, so absent fields are left out."""
    raw: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "ordinal": chunk.ordinal,
        "page": chunk.page,
        "page_end": chunk.page_end,
        "law": chunk.law or (meta.law_short if meta else None),
        "paragraph": chunk.paragraph,
        "law_ref": chunk.law_ref,
        "section": chunk.section_title or None,
    }
    if meta is not None:
        raw.update(
            kind=meta.kind,
            municipality=meta.municipality,
            county=meta.county,
            year=meta.year,
            source=meta.source,
            title=meta.title,
        )
    return {k: v for k, v in raw.items() if v is not None and v != ""}


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """'https://chroma.example:8443' → ('chroma.example', 8443, True); the port defaults to 8000 (443 for https)."""
    u = urlparse(url if "://" in url else f"http://{url}")
    if u.scheme not in ("http", "https") or not u.hostname:
        raise ConfigError(
            f"PLANPRAT_CHROMA_URL «{url}» er ikke en gyldig adresse: bruk f.eks. http://chroma:8000"
        )
    ssl = u.scheme == "https"
    return u.hostname, u.port or (443 if ssl else 8000), ssl


class VectorStore:
    """Chunk vectors in Chroma, cosine space, keyed by chunk id; one collection per embedding configuration."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.name = settings.collection_name()
        self._client: Any = None
        self._collection: Any = None
        self._li_store: Any = None
        self._lock = threading.Lock()

    # -- connection -------------------------------------------------------------------------------
    def _connect(self):
        if self._collection is not None:
            return self._collection
        with self._lock:
            if self._collection is not None:
                return self._collection
            os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False)
            url = self.settings.chroma_url
            try:
                if url:
                    host, port, ssl = parse_chroma_url(url)
                    client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma_settings)
                else:
                    self.settings.chroma_path.mkdir(parents=True, exist_ok=True)
                    client = chromadb.PersistentClient(
                        path=str(self.settings.chroma_path), settings=chroma_settings
                    )
                collection = client.get_or_create_collection(
                    self.name, metadata={"hnsw:space": "cosine"}, embedding_function=None
                )
            except ConfigError:
                raise
            except Exception as err:
                log.error("cannot open Chroma collection %s (url=%s)", self.name, url, exc_info=True)
                where = f"Chroma-serveren på {url}" if url else f"vektorlageret i {self.settings.chroma_path}"
                raise ConfigError(
                    f"Fikk ikke kontakt med {where}: {err}. Sjekk at den kjører og er tilgjengelig."
                ) from err
            self._client, self._collection = client, collection
            return collection

    @property
    def collection(self):
        return self._connect()

    def _llama_store(self):
        if self._li_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._li_store = ChromaVectorStore(chroma_collection=self.collection)
        return self._li_store

    # -- writing ----------------------------------------------------------------------------------
    def add(self, chunks: list[Chunk], metas: dict[str, DocumentMeta], vectors: np.ndarray) -> None:
        """Store one vector per chunk (rows of `vectors` in chunk order), in batches of at most 500."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        store = self._llama_store()
        vecs = np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(chunks), BATCH):
            nodes = []
            for c, v in zip(chunks[start : start + BATCH], vecs[start : start + BATCH], strict=True):
                node = TextNode(
                    id_=c.chunk_id,
                    text=c.text,
                    embedding=v.tolist(),
                    metadata=chunk_metadata(c, metas.get(c.doc_id)),
                    # ref_doc_id: llama-index writes it as doc_id / document_id / ref_doc_id metadata
                    relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=c.doc_id)},
                )
                nodes.append(node)
            store.add(nodes)

    def delete_doc(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def delete_ids(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            self.collection.delete(ids=ids[start : start + BATCH])

    # -- reading ----------------------------------------------------------------------------------
    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """The k nearest chunks as (chunk_id, cosine similarity), best first."""
        if k <= 0:
            return []
        res = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
            n_results=k,
            where=where or None,
            include=["distances"],
        )
        ids = res["ids"][0] if res["ids"] else []
        dists = res["distances"][0] if res.get("distances") else []
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, dists, strict=True)]  # cosine distance = 1 - cos

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return set(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def all_ids(self, page: int = 5000) -> set[str]:
        """Every chunk id in the collection (paged, so a big collection is not fetched in one response)."""
        out: set[str] = set()
        offset = 0
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            out.update(got)
            if len(got) < page:
                return out
            offset += page

    def vectors_of(self, ids: list[str], page: int = 5000) -> ExactVectors:
        """The stored vectors of `ids` (paged), held in memory for exact search."""
        got_ids: list[str] = []
        rows: list[np.ndarray] = []
        for start in range(0, len(ids), page):
            res = self.collection.get(ids=ids[start : start + page], include=["embeddings"])
            if len(res["ids"]):
                got_ids.extend(res["ids"])
                rows.append(np.asarray(res["embeddings"], dtype=np.float32))
        matrix = np.concatenate(rows) if rows else np.zeros((0, 0), np.float32)
        return ExactVectors(got_ids, matrix)

    def get_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        res = self.collection.get(ids=ids, include=["embeddings"])
        return {
            cid: np.asarray(v, dtype=np.float32) for cid, v in zip(res["ids"], res["embeddings"], strict=True)
        }

    def count(self) -> int:
        return int(self.collection.count())


class ExactVectors:
    """Nearest neighbours by brute force over vectors held in memory: exact, and for a few thousand chunks
    faster than asking Chroma (one matrix-vector product instead of an HNSW walk and a round trip)."""

    def __init__(self, ids: list[str], matrix: np.ndarray):
        if len(ids) != len(matrix):
            raise ValueError(f"{len(ids)} ids but {len(matrix)} vectors")
        self.ids = list(ids)
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self._tensor = None

    def __len__(self) -> int:
        return len(self.ids)

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The k nearest as (chunk_id, cosine similarity), best first (vectors are unit length, as stored)."""
        k = min(k, len(self.ids))
        if k <= 0:
            return []
        scores = self._scores(np.ascontiguousarray(vector, dtype=np.float32))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]

    def _scores(self, vector: np.ndarray) -> np.ndarray:
        """matrix · vector through torch, whose threads have just embedded the query: numpy's BLAS would
        start its own threads, which fight torch's still-spinning ones on a small machine (at 10,000 chunks
        p95 went from 16 to 101 ms)."""
        import torch

        if self._tensor is None:
            self._tensor = torch.from_numpy(self.matrix)  # shares the memory
        with torch.inference_mode():
            return torch.mv(self._tensor, torch.from_numpy(vector)).numpy()
