"""Benchmarks that print numbers: ingest throughput, query latency, and scale (10k / 100k chunks).

Everything runs in a fresh temporary data directory; the converted e5 model is shared with the
configured data directory (linked, not rebuilt), since converting it is not part of ingest.
Peak memory is the peak resident set size of this process while a phase runs, sampled every 20 ms with
psutil (and never below what `resource.getrusage` reports for the process, when that is the only source).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from evals import metrics as M

CHARS_PER_PAGE = 3000  # a text file counts as one page per 3,000 characters
SENTENCE_POOL = 2500  # real sentences embedded once for the scale benchmark
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«(])")


# -- measuring ---------------------------------------------------------------------------------------


class PeakRSS:
    """Samples this process's RSS in a thread; `.peak_mb` after the block."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _rss(self) -> int:
        try:
            import psutil

            return psutil.Process().memory_info().rss
        except Exception:  # psutil missing: fall back to the lifetime peak
            import resource

            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self.peak = self._rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


@contextmanager
def fresh_settings(settings, keep: bool = False) -> Iterator[Any]:
    """A copy of `settings` whose data_dir is a new temporary folder (the model folder is linked in)."""
    tmp = Path(tempfile.mkdtemp(prefix="planprat-bench-"))
    src_models = Path(settings.data_dir) / "models"
    if src_models.is_dir():
        (tmp / "models").symlink_to(src_models.resolve(), target_is_directory=True)
    try:
        yield settings.model_copy(update={"data_dir": tmp, "chroma_url": None})
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def _ensure_model(settings) -> None:
    """Convert/load the embedder once in the configured data dir so fresh dirs can link it."""
    from assistant.embed import get_embedder

    get_embedder(settings).embed_query("bolig")


def _timed(fn, *a, **kw) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*a, **kw)
    return out, (time.perf_counter() - t0) * 1000


def _lat(ms: Sequence[float]) -> dict[str, float | None]:
    return {"p50_ms": _r(M.percentile(ms, 50)), "p95_ms": _r(M.percentile(ms, 95)), "n": len(ms)}


def _r(v: float | None, nd: int = 1) -> float | None:
    return None if v is None else round(v, nd)


# -- ingest ------------------------------------------------------------------------------------------


def corpus_paths(settings) -> list[Path]:
    from evals.baseline_llamaindex import corpus_files

    return corpus_files(settings)


def _pages(meta, text_chars: int) -> float:
    if getattr(meta, "pages", None):
        return float(meta.pages)
    return max(1.0, text_chars / CHARS_PER_PAGE)


def parse_and_split(settings, paths: Sequence[Path]) -> dict[str, Any]:
    """Time the loaders and the splitter alone (no embedding, no stores)."""
    from ingest.load import load_document
    from ingest.split import split_document
    from planprat.models import DocumentMeta

    manifest_meta = _manifest_metas(settings)
    pages = 0.0
    chunks = 0
    t0 = time.perf_counter()
    for p in paths:
        meta = manifest_meta.get(p.name) or DocumentMeta(doc_id=p.stem, title=p.stem, source=p.name)
        doc = load_document(p, meta)
        chars = sum(len(b.text) for b in doc.blocks)
        pages += _pages(doc.meta, chars)
        chunks += len(split_document(doc, settings.chunk_max_chars, settings.chunk_min_chars))
    secs = time.perf_counter() - t0
    return {
        "files": len(paths),
        "pages": round(pages, 1),
        "chunks": chunks,
        "seconds": round(secs, 2),
        "pages_per_s": round(pages / secs, 1) if secs else None,
    }


def _manifest_metas(settings) -> dict[str, Any]:
    try:
        from ingest.manifest import load_manifest  # type: ignore[attr-defined]

        metas = load_manifest(Path(settings.corpus_dir))
        if isinstance(metas, dict):
            return {Path(k).name: v for k, v in metas.items()}
        return {m.source: m for m in metas}
    except Exception:
        return {}


def bench_ingest(settings, paths: Sequence[Path] | None = None) -> dict[str, Any]:
    """Ingest the shipped corpus into a fresh data dir: parse+split pages/s, embedded chunks/s, total, peak RSS."""
    from ingest.pipeline import ingest_paths

    paths = list(paths or corpus_paths(settings))
    _ensure_model(settings)
    with fresh_settings(settings) as s:
        ps = parse_and_split(s, paths)
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            report = ingest_paths(paths, s, prune=False, progress=False)
            total = time.perf_counter() - t0
    embed_secs = max(total - ps["seconds"], 1e-9)
    return {
        "files": len(paths),
        "pages": ps["pages"],
        "chunks": report.chunks,
        "failed": len(report.failed),
        "parse_split_seconds": ps["seconds"],
        "parse_split_pages_per_s": ps["pages_per_s"],
        # ingest = parse + split + embed + Chroma + catalog + BM25; the embedding dominates the remainder
        "embedded_chunks_per_s": round(report.chunks / embed_secs, 1),
        "total_seconds": round(total, 2),
        "peak_rss_mb": mem.peak_mb,
        "note": "pages = PDF pages, or 1 per 3000 characters of text; embedded chunks/s = chunks / (total − parse+split)",
    }


# -- query -------------------------------------------------------------------------------------------


def bench_query(
    settings,
    question_files=None,
    limit: int | None = None,
    with_llamaindex: bool = True,
    service=None,
    rounds: int = 3,
) -> dict[str, Any]:
    """p50/p95 latency after warm-up over the gold questions: retrieval alone, retrieve+answer, and the
    LlamaIndex default pipeline's retrieval, side by side in one process on the shipped index.

    The pipelines are interleaved question by question (LlamaIndex, Planprat retrieval, Planprat
    retrieve+answer) and the whole set is run `rounds` times, so a noisy moment on the machine falls on
    all three alike. Every timing embeds its query afresh (no query cache)."""
    from evals.datasets import load_questions
    from evals.run import make_condenser

    if service is None:
        from assistant.service import Planprat

        service = Planprat(settings)
    qs = load_questions(question_files)[: limit or None]
    condense = make_condenser()
    queries = [condense(q.question, q.history) for q in qs]
    for warm in ("bolig", "Hva er startlån?", "Hvem har rett til bostøtte?"):  # model, indexes, answerer
        service.ask(warm)
    base = None
    out: dict[str, Any] = {"questions": len(qs), "rounds": rounds}
    if with_llamaindex:
        from evals.baseline_llamaindex import LlamaIndexBaseline

        base = LlamaIndexBaseline(settings, embedder=service.embedder).build()
        base.retrieve("bolig", 1)
        out["llamaindex_nodes"] = base.nodes
        out["llamaindex_build_seconds"] = round(base.build_seconds, 1)
    k = service.settings.top_k
    retrieval: list[float] = []
    answer: list[float] = []
    li: list[float] = []
    cold = service.clear_query_cache
    with PeakRSS() as mem:
        for _ in range(max(1, rounds)):
            for q, query in zip(qs, queries, strict=True):
                if base is not None:
                    li.append(_timed(base.retrieve, query, k)[1])
                cold()
                retrieval.append(_timed(service.search, query, k=k)[1])
                cold()
                answer.append(_timed(service.ask, q.question, history=list(q.history))[1])
    out["planprat_retrieval"] = _lat(retrieval)
    out["planprat_retrieve_answer"] = _lat(answer)
    if base is not None:
        out["llamaindex_retrieval"] = _lat(li)
    out["peak_rss_mb"] = mem.peak_mb
    return out


# -- scale -------------------------------------------------------------------------------------------


def sentence_pool(paths: Sequence[Path], size: int = SENTENCE_POOL, seed: int = 7) -> list[str]:
    """Real Norwegian sentences from the corpus (40–300 characters, de-duplicated), sampled reproducibly."""
    seen: set[str] = set()
    pool: list[str] = []
    for p in paths:
        try:
            text = p.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue
        for para in re.split(r"\n\s*\n", text):
            for s in _SENT_SPLIT.split(" ".join(para.split())):
                s = s.strip()
                letters = sum(c.isalpha() for c in s)
                if 40 <= len(s) <= 300 and letters > 0.6 * len(s) and s not in seen:
                    seen.add(s)
                    pool.append(s)
    random.Random(seed).shuffle(pool)
    return pool[:size]


class PooledSentenceEmbedder:
    """Passage vector = L2-normalised mean of the real e5 vectors of the pool sentences it contains.

    Only for the scale benchmark: embedding 100k chunks for real would take about an hour on 2 cores.
    Queries are embedded for real by the wrapped embedder.
    """

    def __init__(self, real, sentences: list[str], vectors: np.ndarray):
        self.real = real
        self.dim = vectors.shape[1]
        self._index = {s: i for i, s in enumerate(sentences)}
        self._sentences = sentences
        self._vectors = vectors.astype(np.float32)

    def _vec(self, text: str) -> np.ndarray:
        flat = " ".join(text.split())
        ids = [self._index[s] for s in _SENT_SPLIT.split(flat) if s in self._index]
        if not ids:  # a fragment the splitter cut mid-sentence: any pool sentence it contains
            ids = [i for i, s in enumerate(self._sentences[:200]) if s in flat]
        if not ids:  # no real sentence at all (should not happen): a stable pool vector
            ids = [int(hashlib.sha1(flat.encode()).hexdigest(), 16) % len(self._sentences)]
        v = self._vectors[ids].mean(axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    def embed_passages(self, texts: list[str], progress=None) -> np.ndarray:
        out = np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        if progress:
            progress(len(texts), len(texts))
        return out.astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.real.embed_query(text)


def write_synthetic_corpus(
    folder: Path, pool: list[str], n_chunks: int, seed: int = 11, chunks_per_doc: int = 40
) -> int:
    """Write text documents whose paragraphs recombine real sentences, each paragraph sized to make exactly
    one chunk (between the splitter's minimum, below which it merges, and its maximum, above which it splits)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_docs = max(1, n_chunks // chunks_per_doc)
    written = 0
    for d in range(n_docs):
        paras = []
        for _ in range(chunks_per_doc if d < n_docs - 1 else n_chunks - written):
            para = ""
            while len(para) < 760:  # two such paragraphs exceed chunk_max_chars, so none are merged
                sentence = rng.choice(pool)
                if len(para) + len(sentence) > 1350:
                    break
                para = f"{para} {sentence}".strip()
            paras.append(para or rng.choice(pool)[:1350])
        written += len(paras)
        title = f"Syntetisk boligsosial plan {d + 1}"
        (folder / f"syntetisk-{d + 1:05d}.txt").write_text(
            title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8"
        )
    return written


_SERVE_PROBE = """
import json, sys, time
from assistant.service import Planprat
queries = json.loads(sys.stdin.read())
svc = Planprat()
for q in queries[:3]:
    svc.ask(q)
ret, ans = [], []
for q in queries:
    svc.clear_query_cache(); t = time.perf_counter(); svc.search(q); ret.append((time.perf_counter() - t) * 1000)
    svc.clear_query_cache(); t = time.perf_counter(); svc.ask(q); ans.append((time.perf_counter() - t) * 1000)
# VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's peak at fork time.
hwm = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(json.dumps({"retrieval": ret, "answer": ans, "peak_rss_mb": hwm / 1024}))
"""


def serve_probe(settings, queries: list[str]) -> dict[str, Any]:
    """Open the index in a fresh process (as `planprat serve` would) and time real queries there: its peak
    RSS is the serving memory, free of whatever the ingest left in this process."""
    import subprocess
    import sys

    env = dict(
        os.environ, PLANPRAT_DATA_DIR=str(settings.data_dir), PLANPRAT_CORPUS_DIR=str(settings.corpus_dir)
    )
    if settings.chroma_url:
        env["PLANPRAT_CHROMA_URL"] = settings.chroma_url
    out = subprocess.run(
        [sys.executable, "-c", _SERVE_PROBE],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=str(Path(__file__).resolve().parents[1]),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_scale(
    settings, sizes: Sequence[int] = (10_000, 100_000), question_files=None, n_queries: int = 40
) -> dict[str, Any]:
    """For each size: a fresh data dir filled with synthetic chunks through the real pipeline (Chroma,
    catalog, BM25), then real queries through the service; ingest throughput, query p50/p95, peak RSS."""
    from assistant.embed import get_embedder
    from assistant.service import Planprat
    from evals.datasets import load_questions

    real = get_embedder(settings)
    real.embed_query("bolig")
    paths = corpus_paths(settings)
    pool = sentence_pool(paths)
    t0 = time.perf_counter()
    pool_vecs = real.embed_passages(pool)
    pool_secs = time.perf_counter() - t0
    queries = [q.question for q in load_questions(question_files) if not q.history][:n_queries]
    rows = []
    for n in sizes:
        with fresh_settings(settings) as s, tempfile.TemporaryDirectory(prefix="planprat-synth-") as tmp:
            written = write_synthetic_corpus(Path(tmp), pool, n)
            svc = Planprat(s)
            svc._embedder = PooledSentenceEmbedder(real, pool, pool_vecs)  # passages only; queries stay real
            with PeakRSS() as mem_ingest:
                t = time.perf_counter()
                report = svc.ingest([Path(tmp)])
                ingest_secs = time.perf_counter() - t
            del svc
            probe = serve_probe(s, queries)  # a fresh serving process, as `planprat serve` would be
            ret, ans = probe["retrieval"], probe["answer"]
            rows.append(
                {
                    "target_chunks": n,
                    "paragraphs_written": written,
                    "chunks": report.chunks,
                    "ingest_seconds": round(ingest_secs, 1),
                    "ingest_chunks_per_s": round(report.chunks / ingest_secs, 1) if ingest_secs else None,
                    "retrieval": _lat(ret),
                    "retrieve_answer": _lat(ans),
                    "peak_rss_mb_ingest": mem_ingest.peak_mb,
                    "peak_rss_mb_serving": round(probe["peak_rss_mb"], 1),
                    "data_dir_mb": round(_du(Path(s.data_dir)) / 2**20, 1),
                }
            )
    return {
        "sentence_pool": len(pool),
        "pool_embed_seconds": round(pool_secs, 1),
        "sizes": rows,
        "note": (
            "Synthetic chunks recombine real corpus sentences. Vectors: each pool sentence is embedded once "
            "with the real e5 model, and a chunk's vector is the L2-normalised mean of its sentences' real "
            "vectors (embedding 100k chunks for real takes about an hour on 2 cores). Parsing, splitting, "
            "Chroma insert, catalog, BM25 build and all queries (embedded for real) go through the real service. "
            "Query timings and peak_rss_mb_serving come from a fresh process that opens the index, as a server would."
        ),
    }


def _du(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            fp = Path(root) / f
            if not fp.is_symlink():
                try:
                    total += fp.stat().st_size
                except OSError:
                    pass
    return total


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)
