"""Check the law references in a plan: find each «§», resolve it to the current law text, flag stale ones.

Pure core: `find_references(chunks, laws)` and `check_references(chunks, law_chunks, laws, doc_year)`.
Law names come from the law documents in the index (short name, abbreviations, the «Lov om …» title), so a
plan that writes «Lov om sosiale tjenester i arbeids- og velferdsforvaltningen … (§ 27)» resolves to
sosialtjenesteloven § 27. A § with no law in its paragraph is reported as «tvetydig», never guessed.
Status comes from the law text itself: «§ 3-7. (Opphevet)» + «Opphevet ved lov 20 des 2022 nr. 121» →
opphevet, replaced by the law whose Lovdata id is LOV-2022-12-20-121 (boligsosialloven); «Endret ved lov …
(i kraft 1 juli 2023 …)» after the plan's year → endret. `assistant.legal.status_of` is consulted when present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from planprat.models import Chunk, DocumentMeta

STATUSES = ("gjeldende", "opphevet", "endret", "ukjent", "tvetydig")

# Names plans use that are not in the law documents' own metadata (older titles, common short forms).
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "sosialtjenesteloven": (
        "sosialtjenestelova",
        "lov om sosiale tjenester i nav",
        "lov om sosiale tjenester",
    ),
    "helse- og omsorgstjenesteloven": (
        "helse- og omsorgstjenestelova",
        "lov om kommunale helse- og omsorgstjenester",
        "lov om kommunale helse og omsorgstjenester",
    ),
    "plan- og bygningsloven": ("plan- og bygningslova", "pbl", "plan og bygningsloven"),
    "husleieloven": ("husleigelova",),
    "folkehelseloven": ("folkehelselova",),
    "boligsosialloven": ("lov om kommunenes ansvar på det boligsosiale feltet", "bustadsosiallova"),
    "nav-loven": ("nav-lova", "arbeids- og velferdsforvaltningsloven"),
}

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "mai": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "des": 12,
}
_PARA = r"\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?"
# «§ 27», «§§ 27 og 28», «§ 3-7 første ledd bokstav a»
_SECTION = re.compile(r"§§?\s*(" + _PARA + r"(?:\s*(?:,|og|eller)\s*" + _PARA + r")*)")
_LEDD = re.compile(
    r"^\s*((?:første|andre|annet|tredje|fjerde|femte|sjette)\s+ledd)(?:\s+(?:bokstav|litra)\s+([a-z]))?",
    re.IGNORECASE,
)
_LOVENS = re.compile(r"\b(lovens|loven|forskriftens|forskriften|lova|forskrifta)\s*$", re.IGNORECASE)
# Any other «…loven»/«…lova» right before a § («forvaltningsloven § 17»); genitive -s dropped.
_OTHER_LAW = re.compile(r"(?<![\wæøå-])([a-zæøå][a-zæøå-]*(?:loven|lova))s?\s*$", re.IGNORECASE)
_AMEND = re.compile(
    r"(Endret|Endra|Opphevet|Oppheva|Tilføyd)\s+ved\s+lov\s+(\d{1,2})\s+([a-zæøå]+)\.?\s+(\d{4})\s+nr\.?\s*(\d+)"
    r"(?:\s*\(i\s+kraft\s+(\d{1,2})\s+([a-zæøå]+)\.?\s+(\d{4}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LawName:
    law: str  # canonical short name, as on law chunks («sosialtjenesteloven»)
    doc_id: str
    pattern: re.Pattern[str]


@dataclass
class RefCheck:
    """One law reference found in a document, resolved against the law texts in the corpus."""

    raw: str  # the reference as written, with the law name when it is next to the §
    doc_id: str | None
    chunk_id: str | None
    section: str
    page: int | None
    start: int  # offset of the § in the chunk text
    law: str | None  # resolved law (None: tvetydig)
    paragraph: str  # «§ 27»
    ledd: str | None
    law_ref: str | None  # «sosialtjenesteloven § 27»
    how: str  # «eksplisitt» (law named next to §) | «kontekst» (law named earlier in the paragraph) | «ingen»
    status: str  # gjeldende | opphevet | endret | ukjent | tvetydig
    current_text: str | None = None  # excerpt of the law chunk now in force
    current_chunk_id: str | None = None
    replaced_by: str | None = None  # law that repealed or rewrote the provision
    note: str = ""
    context: str = ""  # the sentence around the reference, verbatim

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RefReport:
    doc_id: str | None
    title: str
    year: int | None
    refs: list[RefCheck] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for r in self.refs:
            out[r.status] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "year": self.year,
            "counts": self.counts(),
            "refs": [r.to_dict() for r in self.refs],
        }


# -- law names ----------------------------------------------------------------------------------
def _name_regex(name: str) -> str:
    # «helse- og omsorgstjenesteloven» also as «helse og omsorgstjenesteloven»; «hol.» with or without the dot
    esc = re.escape(name.strip().rstrip(".")).replace(r"\-\ ", r"-?\s").replace(r"\ ", r"\s+")
    return esc + (r"\.?" if name.endswith(".") or len(name) <= 6 else "")


def law_names(metas: Iterable[DocumentMeta]) -> list[LawName]:
    """A name pattern per law/regulation document: short name, abbreviations, title, «Lov om …» title."""
    extra: dict[str, set[str]] = {k: set(v) for k, v in EXTRA_ALIASES.items()}
    try:  # the legal module's alias table, when it exists, adds more names
        from assistant import legal  # type: ignore[attr-defined]

        for key, val in dict(getattr(legal, "LAWS", {}) or {}).items():
            canon = (
                getattr(val, "short", None)
                or getattr(val, "law", None)
                or (val if isinstance(val, str) else None)
            )
            if isinstance(canon, str):
                extra.setdefault(canon, set()).add(str(key))
    except Exception:  # noqa: BLE001 - optional module; a bad alias table must not break checking
        pass
    out: list[LawName] = []
    for m in metas:
        if m.kind not in ("law", "regulation"):
            continue
        canon = m.law_short or m.doc_id
        names = {canon, m.doc_id.replace("-", " ") if m.doc_id != canon else canon}
        names.update(m.law_abbrevs)
        title = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", m.title).strip()
        names.add(re.sub(r"\s+m\.m\.$", "", title))
        names.update(x for x in re.findall(r"[(\[]([^)\]]+)[)\]]", m.title))
        names.update(extra.get(canon, ()))
        names = {n for n in names if n and len(n) >= 2}
        alts = sorted((_name_regex(n) for n in names), key=len, reverse=True)
        pat = re.compile(r"(?<![\wæøå])(?:" + "|".join(alts) + r")(?![\wæøå])", re.IGNORECASE)
        out.append(LawName(canon, m.doc_id, pat))
    return out


def _mentions(text: str, names: Sequence[LawName]) -> list[tuple[int, int, str]]:
    """(start, end, law) of every law name in text, longest match first at each position."""
    found: list[tuple[int, int, str]] = []
    for ln in names:
        for m in ln.pattern.finditer(text):
            found.append((m.start(), m.end(), ln.law))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, law in found:
        if s >= last_end:
            out.append((s, e, law))
            last_end = e
    return out


def _norm_para(p: str) -> str:
    return "§ " + re.sub(r"\s+", "", p)


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    start = 0 if start < 0 else start + 1
    end_dot = text.find(". ", pos)
    end_nl = text.find("\n", pos)
    ends = [e for e in (end_dot + 1 if end_dot >= 0 else -1, end_nl) if e >= 0]
    end = min(ends) if ends else len(text)
    return text[start:end].strip()


# -- finding ------------------------------------------------------------------------------------
def find_references(chunks: Iterable[Chunk], names: Sequence[LawName]) -> list[RefCheck]:
    """Every § reference in the chunks, with its law when the text gives one (status not yet set)."""
    refs: list[RefCheck] = []
    for c in chunks:
        text = c.text
        mentions = _mentions(text, names)
        for m in _SECTION.finditer(text):
            paras = re.split(r"\s*(?:,|og|eller)\s*", m.group(1))
            para_start = text.rfind("\n\n", 0, m.start())
            para_start = 0 if para_start < 0 else para_start
            law, how, raw_start = None, "ingen", m.start()
            before = [x for x in mentions if x[1] <= m.start()]
            if before and re.fullmatch(r"[\s.,]*", text[before[-1][1] : m.start()]):
                law, how, raw_start = before[-1][2], "eksplisitt", before[-1][0]
            else:
                after = re.match(r"\s+(?:i|etter|jf\.?)\s+", text[m.end() :])
                nxt = [x for x in mentions if after and x[0] == m.end() + after.end()]
                if nxt:
                    law, how = nxt[0][2], "eksplisitt"
                elif before and before[-1][0] >= para_start:
                    law, how = before[-1][2], "kontekst"
            other = (
                _OTHER_LAW.search(text[max(0, m.start() - 60) : m.start()]) if how != "eksplisitt" else None
            )
            if other:
                # «forvaltningsloven § 17»: a law the corpus does not hold is named, not left ambiguous
                law, how, raw_start = other.group(1).lower(), "eksplisitt", m.start() - len(other.group(0))
            if law is None and _LOVENS.search(text[max(0, m.start() - 12) : m.start()]) and before:
                law, how = before[-1][2], "kontekst"  # «lovens § 5» in a paragraph that named the law earlier
            ledd_m = _LEDD.match(text[m.end() :])
            ledd = ledd_m.group(1).lower() if ledd_m else None
            raw_end = m.end() + (ledd_m.end() if ledd_m else 0)
            raw = text[raw_start:raw_end]
            sentence = _sentence_around(text, m.start())
            for p in paras:
                para = _norm_para(p)
                refs.append(
                    RefCheck(
                        raw=raw,
                        doc_id=c.doc_id,
                        chunk_id=c.chunk_id,
                        section=c.section_title,
                        page=c.page,
                        start=m.start(),
                        law=law,
                        paragraph=para,
                        ledd=ledd,
                        law_ref=f"{law} {para}" if law else None,
                        how=how,
                        status="tvetydig" if law is None else "ukjent",
                        context=sentence,
                    )
                )
    return refs


# -- resolving ----------------------------------------------------------------------------------
def _lovdata_key(url: str | None) -> str | None:
    m = re.search(r"/(?:lov|forskrift)/(\d{4})-(\d{2})-(\d{2})-(\d+)", url or "")
    return f"{m.group(1)}-{int(m.group(2))}-{int(m.group(3))}-{m.group(4)}" if m else None


def _law_by_date(metas: Iterable[DocumentMeta]) -> dict[str, str]:
    """«2022-12-20-121» → «boligsosialloven», from the Lovdata URLs of the law documents."""
    out = {}
    for m in metas:
        key = _lovdata_key(m.url)
        if key and m.kind in ("law", "regulation"):
            out[key] = m.law_short or m.doc_id
    return out


def _amendments(text: str) -> list[dict[str, Any]]:
    out = []
    for m in _AMEND.finditer(text):
        month = _MONTHS.get(m.group(3)[:3].lower())
        key = f"{m.group(4)}-{month}-{int(m.group(2))}-{m.group(5)}" if month else None
        in_force_year = int(m.group(8)) if m.group(8) else int(m.group(4))
        out.append(
            {
                "verb": m.group(1).lower(),
                "key": key,
                "text": m.group(0) + (")" if m.group(6) else ""),
                "year": in_force_year,
            }
        )
    return out


def _excerpt(text: str, limit: int = 600) -> str:
    body = text.strip()
    return body if len(body) <= limit else body[: body.rfind(" ", 0, limit)] + " …"


def _legal_status(law: str, paragraph: str):
    """assistant.legal.status_of for the reference, when that module exists (else None)."""
    try:
        from assistant import legal  # type: ignore[attr-defined]

        LawRef = getattr(legal, "LawRef", None)
        status_of = getattr(legal, "status_of", None)
        if LawRef is None or status_of is None:
            return None
        try:
            ref = LawRef(
                law=law,
                paragraph=paragraph,
                ledd=None,
                letter=None,
                span=(0, 0),
                raw=f"{law} {paragraph}",
                ambiguous=False,
            )
        except TypeError:
            ref = LawRef(law, paragraph)
        return status_of(ref)
    except Exception:  # noqa: BLE001 - the legal table is advisory here; the corpus text decides
        return None


def _apply_legal_status(r: RefCheck, st: Any, doc_year: int | None) -> None:
    """Let assistant.legal's table of repealed/rewritten provisions correct what the law text did not show.

    The corpus text decides first; the table only upgrades «gjeldende» (a repeal or a rewrite the text's
    amendment notes did not reveal), and fills `replaced_by` when the text named no law.
    """
    if not isinstance(st, dict) or not st.get("status"):
        return
    since = str(st.get("since") or "")
    since_year = int(since[:4]) if since[:4].isdigit() else None
    if st["status"] == "opphevet" and r.status != "opphevet":
        r.status = "opphevet"
        r.note = st.get("note") or r.note
    elif (
        st["status"] == "endret"
        and r.status == "gjeldende"
        and doc_year is not None
        and since_year is not None
        and doc_year < since_year
    ):
        r.status = "endret"
        r.note = (st.get("note") or r.note) + " Kontroller at planen gjengir gjeldende ordlyd."
    if r.status in ("opphevet", "endret") and not r.replaced_by:
        r.replaced_by = st.get("replaced_by") or None


def resolve(
    refs: list[RefCheck], law_chunks: Iterable[Chunk], metas: Iterable[DocumentMeta], doc_year: int | None
) -> list[RefCheck]:
    """Fill status, current text and notes of each reference from the law chunks in the corpus."""
    metas = list(metas)
    by_date = _law_by_date(metas)
    known_laws = {m.law_short or m.doc_id for m in metas if m.kind in ("law", "regulation")}
    index: dict[tuple[str, str], list[Chunk]] = {}
    for c in law_chunks:
        if c.law and c.paragraph:
            index.setdefault((c.law, c.paragraph.replace(" ", "")), []).append(c)
    for r in refs:
        if r.law is None:
            r.status = "tvetydig"
            r.note = f"«{r.paragraph}» står uten lovnavn i avsnittet; angi hvilken lov det gjelder."
            continue
        pieces = sorted(index.get((r.law, r.paragraph.replace(" ", "")), []), key=lambda c: c.ordinal)
        if not pieces and r.how == "kontekst":
            # The law was only inferred from the paragraph and has no such §: a guess would be wrong, so
            # report it as ambiguous («hol. § 3-7 og § 4»: hol has no § 4).
            r.note = (
                f"«{r.paragraph}» står uten lovnavn; {r.law} er nevnt i avsnittet, men har ingen "
                f"{r.paragraph}. Angi hvilken lov det gjelder."
            )
            r.status, r.law, r.law_ref = "tvetydig", None, None
            continue
        if not pieces:
            r.status = "ukjent"
            r.note = (
                f"Fant ikke {r.paragraph} i {r.law} i korpuset."
                if r.law in known_laws
                else f"{r.law} finnes ikke i korpuset; referansen kan ikke kontrolleres."
            )
            continue
        first = pieces[0]
        full = "\n".join(p.text for p in pieces)
        r.current_chunk_id = first.chunk_id
        r.current_text = _excerpt(first.text)
        amendments = _amendments(full)
        repealed = re.search(
            r"§\s*" + re.escape(r.paragraph[2:]) + r"\.\s*\((?:Opphevet|Oppheva)\)", first.text, re.IGNORECASE
        )
        if repealed or any(a["verb"].startswith("opphev") for a in amendments) and len(full) < 400:
            r.status = "opphevet"
            rep = next((a for a in amendments if a["verb"].startswith("opphev")), None)
            r.replaced_by = by_date.get(rep["key"]) if rep and rep["key"] else None
            # «… er opphevet ved lov 20 des 2022 nr. 121 (i kraft 1 juli 2023); reglene står nå i …»
            how = rep["text"][:1].lower() + rep["text"][1:] if rep else "opphevet"
            r.note = f"{r.law_ref} er {how}" + (
                f"; reglene står nå i {r.replaced_by}." if r.replaced_by else "."
            )
        else:
            later = [a for a in amendments if doc_year is not None and a["year"] > doc_year]
            if later:
                last = later[-1]
                r.status = "endret"
                r.replaced_by = by_date.get(last["key"]) if last["key"] else None
                r.note = (
                    f"{r.law_ref} er endret etter at dokumentet ble skrevet ({doc_year}): {last['text']}"
                    + (f", ved {r.replaced_by}" if r.replaced_by else "")
                    + ". Kontroller at planen gjengir gjeldende ordlyd."
                )
            else:
                r.status = "gjeldende"
                r.note = "Bestemmelsen står i gjeldende lovtekst." + (
                    ""
                    if doc_year is not None or not amendments
                    else f" Sist endret: {amendments[-1]['text']}."
                )
        _apply_legal_status(r, _legal_status(r.law, r.paragraph), doc_year)
        if r.how == "kontekst":
            r.note += " Loven er lest ut fra sammenhengen (navngitt tidligere i avsnittet)."
    return refs


def check_references(
    chunks: Sequence[Chunk], law_chunks: Iterable[Chunk], metas: Iterable[DocumentMeta], doc_year: int | None
) -> list[RefCheck]:
    """Find and resolve every law reference in `chunks` (pure)."""
    metas = list(metas)
    return resolve(find_references(chunks, law_names(metas)), law_chunks, metas, doc_year)


# -- sources: an indexed document, or a file / pasted text ---------------------------------------
def load_corpus(
    corpus_dir: Path, kinds: Iterable[str] | None = None
) -> tuple[list[DocumentMeta], list[Chunk]]:
    """Parse and split the corpus files (no index needed): the metas and chunks of every manifest entry."""
    from ingest.load import load_document
    from ingest.manifest import load_manifest, meta_for
    from ingest.split import split_document

    want = set(kinds or ())
    manifest = load_manifest(corpus_dir)
    metas: list[DocumentMeta] = []
    chunks: list[Chunk] = []
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() in (".json", ".md"):
            continue
        meta = meta_for(path, manifest)
        if meta is None or (want and meta.kind not in want):
            continue
        metas.append(meta)
        chunks.extend(split_document(load_document(path, meta)))
    return metas, chunks


def chunks_from_text(text: str, name: str = "innlimt tekst") -> list[Chunk]:
    """Pasted text as chunks: one per paragraph block, verbatim."""
    from ingest.split import chunk_id

    out = []
    for i, m in enumerate(re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)):
        out.append(Chunk(chunk_id=chunk_id(name, i, m.group(0)), doc_id=name, text=m.group(0), ordinal=i))
    return out


def chunks_from_file(path: Path) -> tuple[DocumentMeta, list[Chunk]]:
    """A file on disk (any format the loaders read) as a document's meta and chunks."""
    from ingest.load import load_document
    from ingest.split import split_document

    doc = load_document(path)
    return doc.meta, split_document(doc)


def law_side(service) -> tuple[list[DocumentMeta], list[Chunk]]:
    """The law/regulation documents in the index and all their chunks."""
    metas = [m for m in service.documents() if m.kind in ("law", "regulation")]
    chunks: list[Chunk] = []
    for m in metas:
        chunks.extend(service.document(m.doc_id)[1])
    return metas, chunks


def check_document(service, doc_id: str) -> RefReport:
    """Check an indexed document by id."""
    meta, chunks = service.document(doc_id)
    law_metas, law_chunks = law_side(service)
    refs = check_references(chunks, law_chunks, law_metas, meta.year)
    return RefReport(doc_id=meta.doc_id, title=meta.title, year=meta.year, refs=refs)


def check_text(service, text: str, name: str = "innlimt tekst", year: int | None = None) -> RefReport:
    """Check pasted or uploaded text against the laws in the index."""
    chunks = chunks_from_text(text, name)
    law_metas, law_chunks = law_side(service)
    return RefReport(
        doc_id=None, title=name, year=year, refs=check_references(chunks, law_chunks, law_metas, year)
    )


def report_markdown(report: RefReport) -> str:
    """A Markdown table of the references, for the CLI."""
    c = report.counts()
    lines = [
        f"## Lovhenvisninger i «{report.title}»" + (f" ({report.year})" if report.year else ""),
        "",
        ", ".join(f"{k}: {v}" for k, v in c.items() if v) or "Ingen lovhenvisninger funnet.",
        "",
        "| Henvisning | Tolket som | Status | Sted | Merknad |",
        "|---|---|---|---|---|",
    ]
    for r in report.refs:
        where = ", ".join(
            x for x in [r.section, f"s. {r.page}" if r.page else "", (r.chunk_id or "")[:8]] if x
        )
        note = r.note.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| «{r.raw}» | {r.law_ref or '–'} | {r.status} | {where} | {note} |")
    return "\n".join(lines) + "\n"
