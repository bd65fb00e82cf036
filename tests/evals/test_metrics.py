"""Metrics against values worked out by hand."""

from __future__ import annotations

import json
import math

import pytest

from evals.metrics import (
    abstain_accuracy,
    citation_judgements,
    citation_precision,
    false_abstain_rate,
    mean,
    ndcg_at_k,
    novelty_gains,
    percentile,
    recall_at_k,
    recall_curve,
    reciprocal_rank,
)

pytestmark = pytest.mark.unit

PHRASES = ["trygt å bo", "en dør inn", "bo-oppfølging"]
RANKED = [
    "Ingenting her.",  # 1: no phrase
    "Visjon: TRYGT å\nbo for alle.",  # 2: phrase 0 (new)
    "Trygt å bo, igjen.",  # 3: phrase 0 again (not new)
    "Prosjektet En dør inn og mer bo-oppfølging.",  # 4: phrases 1 and 2 (new)
    "Annet.",  # 5
]


def test_recall_at_k_by_hand():
    assert recall_at_k(RANKED, PHRASES, 1) == 0.0
    assert recall_at_k(RANKED, PHRASES, 2) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, PHRASES, 3) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, PHRASES, 4) == 1.0
    assert recall_at_k(RANKED, PHRASES, 10) == 1.0  # k beyond the list is fine
    with pytest.raises(ValueError):
        recall_at_k(RANKED, [], 5)


def test_reciprocal_rank_by_hand():
    assert reciprocal_rank(RANKED, PHRASES) == 0.5  # first relevant at rank 2
    assert reciprocal_rank(RANKED, ["bo-oppfølging"]) == 0.25
    assert reciprocal_rank(RANKED, ["bo-oppfølging"], k=3) == 0.0
    assert reciprocal_rank(RANKED, ["finnes ikke"]) == 0.0


def test_ndcg_novelty_gains_by_hand():
    assert novelty_gains(RANKED, PHRASES) == [0, 1, 0, 1, 0]
    # DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161
    # IDCG (3 phrases) = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.63093 + 0.5 = 2.13093
    assert ndcg_at_k(RANKED, PHRASES) == pytest.approx(1.061606 / 2.130930, abs=1e-5)
    assert ndcg_at_k(RANKED, PHRASES) == pytest.approx(0.498187, abs=1e-5)


def test_ndcg_perfect_and_single_phrase():
    perfect = ["trygt å bo", "en dør inn", "bo-oppfølging", "x"]
    assert ndcg_at_k(perfect, PHRASES) == pytest.approx(1.0)
    # one phrase found at rank 3: (1/log2(4)) / 1 = 0.5
    assert ndcg_at_k(["a", "b", "En dør inn"], ["en dør inn"]) == pytest.approx(0.5)
    # cutoff: phrase at rank 11 does not count
    assert ndcg_at_k(["a"] * 10 + ["en dør inn"], ["en dør inn"]) == 0.0
    assert math.isclose(ndcg_at_k([], ["x"]), 0.0)


def test_judged_precision_counts_only_judged_quotes(tmp_path):
    from evals.metrics import judged, judged_precision, load_judgements

    path = tmp_path / "citations.jsonl"
    path.write_text(
        '{"id": "q1", "quote": "Depositum kan ikke  overstige seks måneders leie.", "supports": true}\n'
        '{"id": "q1", "quote": "Utleieren dekker kostnadene.", "supports": false}\n',
        encoding="utf-8",
    )
    verdicts = load_judgements(path)
    # whitespace and case do not matter; the question does: the same quote for q2 was never judged
    assert judged(verdicts, "q1", "depositum kan ikke overstige seks måneders leie.") is True
    assert judged(verdicts, "q1", "Utleieren dekker kostnadene.") is False
    assert judged(verdicts, "q2", "Utleieren dekker kostnadene.") is None
    assert judged_precision([True, False, None, True]) == pytest.approx(2 / 3)
    assert judged_precision([None]) is None
    assert load_judgements(tmp_path / "missing.jsonl") == {}


def test_abstention_metrics():
    assert abstain_accuracy([True, True, False, True]) == 0.75
    assert false_abstain_rate([False, False, True, False, False]) == 0.2
    assert abstain_accuracy([]) is None


def test_citation_precision_by_hand():
    chunk_rel = "Kommunen er forpliktet til å finne midlertidig botilbud for dem som ikke klarer det selv."
    chunk_irr = "Depositum kan ikke overstige seks måneders leie."
    phrases = ["forpliktet til å finne midlertidig botilbud"]
    judged = citation_judgements(
        [
            ("finne midlertidig  botilbud for dem", chunk_rel),  # verbatim (whitespace) + relevant -> ok
            ("seks måneders leie", chunk_irr),  # verbatim, chunk not relevant -> wrong
            ("kommunen skal skaffe bolig", chunk_rel),  # relevant chunk, quote not verbatim -> wrong
            ("", chunk_rel),  # empty quote -> wrong
        ],
        phrases,
    )
    assert judged == [True, False, False, False]
    # pooled over questions: 1 + 2 correct out of 4 + 2 citations = 3/6
    assert citation_precision([judged, [True, True]]) == 0.5
    assert citation_precision([[], []]) is None


def test_percentiles_by_hand():
    xs = [10.0, 20.0, 30.0, 40.0]
    assert percentile(xs, 50) == 25.0  # pos 1.5 -> 20 + 0.5 * 10
    assert percentile(xs, 95) == pytest.approx(38.5)  # pos 2.85 -> 30 + 0.85 * 10
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0], 0) == 1.0 and percentile([3.0, 1.0, 2.0], 100) == 3.0


def test_recall_curve_and_mean():
    ranked = [RANKED, ["x", "en dør inn"], ["ignored"]]
    phrases = [PHRASES, ["en dør inn"], []]  # the third (unanswerable) is skipped
    curve = recall_curve(ranked, phrases, max_k=4)
    # k=1: (0 + 0)/2; k=2: (1/3 + 1)/2; k=3: same; k=4: (1 + 1)/2
    assert curve == pytest.approx([0.0, 2 / 3, 2 / 3, 1.0])
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([]) is None


# ---------------------------------------------------------------- run_eval plumbing with a fake service

from types import SimpleNamespace  # noqa: E402

from planprat.models import Answer, Chunk, Citation, DocumentMeta, Hit  # noqa: E402


class FakeService:
    """Three chunks; search returns them in a fixed order; ask abstains on «Ålesund»."""

    def __init__(self):
        self.settings = SimpleNamespace(top_k=3, abstain_threshold=0.5)
        meta = DocumentMeta(doc_id="d", title="D", source="d.txt")
        texts = ["Trygt å bo for alle!", "NAV har ansvar for å fremskaffe midlertidig bolig.", "Annet."]
        self.chunks = [Chunk(chunk_id=f"c{i}", doc_id="d", text=t, ordinal=i) for i, t in enumerate(texts)]
        self.hits = [Hit(chunk=c, doc=meta, score=1.0, retriever="hybrid") for c in self.chunks]
        self.catalog = SimpleNamespace(
            get_chunks=lambda ids: {c.chunk_id: c for c in self.chunks if c.chunk_id in ids}
        )
        self.asked = []

    def search(self, query, k=None, filters=None, mode="hybrid"):
        return self.hits[:k]

    def ask(self, question, filters=None, history=()):
        self.asked.append((question, tuple(h["role"] for h in history)))
        if "Ålesund" in question:
            return Answer(text="Fant ikke.", citations=(), abstained=True)
        cit = Citation(1, "c0", "d", "D", "plan", None, "", None, None, quote="trygt å bo")
        bad = Citation(2, "c2", "d", "D", "plan", None, "", None, None, quote="Annet")
        return Answer(text="Trygt [1] [2]", citations=(cit, bad), abstained=False, hits=tuple(self.hits))


def test_run_eval_with_fake_service(tmp_path):
    from evals.run import metric_keys, run_eval

    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        '{"id": "a", "question": "Visjon?", "relevant": [{"contains": "trygt å bo"}], "kind": "fact"}\n'
        '{"id": "b", "question": "Og NAV?", "relevant": [{"contains": "midlertidig bolig"}, {"contains": "finnes ikke"}],'
        ' "kind": "legal", "history": [{"role": "user", "content": "Halden?"}, {"role": "assistant", "content": "Ja [1]."}]}\n'
        '{"id": "c", "question": "Ålesund?", "relevant": [], "kind": "none"}\n',
        encoding="utf-8",
    )
    svc = FakeService()
    m = run_eval([qfile], service=svc, settings=svc.settings)
    assert list(m) == metric_keys(10)
    assert m["n"] == 3
    assert m["recall@5"] == pytest.approx((1 + 0.5) / 2)
    assert m["mrr@10"] == pytest.approx((1 + 0.5) / 2)
    assert m["abstain_accuracy"] == 1.0 and m["false_abstain_rate"] == 0.0
    # question a: c0 verbatim + relevant (ok), c2 not relevant; question b: neither chunk relevant -> 1 of 4
    assert m["citation_precision"] == 0.25
    # no reader has judged these made-up quotes: the judged precision waits for them
    assert m["citation_precision_judged"] is None and m["citations_unjudged"] == 4
    assert m["latency_p50_ms"] is not None
    assert ("Og NAV?", ("user", "assistant")) in svc.asked  # follow-up passed its history


def _answerable_and_not(tmp_path):
    """A gold file of one answerable question («Visjon?») and one the documents cannot answer («Ålesund?»)."""
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        '{"id": "a", "question": "Visjon?", "relevant": [{"contains": "trygt å bo"}], "kind": "fact"}\n'
        '{"id": "c", "question": "Ålesund?", "relevant": [], "kind": "none"}\n',
        encoding="utf-8",
    )
    return qfile


def test_unjudged_quotes_are_listed_for_a_reader(tmp_path):
    from evals.run import evaluate, write_unjudged

    qfile = _answerable_and_not(tmp_path)
    svc = FakeService()
    res = evaluate([qfile], service=svc, settings=svc.settings)
    path, n = write_unjudged(res, [qfile], path=tmp_path / "unjudged.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == 2 and [r["quote"] for r in rows] == ["trygt å bo", "Annet"]
    assert rows[0]["id"] == "a" and rows[0]["question"] == "Visjon?" and rows[0]["source"] == "D"


def test_compare_report_files(tmp_path):
    from evals.run import evaluate, write_comparison

    qfile = _answerable_and_not(tmp_path)
    svc = FakeService()
    res = evaluate([qfile], pipelines=("lexical", "hybrid"), service=svc, settings=svc.settings)
    paths = write_comparison(res, [qfile], out_dir=tmp_path / "out")
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert set(data["pipelines"]) == {"lexical", "hybrid"}
    assert data["recall_curve"]["hybrid"][0] == 1.0  # phrase in the first chunk
    assert "| hybrid |" in paths["md"].read_text(encoding="utf-8")
