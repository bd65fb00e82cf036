"""Comparing municipalities on the real corpus, with a BM25-only stand-in for the Planprat service."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

import pytest

from planprat.models import Filters, Hit

ROOT = Path(__file__).resolve().parents[2]
HEADLINE = "Hvilke tiltak har kommunene mot mangel på utleieboliger?"


class LexicalService:
    """Planprat's reading API (search, documents, document, municipalities) over the corpus files, BM25 only."""

    def __init__(self, corpus_dir: Path = ROOT / "corpus"):
        from assistant.checkrefs import load_corpus
        from assistant.lexical import LexicalIndex

        metas, chunks = load_corpus(corpus_dir)
        self.metas = {m.doc_id: m for m in metas}
        self.chunks = {c.chunk_id: c for c in chunks}
        self.index = LexicalIndex().build(list(self.chunks), [c.text for c in self.chunks.values()])

    def documents(self):
        return list(self.metas.values())

    def document(self, doc_id):
        return self.metas[doc_id], sorted(
            (c for c in self.chunks.values() if c.doc_id == doc_id), key=lambda c: c.ordinal
        )

    def municipalities(self):
        return sorted({m.municipality for m in self.metas.values() if m.municipality})

    def search(self, query, k=8, filters=None, mode="lexical"):
        f = filters or Filters()
        allowed = {
            cid
            for cid, c in self.chunks.items()
            if (not f.kinds or self.metas[c.doc_id].kind in f.kinds)
            and (not f.municipalities or self.metas[c.doc_id].municipality in f.municipalities)
        }
        return [
            Hit(self.chunks[cid], self.metas[self.chunks[cid].doc_id], s, "lexical")
            for cid, s in self.index.search(query, k, allowed)
        ]


@lru_cache(maxsize=1)
def lexical_service() -> LexicalService:
    return LexicalService()


@pytest.mark.unit
def test_headline_case_two_municipalities_verbatim_citations():
    from assistant.compare import compare

    svc = lexical_service()
    result = compare(svc, HEADLINE)
    assert len(result.municipalities) >= 2
    for row in result.rows:
        chunk = svc.chunks[row.citation.chunk_id]
        assert row.measure == row.citation.quote
        assert row.citation.quote in chunk.text  # verbatim
        assert svc.metas[chunk.doc_id].municipality == row.municipality
    assert len({r.citation.n for r in result.rows}) == len(result.rows)  # one citation per row
    # Indre Østfold's measure: working with private developers on rental housing
    assert any("private utbyggere" in r.measure and "private aktører" in r.actors for r in result.rows)


@pytest.mark.unit
def test_extraction_regexes():
    from assistant.compare import extract_actors, extract_amounts, extract_years, terms

    s = "Låneopptak av startlån for året 2013 settes til kr. 60.000.000.(2012 kr. 40.000.000) via Husbanken og NAV."
    assert extract_years(s) == ["2013", "2012"]
    assert extract_amounts(s) == ["kr. 60.000.000", "kr. 40.000.000"]
    assert extract_amounts("tilskudd på 2,5 mill. kr og 3 millioner") == ["2,5 mill. kr", "3 millioner"]
    assert extract_actors(s) == ["NAV", "Husbanken"]
    assert "Enhet for eiendom" in extract_actors("Ansvar: Enhet for eiendom og boligkontoret")
    assert "boligkontoret" in extract_actors("Ansvar: Enhet for eiendom og boligkontoret")
    assert terms(HEADLINE)[:2] == ["utleie", "bolig"]


@pytest.mark.unit
def test_exports():
    from assistant.compare import compare, comparison_csv, comparison_markdown

    result = compare(lexical_service(), HEADLINE)
    rows = list(csv.reader(io.StringIO(comparison_csv(result))))
    assert rows[0][:5] == ["kommune", "tiltak", "aktør", "år", "beløp"] and len(rows) == len(result.rows) + 1
    md = comparison_markdown(result)
    assert md.count("\n| ") >= len(result.rows) + 1 and "**Kilder**" in md
    d = result.to_dict()
    assert d["rows"][0]["citation"]["chunk_id"] and d["municipalities"] == result.municipalities


@pytest.mark.unit
def test_api_compare_json_csv_markdown():
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from api.routes import extras
    from planprat.settings import Settings

    app = FastAPI()
    app.state.service = lexical_service()
    app.state.settings = Settings(read_key=None)
    app.include_router(extras.router)
    client = TestClient(app)
    r = client.post("/api/compare", json={"question": HEADLINE})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["municipalities"]) >= 2 and body["rows"][0]["citation"]["quote"]
    c = client.post("/api/compare", json={"question": HEADLINE, "format": "csv"})
    assert c.headers["content-type"].startswith("text/csv") and c.text.startswith("kommune,tiltak")
    m = client.post("/api/compare", json={"question": HEADLINE, "format": "md"})
    assert "| Kommune | Tiltak (sitat) |" in m.text
    assert client.post("/api/compare", json={"question": HEADLINE, "format": "xls"}).status_code == 422


@pytest.mark.integration
@pytest.mark.slow
def test_headline_on_the_real_index(corpus_service):
    from assistant.compare import compare

    result = compare(corpus_service, HEADLINE)
    assert len(result.municipalities) >= 2
    for row in result.rows:
        _, chunks = corpus_service.document(row.citation.doc_id)
        chunk = next(c for c in chunks if c.chunk_id == row.citation.chunk_id)
        assert row.measure == row.citation.quote and row.measure in chunk.text
    assert any("private utbyggere" in r.measure for r in result.rows)
    assert not any("§" in r.measure for r in result.rows)


@pytest.mark.unit
def test_cli_lists_the_planner_commands_with_help():
    from typer.testing import CliRunner

    from planprat.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["--help"]).output
    for name in ("draft", "compare", "check-refs", "duties"):
        assert name in out
    for name, words in (
        ("draft", "--municipality"),
        ("compare", "--format"),
        ("check-refs", "--year"),
        ("duties", "--bound"),
    ):
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0 and words in res.output, name
