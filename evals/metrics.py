"""Retrieval and answer metrics: pure functions over plain lists, no model, no I/O.

Relevance is phrase based (see evals/datasets.py): a question lists evidence phrases; a chunk "finds" a
phrase when its text contains it (lower-cased, whitespace collapsed). Exact definitions:

- found(k)       = the set of phrases contained in at least one of the top-k chunks.
- recall@k       = |found(k)| / |phrases| for one question; the mean over answerable questions.
- mrr@10         = 1 / rank of the first chunk (rank ≤ 10) that contains any phrase, else 0; mean.
- ndcg@10        = DCG / IDCG with binary, novelty-based gains: the chunk at rank i has gain 1 when it
                   contains at least one phrase not contained in any chunk ranked above it, else 0.
                   DCG = Σ_{i≤10} gain_i / log2(i + 1). IDCG = Σ_{i≤min(|phrases|,10)} 1 / log2(i + 1),
                   i.e. the ideal list brings a new phrase at each of its first |phrases| ranks. So a list
                   whose first |phrases| chunks each add a new phrase scores 1; duplicates of an already
                   found phrase earn nothing. (A single chunk that holds several phrases counts once, so
                   multi-phrase questions whose phrases share one passage cannot reach 1.)
- abstain_accuracy   = share of unanswerable ("none") questions whose answer abstained.
- false_abstain_rate = share of answerable questions whose answer abstained.
- citation_precision = over all citations given to answerable questions (pooled, micro-averaged): the
                   share whose quote is verbatim in the cited chunk (normalized) AND whose chunk is
                   relevant to the question (contains ≥ 1 of its phrases). Citations on "none"
                   questions are skipped. None when there were no citations at all.
- citation_precision_judged = the same share, but judged by a reader instead of by gold phrases: a
                   citation counts when its quote itself states (part of) the answer to the question, as
                   judged by hand in evals/judgements/citations.jsonl (question id + quote -> supports).
                   Stricter than citation_precision: a filler sentence from a relevant chunk does not count,
                   and a right passage the gold phrases missed does. Quotes without a judgement are left out
                   and counted in citations_unjudged (judge them, see evals/README.md, before comparing).
- latency p50/p95 = percentiles with linear interpolation between order statistics (numpy's default).
Means over an empty set are None (reported as null), never 0.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from evals.datasets import normalize


def _norm_all(items: Iterable[str]) -> list[str]:
    return [normalize(x) for x in items]


def found_phrases(ranked_texts: Sequence[str], phrases: Sequence[str], k: int) -> set[int]:
    """Indices of `phrases` contained in at least one of the top-k texts."""
    ps = _norm_all(phrases)
    found: set[int] = set()
    for text in ranked_texts[:k]:
        t = normalize(text)
        found.update(i for i, p in enumerate(ps) if p and p in t)
    return found


def recall_at_k(ranked_texts: Sequence[str], phrases: Sequence[str], k: int) -> float:
    """Share of the question's phrases found in the top k. Requires at least one phrase."""
    if not phrases:
        raise ValueError("recall is undefined for a question without relevant phrases")
    return len(found_phrases(ranked_texts, phrases, k)) / len(phrases)


def reciprocal_rank(ranked_texts: Sequence[str], phrases: Sequence[str], k: int = 10) -> float:
    """1/rank of the first of the top-k texts that contains any phrase; 0 when none does."""
    ps = _norm_all(phrases)
    for rank, text in enumerate(ranked_texts[:k], 1):
        t = normalize(text)
        if any(p and p in t for p in ps):
            return 1.0 / rank
    return 0.0


def novelty_gains(ranked_texts: Sequence[str], phrases: Sequence[str], k: int = 10) -> list[int]:
    """Binary gain per rank: 1 when the text adds at least one phrase not found above it."""
    ps = _norm_all(phrases)
    seen: set[int] = set()
    gains = []
    for text in ranked_texts[:k]:
        t = normalize(text)
        hit = {i for i, p in enumerate(ps) if p and p in t}
        gains.append(1 if hit - seen else 0)
        seen |= hit
    return gains


def ndcg_at_k(ranked_texts: Sequence[str], phrases: Sequence[str], k: int = 10) -> float:
    """nDCG@k with novelty gains (module docstring). Requires at least one phrase."""
    if not phrases:
        raise ValueError("nDCG is undefined for a question without relevant phrases")
    dcg = sum(g / math.log2(i + 1) for i, g in enumerate(novelty_gains(ranked_texts, phrases, k), 1))
    idcg = sum(1 / math.log2(i + 1) for i in range(1, min(len(phrases), k) + 1))
    return dcg / idcg


def mean(values: Iterable[float | None]) -> float | None:
    """Arithmetic mean ignoring None; None for an empty input."""
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def abstain_accuracy(abstained_on_none: Sequence[bool]) -> float | None:
    """Share of unanswerable questions answered with an abstention."""
    return mean(1.0 if a else 0.0 for a in abstained_on_none)


def false_abstain_rate(abstained_on_answerable: Sequence[bool]) -> float | None:
    """Share of answerable questions where the answerer abstained."""
    return mean(1.0 if a else 0.0 for a in abstained_on_answerable)


def citation_judgements(citations: Sequence[tuple[str, str]], phrases: Sequence[str]) -> list[bool]:
    """For each (quote, cited chunk text): verbatim in the chunk AND the chunk is relevant."""
    ps = _norm_all(phrases)
    out = []
    for quote, chunk_text in citations:
        t = normalize(chunk_text)
        q = normalize(quote)
        out.append(bool(q) and q in t and any(p and p in t for p in ps))
    return out


def citation_precision(per_question: Iterable[Sequence[bool]]) -> float | None:
    """Pooled share of correct citations over all answerable questions; None when no citations."""
    flat = [ok for judgements in per_question for ok in judgements]
    return sum(flat) / len(flat) if flat else None


JUDGEMENTS = Path(__file__).parent / "judgements" / "citations.jsonl"


def load_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str], bool]:
    """(question id, normalized quote) -> supports, from a JSONL file of {"id", "quote", "supports"}."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[(d["id"], normalize(d["quote"]))] = bool(d["supports"])
    return out


def judged(judgements: dict[tuple[str, str], bool], question_id: str, quote: str) -> bool | None:
    """The hand judgement of one cited quote for one question; None when it was never judged."""
    return judgements.get((question_id, normalize(quote)))


def judged_precision(verdicts: Iterable[bool | None]) -> float | None:
    """Share of supported quotes among the judged ones; None when none was judged."""
    known = [v for v in verdicts if v is not None]
    return sum(known) / len(known) if known else None


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The pct-th percentile (0..100) with linear interpolation; None for no values."""
    if not values:
        return None
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile must be within 0..100, got {pct}")
    xs = sorted(values)
    pos = (len(xs) - 1) * pct / 100  # e.g. 4 values, p95: 3 * 0.95 = 2.85 -> x[2] + 0.85 (x[3] - x[2])
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def recall_curve(
    per_question_ranked: Sequence[Sequence[str]],
    per_question_phrases: Sequence[Sequence[str]],
    max_k: int = 20,
) -> list[float | None]:
    """Mean recall@k for k = 1..max_k over answerable questions (those with phrases)."""
    pairs = [(r, p) for r, p in zip(per_question_ranked, per_question_phrases, strict=True) if p]
    return [mean(recall_at_k(r, p, k) for r, p in pairs) for k in range(1, max_k + 1)]
