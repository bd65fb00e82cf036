"""Fusion and diversification: the pure parts of hybrid retrieval."""

import pytest

from assistant.retrieve import diversify, keep_heads, matches_filters, rrf_fuse
from planprat.models import Chunk, DocumentMeta, Filters, Hit

pytestmark = pytest.mark.unit


def test_rrf_rewards_agreement_between_retrievers():
    dense = [("a", 0.9), ("b", 0.8), ("c", 0.7)]
    lexical = [("c", 12.0), ("b", 9.0), ("d", 3.0)]
    fused = rrf_fuse({"dense": dense, "lexical": lexical}, {"dense": 1.0, "lexical": 1.0}, k=60)
    order = [cid for cid, _, _ in fused]
    # b: 1/62 + 1/62 = 0.03226 ; c: 1/63 + 1/61 = 0.03227 ; a: 1/61 = 0.01639
    assert order[:2] == ["c", "b"]
    assert order[2] == "a"
    assert fused[0][1] == pytest.approx(1 / 63 + 1 / 61)
    assert fused[0][2] == {"dense": 3, "lexical": 1}


def test_a_passage_only_one_retriever_ranks_first_stays_in_the_top_k():
    lexical = [("only-lexical", 9.0)] + [(f"both-{i}", 1.0) for i in range(6)]
    dense = [(f"both-{i}", 0.9) for i in range(6)]
    fused = [cid for cid, _, _ in rrf_fuse({"lexical": lexical, "dense": dense}, {}, 30)]
    assert fused.index("only-lexical") >= 4  # agreement outweighs one first place
    kept = keep_heads(fused, {"lexical": lexical, "dense": dense}, k=4)
    assert kept.index("only-lexical") == 3 and kept[:3] == fused[:3]
    assert sorted(kept) == sorted(fused)  # nothing lost, nothing added
    assert keep_heads(fused, {"lexical": lexical, "dense": dense}, k=10) == fused  # already in reach


def test_rrf_weights_shift_the_balance():
    dense = [("a", 0.9), ("b", 0.8)]
    lexical = [("b", 5.0), ("a", 4.0)]
    dense_heavy = rrf_fuse({"dense": dense, "lexical": lexical}, {"dense": 2.0, "lexical": 1.0}, k=60)
    lexical_heavy = rrf_fuse({"dense": dense, "lexical": lexical}, {"dense": 1.0, "lexical": 2.0}, k=60)
    assert dense_heavy[0][0] == "a"
    assert lexical_heavy[0][0] == "b"


def _hit(doc: str, i: int) -> Hit:
    meta = DocumentMeta(doc_id=doc, title=doc, source=f"{doc}.txt", kind="plan")
    chunk = Chunk(chunk_id=f"{doc}-{i}", doc_id=doc, text=f"tekst {i}", ordinal=i)
    return Hit(chunk=chunk, doc=meta, score=1.0 / (i + 1), retriever="hybrid")


def test_diversify_spreads_a_list_answer_over_documents():
    hits = (
        [_hit("bodo", i) for i in range(5)] + [_hit("halden", i) for i in range(5, 7)] + [_hit("tromso", 7)]
    )
    top = diversify(hits, k=5, per_doc=2)
    docs = [h.chunk.doc_id for h in top]
    assert docs.count("bodo") == 2
    assert {"halden", "tromso"} <= set(docs)
    assert len(top) == 5


def test_diversify_fills_up_when_few_documents_exist():
    hits = [_hit("bodo", i) for i in range(6)]
    assert len(diversify(hits, k=4, per_doc=2)) == 4


def test_filters_on_kind_municipality_year_and_law():
    plan = DocumentMeta(doc_id="p", title="Plan", source="p.txt", kind="plan", municipality="Bodø", year=2014)
    law = DocumentMeta(doc_id="l", title="Lov", source="l.txt", kind="law", law_short="boligsosialloven")
    norm = {"bsl": "boligsosialloven"}.get
    assert matches_filters(plan, None, Filters(municipalities=("bodø",)), norm)
    assert not matches_filters(plan, None, Filters(municipalities=("Halden",)), norm)
    assert matches_filters(plan, None, Filters(year_from=2010, year_to=2015), norm)
    assert not matches_filters(plan, None, Filters(year_from=2015), norm)
    assert not matches_filters(plan, None, Filters(kinds=("law",)), norm)
    assert matches_filters(law, None, Filters(laws=("bsl",)), norm)
    assert not matches_filters(plan, None, Filters(laws=("bsl",)), norm)


def _retriever(texts: dict[str, str], known_words: set[str], synonyms: bool = True):
    """A retriever over a few chunks with a word-overlap «lexical» search that records its queries."""
    from assistant.retrieve import HybridRetriever, RetrievalContext
    from planprat.settings import Settings

    meta = DocumentMeta(doc_id="husleieloven", title="Husleieloven", source="h.txt", kind="law")
    chunks = {cid: Chunk(cid, "husleieloven", text, i) for i, (cid, text) in enumerate(texts.items())}
    seen: list[str] = []

    def lexical(query, n, allowed):
        seen.append(query)
        words = set(query.lower().replace("?", "").split())
        scored = [(cid, len(words & set(c.text.lower().split()))) for cid, c in chunks.items()]
        return [(cid, float(s)) for cid, s in sorted(scored, key=lambda t: -t[1]) if s > 0][:n]

    ctx = RetrievalContext(
        {"husleieloven": meta},
        {c: "husleieloven" for c in chunks},
        lambda ids: {i: chunks[i] for i in ids},
        {},
    )
    settings = Settings(lexical_synonyms=synonyms)
    retriever = HybridRetriever(
        ctx, lambda q, n, where: [], lexical, settings, known=lambda w: w in known_words
    )
    return retriever, seen


TENANCY = {
    "a": "utleieren kan kreve depositum av leieren",
    "b": "fravikelse og heving av leieavtalen",
}


def test_an_everyday_phrase_gets_the_documents_words_in_the_lexical_query():
    retriever, seen = _retriever(TENANCY, known_words={"utleieren", "kan"})
    hits = retriever.search("kan utleieren kaste meg ut", k=2, mode="lexical")
    assert seen == ["kan utleieren kaste meg ut fravikelse heving utkastelse"]
    assert {h.chunk.chunk_id for h in hits} == {"a", "b"}  # «b» only through «kaste meg ut» → fravikelse
    off, seen_off = _retriever(TENANCY, known_words={"utleieren", "kan"}, synonyms=False)
    assert [h.chunk.chunk_id for h in off.search("kan utleieren kaste meg ut", k=2, mode="lexical")] == ["a"]
    assert seen_off == ["kan utleieren kaste meg ut"]


def test_a_word_the_corpus_uses_is_not_expanded_in_the_lexical_query_but_an_unknown_one_is():
    retriever, seen = _retriever(TENANCY, known_words={"leietaker"})
    retriever.search("oppsigelsesfrist for leietaker", k=2, mode="lexical")
    assert seen == ["oppsigelsesfrist for leietaker"]  # known: «leier» would only add noise
    retriever, seen = _retriever(TENANCY, known_words=set())
    retriever.search("oppsigelsesfrist for leietaker", k=2, mode="lexical")
    assert seen == ["oppsigelsesfrist for leietaker leier"]


def test_a_bokmal_phrase_gets_its_nynorsk_form_in_the_lexical_query_a_single_word_does_not():
    plans = {
        "volda": "ordninga leige til eige vert innført frå 2025",
        "studentar": "eit eige møte om leigemarknaden",
    }
    known = {"hva", "er", "leie", "til", "eie", "ordningen", "i", "volda", "og"}
    retriever, seen = _retriever(plans, known_words=known)
    hits = retriever.search("hva er leie til eie ordningen i volda", k=2, mode="lexical")
    assert seen == ["hva er leie til eie ordningen i volda leige til eige"]
    assert hits[0].chunk.chunk_id == "volda"
    retriever.search("hva er leie og eie", k=2, mode="lexical")
    assert seen[-1] == "hva er leie og eie"  # «leie» alone is not made «leige»: bokmål documents use it


def test_a_bare_paragraph_is_fetched_from_the_laws_that_have_it_when_they_are_few():
    from assistant.retrieve import HybridRetriever, RetrievalContext
    from planprat.settings import Settings

    metas = {
        law: DocumentMeta(doc_id=law, title=law, source=f"{law}.txt", kind="law", law_short=law)
        for law in ("sosialtjenesteloven", "folkehelseloven", "husleieloven")
    }
    chunks = {
        "sotjl-27": Chunk(
            "sotjl-27", "sosialtjenesteloven", "§ 27. Midlertidig botilbud", 0, law="sosialtjenesteloven"
        ),
        "fhl-27": Chunk("fhl-27", "folkehelseloven", "§ 27. Internkontroll", 0, law="folkehelseloven"),
        "hll-3-5": Chunk("hll-3-5", "husleieloven", "§ 3-5. Depositum", 0, law="husleieloven"),
    }
    ctx = RetrievalContext(
        metas,
        {c.chunk_id: c.doc_id for c in chunks.values()},
        lambda ids: {i: chunks[i] for i in ids},
        {
            ("sosialtjenesteloven", "§27"): ["sotjl-27"],
            ("folkehelseloven", "§27"): ["fhl-27"],
            ("husleieloven", "§3-5"): ["hll-3-5"],
        },
    )
    retriever = HybridRetriever(ctx, lambda q, n, where: [], lambda q, n, allowed: [], Settings())
    hits = retriever.search("Hva sier § 27?", k=5)
    assert {h.chunk.chunk_id for h in hits if h.retriever == "legal"} == {"sotjl-27", "fhl-27"}
    hits = retriever.search("Hva sier § 3-5?", k=5)
    assert [h.chunk.chunk_id for h in hits if h.retriever == "legal"] == ["hll-3-5"]


def test_an_appeal_question_takes_the_appeal_provision_of_the_best_ranked_passages_law_only():
    from assistant.retrieve import HybridRetriever, RetrievalContext
    from planprat.settings import Settings

    metas = {
        "bustottelova": DocumentMeta(
            "bustottelova", "Bustøttelova", "b.txt", kind="law", law_short="bustøttelova"
        ),
        "ospedal": DocumentMeta("ospedal", "Retningsliner", "o.md", kind="guideline", municipality="Ospedal"),
    }
    chunks = {
        "b-2": Chunk(
            "b-2", "bustottelova", "§ 2. Kven kan få bustøtte", 0, ("§ 2. Kven",), law="bustottelova"
        ),
        "b-13": Chunk(
            "b-13", "bustottelova", "§ 13. Klage", 0, ("§ 13. Klage på vedtak",), law="bustottelova"
        ),
        "o-5": Chunk("o-5", "ospedal", "Klagefristen er tre veker.", 0, ("Retningsliner", "5. Klage")),
    }
    ctx = RetrievalContext(
        metas,
        {c.chunk_id: c.doc_id for c in chunks.values()},
        lambda ids: {i: chunks[i] for i in ids if i in chunks},
        {("bustottelova", "§2"): ["b-2"], ("bustottelova", "§13"): ["b-13"]},
    )

    def retriever(ranked: list[str]) -> HybridRetriever:
        lexical = lambda q, n, allowed: [(c, 1.0 / (i + 1)) for i, c in enumerate(ranked)]  # noqa: E731
        return HybridRetriever(ctx, lambda q, n, where: [], lexical, Settings())

    # the municipality's own rule ranks first: a law further down says nothing of its appeals
    hits = retriever(["o-5", "b-2"]).search(
        "klagefrist ved avslag på kommunal bustad i Ospedal?", k=3, mode="hybrid"
    )
    assert not any(h.retriever == "legal" for h in hits)
    # a provision ranks first: its law's appeal rule is fetched
    hits = retriever(["b-2", "o-5"]).search("Kan eg klage på vedtaket om bustøtte?", k=3, mode="hybrid")
    assert [h.chunk.chunk_id for h in hits if h.retriever == "legal"] == ["b-13"]


def test_first_in_the_queue_and_a_lease_for_a_year_get_the_documents_words():
    from assistant.synonyms import expand_query

    assert "prioriteres" in expand_query("Det er flere søkere enn ledige boliger – hvem kommer først i køen?")
    assert "tidsbestemt leieavtale" in expand_query("Kan utleier gi meg en leiekontrakt på bare ett år?")
    assert "tidsbestemt" not in expand_query("Hvor lenge gjelder leiekontrakten?")
