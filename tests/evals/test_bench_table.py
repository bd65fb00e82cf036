"""The benchmark tables print what the benchmarks measured."""

from __future__ import annotations

import pytest

from evals.cli import SCALE_COLUMNS, scale_row

pytestmark = pytest.mark.unit


def test_a_bench_scale_row_shows_ingest_and_serving_memory_apart():
    row = {
        "target_chunks": 10000,
        "paragraphs_written": 2100,
        "chunks": 10012,
        "ingest_seconds": 44.0,
        "ingest_chunks_per_s": 227.5,
        "retrieval": {"p50_ms": 30.9, "p95_ms": 43.3},
        "retrieve_answer": {"p50_ms": 33.0, "p95_ms": 47.1},
        "peak_rss_mb_ingest": 2480.2,
        "peak_rss_mb_serving": 1450.4,
        "data_dir_mb": 310.0,
    }
    cells = dict(zip(SCALE_COLUMNS, scale_row(row), strict=True))
    assert cells["chunks"] == "10012"
    assert cells["retrieval p50/p95 ms"] == "30.9 / 43.3"
    assert (cells["ingest peak RSS MB"], cells["serving RSS MB"]) == ("2480.2", "1450.4")
