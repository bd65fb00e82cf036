"""Run the gold questions through Planprat's pipelines and score them.

`run_eval(files)` scores the default hybrid pipeline: retrieval (`service.search(question, k=20,
mode=...)`) and the default answerer (`service.ask`, follow-ups with their history). With several
pipelines (`--compare`: lexical, dense, hybrid, llamaindex) it returns {"pipelines": {name: metrics}}
and `write_comparison` writes evals/results/compare.json, compare.md and recall_at_k.png.

Per pipeline:
- retrieval query: the question; for a follow-up, the question condensed with its history exactly as
  `ask` does (`assistant.chat.condense_question`), so every pipeline sees the same standalone query;
- answers: "hybrid" uses `service.ask` (the shipped answerer). "lexical"/"dense" run the same
  extractive answerer over their own hits when `assistant.answer` is importable. "llamaindex" has no
  answerer (no LLM): its answer metrics are null;
- latency: wall-clock per question of what a user of the pipeline waits for, after one warm-up query:
  hybrid = `ask` (it retrieves and answers); lexical/dense = search + answer; llamaindex = retrieval.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals import metrics as M
from evals.datasets import Question, load_questions

log = logging.getLogger(__name__)

PIPELINES = ("lexical", "dense", "hybrid", "llamaindex")
DEPTH = 20  # passages retrieved per question; recall@k is read off this list for k = 1..20
RESULTS_DIR = Path(__file__).parent / "results"


def metric_keys(k: int = 10) -> list[str]:
    """The exact keys of one pipeline's result (k = 10 gives recall@10, mrr@10, ndcg@10)."""
    recall = ["recall@5"] + ([f"recall@{k}"] if k != 5 else [])
    return [
        "n",
        *recall,
        f"mrr@{k}",
        f"ndcg@{k}",
        "abstain_accuracy",
        "false_abstain_rate",
        "citation_precision",
        "citation_precision_judged",
        "citations_unjudged",
        "latency_p50_ms",
        "latency_p95_ms",
    ]


@dataclass
class QuestionResult:
    id: str
    kind: str
    query: str
    ranked: list[str]  # chunk texts, best first
    ranked_ids: list[str]
    abstained: bool | None = None  # None: no answerer
    citations_ok: list[bool] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)  # the cited quotes, in citation order
    sources: list[str] = field(default_factory=list)  # where each quote stands: law § or document › section
    latency_ms: float = 0.0
    retrieval_ms: float = 0.0
    answer_ms: float | None = None
    error: str | None = None


@dataclass
class PipelineResult:
    name: str
    metrics: dict[str, Any]
    recall_curve: list[float | None]
    questions: list[QuestionResult]
    note: str = ""


# -- helpers around the service ------------------------------------------------------------------


def make_condenser() -> Callable[[str, Sequence[dict]], str]:
    """The service's own follow-up condenser; falls back to prefixing the previous user turn."""
    try:
        from assistant.chat import condense_question

        return lambda q, h: condense_question(q, list(h)) if h else q
    except ImportError:  # chat.py not there yet

        def fallback(q: str, h: Sequence[dict]) -> str:
            prev = [t["content"] for t in h if t.get("role") == "user"]
            return f"{prev[-1]} {q}" if prev else q

        return fallback


def _extractive_answerer(settings) -> Callable[[str, list], Any] | None:
    """Answer from a given hit list with the shipped extractive answerer (for lexical/dense rows)."""
    try:
        from assistant.answer import answer_extractive
        from assistant.legal import classify_question
    except ImportError:
        return None
    threshold = getattr(settings, "abstain_threshold", 0.5)

    def answer(query: str, hits: list) -> Any:
        return answer_extractive(query, hits, intent=classify_question(query), abstain_threshold=threshold)

    return answer


def _judge_citations(answer: Any, q: Question, lookup: Callable[[list[str]], dict[str, Any]]) -> list[bool]:
    cits = list(getattr(answer, "citations", ()) or ())
    if not cits:
        return []
    texts = {h.chunk.chunk_id: h.chunk.text for h in (getattr(answer, "hits", ()) or ())}
    missing = [c.chunk_id for c in cits if c.chunk_id not in texts]
    if missing:
        texts.update({cid: ch.text for cid, ch in lookup(missing).items()})
    pairs = [(c.quote, texts.get(c.chunk_id, "")) for c in cits]
    return M.citation_judgements(pairs, q.phrases)


def score(
    name: str,
    results: list[QuestionResult],
    questions: list[Question],
    k: int = 10,
    note: str = "",
    judgements: dict[tuple[str, str], bool] | None = None,
) -> PipelineResult:
    """Aggregate per-question results into the metric dict (see evals/metrics.py for definitions).
    `judgements`: hand judgements of cited quotes (default: evals/judgements/citations.jsonl)."""
    if judgements is None:
        judgements = M.load_judgements()
    by_id = {q.id: q for q in questions}
    ans = [(r, by_id[r.id]) for r in results if by_id[r.id].answerable]
    none = [r for r in results if not by_id[r.id].answerable]
    has_answers = any(r.abstained is not None for r in results)
    lat = [r.latency_ms for r in results if r.error is None]
    m: dict[str, Any] = {"n": len(results)}
    m["recall@5"] = M.mean(M.recall_at_k(r.ranked, q.phrases, 5) for r, q in ans)
    m[f"recall@{k}"] = M.mean(M.recall_at_k(r.ranked, q.phrases, k) for r, q in ans)
    m[f"mrr@{k}"] = M.mean(M.reciprocal_rank(r.ranked, q.phrases, k) for r, q in ans)
    m[f"ndcg@{k}"] = M.mean(M.ndcg_at_k(r.ranked, q.phrases, k) for r, q in ans)
    if has_answers:
        m["abstain_accuracy"] = M.abstain_accuracy([bool(r.abstained) for r in none])
        m["false_abstain_rate"] = M.false_abstain_rate([bool(r.abstained) for r, _ in ans])
        m["citation_precision"] = M.citation_precision(r.citations_ok for r, _ in ans)
        verdicts = [M.judged(judgements, r.id, quote) for r, _ in ans for quote in r.quotes]
        m["citation_precision_judged"] = M.judged_precision(verdicts)
        m["citations_unjudged"] = sum(v is None for v in verdicts)
    else:
        m["abstain_accuracy"] = m["false_abstain_rate"] = m["citation_precision"] = None
        m["citation_precision_judged"] = m["citations_unjudged"] = None
    m["latency_p50_ms"] = _round(M.percentile(lat, 50))
    m["latency_p95_ms"] = _round(M.percentile(lat, 95))
    m = {
        key: (_round(v, 4) if isinstance(v, float) and not key.startswith("latency") else v)
        for key, v in m.items()
    }
    curve = M.recall_curve([r.ranked for r, _ in ans], [q.phrases for _, q in ans], DEPTH)
    errors = [r for r in results if r.error]
    if errors:
        failed = f"{len(errors)} question(s) failed, first {errors[0].id}: {errors[0].error}"
        note = f"{note}; {failed}" if note else failed
    return PipelineResult(name, {key: m[key] for key in metric_keys(k)}, curve, results, note)


def _round(v: float | None, nd: int = 1) -> float | None:
    return None if v is None else round(v, nd)


# -- the runners ---------------------------------------------------------------------------------


def run_service_pipeline(
    service, questions: list[Question], mode: str, k: int = 10, progress: bool = False
) -> PipelineResult:
    """Retrieval with `service.search(mode=mode)`; answers with `service.ask` (hybrid) or the extractive
    answerer over this mode's hits (lexical/dense)."""
    condense = make_condenser()
    depth = max(DEPTH, k)
    answer_from_hits = None if mode == "hybrid" else _extractive_answerer(service.settings)
    lookup = service.catalog.get_chunks
    # warm-up: load model and indexes outside the timings
    service.search("bolig", k=1, mode=mode)
    results = []
    for i, q in enumerate(questions, 1):
        query = condense(q.question, q.history)
        r = QuestionResult(q.id, q.kind, query, [], [])
        try:
            answer = None
            getattr(service, "clear_query_cache", lambda: None)()  # every question is timed cold
            if mode == "hybrid":
                t1 = time.perf_counter()
                answer = service.ask(q.question, history=list(q.history))
                r.answer_ms = (time.perf_counter() - t1) * 1000
            t0 = time.perf_counter()
            hits = service.search(query, k=depth, mode=mode)
            r.retrieval_ms = (time.perf_counter() - t0) * 1000
            r.ranked = [h.chunk.text for h in hits]
            r.ranked_ids = [h.chunk.chunk_id for h in hits]
            if mode != "hybrid" and answer_from_hits is not None:
                t1 = time.perf_counter()
                answer = answer_from_hits(query, hits[: service.settings.top_k])
                r.answer_ms = (time.perf_counter() - t1) * 1000 + r.retrieval_ms
            if answer is not None:
                r.abstained = bool(answer.abstained)
                if q.answerable:
                    r.citations_ok = _judge_citations(answer, q, lookup)
                    cits = list(getattr(answer, "citations", ()) or ())
                    r.quotes = [c.quote for c in cits]
                    r.sources = [
                        c.law_ref or " › ".join(x for x in (c.doc_title, c.section) if x) for c in cits
                    ]
            # `ask` retrieves by itself: for hybrid the user waits for ask alone; otherwise search + answer
            r.latency_ms = r.answer_ms if r.answer_ms is not None else r.retrieval_ms
        except Exception as err:  # one broken question must not sink the run; it is reported
            log.exception("question %s failed in %s", q.id, mode)
            r.error = f"{type(err).__name__}: {err}"
        results.append(r)
        if progress:
            print(f"\r{mode}: {i}/{len(questions)}", end="", flush=True)
    if progress:
        print()
    note = (
        ""
        if (mode == "hybrid" or answer_from_hits)
        else "no extractive answerer importable: answer metrics null"
    )
    return score(mode, results, questions, k, note)


def run_llamaindex_pipeline(
    settings, questions: list[Question], k: int = 10, progress: bool = False, corpus_files=None
) -> PipelineResult:
    """LlamaIndex's default pipeline (SentenceSplitter + VectorStoreIndex + retriever) with the same e5."""
    from evals.baseline_llamaindex import LlamaIndexBaseline

    baseline = LlamaIndexBaseline(settings, files=corpus_files)
    baseline.build(progress=progress)
    condense = make_condenser()
    depth = max(DEPTH, k)
    baseline.retrieve("bolig", 1)  # warm-up
    results = []
    for i, q in enumerate(questions, 1):
        query = condense(q.question, q.history)
        r = QuestionResult(q.id, q.kind, query, [], [])
        t0 = time.perf_counter()
        nodes = baseline.retrieve(query, depth)
        r.retrieval_ms = r.latency_ms = (time.perf_counter() - t0) * 1000
        r.ranked = [n.text for n in nodes]
        r.ranked_ids = [n.node_id for n in nodes]
        results.append(r)
        if progress:
            print(f"\rllamaindex: {i}/{len(questions)}", end="", flush=True)
    if progress:
        print()
    return score("llamaindex", results, questions, k, note="retrieval only (no LLM): answer metrics null")


def evaluate(
    question_files: Sequence[str | Path] | None = None,
    k: int = 10,
    pipelines: Sequence[str] = ("hybrid",),
    settings=None,
    service=None,
    progress: bool = False,
) -> dict[str, PipelineResult]:
    """Run the pipelines on the same questions in this process; full per-question detail."""
    unknown = [p for p in pipelines if p not in PIPELINES]
    if unknown:
        raise ValueError(f"unknown pipeline(s) {unknown}; choose from {list(PIPELINES)}")
    questions = load_questions(question_files)
    if settings is None:
        from planprat.settings import get_settings

        settings = service.settings if service is not None else get_settings()
    if service is None and any(p != "llamaindex" for p in pipelines):
        from assistant.service import Planprat

        service = Planprat(settings)
    out: dict[str, PipelineResult] = {}
    for p in pipelines:
        if p == "llamaindex":
            out[p] = run_llamaindex_pipeline(settings, questions, k, progress)
        else:
            out[p] = run_service_pipeline(service, questions, p, k, progress)
    return out


def run_eval(
    question_files: Sequence[str | Path] | None = None,
    k: int = 10,
    pipelines: Sequence[str] = ("hybrid",),
    settings=None,
    service=None,
    progress: bool = False,
) -> dict:
    """One pipeline: its metric dict (keys: `metric_keys(k)`). Several: {"pipelines": {name: metrics}}."""
    res = evaluate(question_files, k, pipelines, settings, service, progress)
    if len(res) == 1:
        return next(iter(res.values())).metrics
    return {"pipelines": {name: r.metrics for name, r in res.items()}}


# -- reports -------------------------------------------------------------------------------------


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) <= 1.0 else f"{v:.1f}"
    return str(v)


def markdown_table(results: dict[str, PipelineResult], k: int = 10) -> str:
    keys = metric_keys(k)
    lines = ["| pipeline | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for name, r in results.items():
        lines.append(f"| {name} | " + " | ".join(_fmt(r.metrics[key]) for key in keys) + " |")
    notes = [f"- **{name}**: {r.note}" for name, r in results.items() if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def plot_recall(results: dict[str, PipelineResult], path: Path) -> Path:
    """recall@k for k = 1..20, one line per pipeline (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    ks = list(range(1, DEPTH + 1))
    for name, r in results.items():
        ys = [float("nan") if y is None else y for y in r.recall_curve]
        ax.plot(ks, ys, marker="o", markersize=3, label=name)
    ax.set_xlabel("k (passages retrieved)")
    ax.set_ylabel("recall@k (share of evidence phrases found)")
    ax.set_xticks(ks)
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title("Planprat gold set: recall@k per pipeline")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def detail_payload(results: dict[str, PipelineResult], question_files, k: int = 10) -> dict[str, Any]:
    """Metrics, recall curves, per-kind recall and per-question detail (missed phrases, top chunk ids)."""
    files = [str(f) for f in (question_files or ["evals/gold/*.jsonl"])]
    qs = {q.id: q for q in load_questions(question_files)}
    per_question: dict[str, list[dict[str, Any]]] = {}
    for name, r in results.items():
        rows = []
        for qr in r.questions:
            q = qs[qr.id]
            found = M.found_phrases(qr.ranked, q.phrases, 10) if q.answerable else set()
            rows.append(
                {
                    "id": qr.id,
                    "kind": qr.kind,
                    "query": qr.query,
                    "recall@10": round(len(found) / len(q.phrases), 3) if q.answerable else None,
                    "missed@10": [p for i, p in enumerate(q.phrases) if i not in found],
                    "top_ids": qr.ranked_ids[:5],
                    "abstained": qr.abstained,
                    "citations_ok": qr.citations_ok,
                    "latency_ms": round(qr.latency_ms, 1),
                    "error": qr.error,
                }
            )
        per_question[name] = rows
    return {
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "question_files": files,
        "k": k,
        "pipelines": {name: r.metrics for name, r in results.items()},
        "recall_curve": {name: r.recall_curve for name, r in results.items()},
        "notes": {name: r.note for name, r in results.items() if r.note},
        "by_kind_recall@10": {
            name: {
                kind: M.mean(row["recall@10"] for row in rows if row["kind"] == kind)
                for kind in sorted({row["kind"] for row in rows if row["recall@10"] is not None})
            }
            for name, rows in per_question.items()
        },
        "per_question": per_question,
    }


def write_details(
    results: dict[str, PipelineResult], question_files, k: int = 10, path: Path | None = None
) -> Path:
    """Per-question detail of a plain `planprat eval` run (evals/results/last_eval.json), for tuning."""
    path = path or RESULTS_DIR / "last_eval.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(detail_payload(results, question_files, k), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return path


def write_unjudged(
    results: dict[str, PipelineResult], question_files, path: Path | None = None
) -> tuple[Path, int]:
    """The cited quotes no one has judged yet (evals/results/unjudged_citations.jsonl), one per line with
    what a reader needs to judge it; add the verdicts to evals/judgements/citations.jsonl."""
    path = path or RESULTS_DIR / "unjudged_citations.jsonl"
    judgements = M.load_judgements()
    by_id = {q.id: q for q in load_questions(question_files)}
    seen: set[tuple[str, str]] = set()
    lines = []
    for r in (r for res in results.values() for r in res.questions):
        q = by_id[r.id]
        for quote, source in zip(r.quotes, r.sources, strict=False):
            key = (r.id, M.normalize(quote))
            if key in seen or M.judged(judgements, r.id, quote) is not None:
                continue
            seen.add(key)
            row = {"id": r.id, "question": q.question, "history": list(q.history), "source": source}
            lines.append(json.dumps({**row, "quote": quote}, ensure_ascii=False))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path, len(lines)


def write_comparison(
    results: dict[str, PipelineResult], question_files, k: int = 10, out_dir: Path = RESULTS_DIR
) -> dict[str, Path]:
    """Write compare.json (metrics, recall curves, per-question detail), compare.md and recall_at_k.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [str(f) for f in (question_files or ["evals/gold/*.jsonl"])]
    payload = detail_payload(results, question_files, k)
    paths = {
        "json": out_dir / "compare.json",
        "md": out_dir / "compare.md",
        "png": out_dir / "recall_at_k.png",
    }
    paths["json"].write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    kinds = sorted({kd for by in payload["by_kind_recall@10"].values() for kd in by})
    md = [
        "# Planprat: pipeline comparison",
        "",
        f"Questions: {', '.join(files)} (n = {next(iter(results.values())).metrics['n']}), run {payload['created']}.",
        "Metric definitions: evals/README.md. Latency: per question, retrieval + answer "
        "(retrieval only where there is no answerer).",
        "",
        markdown_table(results, k),
        "",
        "recall@10 by question kind:",
        "",
        "| pipeline | " + " | ".join(kinds) + " |",
        "|---|" + "---|" * len(kinds),
        *[
            f"| {name} | "
            + " | ".join(_fmt(payload["by_kind_recall@10"][name].get(kd)) for kd in kinds)
            + " |"
            for name in results
        ],
        "",
        "![recall@k](recall_at_k.png)",
        "",
    ]
    paths["md"].write_text("\n".join(md), encoding="utf-8")
    plot_recall(results, paths["png"])
    return paths
