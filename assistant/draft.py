"""Draft a chapter of a boligsosial handlingsplan from precedents: an outline with cited excerpts per heading.

The outline (`OUTLINE`) is the structure the plans in the corpus share (see `derive_support`); under each
heading the draft quotes 2–5 passages from different municipalities (verbatim, with chunk id, document,
section and page) and ends with the legal duties that bind the topic (from law/regulation retrieval and
`extract_duties`). Exports: Markdown and DOCX (python-docx).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.compare import PRECEDENT_KINDS, best_sentences, quotable, terms
from assistant.duties import Duty, extract_duties
from planprat.models import Citation, Filters, Hit


@dataclass(frozen=True)
class OutlineHeading:
    key: str
    heading: str
    guidance: str  # what the planner writes here
    cues: tuple[str, ...]  # words the precedent plans use for this part (query terms and heading matches)


# Derived from the headings of the precedent plans (Halden's table of contents, Bodø's sections, Tromsø's
# account of its plan, Indre Østfold's and Levanger's documents); `derive_support` shows where each one occurs.
OUTLINE: tuple[OutlineHeading, ...] = (
    OutlineHeading(
        "status",
        "Status og utfordringer",
        "Beskriv dagens situasjon og kunnskapsgrunnlaget: behov, målgrupper og hovedutfordringer.",
        ("status", "utfordring", "kartlegging", "behov", "analyse", "kunnskapsgrunnlag"),
    ),
    OutlineHeading("visjon", "Visjon", "Formuler en kort visjon for området.", ("visjon",)),
    OutlineHeading(
        "mal",
        "Hovedmål og delmål",
        "Sett et hovedmål og målbare delmål.",
        ("hovedmål", "delmål", "målsetting", "mål"),
    ),
    OutlineHeading(
        "strategier",
        "Strategier",
        "Beskriv veivalg og satsinger som skal nå målene.",
        ("strategi", "satsing", "veivalg", "innsatsområde"),
    ),
    OutlineHeading(
        "tiltak",
        "Tiltak med ansvar, kostnad og tidsplan",
        "List tiltakene med ansvarlig enhet, kostnadsoverslag, finansiering og tidsramme.",
        ("tiltak", "ansvar", "kostnad", "budsjett", "finansiering", "tidsramme", "aktivitet"),
    ),
    OutlineHeading(
        "organisering",
        "Organisering og samarbeid",
        "Beskriv hvem som gjør hva, og samarbeidet på tvers av tjenester.",
        ("organisering", "samarbeid", "samhandling", "koordinering", "styringsgruppe", "prosjektgruppe"),
    ),
    OutlineHeading(
        "brukermedvirkning",
        "Brukermedvirkning",
        "Beskriv hvordan brukere og deres organisasjoner medvirker.",
        ("brukermedvirkning", "brukerforum", "brukerråd", "brukere", "medvirkning", "brukerstemme"),
    ),
    OutlineHeading(
        "oppfolging",
        "Oppfølging og evaluering",
        "Beskriv rapportering, måling av resultater og revisjon av planen.",
        ("evaluering", "oppfølging", "rapportering", "måloppnåelse", "resultat", "revidering"),
    ),
)

LAW_KINDS = ("law", "regulation")


@dataclass
class DraftSection:
    heading: str
    guidance: str
    excerpts: list[Citation] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "guidance": self.guidance,
            "note": self.note,
            "excerpts": [c.to_dict() for c in self.excerpts],
        }


@dataclass
class LegalDuty:
    law_ref: str | None
    bound: str | None
    strength: str
    citation: Citation  # quote = the duty sentence, verbatim

    def to_dict(self) -> dict[str, Any]:
        return {
            "law_ref": self.law_ref,
            "bound": self.bound,
            "strength": self.strength,
            "citation": self.citation.to_dict(),
        }


@dataclass
class Draft:
    topic: str
    municipality: str | None
    title: str
    sections: list[DraftSection] = field(default_factory=list)
    duties: list[LegalDuty] = field(default_factory=list)

    @property
    def citations(self) -> list[Citation]:
        out = [c for s in self.sections for c in s.excerpts] + [d.citation for d in self.duties]
        return sorted(out, key=lambda c: c.n)

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "municipality": self.municipality,
            "title": self.title,
            "sections": [s.to_dict() for s in self.sections],
            "duties": [d.to_dict() for d in self.duties],
            "citations": [c.to_dict() for c in self.citations],
        }


def topic_pattern(topic: str) -> re.Pattern[str]:
    """«bo-oppfølging» also as «bo oppfølging», «bo - oppfølging», «booppfølging»."""
    parts = [re.escape(p) for p in re.split(r"[\s\-–]+", topic.strip().lower()) if p]
    return re.compile(r"[\s\-–]*".join(parts), re.IGNORECASE)


def derive_support(chunks, metas) -> dict[str, list[str]]:
    """For each outline heading, the municipalities whose documents use its words in a heading or text start.

    This is how OUTLINE was chosen: a heading stays when at least two municipalities' documents have it.
    """
    by_doc = {m.doc_id: m for m in metas}
    out: dict[str, list[str]] = {h.key: [] for h in OUTLINE}
    for c in chunks:
        meta = by_doc.get(c.doc_id)
        if meta is None or meta.kind not in PRECEDENT_KINDS or not meta.municipality:
            continue
        hay = (" ".join(c.section) + " " + c.text).lower()
        for h in OUTLINE:
            if (
                any(re.search(r"\b" + re.escape(cue), hay) for cue in h.cues)
                and meta.municipality not in out[h.key]
            ):
                out[h.key].append(meta.municipality)
    return out


def _section_query(topic: str, h: OutlineHeading) -> str:
    return f"{topic} {h.heading.lower()} {' '.join(h.cues[:3])}"


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    # Short cues are whole words with a short ending («mål», «målene», not «målgruppe»); longer ones are
    # stems («strategi» in «strategiene»).
    parts = [re.escape(c) + (r"\w{0,3}\b" if len(c) <= 4 else "") for c in cues]
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def readable(sentence: str) -> bool:
    """False for table rows, lists of titles, budget lines and other fragments that make poor quotes."""
    words = sentence.split()
    if len(sentence) > 360 or not quotable(sentence):
        return False
    return sum(1 for w in words if any(ch.isdigit() for ch in w)) <= len(words) / 5  # budget rows


def pick_excerpts(
    topic: str,
    h: OutlineHeading,
    hits: list[Hit],
    used: set[str],
    max_excerpts: int = 5,
    min_score: float = 2.0,
) -> list[tuple[Hit, str, float]]:
    """At most one excerpt per municipality: a readable sentence on the heading, preferably on the topic.

    A sentence must speak to the heading (one of its cue words, or a chunk under a heading with one);
    the topic adds to the score. A sentence quoted under an earlier heading is not quoted again.
    """
    tpat = topic_pattern(topic)
    tstems = [t for t in terms(topic) if len(t) >= 3]
    cue_re = _cue_regex(h.cues)
    cue_stems = [c[:6] for c in h.cues]
    best: dict[str, tuple[float, Hit, str, bool]] = {}
    for rank, hit in enumerate(hits):
        muni = hit.doc.municipality
        if not muni or hit.doc.kind not in PRECEDENT_KINDS:
            continue
        low_chunk = hit.chunk.text.lower()
        chunk_on_topic = bool(tpat.search(hit.chunk.text)) or any(s in low_chunk for s in tstems)
        heading_hit = 1.0 if cue_re.search(" ".join(hit.chunk.section)) else 0.0
        for sc, sent in best_sentences(hit.chunk.text, list(dict.fromkeys(tstems + cue_stems)))[:6]:
            if sent in used or not readable(sent):
                continue
            # the topic's own words do not count as the heading's («oppfølging» in «bo-oppfølging»)
            cue_hit = 1.5 if cue_re.search(tpat.sub(" ", sent)) else 0.0
            if cue_hit == 0 and heading_hit == 0:
                continue  # not about this part of a plan
            topic_hit = 2.0 if tpat.search(sent) else (1.0 if any(s in sent.lower() for s in tstems) else 0.0)
            topic_hit += 0.5 if chunk_on_topic else 0.0
            score = min(sc, 3.0) + topic_hit + cue_hit + heading_hit - 0.02 * rank
            if score < min_score:
                continue
            on_topic = topic_hit >= 1.0  # the sentence itself, not only its passage
            if muni not in best or (on_topic, score) > (best[muni][3], best[muni][0]):
                best[muni] = (score, hit, sent, on_topic)
    # On the topic first; a passage only on the heading («Visjon Trygt å bo for alle!») shows how others
    # wrote this part, and fills up only to two when fewer municipalities wrote it on the topic.
    ranked = sorted(best.values(), key=lambda t: (not t[3], -t[0]))
    on = [t for t in ranked if t[3]]
    ranked = (on if len(on) >= 2 else ranked[:2] if len(ranked) >= 2 else ranked)[:max_excerpts]
    return [(hit, sent, score) for score, hit, sent, _ in ranked]


# Words that tie a legal duty to housing work, and the laws that carry the boligsosial duties.
HOUSING_WORDS = ("bolig", "vanskeligstilt", "botilbud", "bosituasjon", "boforhold", "bustad", "husvære")
LAW_WEIGHT = {"boligsosialloven": 1.5, "sosialtjenesteloven": 0.5, "helse- og omsorgstjenesteloven": 0.3}


def _law_hits(service, topic: str) -> list[Hit]:
    """Law/regulation passages for the topic, plus all of boligsosialloven (the core boligsosial duties)."""
    hits: list[Hit] = []
    for q in (
        f"{topic} plikt kommunen skal",
        f"kommunen skal bistå vanskeligstilte på boligmarkedet {topic}",
    ):
        hits.extend(service.search(q, k=10, filters=Filters(kinds=LAW_KINDS)))
    for meta in service.documents():
        if meta.kind == "law" and (meta.law_short or meta.doc_id) == "boligsosialloven":
            hits.extend(Hit(c, meta, 0.0, "document") for c in service.document(meta.doc_id)[1])
    seen: set[str] = set()
    return [h for h in hits if not (h.chunk.chunk_id in seen or seen.add(h.chunk.chunk_id))]


def legal_duties(
    service, topic: str, start_n: int, limit: int = 6, min_score: float = 2.5
) -> list[LegalDuty]:
    """Duties (skal/plikter/må, a named party) that bind the topic: on the topic or on housing, best first.

    Score: 4 for the topic phrase in the duty (1.5 per topic stem otherwise, halved outside housing law),
    1 per housing word (at most 2), the law's weight (boligsosialloven 1.5, sotjl 0.5, hol 0.3), 0.3 when
    «kommunen» is bound. Below `min_score` a duty only shares a word with the topic and is left out.
    """
    tpat = topic_pattern(topic)
    tstems = [t for t in terms(topic) if len(t) >= 4 and t != "bolig"]
    scored: list[tuple[float, Duty, Hit]] = []
    for rank, hit in enumerate(_law_hits(service, topic)):
        for d in extract_duties([hit.chunk]):
            if d.strength not in ("skal", "plikter", "må") or not d.bound or d.negated:
                continue
            if not d.sentence[:1].isupper():  # a list item («a. inngår …») is not a whole duty
                continue
            low = d.sentence.lower()
            exact = bool(tpat.search(d.sentence))
            on_topic = 4.0 if exact else 1.5 * sum(1 for s in tstems if s in low)
            housing = min(2, sum(1 for w in HOUSING_WORDS if w in low))
            law_w = LAW_WEIGHT.get(d.law or "", 0.0)
            if not exact and housing == 0 and law_w == 0:
                on_topic /= 2  # a shared word stem outside housing law («midlertidige bygninger» in pbl)
            score = on_topic + housing + law_w + (0.3 if d.bound == "kommunen" else 0.0) - 0.01 * rank
            if score >= min_score:
                scored.append((score, d, hit))
    scored.sort(key=lambda t: -t[0])
    out: list[LegalDuty] = []
    seen: set[str] = set()
    per_para: dict[str | None, int] = {}
    n = start_n
    for _, d, hit in scored:
        if d.sentence in seen or per_para.get(d.law_ref, 0) >= 2 or len(out) >= limit:
            continue
        seen.add(d.sentence)
        per_para[d.law_ref] = per_para.get(d.law_ref, 0) + 1
        n += 1
        out.append(LegalDuty(d.law_ref, d.bound, d.strength, Citation.of(n, hit, d.sentence)))
    return out


def build_draft(
    service, topic: str, municipality: str | None = None, per_section: int = 5, k: int = 30
) -> Draft:
    """The outline for TOPIC with cited precedent excerpts per heading and the binding legal duties."""
    where = f" for {municipality} kommune" if municipality else ""
    draft = Draft(
        topic=topic, municipality=municipality, title=f"Boligsosial handlingsplan{where} – kapittel: {topic}"
    )
    used: set[str] = set()
    n = 0
    munis = service.municipalities()
    for h in OUTLINE:
        query = _section_query(topic, h)
        hits = service.search(query, k=k, filters=Filters(kinds=PRECEDENT_KINDS))
        got = {x.doc.municipality for x in hits}
        for m in munis:  # make sure every municipality had a chance, not just the best-ranked documents
            if (
                m not in got
            ):  # lexical only: a second embedding of the same query would cost more than it adds
                only_m = Filters(kinds=PRECEDENT_KINDS, municipalities=(m,))
                hits.extend(service.search(query, k=3, filters=only_m, mode="lexical"))
        section = DraftSection(h.heading, h.guidance)
        for hit, sent, _ in pick_excerpts(topic, h, hits, used, per_section):
            n += 1
            used.add(sent)
            section.excerpts.append(Citation.of(n, hit, sent))
        if len({c.municipality for c in section.excerpts}) < 2:
            section.note = "Fant presedens fra færre enn to kommuner for dette punktet; skriv det fra lokalt kunnskapsgrunnlag."
        draft.sections.append(section)
    draft.duties = legal_duties(service, topic, n)
    return draft


# -- export -------------------------------------------------------------------------------------
def _where(c: Citation) -> str:
    sec = c.section.split(" › ")[-1] if c.section else ""
    return ", ".join(
        x
        for x in [c.doc_title, sec if sec and sec != c.doc_title else "", f"s. {c.page}" if c.page else ""]
        if x
    )


def draft_markdown(draft: Draft) -> str:
    lines = [
        f"# {draft.title}",
        "",
        "_Disposisjon etter strukturen i presedensplanene. Alle utdrag er ordrette sitater med kilde._",
        "",
    ]
    for i, s in enumerate(draft.sections, 1):
        lines += [f"## {i}. {s.heading}", "", f"*{s.guidance}*", ""]
        for c in s.excerpts:
            lines.append(f"> «{c.quote}» — {c.municipality} [{c.n}]")
            lines.append("")
        if s.note:
            lines += [f"_{s.note}_", ""]
    lines += [f"## {len(draft.sections) + 1}. Lovkrav", ""]
    for d in draft.duties:
        lines.append(f"- **{d.law_ref}** ({d.bound}, {d.strength}): «{d.citation.quote}» [{d.citation.n}]")
    if not draft.duties:
        lines.append("- Fant ingen lovbestemmelser for emnet i korpuset.")
    lines += ["", "## Kilder", ""]
    for c in draft.citations:
        lines.append(f"[{c.n}] {_where(c)} (tekstbit `{c.chunk_id}`)")
    return "\n".join(lines) + "\n"


def draft_docx(draft: Draft, path: Path) -> Path:
    """Write the draft as a Word document (headings, quoted excerpts, sources)."""
    import docx

    doc = docx.Document()
    doc.add_heading(draft.title, level=0)
    doc.add_paragraph(
        "Disposisjon etter strukturen i presedensplanene. Alle utdrag er ordrette sitater med kilde."
    ).italic = True

    def quote(text: str) -> None:
        try:
            doc.add_paragraph(text, style="Quote")
        except KeyError:  # a template without the Quote style
            doc.add_paragraph().add_run(text).italic = True

    for i, s in enumerate(draft.sections, 1):
        doc.add_heading(f"{i}. {s.heading}", level=1)
        doc.add_paragraph().add_run(s.guidance).italic = True
        for c in s.excerpts:
            quote(f"«{c.quote}» — {c.municipality} [{c.n}]")
        if s.note:
            doc.add_paragraph(s.note)
    doc.add_heading(f"{len(draft.sections) + 1}. Lovkrav", level=1)
    for d in draft.duties:
        doc.add_paragraph(
            f"{d.law_ref} ({d.bound}, {d.strength}): «{d.citation.quote}» [{d.citation.n}]",
            style="List Bullet",
        )
    doc.add_heading("Kilder", level=1)
    for c in draft.citations:
        doc.add_paragraph(f"[{c.n}] {_where(c)} (tekstbit {c.chunk_id})")
    path = Path(path)
    doc.save(str(path))
    return path
