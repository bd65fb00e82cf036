"""Hybrid retrieval: dense (Chroma) + lexical (BM25 on stems and 4-grams), fused by weighted reciprocal rank.

Direct legal references («sotjl. § 27») are resolved first and ranked above everything else.
List questions get results spread over documents instead of five chunks of one plan.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.legal import APPEAL
from planprat.models import Chunk, DocumentMeta, Filters, Hit

log = logging.getLogger(__name__)

Ranking = list[tuple[str, float]]  # (chunk_id, retriever score), best first
HEAD_GUARANTEE = (
    1  # each ranking's first result stays among the top k after fusion (2: recall@10 0.863 -> 0.859)
)


def rrf_fuse(
    rankings: dict[str, Ranking], weights: dict[str, float], k: int = 60
) -> list[tuple[str, float, dict[str, int]]]:
    """Weighted reciprocal rank fusion: score(d) = sum_r w_r / (k + rank_r(d)), ranks 1-based."""
    scores: dict[str, float] = defaultdict(float)
    ranks: dict[str, dict[str, int]] = defaultdict(dict)
    for name, ranking in rankings.items():
        w = weights.get(name, 1.0)
        for rank, (cid, _score) in enumerate(ranking, 1):
            scores[cid] += w / (k + rank)
            ranks[cid][name] = rank
    fused = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(cid, s, ranks[cid]) for cid, s in fused]


def keep_heads(ids: list[str], rankings: dict[str, Ranking], k: int, n: int = HEAD_GUARANTEE) -> list[str]:
    """`ids` with each ranking's first `n` moved into the top k. Fusion favours what both rankings found:
    a passage only one of them ranks first (boligsosialloven § 6 for «forebygge utkastelser», which the
    dense ranking misses) would otherwise fall out of the answer's reach."""
    out = list(ids)
    for cid in dict.fromkeys(cid for r in rankings.values() for cid, _ in r[:n]):
        if cid in out and out.index(cid) >= k:
            out.remove(cid)
            out.insert(k - 1, cid)
    return out


def diversify(hits: list[Hit], k: int, per_doc: int = 2) -> list[Hit]:
    """Keep ranking order but allow at most `per_doc` hits per document until k are chosen; then fill up."""
    chosen: list[Hit] = []
    counts: dict[str, int] = defaultdict(int)
    rest: list[Hit] = []
    for h in hits:
        if counts[h.chunk.doc_id] < per_doc:
            chosen.append(h)
            counts[h.chunk.doc_id] += 1
        else:
            rest.append(h)
        if len(chosen) >= k:
            return chosen
    return (chosen + rest)[:k]


def matches_filters(
    meta: DocumentMeta, chunk: Chunk | None, f: Filters, normalize_law: Callable[[str], str | None]
) -> bool:
    if f.kinds and meta.kind not in f.kinds:
        return False
    if f.municipalities:
        wanted = {m.casefold() for m in f.municipalities}
        if not meta.municipality or meta.municipality.casefold() not in wanted:
            return False
    if f.doc_ids and meta.doc_id not in f.doc_ids:
        return False
    if f.year_from and (meta.year is None or meta.year < f.year_from):
        return False
    if f.year_to and (meta.year is None or meta.year > f.year_to):
        return False
    if f.laws:
        wanted_laws = {normalize_law(x) or x.casefold() for x in f.laws}
        if (meta.law_short or "") not in wanted_laws:
            return False
    return True


# The law whose purpose a question means when it names the scheme, not the law («hensikten med bostøtten»).
_TOPIC_LAWS = (
    ("bostøtt", "bustøttelova"),
    ("bustøtt", "bustøttelova"),
    ("sosialhjelp", "sosialtjenesteloven"),
    ("folkehels", "folkehelseloven"),
    ("husbank", "husbankloven"),
)


# «Kan jeg klage?», «Hvordan klager jeg på vedtaket?»: the law's appeal provision is looked up directly.
_APPEAL_HEAD = re.compile(r"§[^.]*\.\s*(?:Klage|Klagerett|Klageinstans)\b", re.I)

# A bare «§ 27» is looked up in every law that has it when at most this many do.
AMBIGUOUS_MAX = 3


@dataclass
class RetrievalContext:
    """Everything retrieval reads; the service swaps it atomically after an ingest."""

    metas: dict[str, DocumentMeta]  # doc_id -> meta (committed documents only)
    chunk_doc: dict[str, str]  # chunk_id -> doc_id (committed chunks only)
    get_chunks: Callable[[Iterable[str]], dict[str, Chunk]]
    law_chunks: dict[tuple[str, str], list[str]]  # (law, paragraph_key "§27") -> chunk ids in order
    # what is derived from the snapshot on first use and kept with it («headings», «purposes»)
    derived: dict[str, Any] = field(default_factory=dict)


class HybridRetriever:
    """Dense + lexical + legal lookup over one consistent snapshot of the index."""

    def __init__(
        self, ctx: RetrievalContext, dense_search, lexical_search, settings, reranker=None, known=None
    ):
        # dense_search(query, n, where) -> Ranking ; lexical_search(query, n, allowed) -> Ranking
        # known(word) -> whether the lexical index holds the word (which words get the documents' words)
        self.known = known
        self.ctx = ctx
        self.dense_search = dense_search
        self.lexical_search = lexical_search
        self.settings = settings
        self.reranker = reranker

    # -- pieces -----------------------------------------------------------------------------
    def _allowed(self, filters: Filters) -> set[str] | None:
        if filters.is_empty():
            return None
        from assistant.legal import normalize_law

        docs = {d for d, m in self.ctx.metas.items() if matches_filters(m, None, filters, normalize_law)}
        return {cid for cid, d in self.ctx.chunk_doc.items() if d in docs}

    def _legal(self, query: str, filters: Filters) -> list[str]:
        from assistant.legal import (
            asks_purpose,
            chapter_refs,
            defined_term,
            implied_refs,
            laws_with,
            paragraph_key,
            parse_refs,
            replacements,
        )

        default_law = None
        if len(filters.laws) == 1:
            from assistant.legal import normalize_law

            default_law = normalize_law(filters.laws[0])
        ids: list[str] = []
        asked = parse_refs(query, default_law=default_law)
        for ref in [*asked, *replacements(asked), *implied_refs(query)]:
            key = paragraph_key(ref.paragraph)
            # A bare «§ 27» is fetched from each law that has one, when few do (sosialtjenesteloven and
            # folkehelseloven); the answer says which it quotes. «§ 6» is in a dozen: left to the search.
            laws = [ref.law] if ref.law else laws_with(self.ctx.law_chunks, key)
            for law in laws if len(laws) <= AMBIGUOUS_MAX else ():
                self._fetch(ref, law, key, ids)
        for law, n in chapter_refs(query, default_law):  # «husleieloven kapittel 9»: its provisions in order
            ids.extend(c for c in self._chapter(law, n) if c not in ids)
        term = defined_term(query)
        if not ids and asks_purpose(query):
            ids = self._purpose_provisions(query, default_law)
        elif not ids and term and any(term.casefold().startswith(stem) for stem, _ in _TOPIC_LAWS):
            # «Hva er bostøtte?» is answered by what the scheme is for, as «Hva er formålet med bostøtte?» is
            # («Kva er inntektsgrensa for bustøtte?» asks about something else)
            ids = self._purpose_provisions(term, default_law)
        return ids

    def _appeal(self, query: str, fused: list) -> list[str]:
        """«Kan jeg klage?»: the appeal provision («§ 47. Klage over kommunens vedtak») of the law the question
        names, or else of the law of the best-ranked passage, when that is a provision (when it is a
        municipality's own rule, «5. Klage» of its guidelines for «klagefrist ved avslag på kommunal bolig i
        Ospedal», a law further down is no better guess than any other)."""
        from assistant.legal import laws_mentioned

        laws = laws_mentioned(query)
        if not laws and fused:
            top = self.ctx.get_chunks([fused[0][0]]).get(fused[0][0])
            laws = [top.law] if top is not None and top.law else []
        out: list[str] = []
        for law in laws:
            firsts = [ids[0] for (lw, _), ids in self.ctx.law_chunks.items() if lw == law and ids]
            chunks = self.ctx.get_chunks(firsts)
            out += [
                c
                for c in firsts
                if c in chunks and _APPEAL_HEAD.search(chunks[c].section[-1] if chunks[c].section else "")
            ]
        return out[:2]

    def _chapter(self, law: str, n: int) -> list[str]:
        """The first chunk of each provision in chapter `n` of `law`, in the law's order."""
        from assistant.legal import in_chapter, paragraph_order

        keys = sorted((k for lw, k in self.ctx.law_chunks if lw == law), key=paragraph_order)
        firsts = [self.ctx.law_chunks[(law, k)][0] for k in keys if self.ctx.law_chunks[(law, k)]]
        chunks = self.ctx.get_chunks(firsts)
        return [c for c in firsts if c in chunks and in_chapter(n, chunks[c].section)]

    def _fetch(self, ref, law: str, key: str, ids: list[str]) -> None:
        """The chunks of `law`'s provision `key`, the piece holding the asked ledd first."""
        from assistant.legal import ORDINALS

        found = self.ctx.law_chunks.get((law, key), [])
        if ref.ledd and len(found) > 1:
            # A § split by ledd: prefer the piece that holds the asked ledd.
            chunks = self.ctx.get_chunks(found)
            word = ORDINALS.get(ref.ledd, "")
            first = [c for c in found if word and word in (chunks[c].law_ref or "")]
            found = first + [c for c in found if c not in first]
        ids.extend(c for c in found if c not in ids)

    def _purpose_provisions(self, query: str, default_law: str | None) -> list[str]:
        """«Hva er formålet med husleieloven?»: the named law's purpose provision (§ 1, § 1-1 or § 1-2
        «Formål», or what the law gives as its tasks: husbankloven § 1 «Oppgåver»)."""
        from assistant.legal import laws_mentioned

        out: list[str] = []
        words = re.findall(r"[^\W\d_]+", query.casefold())
        topical = [law for stem, law in _TOPIC_LAWS if any(w.startswith(stem) for w in words)]
        for law in laws_mentioned(query) or ([default_law] if default_law else []) or topical:
            for key in ("§1", "§1-1", "§1-2"):
                found = self.ctx.law_chunks.get((law, key), [])
                chunks = self.ctx.get_chunks(found) if found else {}
                heads = [chunks[c].section[-1].casefold() for c in found if c in chunks and chunks[c].section]
                if any(re.search(r"formål|føremål|oppgåver|oppgaver", h) for h in heads):
                    out.extend(c for c in found if c not in out)
                    break
        if not out and not default_law and not laws_mentioned(query):
            out = self._scheme_purpose(query)
        return out

    def _scheme_purpose(self, query: str) -> list[str]:
        """«Hva er startlånet ment å hjelpe folk med?»: the purpose provision of the chapter or regulation on
        the scheme asked about, found by its name in the chapter's heading or at the start of the provision
        («Kapittel 5. Startlån › § 5-1. Formålet med lånet»: «Startlån skal bidra til …»)."""
        from assistant.answer import content_words

        stems = [w[: max(5, len(w) - 2)] for w in content_words(query) if len(w) >= 5]
        if not stems:
            return []
        out = [
            cid
            for cid, named in self._purposes()
            if any(re.search(rf"\b{re.escape(s)}", named) for s in stems)
        ]
        return out[:2]

    def _purposes(self) -> list[tuple[str, str]]:
        """(chunk_id, what names its scheme: the chapter's heading and the provision's first words) of every
        purpose provision that opens a law or a chapter; read once per snapshot."""
        found = self.ctx.derived.get("purposes")
        if found is None:
            firsts = [
                ids[0]
                for (_, key), ids in self.ctx.law_chunks.items()
                if ids and re.fullmatch(r"§\d+(-1)?", key)
            ]
            chunks = self.ctx.get_chunks(firsts)
            found = []
            for cid in firsts:
                c = chunks.get(cid)
                if c is None or not c.section or not re.search(r"formål|føremål", c.section[-1], re.I):
                    continue
                body = c.text.split("\n", 1)[-1].strip()[:40]
                found.append((cid, " ".join([*c.section[:-1], body]).casefold()))
            self.ctx.derived["purposes"] = found
        return found

    # -- search -----------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int,
        filters: Filters | None = None,
        mode: str = "hybrid",
        diversify_docs: bool = False,
        lexical_extra: str = "",
    ) -> list[Hit]:
        """`lexical_extra`: words added to the lexical query only (the dense query keeps the question's own
        text, whose embedding is cached)."""
        filters = filters or Filters()
        n = max(self.settings.candidates, k)
        allowed = self._allowed(filters)
        if allowed is not None and not allowed:
            return []
        from assistant.synonyms import expand_query, missing_words

        expanded = expand_query(query)  # everyday and nynorsk words get the documents' words added
        rankings: dict[str, Ranking] = {}
        if mode in ("hybrid", "dense"):
            dense = self.dense_search(expanded, n if allowed is None else n * 3, None)
            rankings["dense"] = [
                (c, s) for c, s in dense if c in self.ctx.chunk_doc and (allowed is None or c in allowed)
            ][:n]
        if mode in ("hybrid", "lexical"):
            # The documents' words are added to the lexical query only for what the question's own words
            # cannot match (everyday phrases, words the corpus never uses); for every word, they lowered recall.
            extra = missing_words(query, self.known) if self.known and self.settings.lexical_synonyms else ""
            extra = f"{extra} {lexical_extra}".strip()
            rankings["lexical"] = [
                (c, s)
                for c, s in self.lexical_search(f"{query} {extra}" if extra else query, n, allowed)
                if c in self.ctx.chunk_doc
            ]
        if mode not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown retrieval mode {mode!r}")

        weights = {"dense": self.settings.dense_weight, "lexical": self.settings.lexical_weight}
        fused = rrf_fuse(rankings, weights, self.settings.rrf_k)
        legal_ids = (
            [c for c in self._legal(query, filters) if allowed is None or c in allowed]
            if mode == "hybrid"
            else []
        )
        if mode == "hybrid" and APPEAL.search(query):
            legal_ids += [
                c
                for c in self._appeal(query, fused)
                if c not in legal_ids and (allowed is None or c in allowed)
            ]

        order: list[tuple[str, float, dict[str, int], str]] = []
        top = fused[0][1] if fused else 1.0
        for i, cid in enumerate(legal_ids):
            # Direct § hits rank first; their score sits just above the best fused score.
            order.append((cid, top * (1.5 - 0.01 * i) if top else 1.0, {}, "legal"))
        seen = set(legal_ids)
        single = mode if mode != "hybrid" else "hybrid"
        for cid, score, ranks in fused:
            if cid not in seen:
                order.append((cid, score, ranks, single))
        by_id = {o[0]: o for o in order}
        # a chapter asked for by number comes whole, with the best other passage after it
        whole = k if len(legal_ids) < k else len(legal_ids) + 1
        order = [by_id[cid] for cid in keep_heads([o[0] for o in order], rankings, whole)]
        want = k * 3 if diversify_docs or self.reranker else k
        order = order[: max(want, len(legal_ids) + k)]
        chunks = self.ctx.get_chunks([o[0] for o in order])
        hits = [
            Hit(
                chunk=chunks[cid],
                doc=self.ctx.metas[chunks[cid].doc_id],
                score=float(score),
                retriever=name,
                rank_dense=ranks.get("dense"),
                rank_lexical=ranks.get("lexical"),
            )
            for cid, score, ranks, name in order
            if cid in chunks and chunks[cid].doc_id in self.ctx.metas
        ]
        if self.reranker is not None and hits:
            hits = self.reranker.rerank(query, hits)
        if diversify_docs:
            hits = diversify(hits, k)
        return hits[:whole]
