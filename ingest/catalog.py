"""The catalog: SQLite, the source of truth for what is indexed (see DEVELOPERS.md, «Consistency rule»).

A document is indexed exactly when its row here is committed. Every commit or delete bumps `generation`, which
stamps the lexical index and tells readers when their snapshot is stale.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from planprat.models import Chunk, DocumentMeta

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id       TEXT PRIMARY KEY,
    source       TEXT NOT NULL,          -- absolute path of the ingested file ('' when unknown)
    content_hash TEXT NOT NULL,
    meta         TEXT NOT NULL,          -- DocumentMeta as JSON
    committed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id  TEXT PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal   INTEGER NOT NULL,
    text      TEXT NOT NULL,
    law       TEXT,
    paragraph TEXT,
    chunk     TEXT NOT NULL              -- Chunk as JSON
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ordinal);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO state(key, value) VALUES ('generation', 0);
"""

_SQL_VARS = 900  # stay under SQLite's bound-parameter limit in IN (...) lists


class Catalog:
    """Documents and chunks in SQLite (WAL). One connection per thread; writes are serialised by a lock."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        with self._write_lock:
            self._conn().executescript(SCHEMA)

    # -- connections ------------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly what we say.
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            self._conns.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every statement inside sees the same committed state."""
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        for conn in self._conns:
            try:
                conn.close()
            except sqlite3.ProgrammingError:  # closed already, or owned by a thread that is gone
                pass
        self._conns.clear()
        self._local = threading.local()

    # -- writing ----------------------------------------------------------------------------------
    def commit_document(
        self, meta: DocumentMeta, chunks: list[Chunk], source: str | None = None
    ) -> list[str]:
        """Replace the document and all its chunks in one transaction; bump the generation.

        Any other document that came from the same source file is removed too (its doc_id changed);
        their ids are returned so the caller can drop their vectors.
        """
        src = source if source is not None else meta.source
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._write() as db:
            replaced = (
                [
                    r[0]
                    for r in db.execute(
                        "SELECT doc_id FROM documents WHERE source = ? AND doc_id != ?", (src, meta.doc_id)
                    )
                ]
                if src
                else []
            )
            for old in replaced + [meta.doc_id]:
                db.execute("DELETE FROM chunks WHERE doc_id = ?", (old,))
                db.execute("DELETE FROM documents WHERE doc_id = ?", (old,))
            db.execute(
                "INSERT INTO documents(doc_id, source, content_hash, meta, committed_at) VALUES (?, ?, ?, ?, ?)",
                (meta.doc_id, src, meta.content_hash, json.dumps(meta.to_dict(), ensure_ascii=False), now),
            )
            db.executemany(
                "INSERT INTO chunks(chunk_id, doc_id, ordinal, text, law, paragraph, chunk) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.chunk_id,
                        meta.doc_id,
                        c.ordinal,
                        c.text,
                        c.law,
                        c.paragraph,
                        json.dumps(c.to_dict(), ensure_ascii=False),
                    )
                    for c in chunks
                ],
            )
            db.execute("UPDATE state SET value = value + 1 WHERE key = 'generation'")
        return replaced

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its chunks; True when it existed."""
        with self._write() as db:
            db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            gone = db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount > 0
            if gone:
                db.execute("UPDATE state SET value = value + 1 WHERE key = 'generation'")
        return gone

    # -- reading ----------------------------------------------------------------------------------
    def generation(self) -> int:
        return int(self._conn().execute("SELECT value FROM state WHERE key = 'generation'").fetchone()[0])

    def get_document(self, doc_id: str) -> DocumentMeta | None:
        row = self._conn().execute("SELECT meta FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return DocumentMeta.from_dict(json.loads(row[0])) if row else None

    def documents(self) -> list[DocumentMeta]:
        rows = self._conn().execute("SELECT meta FROM documents ORDER BY doc_id").fetchall()
        return [DocumentMeta.from_dict(json.loads(r[0])) for r in rows]

    def chunks_for(self, doc_id: str) -> list[Chunk]:
        rows = (
            self._conn()
            .execute("SELECT chunk FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,))
            .fetchall()
        )
        return [Chunk.from_dict(json.loads(r[0])) for r in rows]

    def get_chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, Chunk] = {}
        conn = self._conn()
        for start in range(0, len(ids), _SQL_VARS):
            part = ids[start : start + _SQL_VARS]
            marks = ",".join("?" * len(part))
            for cid, data in conn.execute(
                f"SELECT chunk_id, chunk FROM chunks WHERE chunk_id IN ({marks})", part
            ):
                out[cid] = Chunk.from_dict(json.loads(data))
        return out

    def all_chunk_ids(self) -> set[str]:
        return {r[0] for r in self._conn().execute("SELECT chunk_id FROM chunks")}

    def chunk_index(self) -> list[tuple[str, str, str | None, str | None]]:
        """(chunk_id, doc_id, law, paragraph) for every chunk, in document order."""
        return (
            self._conn()
            .execute("SELECT chunk_id, doc_id, law, paragraph FROM chunks ORDER BY doc_id, ordinal")
            .fetchall()
        )

    def chunk_headings(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(chunk_id, doc_id, headings) for every chunk of a document that is no law: the last heading of
        its own path and of each section merged into it, in order."""
        out = []
        rows = self._conn().execute(  # (the headings only: not every chunk's text parsed in Python)
            "SELECT chunk_id, doc_id, json_extract(chunk, '$.section'), json_extract(chunk, '$.section_marks') "
            "FROM chunks WHERE law IS NULL ORDER BY doc_id, ordinal"
        )
        for cid, doc_id, section, marks in rows:
            paths = [json.loads(section or "[]"), *(path for _, path in json.loads(marks or "[]"))]
            heads = tuple(dict.fromkeys(p[-1] for p in paths if p))
            if heads:
                out.append((cid, doc_id, heads))
        return out

    def snapshot_texts(self) -> tuple[int, list[str], list[str]]:
        """(generation, chunk ids, texts) read in one transaction, so the stamp matches the texts."""
        with self._read() as db:
            gen = int(db.execute("SELECT value FROM state WHERE key = 'generation'").fetchone()[0])
            rows = db.execute("SELECT chunk_id, text FROM chunks ORDER BY doc_id, ordinal").fetchall()
        return gen, [r[0] for r in rows], [r[1] for r in rows]

    def hash_for_source(self, source: str) -> str | None:
        row = (
            self._conn()
            .execute(
                "SELECT content_hash FROM documents WHERE source = ? ORDER BY committed_at DESC LIMIT 1",
                (source,),
            )
            .fetchone()
        )
        return row[0] if row else None

    def doc_ids_by_source(self) -> dict[str, str]:
        """source path -> doc_id for every document with a known source."""
        return {
            s: d for s, d in self._conn().execute("SELECT source, doc_id FROM documents WHERE source != ''")
        }

    def chunk_count(self, doc_id: str | None = None) -> int:
        if doc_id is None:
            return int(self._conn().execute("SELECT COUNT(*) FROM chunks").fetchone()[0])
        return int(
            self._conn().execute("SELECT COUNT(*) FROM chunks WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        )
