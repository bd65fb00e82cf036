"""Lexical index: Norwegian tokens, BM25 scores checked against an independent implementation, persistence."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from assistant.lexical import STOPWORDS, LexicalIndex, tokenize

pytestmark = pytest.mark.unit

DOCS = {
    "a": "Kommunen eier 420 kommunale utleieboliger. Utleieboligene tildeles etter søknad.",
    "b": "Barnefamilier som leier bolig privat kan få bostøtte fra Husbanken.",
    "c": "Etter sosialtjenesteloven § 27 skal kommunen finne midlertidig botilbud.",
    "d": "Boligsosialloven § 3-7 regulerer kommunens plikt til å skaffe leieboliger.",
    "e": "Idrettslaget holdt årsmøte og valgte nytt styre for fotballgruppa.",
    "f": "Startlån og tilskudd til etablering gjør det mulig å kjøpe egen bolig.",
}


def reference_bm25(
    docs: dict[str, list[str]], query: list[str], k1: float = 1.5, b: float = 0.75
) -> dict[str, float]:
    """Textbook BM25 with Lucene's idf, ln(1 + (N - df + 0.5) / (df + 0.5)), and tf / (tf + k1 (1 - b + b dl/avgdl))."""
    n = len(docs)
    avgdl = sum(len(t) for t in docs.values()) / n
    df = Counter(term for toks in docs.values() for term in set(toks))
    scores = {}
    for doc_id, toks in docs.items():
        tf = Counter(toks)
        s = 0.0
        for term in query:  # a repeated query term counts each time, as in a Lucene boolean query
            if tf[term] == 0:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            s += idf * tf[term] / (tf[term] + k1 * (1 - b + b * len(toks) / avgdl))
        scores[doc_id] = s
    return scores


def test_tokenize_stems_grams_sections_and_stopwords():
    toks = tokenize("Kommunen og utleieboligene etter § 3-7 og §§ 27 a i loven")
    assert "§3-7" in toks and "§27a" in toks
    assert "og" not in toks and "i" not in toks and "etter" not in toks
    assert "#<utl" in toks and "#leie" in toks and "#ene>" in toks
    assert all(t == t.lower() for t in toks)
    assert (
        tokenize("Boligene") and tokenize("boliger")[0] == tokenize("boligene")[0]
    )  # one stem for the inflections
    assert {"ikkje", "eg", "korleis", "ikke", "jeg", "hvordan"} <= STOPWORDS  # bokmål and nynorsk


def test_compound_query_finds_the_longer_compound():
    ix = LexicalIndex().build(list(DOCS), list(DOCS.values()))
    hits = ix.search("leieboliger", 3)
    assert hits[0][0] in {"a", "d"}
    assert {"a", "d"} <= {cid for cid, _ in hits}


def test_bm25_scores_match_an_independent_implementation():
    ix = LexicalIndex().build(list(DOCS), list(DOCS.values()))
    tokenized = {d: tokenize(t) for d, t in DOCS.items()}
    for query in [
        "kommunale utleieboliger",
        "bostøtte for barnefamilier",
        "sosialtjenesteloven § 27 botilbud",
        "bolig bolig",
    ]:
        expected = reference_bm25(tokenized, tokenize(query))
        got = dict(ix.search(query, len(DOCS)))
        assert set(got) == {d for d, s in expected.items() if s > 0}, query
        for d, s in got.items():
            assert s == pytest.approx(expected[d], rel=1e-4), (query, d)
        ranked = [d for d, _ in ix.search(query, len(DOCS))]
        assert ranked == sorted(got, key=lambda d: -expected[d])


def test_allowed_restricts_results_and_unknown_words_give_nothing():
    ix = LexicalIndex().build(list(DOCS), list(DOCS.values()))
    assert [d for d, _ in ix.search("kommunen", 5, allowed={"c"})] == ["c"]
    assert ix.search("kommunen", 5, allowed={"zzz"}) == []
    assert ix.search("xyzzyq", 5) == []
    assert ix.search("og i på", 5) == []  # only stopwords
    assert LexicalIndex().build([], []).search("bolig", 5) == []


def test_save_and_load_roundtrip_with_stamp(tmp_path):
    ix = LexicalIndex().build(list(DOCS), list(DOCS.values()))
    ix.save(tmp_path / "lex", stamp=7)
    loaded, stamp = LexicalIndex.load(tmp_path / "lex")
    assert stamp == 7
    assert loaded.search("kommunale utleieboliger", 3) == ix.search("kommunale utleieboliger", 3)
    # Saving again replaces the folder atomically and leaves no temporary folders beside it.
    LexicalIndex().build(["x"], ["startlån"]).save(tmp_path / "lex", stamp=8)
    again, stamp = LexicalIndex.load(tmp_path / "lex")
    assert stamp == 8 and [d for d, _ in again.search("startlån", 3)] == ["x"]
    assert (tmp_path / "lex").is_symlink() and len(
        list(tmp_path.glob(".lex-v-*"))
    ) == 1  # old version removed
    LexicalIndex().build([], []).save(tmp_path / "empty", stamp=0)
    assert LexicalIndex.load(tmp_path / "empty")[0].search("bolig", 3) == []


def test_a_small_index_is_read_into_memory_and_a_big_one_memory_mapped(tmp_path, monkeypatch):
    import numpy as np

    import assistant.lexical as lexical

    ix = LexicalIndex().build(list(DOCS), list(DOCS.values()))
    ix.save(tmp_path / "lex", stamp=1)
    small, _ = LexicalIndex.load(tmp_path / "lex")
    assert not isinstance(small._bm25.scores["data"], np.memmap)
    monkeypatch.setattr(lexical, "MMAP_ABOVE", len(DOCS) - 1)
    big, _ = LexicalIndex.load(tmp_path / "lex")
    assert isinstance(big._bm25.scores["data"], np.memmap)
    assert big.search("kommunale utleieboliger", 3) == small.search("kommunale utleieboliger", 3)
