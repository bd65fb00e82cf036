"""Ingest: files → Document → Chunks → vectors (Chroma) → catalog commit (SQLite) → lexical index (BM25).

Order matters (DEVELOPERS.md, «Consistency rule»): vectors are written first, then the document and its chunks
are committed to the catalog in one transaction. A process killed in between leaves only vectors whose chunk
ids the catalog does not know; retrieval ignores them and the next ingest deletes them.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ingest.split import split_signature
from planprat.errors import DocumentError, PlanpratError
from planprat.models import Chunk, Document, DocumentMeta, IngestFailure, IngestReport
from planprat.settings import Settings

log = logging.getLogger(__name__)

SKIP_NAMES = frozenset({"manifest.json", "README.md", "SOURCES.md"})  # corpus bookkeeping, not documents
MANIFEST = "manifest.json"
CRASH_ENV = "PLANPRAT_TEST_CRASH_AFTER_VECTORS"  # tests: die after the vectors, before the catalog commit
GENERIC_REASON = (
    "Uventet feil under innlesing av filen. Prøv igjen, eller meld fra om feilen med filen vedlagt."
)

LoadFn = Callable[..., Document]
SplitFn = Callable[[Document, int, int], list[Chunk]]
EventFn = Callable[[dict[str, Any]], None]


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def walk(paths: Iterable[Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, the folder it was found under or None for a named file); hidden files and corpus notes skipped."""
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            root = p.resolve()
            for f in sorted(root.rglob("*")):
                rel = f.relative_to(root)
                if any(part.startswith(".") for part in rel.parts) or f.name in SKIP_NAMES or not f.is_file():
                    continue
                if f not in seen:
                    seen.add(f)
                    yield f, root
        else:
            f = p.resolve()
            if f not in seen:
                seen.add(f)
                yield f, None


@dataclass
class _Run:
    """State of one ingest run."""

    report: IngestReport = field(default_factory=IngestReport)
    changed: bool = False
    manifests: dict[Path, dict[str, DocumentMeta] | None] = field(default_factory=dict)
    needs_vectors: set[str] = field(default_factory=set)  # doc ids whose vectors are missing in Chroma


class _Progress:
    """Rich progress: one bar over files, one over the chunks being embedded. Silent when disabled."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._p: Any = None

    @contextmanager
    def run(self, n_files: int):
        if not self.enabled:
            yield self
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=False,
        ) as p:
            self._p = p
            self.files = p.add_task("Filer", total=n_files)
            self.embed = p.add_task("Innbygging", total=0, visible=False)
            yield self
            self._p = None

    def file_started(self, name: str) -> None:
        if self._p:
            self._p.update(self.files, description=f"Filer ({name[:40]})")

    def file_done(self) -> None:
        if self._p:
            self._p.advance(self.files)
            self._p.update(self.embed, visible=False)

    def embedding(self, done: int, total: int) -> None:
        if self._p:
            self._p.update(self.embed, completed=done, total=total, visible=True)


class Indexer:
    """Keeps catalog, vectors and lexical index consistent. Reusable and thread-safe (one write at a time)."""

    def __init__(
        self,
        settings: Settings,
        catalog=None,
        store=None,
        embedder=None,
        load: LoadFn | None = None,
        split: SplitFn | None = None,
    ):
        self.settings = settings
        self._catalog = catalog
        self._store = store
        self._embedder = embedder
        self._load = load
        self._split = split
        self._lock = threading.RLock()
        self._cleaned = False

    # -- components (lazy, so an Indexer is cheap to make) ----------------------------------------
    @property
    def catalog(self):
        if self._catalog is None:
            from ingest.catalog import Catalog

            self._catalog = Catalog(self.settings.catalog_path)
        return self._catalog

    @property
    def store(self):
        if self._store is None:
            from assistant.store import VectorStore

            self._store = VectorStore(self.settings)
        return self._store

    @property
    def embedder(self):
        if self._embedder is None:
            from assistant.embed import get_embedder

            self._embedder = get_embedder(self.settings)
        return self._embedder

    def _loader(self) -> LoadFn:
        if self._load is None:
            from ingest.load import load_document

            self._load = load_document
        return self._load

    def _splitter(self) -> SplitFn:
        if self._split is None:
            from ingest.split import split_document

            self._split = split_document
        return self._split

    # -- public -----------------------------------------------------------------------------------
    def ingest(
        self, paths: list[Path], prune: bool = False, progress: bool = False, on_event: EventFn | None = None
    ) -> IngestReport:
        """Ingest files and folders; unchanged files are skipped, changed ones replaced, failures collected."""
        with self._lock:
            run = _Run()
            self._loader(), self._splitter()  # a missing parser is a broken install, not a per-file failure
            self._startup(run)
            files = list(walk(paths))
            bars = _Progress(progress)
            with bars.run(len(files)):
                for path, _root in files:
                    bars.file_started(path.name)
                    self._ingest_one(path, None, run, bars, on_event)
                    bars.file_done()
            if prune:
                self._prune(
                    [Path(p).resolve() for p in paths if Path(p).is_dir()],
                    {f for f, _ in files},
                    run,
                    on_event,
                )
            self._finish(run)
            return run.report

    def ingest_file(
        self, path: Path, meta: DocumentMeta | None = None, on_event: EventFn | None = None
    ) -> IngestReport:
        """Ingest one file (e.g. an upload) with optional metadata; the lexical index is rebuilt at once."""
        with self._lock:
            run = _Run()
            self._loader(), self._splitter()
            self._startup(run)
            path = Path(path).resolve()
            self._ingest_one(path, meta, run, _Progress(False), on_event)
            self._finish(run)
            return run.report

    def ingest_upload(self, path: Path, original_name: str) -> IngestReport:
        """Keep an uploaded file under data_dir/uploads by its (sanitised) original name, then ingest it."""
        name = re.sub(r"[^\w.\- ]+", "_", Path(original_name).name).strip(" .") or "opplasting"
        target_dir = (self.settings.data_dir / "uploads").resolve()
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / name
        if Path(path).resolve() != target:
            tmp = target.with_name(f".{name}.part")
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        return self.ingest_file(target)

    def delete(self, doc_id: str) -> bool:
        """Remove a document: catalog first (it disappears at once), then its vectors, then the lexical index."""
        with self._lock:
            ids = [c.chunk_id for c in self.catalog.chunks_for(doc_id)]
            existed = self.catalog.delete_document(doc_id)
            self.store.delete_doc(doc_id)
            if ids:
                self.store.delete_ids(ids)
            if existed:
                self.rebuild_lexical()
            return existed

    def rebuild_lexical(self):
        """Build the BM25 index from the catalog and save it stamped with the catalog generation."""
        from assistant.lexical import LexicalIndex

        with self._lock:
            gen, ids, texts = self.catalog.snapshot_texts()
            index = LexicalIndex().build(ids, texts)
            index.save(self.settings.lexical_path, gen)
            return index

    def clean_orphans(self) -> int:
        """Delete vectors whose chunk ids the catalog does not know (left by a killed run)."""
        known = self.catalog.all_chunk_ids()
        orphans = self.store.all_ids() - known
        if orphans:
            log.warning("deleting %d orphaned vectors (chunks never committed to the catalog)", len(orphans))
            self.store.delete_ids(sorted(orphans))
        return len(orphans)

    # -- steps ------------------------------------------------------------------------------------
    def _startup(self, run: _Run) -> None:
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        known = self.catalog.all_chunk_ids()
        stored = self.store.all_ids()
        orphans = stored - known
        if orphans:
            log.warning("deleting %d orphaned vectors (chunks never committed to the catalog)", len(orphans))
            self.store.delete_ids(sorted(orphans))
        missing = known - stored
        if (
            missing
        ):  # e.g. the Chroma folder was wiped, or a run died after deleting a changed doc's old vectors
            docs = {c.doc_id for c in self.catalog.get_chunks(missing).values()}
            log.warning("%d committed documents lack vectors; they will be re-embedded", len(docs))
            run.needs_vectors = docs

    def _manifest_meta(self, path: Path, run: _Run) -> DocumentMeta | None:
        """Metadata from the nearest manifest.json in the file's folder or above (e.g. corpus/manifest.json)."""
        for folder in path.parents:
            if folder not in run.manifests:
                run.manifests[folder] = self._read_manifest(folder) if (folder / MANIFEST).is_file() else None
            manifest = run.manifests[folder]
            if manifest is not None:
                from ingest.manifest import meta_for

                return meta_for(path.relative_to(folder), manifest)
        return None

    @staticmethod
    def _read_manifest(folder: Path) -> dict[str, DocumentMeta] | None:
        try:
            from ingest.manifest import load_manifest
        except ImportError:
            log.warning("ingest.manifest is not available; ignoring %s", folder / MANIFEST)
            return None
        return load_manifest(folder)

    def _embed(self, texts: list[str], bars: _Progress):
        fn = self.embedder.embed_passages
        try:
            takes_progress = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            takes_progress = False
        return fn(texts, progress=bars.embedding) if takes_progress else fn(texts)

    def _ingest_one(
        self,
        path: Path,
        meta: DocumentMeta | None,
        run: _Run,
        bars: _Progress,
        on_event: EventFn | None,
    ) -> None:
        rep = run.report
        started = time.perf_counter()

        def event(status: str, **kw: Any) -> None:
            if on_event:
                on_event({"file": path.name, "status": status, **kw})

        try:
            if not path.is_file():
                raise DocumentError(path.name, "filen finnes ikke eller er ikke en vanlig fil.")
            digest = file_hash(path)
            if meta is None:
                meta = self._manifest_meta(path, run)
            source = str(path)
            old_id = self.catalog.doc_ids_by_source().get(source)
            split = split_signature(self.settings.chunk_max_chars, self.settings.chunk_min_chars)
            if (
                old_id is not None
                and self.catalog.hash_for_source(source) == digest
                and (meta is None or meta.doc_id == old_id)
                and old_id not in run.needs_vectors
                and getattr(self.catalog.get_document(old_id), "split", None) == split
            ):
                rep.unchanged += 1
                rep.documents += 1
                rep.chunks += self.catalog.chunk_count(old_id)
                event("unchanged", doc_id=old_id)
                return

            max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
            doc = self._loader()(path, meta, max_bytes=max_bytes)
            doc_meta = replace(doc.meta, content_hash=doc.meta.content_hash or digest, split=split)
            chunks = self._splitter()(doc, self.settings.chunk_max_chars, self.settings.chunk_min_chars)
            if not chunks:
                raise DocumentError(
                    path.name, "fant ingen tekst i dokumentet (er det skannet uten tekstlag?)."
                )
            vectors = self._embed([c.text for c in chunks], bars)

            doc_id = doc_meta.doc_id
            existed = self.catalog.get_document(doc_id) is not None or old_id is not None
            self.store.delete_doc(doc_id)
            self.store.add(chunks, {doc_id: doc_meta}, vectors)
            if os.environ.get(CRASH_ENV) == "1":
                os._exit(137)  # simulate a kill between the vector write and the catalog commit
            replaced = self.catalog.commit_document(doc_meta, chunks, source=source)
            for other in replaced:  # the same file used to be another doc_id
                self.store.delete_doc(other)
            run.changed = True
            rep.documents += 1
            rep.chunks += len(chunks)
            if existed:
                rep.updated += 1
            else:
                rep.added += 1
            event(
                "updated" if existed else "added",
                doc_id=doc_id,
                chunks=len(chunks),
                seconds=round(time.perf_counter() - started, 3),
            )
        except DocumentError as err:
            rep.failed.append(IngestFailure(file=path.name, reason=err.reason))
            event("failed", reason=err.reason)
        except PlanpratError:
            raise  # configuration problems (model, Chroma) stop the run: every other file would fail too
        except Exception:
            log.exception("unexpected error while ingesting %s", path)
            rep.failed.append(IngestFailure(file=path.name, reason=GENERIC_REASON))
            event("failed", reason=GENERIC_REASON)

    def _prune(self, roots: list[Path], present: set[Path], run: _Run, on_event: EventFn | None) -> None:
        """Delete documents whose source file under one of `roots` is gone."""
        for source, doc_id in sorted(self.catalog.doc_ids_by_source().items()):
            p = Path(source)
            if not any(p.is_relative_to(r) for r in roots) or p in present or p.exists():
                continue
            ids = [c.chunk_id for c in self.catalog.chunks_for(doc_id)]
            if self.catalog.delete_document(doc_id):
                self.store.delete_ids(ids)
                self.store.delete_doc(doc_id)
                run.report.removed += 1
                run.changed = True
                if on_event:
                    on_event({"file": p.name, "status": "removed", "doc_id": doc_id})

    def _finish(self, run: _Run) -> None:
        """Rebuild the lexical index once per run, and whenever the saved one is stale or missing."""
        from assistant.lexical import LexicalIndex

        stale = run.changed
        if not stale:
            try:
                _, stamp = LexicalIndex.load(self.settings.lexical_path)
                stale = stamp != self.catalog.generation()
            except (OSError, ValueError, KeyError):
                stale = True
        if stale:
            self.rebuild_lexical()


def ingest_paths(
    paths: list[Path],
    settings: Settings,
    prune: bool = False,
    progress: bool = True,
    on_event: EventFn | None = None,
) -> IngestReport:
    """Ingest files and folders into the index described by `settings` (the `planprat ingest` command)."""
    ctx = _quiet_logs() if progress else nullcontext()
    with ctx:
        return Indexer(settings).ingest(paths, prune=prune, progress=progress, on_event=on_event)


@contextmanager
def _quiet_logs():
    """Keep library chatter (Chroma, transformers) from tearing the progress bars."""
    noisy = [logging.getLogger(n) for n in ("chromadb", "transformers", "sentence_transformers", "bm25s")]
    levels = [lg.level for lg in noisy]
    for lg in noisy:
        lg.setLevel(max(lg.level, logging.WARNING))
    try:
        yield
    finally:
        for lg, lv in zip(noisy, levels, strict=True):
            lg.setLevel(lv)
