"""Duties in laws and regulations, sentence by sentence: who is bound, how strongly, and where (§).

`extract_duties(chunks)` is pure: it reads law chunks (text beginning «§ 6. Overskrift …») and returns one
`Duty` per sentence that carries a modal (skal / plikter / må / bør / kan), with the bound party when the
sentence names one. Amendment notes («Endret ved lov …») are skipped. The chat uses it for «hva plikter …».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from planprat.models import Chunk

# Strongest first; `rank` orders duties (0 = strongest).
STRENGTHS = ("skal", "plikter", "må", "bør", "kan")

# modal phrase → strength. Bokmål and nynorsk; longest first so «er forpliktet til» wins over shorter forms.
_MODALS: list[tuple[str, str]] = [
    (r"er forplikta til|er forpliktet til|har plikt til|har ei plikt til|har en plikt til", "plikter"),
    (r"plikter|pliktar", "plikter"),
    (r"skal|skall", "skal"),
    (r"må", "må"),
    (r"bør", "bør"),
    (r"kan", "kan"),
]
_MODAL_RE = re.compile(r"\b(" + "|".join(p for p, _ in _MODALS) + r")\b", re.IGNORECASE)

# canonical party → pattern. Order matters: the more specific NAV phrasing before plain «kommunen».
ACTORS: list[tuple[str, str]] = [
    (
        "NAV-kontoret",
        r"kommunen i arbeids- og velferdsforvaltningen|nav-kontoret|arbeids- og velferdskontoret",
    ),
    ("Arbeids- og velferdsetaten", r"arbeids- og velferdsetaten|etaten"),
    ("kommunestyret", r"kommunestyret|kommunestyra"),
    ("kommunen", r"den enkelte kommune|kommunen|kommunene|kommunane"),
    ("fylkeskommunen", r"fylkeskommunen|fylkeskommunene"),
    ("statsforvalteren", r"statsforvalteren|statsforvaltaren|fylkesmannen"),
    ("departementet", r"departementet"),
    ("Kongen", r"kongen i statsråd|kongen"),
    ("Husbanken", r"husbanken"),
    ("Helsedirektoratet", r"helsedirektoratet"),
    ("Folkehelseinstituttet", r"folkehelseinstituttet"),
    ("staten", r"staten|statlige myndigheter"),
    ("utleier", r"utleieren|utleiere|utleier|utleigaren|utleigar"),
    ("leier", r"leieren|leiere|leier|leigaren|leigar"),
    ("søkeren", r"søkeren|søkerne|søkjaren|lånesøkeren|låntakeren|låntaker"),
    (
        "plan- og bygningsmyndigheten",
        r"plan- og bygningsmyndigheten|planmyndigheten|regional planmyndighet|bygningsmyndigheten",
    ),
    ("tiltakshaver", r"tiltakshaveren|tiltakshaver"),
    ("tjenesteyteren", r"tjenesteyteren|tjenesteytere|helsepersonell|personellet"),
    ("den enkelte", r"den enkelte|enhver"),
]
_ACTOR_RES = [(name, re.compile(r"\b(?:" + pat + r")\b", re.IGNORECASE)) for name, pat in ACTORS]

# «Endret ved lov …», «Tilføyd ved …», nynorsk «Endra ved …»: editorial notes, not law text.
_AMENDMENT = re.compile(
    r"^\s*(?:endret|endra|tilføyd|tilføydd|opphevet|oppheva|tilføyet)\s+(?:ved|med)\s+(?:lov|forskrift|res|kgl)",
    re.IGNORECASE,
)
# The § heading a law chunk begins with: «§ 6. Plikt til …» or «sosialtjenesteloven § 15. Boliger …».
_HEADING = re.compile(
    r"^\s*(?:[\w\-– ]{0,80}?\s)?§\s*\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?\s*\.[^\n]*\n", re.IGNORECASE
)
# Sentence ends: . ! ? followed by space and a capital (so «jf. § 42» and «nr. 121 om» stay whole).
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«(])")


@dataclass(frozen=True)
class Duty:
    """One sentence of law that obliges or empowers someone."""

    law: str | None  # canonical short name, e.g. «boligsosialloven»
    law_ref: str | None  # «boligsosialloven § 6» (with ledd when the chunk has it)
    paragraph: str | None  # «§ 6»
    bound: str | None  # canonical party, e.g. «kommunen»; None when the sentence names no one (passive)
    subject: str  # the words before the modal, verbatim (who the sentence is about)
    strength: str  # skal | plikter | må | bør | kan
    modal: str  # the modal as written («er forpliktet til»)
    negated: bool  # «skal ikke», «kan ikke»
    sentence: str  # verbatim from the chunk text
    chunk_id: str
    doc_id: str

    @property
    def rank(self) -> int:
        return STRENGTHS.index(self.strength)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; every sentence is a verbatim substring of `text` at that offset."""
    out: list[tuple[int, str]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        pos = 0
        body = para.group(0)
        for m in _SENT_END.finditer(body):
            piece = body[pos : m.start()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append((start + pos + lead, piece.strip()))
            pos = m.end()
        piece = body[pos:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + pos + lead, piece.strip()))
    return out


def find_actor(phrase: str) -> str | None:
    """The canonical party named in `phrase` (first match in ACTORS order), or None."""
    for name, rx in _ACTOR_RES:
        if rx.search(phrase):
            return name
    return None


# Parties that answer for one another: what «kommunen» must do under sosialtjenesteloven, the NAV office does.
_SAME_PARTY = {
    "NAV-kontoret": "kommunen",
    "kommunestyret": "kommunen",
    "Arbeids- og velferdsetaten": "kommunen",
}


def party(name: str) -> str:
    """The party an actor acts for (the NAV office and the council act for «kommunen»)."""
    return _SAME_PARTY.get(name, name)


# what a party must do, not what it may: «Kan utleier nekte meg …?» is answered by what the tenant may do
_ASKED_MODAL = r"(?:skal|må|plikter|bør|har plikt|har ansvar|har ansvaret)"


# «Kan kommunen pålegge …?» asks what an authority may do, which a rule of its own answers («Kommunen kan
# pålegge …»), not what the tenant may demand. «Kan utleier nekte meg …?» is left alone: what the tenant may
# do answers it.
_AUTHORITIES = frozenset({"kommunen", "kommunestyret", "fylkeskommunen", "statsforvalteren", "Husbanken"})
_ASKED_POWER = r"(?:^|[.!?:–-]\s)\W*(?:og\s+|men\s+)?(?:kan|får)"  # a question's opening, or a sentence's


def asked_party(question: str) -> str | None:
    """The one party a question asks what it must do («Hva krever folkehelseloven at kommunen skal …»,
    «Må kommunen …», «Hva plikter NAV …» -> kommunen) or, for an authority, what it may do («Kan kommunen
    pålegge …»), or None when no party stands with a modal or several do. «Og hvis kommunen sier nei, hvor
    klager man da?» asks about no duty of the municipality."""
    found = set()
    for name, rx in _ACTOR_RES:
        pat = rx.pattern
        if re.search(rf"\b{_ASKED_MODAL}\s+{pat}|{pat}\s+{_ASKED_MODAL}\b", question, re.IGNORECASE):
            found.add(party(name))
        elif name in _AUTHORITIES and re.search(rf"{_ASKED_POWER}\s+{pat}", question, re.IGNORECASE):
            found.add(party(name))
    return next(iter(found)) if len(found) == 1 else None


def subject_party(sentence: str) -> str | None:
    """The party a sentence's main-clause modal binds («Fylkeskommunen skal …» -> fylkeskommunen), or None
    when it names none («Oppsigelsesfristen skal være …»)."""
    found = _duty_in(sentence)
    return party(found[0]) if found and found[0] else None


def _strength(modal: str) -> str:
    low = modal.lower()
    for pat, strength in _MODALS:
        if re.fullmatch(pat, low):
            return strength
    return "kan"


def _bound(sentence: str, m: re.Match[str]) -> tuple[str | None, str]:
    """Who the modal at `m` binds: the subject before it, or (inverted word order) the one right after it."""
    before = sentence[: m.start()].strip()
    # Main-clause subject: the last clause of the text before the modal («…, skal kommunen» is inverted).
    clause = re.split(r"[,;:]", before)[-1].strip() if before else ""
    actor = find_actor(clause) if clause and len(clause.split()) <= 12 else None
    if actor:
        return actor, clause
    if not clause and before:  # «Den kommunen som mottar bistand …, skal»: the subject opens the sentence
        for name, rx in _ACTOR_RES:
            am = rx.match(re.sub(r"^(?:den|det)\s+", "", before, flags=re.IGNORECASE))
            if am:
                return name, before.split(",")[0]
    after = sentence[m.end() :]
    head = re.match(r"\s*((?:\S+\s+){0,5}\S+)", after)
    if head:
        first = re.match(
            r"\s*(?:ikke\s+|ikkje\s+|også\s+|likevel\s+|dessuten\s+)*((?:\S+\s+){0,5}\S+)", after
        )
        window = first.group(1) if first else head.group(1)
        for name, rx in _ACTOR_RES:
            am = rx.search(window)
            if am and am.start() <= 2:  # the party right after the modal: «Etter søknad skal kommunen …»
                return name, window[: am.end()]
    return None, clause


# «at» earlier in the same clause puts the modal in a that-clause («bidra til at … skal få»). «som», «dersom»
# are not used: «Tjenester som ytes etter denne loven skal være forsvarlige» is a main-clause duty.
_SUBORDINATE = re.compile(r"\bat\b", re.IGNORECASE)


def _duty_in(sentence: str) -> tuple[str | None, str, str, str, bool] | None:
    """(bound, subject, strength, modal, negated) for the main-clause modal of a sentence, or None."""
    for m in _MODAL_RE.finditer(sentence):
        prev = sentence[: m.start()].rstrip().split()
        if prev and prev[-1].lower() in {"som", "dersom", "hvis", "om", "når", "der", "at", "so", "viss"}:
            continue  # a modal in a subordinate clause («aktører som kan bidra»)
        if m.start() == 0 and "," in sentence:
            continue  # a conditional opening («Kan kommunen ikke selv gi slik hjelp, skal den …»)
        clause = sentence[
            max(sentence.rfind(",", 0, m.start()), sentence.rfind(";", 0, m.start())) + 1 : m.start()
        ]
        if _SUBORDINATE.search(clause):
            continue  # «… bidra til at vanskeligstilte skal få bistand»
        bound, subject = _bound(sentence, m)
        negated = bool(re.match(r"\s+(?:\S+\s+)?(?:ikke|ikkje)\b", sentence[m.end() :]))
        return bound, subject, _strength(m.group(1)), m.group(1), negated
    return None


def _body(text: str) -> tuple[int, str]:
    """Chunk text without its leading § heading line, and the offset where the body starts."""
    m = _HEADING.match(text)
    if m:
        return m.end(), text[m.end() :]
    return 0, text


def extract_duties(chunks: Iterable[Chunk]) -> list[Duty]:
    """Every sentence with a modal in the law chunks, in document order; amendment notes skipped."""
    duties: list[Duty] = []
    for c in chunks:
        _, body = _body(c.text)
        for _, sent in split_sentences(body):
            if _AMENDMENT.match(sent) or len(sent) < 12:
                continue
            found = _duty_in(sent)
            if found is None:
                continue
            bound, subject, strength, modal, negated = found
            duties.append(
                Duty(
                    law=c.law,
                    law_ref=c.law_ref or (f"{c.law} {c.paragraph}" if c.law and c.paragraph else None),
                    paragraph=c.paragraph,
                    bound=bound,
                    subject=subject,
                    strength=strength,
                    modal=modal,
                    negated=negated,
                    sentence=sent,
                    chunk_id=c.chunk_id,
                    doc_id=c.doc_id,
                )
            )
    return duties


def filter_duties(
    duties: Iterable[Duty],
    bound: str | None = None,
    strengths: Iterable[str] = (),
    paragraph: str | None = None,
) -> list[Duty]:
    """Duties binding `bound` (case-insensitive), with one of `strengths`, in `paragraph` («§ 6»)."""
    want = {s.lower() for s in strengths}
    out = []
    for d in duties:
        if bound and (d.bound or "").lower() != bound.lower():
            continue
        if want and d.strength not in want:
            continue
        if paragraph and (d.paragraph or "").replace(" ", "") != paragraph.replace(" ", ""):
            continue
        out.append(d)
    return out


def duties_markdown(duties: list[Duty], title: str = "Plikter") -> str:
    """A Markdown table: § | hvem | styrke | setning."""
    lines = [f"## {title}", "", "| § | Hvem | Styrke | Setning |", "|---|---|---|---|"]
    for d in duties:
        sent = d.sentence.replace("|", "\\|")
        strength = d.strength + (" (ikke)" if d.negated else "")
        lines.append(f"| {d.law_ref or ''} | {d.bound or '–'} | {strength} | «{sent}» |")
    return "\n".join(lines) + "\n"


def _law_names(meta) -> set[str]:
    names = {meta.doc_id, meta.title}
    if meta.law_short:
        names.add(meta.law_short)
    names.update(a.rstrip(".") for a in meta.law_abbrevs)
    names.update(meta.law_abbrevs)
    for m in re.finditer(r"[(\[]([^)\]]+)[)\]]", meta.title):
        names.add(m.group(1))
    return {n.lower().strip() for n in names if n}


def resolve_law_doc(name: str, metas) -> list:
    """The law/regulation documents a user's law name (short name, abbreviation, doc id or title) refers to."""
    key = name.lower().strip()
    laws = [m for m in metas if m.kind in ("law", "regulation")]
    exact = [m for m in laws if key in _law_names(m) or key.rstrip(".") in _law_names(m)]
    if exact:
        return exact
    return [m for m in laws if any(key in n for n in _law_names(m))]


def duties_for_law(service, law: str | None = None) -> list[Duty]:
    """Duties of one law (any name for it) or, with no law, of every law and regulation in the index."""
    from planprat.errors import NotFound

    metas = service.documents()
    docs = resolve_law_doc(law, metas) if law else [m for m in metas if m.kind in ("law", "regulation")]
    if not docs:
        known = ", ".join(sorted(m.law_short or m.doc_id for m in metas if m.kind in ("law", "regulation")))
        raise NotFound(f"Fant ingen lov eller forskrift som heter «{law}». Kjente lover: {known}.")
    out: list[Duty] = []
    for meta in docs:
        _, chunks = service.document(meta.doc_id)
        out.extend(extract_duties(chunks))
    return out
