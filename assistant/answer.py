"""The default answerer: picks the sentences that answer the question from the retrieved passages,
groups them (by municipality for list questions, by law and § for legal ones) and cites each one.

No language model: every statement in the answer is a sentence copied verbatim from a cited chunk, so
a citation can never point at something the source does not say. When the evidence is too weak
(`evidence_score` below the threshold calibrated on the gold set), the answer says so plainly and lists
the nearest passages as «kanskje relevant».
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.legal import ORDINALS, paragraph_key, parse_refs, status_of, unknown_laws
from assistant.lexical import STOPWORDS, _stemmer
from planprat.models import Answer, Citation, Hit

ABSTAIN_TEXT = "Jeg fant ikke noe om dette i dokumentene."
MAYBE_HEADER = "Kanskje relevant:"

# Words that say how a question is asked, not what it is about.
_ASKING = frozenset(
    """hva kva hvilke hvilken hvilket hvem kven hvor kvar når korleis hvordan hvorfor kvifor står sier seier
    gjør gjer gjorde finnes fins fortell forklar beskriv nevn gi gje oversikt kommunen kommunene kommune
    dokumentene dokumentet planen planene kommunes kommunenes egentlig eigentleg mon tro vel kanskje ifølge
    etter egen eget egne slikt sånt sånne ting noen nokre måte måter""".split()
)
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)?", re.UNICODE)
_ABBREV = re.compile(
    r"(?:\b(?:bl|f|jf|nr|kap|pkt|ca|dvs|mv|ol|evt|mht|iht|osv|vedr|inkl|ekskl|tlf|kl|ref|jfr|s|st|adm|avd|"
    r"mill|mrd|kr|ift|pga|tils|m|m\.m|o\.l|e\.l|m\.v|f\.eks|bl\.a|d\.v\.s|t\.o\.m|f\.o\.m)\.$)|(?:\b[a-zæøå]\.$)|(?:§\s*[\d-]+\s?[a-z]?\.$)",
    re.I,
)
_NUMERIC_Q = re.compile(
    r"\b(hvor mange|kor mange|hvor mye|kor mykje|hvor høy|kor høg|hvor lang|kor lang|"
    r"hva kost\w*|kva kost\w*|hvor stor\w*|kor stor\w*|hvilket år|kva år|hvor gammel|prosent\w*|antall)\b",
    re.I,
)
_DUTY = re.compile(r"\b(skal|plikter|plikt|må|har rett til|har krav på|kan)\b", re.I)

IdfFn = Callable[[list[str]], dict[str, float]]


# -- text pieces ----------------------------------------------------------------------------------
def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or list line in `text`; text[start:end] is the sentence verbatim."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        s = line.group(0)
        cut = 0
        for m in re.finditer(r"[.!?…](?=[»”\")]?\s+[«\"(]?[A-ZÆØÅ0-9§–-])", s):
            end = m.end()
            if _ABBREV.search(s[cut:end]):
                continue
            spans.append((start + cut, start + end))
            cut = end
            while cut < len(s) and s[cut] in ' \t»”")':
                cut += 1
        if cut < len(s):
            spans.append((start + cut, start + len(s)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry the question's meaning (no function or asking words)."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w in STOPWORDS or w in _ASKING or (len(w) < 3 and not w[0].isdigit()):
            continue
        if w not in out:
            out.append(w)
    return out


def _stem(word: str) -> str:
    return word if word[0].isdigit() else _stemmer().stemWord(word)


@dataclass(frozen=True)
class Term:
    word: str
    stem: str
    weight: float


def question_terms(question: str, idf: IdfFn | None = None) -> list[Term]:
    words = content_words(question)
    stems = [_stem(w) for w in words]
    weights = idf(stems) if idf else {}
    terms = []
    for w, s in zip(words, stems, strict=True):
        weight = weights.get(s, 1.0) if weights else 1.0
        terms.append(Term(w, s, max(weight, 0.05)))
    return terms


def _matches(term: Term, low: str, words: set[str]) -> bool:
    if term.word[0].isdigit():
        return term.word in words
    if len(term.stem) >= 4:  # compounds: «leiebolig» in «utleieboligene»
        return term.stem in low
    return term.stem in words or term.word in words


def coverage(terms: Sequence[Term], text: str) -> float:
    """Weighted share of the question's terms found in the text (0..1)."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    low = text.lower()
    words = set(_WORD.findall(low))
    return sum(t.weight for t in terms if _matches(t, low, words)) / total


def _context(hit: Hit) -> str:
    d = hit.doc
    return " ".join(
        x
        for x in (
            d.title,
            d.municipality or "",
            " ".join(hit.chunk.section),
            hit.chunk.law_ref or "",
            hit.chunk.text,
        )
        if x
    )


def evidence_score(question: str, hits: Sequence[Hit], idf: IdfFn | None = None) -> float:
    """How well the best passage covers the question (0..1): the number calibrated for abstention."""
    terms = question_terms(question, idf)
    if not hits:
        return 0.0
    if not terms:
        return 0.5 if hits else 0.0
    best = max(coverage(terms, _context(h)) for h in hits[:8])
    # Years and numbers the question names must be in the passage («i 2012»).
    numbers = [t for t in terms if t.word[0].isdigit()]
    if numbers and not any(
        all(_matches(n, _context(h).lower(), set(_WORD.findall(_context(h).lower()))) for n in numbers)
        for h in hits[:8]
    ):
        best *= 0.5
    if any(h.retriever == "legal" for h in hits):  # a § asked for by number is found when it exists
        best = max(best, 0.9)
    return round(best, 4)


# -- selection ------------------------------------------------------------------------------------
@dataclass
class Candidate:
    hit: Hit
    rank: int
    start: int
    end: int
    score: float

    @property
    def quote(self) -> str:
        return self.hit.chunk.text[self.start : self.end]


def _is_heading_like(s: str) -> bool:
    return len(s) < 25 or (not re.search(r"[.!?:;]$", s) and len(s.split()) <= 6)


def _is_title_run(s: str) -> bool:
    """A run of joined titles (a table of contents, a list of attachments), not a sentence."""
    words = s.split()
    if len(words) < 12:
        return False
    if len(s) > 300 and s.count(",") < 2 and s[:-1].count(".") == 0:
        return True  # a long line with no punctuation at all
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    return caps / (len(words) - 1) > 0.2 and s.count(",") < 2 and s[:-1].count(".") < 1


def _candidates(terms: Sequence[Term], hits: Sequence[Hit], intent: str, numeric: bool) -> list[Candidate]:
    out = []
    direct = any(h.retriever == "legal" for h in hits)
    for rank, h in enumerate(hits):
        is_law = h.doc.kind in ("law", "regulation")
        text = h.chunk.text
        chunk_cov = coverage(terms, _context(h))
        prior = 1.0 / (1.0 + 0.12 * rank)
        for a, b in sentence_spans(text):
            s = text[a:b]
            if _is_heading_like(s) or len(s) > 900 or _is_title_run(s):
                continue
            if re.match(r"^(Endret|Endres|Tilføyd|Opphevet|Oppheves)\b.*\b(lov|forskrift)\b", s):
                continue  # amendment notes are not answers
            cov = coverage(terms, s)
            score = 0.6 * cov + 0.25 * chunk_cov + 0.15 * prior
            if intent == "legal" and is_law:
                score += 0.08 + (0.06 if _DUTY.search(s) else 0.0)
            if intent == "list" and is_law:
                score -= 0.15  # «hva gjør kommunene»: the plans answer, the laws only frame it
            if h.retriever == "legal":
                score += 0.25
            elif direct and is_law:
                score -= 0.2  # a § asked for by number: other provisions only where nothing else answers
            if numeric and re.search(r"\d", s):
                score += 0.08
            out.append(Candidate(h, rank, a, b, score))
    return out


def _similar(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) > 0.8


def _pick(cands: list[Candidate], limit: int, per_doc: int, per_chunk: int, floor: float) -> list[Candidate]:
    chosen: list[Candidate] = []
    docs: dict[str, int] = {}
    chunks: dict[str, int] = {}
    for c in sorted(cands, key=lambda c: (-c.score, c.rank, c.start)):
        if len(chosen) >= limit or c.score < floor:
            break
        d, ch = c.hit.chunk.doc_id, c.hit.chunk.chunk_id
        if docs.get(d, 0) >= per_doc or chunks.get(ch, 0) >= per_chunk:
            continue
        if any(_similar(c.quote, o.quote) for o in chosen):
            continue
        chosen.append(c)
        docs[d] = docs.get(d, 0) + 1
        chunks[ch] = chunks.get(ch, 0) + 1
    return chosen


# -- composing ------------------------------------------------------------------------------------
def _citation(n: int, c: Candidate) -> Citation:
    h = c.hit
    return Citation(
        n=n,
        chunk_id=h.chunk.chunk_id,
        doc_id=h.chunk.doc_id,
        doc_title=h.doc.title,
        kind=h.doc.kind,
        municipality=h.doc.municipality,
        section=h.chunk.section_title,
        page=h.chunk.page,
        law_ref=h.chunk.law_ref,
        quote=c.quote,
    )


def _group_label(h: Hit, intent: str) -> str:
    if intent == "legal" and h.chunk.law_ref:
        return h.chunk.law_ref[0].upper() + h.chunk.law_ref[1:]
    if h.doc.municipality:
        return f"{h.doc.municipality} – {h.doc.title}"
    return h.doc.title


def _maybe_relevant(hits: Sequence[Hit], n: int = 3) -> str:
    lines = []
    seen = set()
    for h in hits:
        key = (h.chunk.doc_id, h.chunk.section_title)
        if key in seen:
            continue
        seen.add(key)
        where = h.chunk.law_ref or h.chunk.section_title or ""
        page = f", s. {h.chunk.page}" if h.chunk.page else ""
        lines.append(f"• {h.doc.title}{' – ' + where if where else ''}{page}")
        if len(lines) >= n:
            break
    return "\n".join([MAYBE_HEADER, *lines]) if lines else ""


def abstain(hits: Sequence[Hit], reason: str | None = None) -> Answer:
    parts = [ABSTAIN_TEXT]
    if reason:
        parts.append(reason)
    maybe = _maybe_relevant(hits)
    if maybe:
        parts.append(maybe)
    return Answer(text="\n\n".join(parts), citations=(), abstained=True, hits=tuple(hits), mode="extractive")


def answer_extractive(
    question: str,
    hits: Sequence[Hit],
    intent: str = "fact",
    abstain_threshold: float = 0.5,
    idf: IdfFn | None = None,
) -> Answer:
    """An answer built only from verbatim sentences of `hits`, each with its citation, or an abstention."""
    hits = list(hits)
    missing_laws = unknown_laws(question)
    if missing_laws and not any(h.doc.kind in ("law", "regulation") and h.retriever == "legal" for h in hits):
        names = ", ".join(missing_laws)
        return abstain(hits, f"{names[0].upper() + names[1:]} er ikke blant dokumentene Planprat har.")
    if not hits:
        return abstain(hits)
    evidence = evidence_score(question, hits, idf)
    if evidence < abstain_threshold:
        return abstain(hits)

    notes: list[str] = []
    lead: list[str] = []
    citations: list[Citation] = []
    for ref in parse_refs(question):
        st = status_of(ref)
        if not st or st["note"] in notes:
            continue
        notes.append(st["note"])
        # Cite the provision itself (e.g. «§ 3-7. (Opphevet)») when it was retrieved.
        own = next(
            (
                h
                for h in hits
                if h.retriever == "legal"
                and h.chunk.law == ref.law
                and h.chunk.paragraph
                and paragraph_key(h.chunk.paragraph) == paragraph_key(ref.paragraph)
            ),
            None,
        )
        if own is not None:
            first = sentence_spans(own.chunk.text)[:1]
            if first:
                a, b = first[0]
                citations.append(_citation(len(citations) + 1, Candidate(own, 0, a, b, 1.0)))
                lead.append(f"{st['note']} [{len(citations)}]")
                continue
        lead.append(st["note"])

    terms = question_terms(question, idf)
    numeric = bool(_NUMERIC_Q.search(question))
    cands = _candidates(terms, hits, intent, numeric)
    if not cands and not lead:
        return abstain(hits)
    if numeric and not any(re.search(r"\d", c.quote) and coverage(terms, c.quote) >= 0.4 for c in cands):
        return abstain(hits, "Dokumentene nevner emnet, men oppgir ikke tallet du spør etter.")
    best = max((c.score for c in cands), default=0.0)
    direct_laws = {h.chunk.law for h in hits if h.retriever == "legal" and h.chunk.law}
    if direct_laws:  # «hol § 3-7»: provisions of other laws that share the number are not the answer
        cands = [
            c for c in cands if c.hit.doc.kind not in ("law", "regulation") or c.hit.chunk.law in direct_laws
        ]
    if intent == "list":
        plans = [c for c in cands if c.hit.doc.kind not in ("law", "regulation") and c.score >= best * 0.5]
        if len({c.hit.chunk.doc_id for c in plans}) >= 2:  # what municipalities do: the plans answer
            cands = [c for c in cands if c.hit.doc.kind not in ("law", "regulation")]
        best = max((c.score for c in cands), default=0.0)
    if intent == "list":
        chosen = _pick(cands, limit=8, per_doc=2, per_chunk=2, floor=best * 0.55)
    elif intent == "legal":
        chosen = _pick(cands, limit=5, per_doc=4, per_chunk=3, floor=best * 0.6)
    else:
        chosen = _pick(cands, limit=3, per_doc=3, per_chunk=2, floor=best * 0.7)
    if not chosen and not lead:
        return abstain(hits)

    # Group: by law § for legal questions, by municipality/document for lists, by rank otherwise.
    groups: dict[str, list[Candidate]] = {}
    order = (
        sorted(chosen, key=lambda c: (c.rank, c.start))
        if intent != "fact"
        else sorted(chosen, key=lambda c: -c.score)
    )
    for c in order:
        groups.setdefault(_group_label(c.hit, intent) if intent in ("list", "legal") else "", []).append(c)

    blocks: list[str] = list(lead)
    for label, members in groups.items():
        lines = []
        for c in sorted(members, key=lambda c: (c.rank, c.start)) if label else members:
            n = len(citations) + 1
            citations.append(_citation(n, c))
            quote = c.quote
            if intent == "legal" and c.hit.doc.kind in ("law", "regulation"):
                lines.append(f"• «{quote}» [{n}]")
            elif label:
                lines.append(f"• {quote} [{n}]")
            else:
                lines.append(f"{quote} [{n}]")
        if label:
            blocks.append(f"{label}:\n" + "\n".join(lines))
        else:
            blocks.append(" ".join(lines))
    return Answer(
        text="\n\n".join(blocks),
        citations=tuple(citations),
        abstained=False,
        hits=tuple(hits),
        mode="legal" if intent == "legal" else "extractive",
        notes=tuple(notes),
    )


def idf_from_doc_freq(doc_freq: Callable[[list[str]], dict[str, int]], n_docs: int) -> IdfFn:
    """Term weights from corpus document frequencies (BM25's idf); a term the corpus never uses weighs most."""

    def idf(stems: list[str]) -> dict[str, float]:
        df = doc_freq(stems)
        return {s: math.log(1 + (n_docs - df.get(s, 0) + 0.5) / (df.get(s, 0) + 0.5)) for s in stems}

    return idf


__all__ = [
    "ABSTAIN_TEXT",
    "ORDINALS",
    "abstain",
    "answer_extractive",
    "coverage",
    "evidence_score",
    "idf_from_doc_freq",
    "sentence_spans",
]
