"""`Planprat`: the one facade the CLI and the API use. Thread-safe: queries keep answering during an ingest."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.retrieve import HybridRetriever, RetrievalContext
from planprat.errors import IndexNotReady, NotFound
from planprat.models import Answer, Chunk, DocumentMeta, Filters, Hit, IngestReport
from planprat.settings import Settings, get_settings

log = logging.getLogger(__name__)

POOL = 60  # how deep a list question looks for each municipality's own best passages
_LAW_KINDS = ("law", "regulation")  # what holds in every municipality


class Planprat:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self._lock = threading.RLock()  # guards swapping the retrieval snapshot
        self._write_lock = threading.Lock()  # one ingest at a time
        self._catalog = None
        self._store = None
        self._embedder = None
        self._lexical = None
        self._lexical_stamp: Any = None
        self._ctx: RetrievalContext | None = None
        self._ctx_generation: Any = None
        self._exact = None  # the snapshot's vectors in memory (small indexes), else None: Chroma answers
        self._indexer = None
        self._reranker = None

    # -- components (lazy) ------------------------------------------------------------------
    @property
    def catalog(self):
        if self._catalog is None:
            from ingest.catalog import Catalog

            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
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

    @property
    def indexer(self):
        if self._indexer is None:
            from ingest.pipeline import Indexer

            self._indexer = Indexer(
                self.settings, catalog=self.catalog, store=self.store, embedder=self.embedder
            )
        return self._indexer

    def _reranker_or_none(self):
        if self.settings.reranker_model and self._reranker is None:
            from assistant.rerank import CrossEncoderReranker

            self._reranker = CrossEncoderReranker(self.settings.reranker_model)
        return self._reranker

    # -- snapshot ---------------------------------------------------------------------------
    def _snapshot(self) -> RetrievalContext:
        """The retrieval context for the catalog's current generation (rebuilt after each ingest)."""
        gen = self.catalog.generation()
        with self._lock:
            if self._ctx is not None and self._ctx_generation == gen:
                return self._ctx
            metas = {m.doc_id: m for m in self.catalog.documents()}
            chunk_doc: dict[str, str] = {}
            law_chunks: dict[tuple[str, str], list[str]] = {}
            from assistant.legal import paragraph_key, register_laws

            register_laws(_law_names(metas.values()))  # laws ingested without a manifest entry

            for cid, doc_id, law, paragraph in self.catalog.chunk_index():
                chunk_doc[cid] = doc_id
                if law and paragraph:
                    law_chunks.setdefault((law, paragraph_key(paragraph)), []).append(cid)
            self._load_lexical()
            self._exact = self._load_exact(list(chunk_doc))
            self._ctx = RetrievalContext(
                metas=metas,
                chunk_doc=chunk_doc,
                get_chunks=self.catalog.get_chunks,
                law_chunks=law_chunks,
            )
            self._ctx_generation = gen
            return self._ctx

    def _load_exact(self, ids: list[str]):
        """The committed chunks' vectors for exact search, when there are few enough of them."""
        if not ids or len(ids) > self.settings.exact_search_max_chunks:
            return None
        try:
            return self.store.vectors_of(ids)
        except Exception:  # Chroma still answers queries itself
            log.warning("could not hold the vectors in memory; Chroma answers dense queries", exc_info=True)
            return None

    def _load_lexical(self) -> None:
        from assistant.lexical import LexicalIndex

        gen = self.catalog.generation()
        if self._lexical is not None and self._lexical_stamp == gen:
            return
        path = self.settings.lexical_path
        index, stamp = (None, None)
        if path.exists():
            try:
                index, stamp = LexicalIndex.load(path)
            except Exception:  # a damaged index is rebuilt from the catalog below
                log.warning("lexical index at %s unreadable; rebuilding", path, exc_info=True)
        if index is None or stamp != gen:
            index = self.indexer.rebuild_lexical()
        self._lexical, self._lexical_stamp = index, gen

    def _retriever(self) -> HybridRetriever:
        ctx = self._snapshot()
        if not ctx.chunk_doc:
            raise IndexNotReady()
        lexical, exact = self._lexical, self._exact

        def dense(query: str, n: int, where):
            if exact is not None and not where:
                return exact.query(self._query_vector(query), n)
            return self.store.query(self._query_vector(query), n, where)

        def lex(query: str, n: int, allowed):
            return lexical.search(query, n, allowed)

        known = self.corpus_stats().uses
        return HybridRetriever(ctx, dense, lex, self.settings, reranker=self._reranker_or_none(), known=known)

    def _query_vector(self, query: str):
        """The query's embedding; the last few are kept (drafts, comparisons and law-scoped searches repeat them)."""
        with self._lock:
            cache = self.__dict__.setdefault("_qcache", {})
            vec = cache.get(query)
        if vec is None:
            vec = self.embedder.embed_query(query)
            with self._lock:
                if len(cache) >= 256:
                    cache.pop(next(iter(cache)))
                cache[query] = vec
        return vec

    def _hits(
        self, query: str, k: int, filters: Filters | None, intent: str, mode: str = "hybrid"
    ) -> list[Hit]:
        """Retrieval for a question. A law named without a § («plikter etter boligsosialloven») gets its own
        best provisions first; a municipality named («Levangers plan») gets its own documents' best
        passages first, so that its plan is among the hits even when other plans match the words better."""
        from assistant.answer import asks_measures, under_measures
        from assistant.legal import chapter_refs, laws_mentioned, parse_refs
        from assistant.synonyms import nynorsk_words

        retriever = self._retriever()
        hits = retriever.search(query, k, filters, mode=mode, diversify_docs=intent == "list")
        if mode != "hybrid":
            return hits
        k = max(k, sum(1 for h in hits if h.retriever == "legal"))  # a chapter asked for comes whole
        base = filters or Filters()
        first: list[Hit] = []
        named = laws_mentioned(query)
        if named and not parse_refs(query) and not chapter_refs(query) and not base.laws:
            scoped = retriever.search(query, 3, Filters(**{**base.__dict__, "laws": tuple(named)}))
            law_docs = {m.doc_id for m in self._snapshot().metas.values() if m.law_short in named}
            first += [h for h in scoped if h.chunk.doc_id in law_docs]
        places = self.named_municipalities(query)
        if places and not base.municipalities and intent != "list":
            # The named municipality's own best passages: kept where they rank, else placed third, so
            # that better-ranked passages (a law the question is really about) stay in front.
            # (in the place's own words: its documents may be in nynorsk, «bustad» for «bolig»)
            scoped = retriever.search(
                query,
                6,
                Filters(**{**base.__dict__, "municipalities": tuple(places)}),
                lexical_extra=nynorsk_words(query),
            )
            if asks_measures(query):  # «Hva gjør Kvinnherad for …»: its passages of measures first
                scoped.sort(key=lambda h: not under_measures(h.chunk, h.doc.title))
            scoped = scoped[:2]
            have = {h.chunk.chunk_id for h in hits}
            extra = [h for h in scoped if h.doc.municipality in places and h.chunk.chunk_id not in have]
            hits = hits[:2] + extra + hits[2:]
        if intent != "legal":
            hits = self._named_sections(query, hits, base)
        if not first:
            return hits[:k]
        ids: set[str] = set()
        merged = []
        for h in first + hits:
            if h.chunk.chunk_id not in ids:
                ids.add(h.chunk.chunk_id)
                merged.append(h)
        return merged[:k]

    def _headings(self, ctx: RetrievalContext) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """doc_id -> [(chunk_id, the headings its text stands under)] for the snapshot's documents other than
        laws: read from the catalog on the first question that needs it, and kept with the snapshot (not
        at start-up, and not for a chunk a later ingest committed)."""
        headings = ctx.derived.get("headings")
        if headings is None:
            headings = {}
            for cid, doc_id, heads in self.catalog.chunk_headings():
                if cid in ctx.chunk_doc:
                    headings.setdefault(doc_id, []).append((cid, heads))
            ctx.derived["headings"] = headings
        return headings

    def _named_sections(self, query: str, hits: list[Hit], filters: Filters, at: int = 2) -> list[Hit]:
        """«Kva fungerte ikkje i bustadprogrammet til Sogndal?»: the section of the document the question names
        whose heading names all else it asks («5 Kva har ikkje fungert?») is among the hits, placed third
        unless it ranks higher, whatever its words score (its text need not repeat its heading)."""
        from assistant.answer import named_sections, question_terms, split_compounds
        from assistant.legal import normalize_law, spell_out_laws
        from assistant.retrieve import matches_filters

        ctx = self._snapshot()
        headings = self._headings(ctx)
        if not headings:
            return hits
        stats = self.corpus_stats()
        terms = question_terms(split_compounds(spell_out_laws(query), stats), stats.idf)
        # (only the documents the filters let through: «Vis bare Hamar» keeps the other plans out)
        metas = {d: m for d, m in ctx.metas.items() if matches_filters(m, None, filters, normalize_law)}
        found = named_sections(terms, metas, headings)
        have = {h.chunk.chunk_id for h in hits}
        new = [cid for cid in found if cid not in have][:2]
        if not new:
            return hits
        chunks = ctx.get_chunks(new)
        extra = [
            Hit(chunk=chunks[cid], doc=ctx.metas[chunks[cid].doc_id], score=0.0, retriever="section")
            for cid in new
            if cid in chunks and chunks[cid].doc_id in ctx.metas
        ]
        return hits[:at] + extra + hits[at:]

    def _each_municipality(
        self, query: str, filters: Filters | None, hits: list[Hit], per: int = 2
    ) -> list[Hit]:
        """For «hva gjør kommunene …»: each municipality's own best passages, after the hits, so that a list
        answer can show every plan that answers and not only the ones that match the words best. When the
        question or the filters name municipalities, only their passages of measures, when measures are
        asked («Hvilke tiltak har Halden for rusavhengige?»), else nothing."""
        from assistant.answer import asks_measures, under_measures
        from assistant.synonyms import nynorsk_words

        base = filters or Filters()
        measures = asks_measures(query)
        named = base.municipalities or tuple(self.named_municipalities(query))
        if named and not measures:
            return []
        have = {h.chunk.chunk_id for h in hits}
        # One wide search rather than one per municipality: it costs the same with 5 municipalities or 300.
        scope = (
            base if base.kinds else replace(base, kinds=("plan", "report", "case", "presentation", "other"))
        )
        pool = self._retriever().search(
            query,
            POOL,
            replace(scope, municipalities=named) if named else scope,
            lexical_extra=nynorsk_words(query) if named else "",
        )
        if named:  # (measures are asked) only the named places' passages of measures
            pool = [h for h in pool if under_measures(h.chunk, h.doc.title)]
        elif measures:
            # «Hvilke tiltak har kommunene mot mangel på utleieboliger?»: a plan's own measures («4 Tiltak ›
            # 4.1 Fleire eigna bustader») before its status chapter, which matches the words of the lack best
            pool.sort(key=lambda h: not under_measures(h.chunk, h.doc.title))
        taken: dict[str, int] = {}
        extra: list[Hit] = []
        for h in pool:
            m = h.doc.municipality
            if m and h.chunk.chunk_id not in have and taken.get(m, 0) < per:
                taken[m] = taken.get(m, 0) + 1
                extra.append(h)
        return extra

    def named_municipalities(self, text: str) -> list[str]:
        """The corpus's municipalities that a text names («Bodø», «Bodøs», «i Levanger»)."""
        from planprat.places import named_in

        return named_in(text, self.municipalities())

    def clear_query_cache(self) -> None:
        """Forget cached query embeddings (benchmarks time every question cold)."""
        with self._lock:
            self.__dict__.get("_qcache", {}).clear()

    # -- reading ----------------------------------------------------------------------------
    def ready(self) -> bool:
        try:
            return bool(self._snapshot().chunk_doc)
        except Exception:
            log.warning("index not ready", exc_info=True)
            return False

    def warm_up(self) -> None:
        """Load the model and indexes so the first user does not wait."""
        if self.ready():
            self.search("bolig", k=1)

    def correct_spelling(self, text: str):
        """The text with words the corpus never uses given back their æ/ø/å when that makes a word it does
        use («bostotte» → «bostøtte») or spelt right («komunen» → «kommunen», a law's name a letter off),
        and the list of replacements."""
        from assistant.legal import law_typos
        from assistant.lexical import STOPWORDS, _stemmer
        from assistant.spelling import (
            TYPO_MIN_DF,
            Correction,
            correct_query,
            joined_compounds,
            place_typos,
            plain_letters,
        )
        from planprat.places import PLACES

        self._snapshot()
        lexical = self._lexical
        if lexical is None or not len(lexical):
            return text, []
        laws = [Correction(typed, meant) for typed, meant in law_typos(text)]  # «sosialtjenestloven»
        text = _corrected(text, laws)
        stem = _stemmer().stemWord
        understood = _understood_stems()

        def doc_freq(stems: list[str]) -> dict[str, int]:
            # a word the synonyms understand counts as used («soisalhjelp» → «sosialhjelp», which the laws
            # call «økonomisk stønad», «oppsigelssetida» → «oppsigelsestida»)
            found = lexical.doc_freq(stems)
            return {s: max(n, TYPO_MIN_DF if s in understood else 0) for s, n in found.items()}

        text, words = correct_query(plain_letters(text), stem, doc_freq, _protected_words())
        joined = joined_compounds(text, stem, doc_freq, STOPWORDS)  # «vente liste» → «venteliste»
        text = _corrected(text, joined)
        places = place_typos(text, self.corpus_stats().places, PLACES)  # «Kongsbrg» → «Kongsberg»
        text = _corrected(text, places)
        return text, [*laws, *words, *joined, *places]

    def search(
        self, query: str, k: int | None = None, filters: Filters | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        from assistant.legal import classify_question

        k = k or self.settings.top_k
        query, _ = self.correct_spelling(query)
        return self._hits(query, k, filters, classify_question(query, self.municipalities()), mode)

    def ask(self, question: str, filters: Filters | None = None, history: Sequence[dict] = ()) -> Answer:
        from assistant.legal import classify_question
        from assistant.parts import join_answers, split_question
        from assistant.spelling import plain_letters

        question = plain_letters(question)  # «Ma NAV …» typed without æ, ø, å is «Må NAV …»
        topic = draft_topic(question)
        if topic:
            return self.draft_answer(topic, filters)
        # «…, og hvor mange står i kø?»: each part is answered, the later ones on the first part's topic. Not
        # a legal question: its answer is grouped by law and §, which holds every part asked about.
        parts = (
            split_question(question)
            if classify_question(question, self.municipalities()) != "legal"
            else [question]
        )
        if len(parts) > 1:
            answers = []
            for i, part in enumerate(parts):
                turns = [*history, {"role": "user", "content": parts[0]}] if i else list(history)
                answers.append(self._ask_one(part, filters, turns, leans=i > 0))
            # the later parts lean on the first: without an answer to it they stand on nothing
            if not answers[0].abstained:
                return join_answers(parts, answers)
        return self._ask_one(question, filters, history)

    def _ask_one(
        self, question: str, filters: Filters | None, history: Sequence[dict], leans: bool = False
    ) -> Answer:
        """The answer to one question; `leans`: it is a later part of a question and takes the first
        part's topic (see `assistant.parts`)."""
        from assistant.chat import condense_question, without_borrowed_places

        places = self.municipalities()
        condensed = (
            condense_question(question, list(history), always=leans, places=places) if history else question
        )
        answer = self._answer_condensed(question, condensed, filters, history)
        # (not for a later part of one question: «…, og hva var totalbeløpet?» asks about the place it named)
        bare = (
            without_borrowed_places(question, condensed, places) if answer.abstained and not leans else None
        )
        if bare is not None:
            # «Må jeg sende ny søknad …?» about a refused bostøtte, after a question on Tinddal: nothing from
            # Tinddal says it, but the law does, and the law holds in Tinddal too
            general = self._answer_condensed(question, bare, filters, history)
            if not general.abstained and all(c.kind in _LAW_KINDS for c in general.citations):
                answer = general
        return answer

    def _answer_condensed(
        self, question: str, condensed: str, filters: Filters | None, history: Sequence[dict]
    ) -> Answer:
        """The answer to `question`, read as `condensed` (what the conversation before it made of it)."""
        from assistant.answer import answer_extractive
        from assistant.chat import borrowed_words, continues
        from assistant.household import household_words
        from assistant.legal import classify_question, is_duty_question

        places = self.municipalities()
        query, corrections = self.correct_spelling(condensed)
        household = household_words(query)
        if household:  # «to voksne uten barn»: the row «2 personer» of a table of income limits
            query = f"{query} ({household})"
        intent = classify_question(query, places)
        hits = self._hits(query, self.settings.top_k, filters, intent)
        if intent == "list":
            hits += self._each_municipality(query, filters, hits)
        answer = answer_extractive(
            query,
            hits,
            intent=intent,
            abstain_threshold=self.settings.abstain_threshold,
            stats=self.corpus_stats(),
            # «Kan jeg klage?» after «Hva plikter kommunen …» asks about complaints, not about duties
            duties=is_duty_question(
                query if condensed == question or continues(question) else self.correct_spelling(question)[0],
                places,
            ),
            borrowed=borrowed_words(question, condensed, corrections),
        )
        if self.settings.llm_url and not answer.abstained:
            from assistant.llm import answer_with_llm

            answer = answer_with_llm(query, hits, self.settings, fallback=answer, history=list(history))
        # (only what this question typed: a follow-up does not repeat the note on a word the turn before it
        # typed, which the condensed question carries along)
        typed_here = [c for c in corrections if c.typed.casefold() in question.casefold()]
        if typed_here:
            read = ", ".join(f"«{c.typed}» som «{c.meant}»" for c in typed_here)
            answer = replace(answer, notes=(f"Leste {read}.", *answer.notes))
        return answer

    def draft_answer(self, topic: str, filters: Filters | None = None) -> Answer:
        """«Lag et utkast til kapittelet om bo-oppfølging» in the chat: the draft outline as an answer."""
        from assistant.draft import build_draft

        municipality = filters.municipalities[0] if filters and len(filters.municipalities) == 1 else None
        draft = build_draft(self, topic, municipality=municipality)
        return Answer(
            text=draft_text(draft),
            citations=tuple(draft.citations),
            abstained=not draft.citations,
            mode="draft",
        )

    def corpus_stats(self):
        """Term frequencies and names of the current index, for the answerer's evidence checks."""
        from assistant.answer import CorpusStats

        ctx = self._snapshot()
        with self._lock:
            if getattr(self, "_stats_ctx", None) is not ctx:
                names, places = set(), set()
                for m in ctx.metas.values():
                    for place in (m.municipality, m.county):
                        if place:
                            places.update(w.casefold() for w in re.findall(r"[^\W\d_]+", place))
                    for text in (m.title, m.municipality or "", m.county or ""):
                        names.update(w.casefold() for w in re.findall(r"[^\W\d_]+", text))
                lexical = self._lexical
                self._stats = CorpusStats(
                    max(len(lexical), 1),
                    lexical.doc_freq,
                    frozenset(names),
                    frozenset(places),
                    frozenset(ctx.law_chunks),
                )
                self._stats_ctx = ctx
            return self._stats

    def documents(self) -> list[DocumentMeta]:
        return sorted(self._snapshot().metas.values(), key=lambda m: (m.kind, m.title))

    def document(self, doc_id: str) -> tuple[DocumentMeta, list[Chunk]]:
        meta = self._snapshot().metas.get(doc_id)
        if meta is None:
            raise NotFound(f"Fant ikke dokumentet «{doc_id}».")
        return meta, self.catalog.chunks_for(doc_id)

    def passage(self, doc_id: str, chunk_id: str, context: int = 1) -> dict[str, Any]:
        meta, chunks = self.document(doc_id)
        pos = next((i for i, c in enumerate(chunks) if c.chunk_id == chunk_id), None)
        if pos is None:
            raise NotFound(f"Fant ikke tekstbiten «{chunk_id}» i «{meta.title}».")
        return {
            "doc": meta.to_dict(),
            "chunk": chunks[pos].to_dict(),
            "before": [c.to_dict() for c in chunks[max(0, pos - context) : pos]],
            "after": [c.to_dict() for c in chunks[pos + 1 : pos + 1 + context]],
        }

    def municipalities(self) -> list[str]:
        """The corpus's municipalities (kept with the snapshot: every question reads them)."""
        ctx = self._snapshot()
        found = ctx.derived.get("municipalities")
        if found is None:
            found = ctx.derived["municipalities"] = tuple(
                sorted({m.municipality for m in ctx.metas.values() if m.municipality})
            )
        return list(found)

    def laws(self) -> list[str]:
        return sorted({m.law_short for m in self._snapshot().metas.values() if m.law_short})

    def chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        return self.catalog.get_chunks(list(ids))

    # -- writing ----------------------------------------------------------------------------
    def ingest(self, paths: list[Path], prune: bool = False, progress: bool = False) -> IngestReport:
        with self._write_lock:
            return self.indexer.ingest(paths, prune=prune, progress=progress)

    def ingest_file(self, path: Path, original_name: str) -> IngestReport:
        with self._write_lock:
            return self.indexer.ingest_upload(path, original_name)

    def delete(self, doc_id: str) -> None:
        if doc_id not in self._snapshot().metas:
            raise NotFound(f"Fant ikke dokumentet «{doc_id}».")
        with self._write_lock:
            self.indexer.delete(doc_id)


_DRAFT = re.compile(
    r"^\s*(?:kan du\s+)?(?:lag|lage|skriv|skrive|foreslå|gi meg|gje meg|sett opp|utarbeid)\s+"
    r"(?:et|eit|en|ei)?\s*(?:utkast|disposisjon|forslag)\b(?:\s+(?:til|for|på))?\s*(?P<rest>.*)$",
    re.I,
)


def _corrected(text: str, corrections) -> str:
    """`text` with each correction's typed words, standing as words of their own, replaced by what was meant."""
    for c in corrections:
        text = re.sub(rf"(?<![\wæøå]){re.escape(c.typed)}(?![\wæøå])", c.meant, text)
    return text


@functools.lru_cache(maxsize=1)
def _law_names(metas: Iterable[DocumentMeta]) -> dict[str, set[str]]:
    """Each law's and regulation's canonical short name → the names it may be asked by: its short name,
    its title and its abbreviations («lov om eierseksjoner», «eierseksjonsloven»)."""
    out: dict[str, set[str]] = {}
    for m in metas:
        if m.kind in ("law", "regulation") and m.law_short:
            names = out.setdefault(m.law_short, set())
            names |= {m.title, *m.law_abbrevs} - {""}
            names |= {re.sub(r"\s*\(.*\)\s*$", "", m.title)} - {""}
    return out


@functools.lru_cache(maxsize=1)
def _understood_stems() -> frozenset[str]:
    """The stems of the everyday single words the synonyms map («sosialhjelp», «oppsigelsestida»); not the
    documents' words they map to, which the index knows when the documents use them («fremleie» is one:
    the laws write «framleie», which the spelling repair gives)."""
    from assistant.lexical import _stemmer
    from assistant.synonyms import SYNONYMS

    stem = _stemmer().stemWord
    words = {k for k in SYNONYMS if " " not in k}
    return frozenset(stem(w.casefold()) for w in words if len(w) >= 6)


def _protected_words() -> frozenset[str]:
    """Words the spelling repair leaves alone: function and asking words, synonym keys, law names."""
    from assistant.answer import _ASKING
    from assistant.legal import LAWS
    from assistant.lexical import STOPWORDS
    from assistant.synonyms import SYNONYMS

    words = set(STOPWORDS) | set(_ASKING) | {w for k in SYNONYMS for w in k.split()}
    words |= {w for alias in LAWS for w in re.findall(r"[^\W\d_]+", alias.casefold())}
    return frozenset(words)


def draft_topic(question: str) -> str | None:
    """«Lag et utkast til kapittelet om bo-oppfølging.» → «bo-oppfølging»; not a draft request → None."""
    m = _DRAFT.match(question)
    if not m:
        return None
    rest = m.group("rest").strip().rstrip(".!?")
    rest = re.sub(
        r"^(?:et|eit|en|ei|det|den)?\s*(?:kapitt?el(?:et)?|kapittel|avsnitt(?:et)?|del(?:en)?)\s+",
        "",
        rest,
        flags=re.I,
    )
    rest = re.sub(r"^(?:om|for|til|på)\s+", "", rest, flags=re.I)
    rest = re.sub(
        r"\s+i\s+(?:en\s+|vår\s+)?(?:boligsosial\w*|ny\w*)?\s*(?:handlingsplan|plan)\w*$",
        "",
        rest,
        flags=re.I,
    )
    return rest.strip() or "boligsosialt arbeid"


def draft_text(draft) -> str:
    """The draft as plain text for the chat: numbered headings, guidance, quoted excerpts with markers."""
    lines = [draft.title, ""]
    for i, sec in enumerate(draft.sections, 1):
        lines.append(f"{i}. {sec.heading}")
        if sec.guidance:
            lines.append(f"   {sec.guidance}")
        for c in sec.excerpts:
            lines.append(f"   • «{c.quote}» ({c.municipality or c.doc_title}) [{c.n}]")
        if sec.note:
            lines.append(f"   ({sec.note})")
        lines.append("")
    lines.append(f"{len(draft.sections) + 1}. Lovkrav")
    for d in draft.duties:
        lines.append(f"   • {d.law_ref} ({d.bound}, {d.strength}): «{d.citation.quote}» [{d.citation.n}]")
    if not draft.duties:
        lines.append("   • Fant ingen lovbestemmelser for emnet i dokumentene.")
    return "\n".join(lines).rstrip() + "\n"
