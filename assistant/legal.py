"""Law names, § references and what kind of question is asked.

Pure functions over text: `parse_refs` finds «sotjl. § 27», «§ 6 tredje ledd i boligsosialloven»,
«pbl. §§ 10-1 og 11-1»; `normalize_law` maps any spelling (bokmål, nynorsk, abbreviation, genitive,
any case) to the canonical short name the corpus manifest uses; `status_of` knows the provisions that
were repealed or rewritten when boligsosialloven came into force.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from planprat.places import places_in

# Canonical short names are the manifest's `law_short` values.
_ALIASES: dict[str, tuple[str, ...]] = {
    "boligsosialloven": (
        "boligsosialloven",
        "boligsosiallova",
        "bustadsosiallova",
        "bustadsosialloven",
        "lov om kommunenes ansvar på det boligsosiale feltet",
        "den boligsosiale loven",
        "den nye boligsosiale loven",
        "den boligsosiale lova",
        "den nye boligsosiale lova",
        "den bustadsosiale lova",
        "den nye bustadsosiale lova",
        "boligsosial lov",
    ),
    "sosialtjenesteloven": (
        "sosialtjenesteloven",
        "sosialtenestelova",
        "sosialtjenestelova",
        "sotjl",
        "stjl",
        "sotl",
        "lov om sosiale tjenester i nav",
        "lov om sosiale tjenester i arbeids- og velferdsforvaltningen",
    ),
    "helse- og omsorgstjenesteloven": (
        "helse- og omsorgstjenesteloven",
        "helse og omsorgstjenesteloven",
        "helse- og omsorgstenestelova",
        "helse og omsorgstenestelova",
        "hol",
        "hotjl",
        "hotl",
        "lov om kommunale helse- og omsorgstjenester",
    ),
    "plan- og bygningsloven": (
        "plan- og bygningsloven",
        "plan og bygningsloven",
        "plan- og bygningslova",
        "plan og bygningslova",
        "pbl",
        "lov om planlegging og byggesaksbehandling",
    ),
    "folkehelseloven": ("folkehelseloven", "folkehelselova", "fhl", "lov om folkehelsearbeid"),
    "husleieloven": ("husleieloven", "husleigelova", "husleielova", "hl", "husll", "lov om husleieavtaler"),
    "nav-loven": (
        "nav-loven",
        "navloven",
        "nav-lova",
        "navl",
        "arbeids- og velferdsforvaltningsloven",
        "lov om arbeids- og velferdsforvaltningen",
    ),
    "husbankloven": ("husbankloven", "husbanklova", "lov om husbanken"),
    "bustøttelova": ("bustøttelova", "bostøtteloven", "bustøtteloven", "bostøttelova", "lov om bustøtte"),
    "bustøtteforskriften": (
        "bustøtteforskriften",
        "bostøtteforskriften",
        "forskrift om bustøtte",
        "forskrift om bostøtte",
    ),
    "forskrift om lån fra Husbanken": (
        "forskrift om lån fra husbanken",
        "startlånforskriften",
        "startlånsforskriften",
        "forskrift om startlån",
    ),
}

# Laws people cite that are not in the shipped corpus; recognised so a question about them is not
# mistaken for one about a law we hold (the answerer says the corpus does not have them).
OTHER_LAWS: frozenset[str] = frozenset(
    """forvaltningsloven arbeidsmiljøloven vegtrafikkloven opplæringslova opplæringsloven barnevernsloven
    barnevernloven kommuneloven offentleglova offentlighetsloven diskrimineringsloven straffeloven
    utlendingsloven introduksjonsloven integreringsloven pasient- og brukerrettighetsloven
    pasientrettighetsloven folketrygdloven tvisteloven tvangsfullbyrdelsesloven borettslagsloven
    eierseksjonsloven avhendingsloven personopplysningsloven""".split()
)

LAWS: dict[str, str] = {alias: canon for canon, names in _ALIASES.items() for alias in names}

ORDINALS: dict[int, str] = {
    1: "første",
    2: "andre",
    3: "tredje",
    4: "fjerde",
    5: "femte",
    6: "sjette",
    7: "sjuende",
    8: "åttende",
    9: "niende",
    10: "tiende",
}
_ORDINAL_WORDS: dict[str, int] = {w: n for n, w in ORDINALS.items()} | {
    "annet": 2,
    "anna": 2,
    "syvende": 7,
    "fyrste": 1,
    "sjuande": 7,
    "åttande": 8,
    "niande": 9,
    "tiande": 10,
}


@dataclass(frozen=True)
class LawRef:
    """One reference found in text. `law` is None when the text names no law and none is implied."""

    law: str | None
    paragraph: str  # "§ 27", "§ 10-1", "§ 4 a"
    ledd: int | None = None
    letter: str | None = None
    span: tuple[int, int] = (0, 0)
    raw: str = ""
    ambiguous: bool = False

    @property
    def label(self) -> str:
        parts = [self.law or "", self.paragraph]
        if self.ledd:
            parts.append(f"{ORDINALS.get(self.ledd, str(self.ledd) + '.')} ledd")
        if self.letter:
            parts.append(f"bokstav {self.letter}")
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Change:
    status: str  # "opphevet" | "endret"
    since: str  # ISO date
    replaced_by: str  # what applies now
    note: str  # Norwegian, for end users
    topic: tuple[
        str, ...
    ] = ()  # words (starts of words) a question about the provision uses without its number
    now: tuple[str, ...] = ()  # the provisions that apply instead, looked up with it


REPEALED: dict[tuple[str, str], Change] = {
    ("helse- og omsorgstjenesteloven", "§ 3-7"): Change(
        status="opphevet",
        since="2023-07-01",
        replaced_by="boligsosialloven",
        note=(
            "Helse- og omsorgstjenesteloven § 3-7 (boliger til vanskeligstilte) ble opphevet fra 1. juli 2023. "
            "Kommunens boligsosiale plikter står nå i boligsosialloven (særlig § 5 og § 6)."
        ),
        topic=("bolig", "bustad"),
        now=("boligsosialloven § 5", "boligsosialloven § 6"),
    ),
    ("sosialtjenesteloven", "§ 15"): Change(
        status="endret",
        since="2023-07-01",
        replaced_by="boligsosialloven",
        note=(
            "Sosialtjenesteloven § 15 ble endret fra 1. juli 2023: den viser nå til boligsosialloven, og NAV-kontoret "
            "skal medvirke i kommunens boligsosiale arbeid. Eldre tekster beskriver den tidligere ordlyden."
        ),
        topic=("bolig", "bustad"),
    ),
}


def status_of(ref: LawRef) -> dict | None:
    """{"status", "since", "replaced_by", "note"} when the provision was repealed or rewritten, else None."""
    if not ref.law:
        return None
    change = REPEALED.get((ref.law, _norm_paragraph(ref.paragraph)))
    if change is None:
        return None
    return {
        "status": change.status,
        "since": change.since,
        "replaced_by": change.replaced_by,
        "note": change.note,
    }


# -- law names ------------------------------------------------------------------------------------
def _key(name: str) -> str:
    s = name.casefold().strip().rstrip(".").strip()
    s = re.sub(r"\s+", " ", s)
    return s


def normalize_law(name: str | None) -> str | None:
    """«Sotjl.», «sosialtjenestelovens», «Helse og omsorgstjenesteloven» → canonical short name; unknown → None."""
    if not name:
        return None
    k = re.sub(r"^(lov|forskrift)(?:en|a) om ", r"\1 om ", _key(name))
    if k in LAWS:
        return LAWS[k]
    for cand in (k[:-1] if k.endswith("s") else None, k.replace("-", " "), re.sub(r"\s*-\s*", "- ", k)):
        if cand and cand in LAWS:
            return LAWS[cand]
    canon_lower = {c.casefold(): c for c in _ALIASES}
    return canon_lower.get(k)


def _alias_pattern() -> str:
    names = sorted(LAWS, key=len, reverse=True)
    parts = []
    for n in names:
        esc = re.escape(n).replace(r"\-\ ", r"-?\s*").replace(r"\ ", r"\s+")
        # «loven om kommunenes ansvar …», «forskriften om bustøtte»: the title with its article
        esc = re.sub(r"^(lov|forskrift)\\s\+om", lambda m: m.group(1) + r"(?:en|a)?\s+om", esc)
        if len(n) <= 5:  # abbreviations: «sotjl.», «pbl» — whole word, optional dot
            parts.append(rf"{esc}\.?")
        else:  # names may be in the genitive: «sosialtjenestelovens»
            parts.append(rf"{esc}s?")
    return "|".join(parts)


_PARA = r"\d+(?:\s*-\s*\d+)?(?:\s?[a-h]\b)?"
_LEDD = rf"(?:(?P<lw>{'|'.join(_ORDINAL_WORDS)})|(?P<ln>\d+)\.?)\s+ledd"
_TAIL = rf"(?:\s*,?\s*{_LEDD})?(?:\s*,?\s*(?:bokstav|litra)\s+(?P<letter>[a-zæøå])\b)?"
_MULTI = rf"(?P<paras>{_PARA}(?:\s*(?:,|og|eller|til|–|-)\s*(?:§\s*)?{_PARA})*)"

_BARE = re.compile(rf"(?:§§?)\s*{_MULTI}{_TAIL}", re.I)


def _compile_law_patterns() -> None:
    """The patterns that find a law's name, built from LAWS (again when a law is registered)."""
    global _LAW_FIRST, _PARA_FIRST, _LAW_NUMBER, _LAW_ONLY
    law = _alias_pattern()
    # «sotjl. § 27», «boligsosialloven § 6 tredje ledd», «pbl. §§ 10-1 og 11-1», «sosialtjenesteloven paragraf 27»
    _LAW_FIRST = re.compile(
        rf"(?<![\wæøå])(?P<law>{law})(?![\wæøå])\s*(?:§§?|paragrafe?n?|paragraf)\s*{_MULTI}{_TAIL}", re.I
    )
    # «§ 27 i sosialtjenesteloven», «§ 6 tredje ledd i boligsosialloven», «§ 15 etter sotjl.»
    _PARA_FIRST = re.compile(
        rf"(?:§§?|paragraf)\s*{_MULTI}{_TAIL}\s+(?:i|etter|jf\.?|jamfør|av|fra)\s+(?:den\s+)?(?P<law>{law})"
        r"(?![\wæøå])",
        re.I,
    )
    # «sotjl 27», «hol. 3-7», «husleieloven 9-6 andre ledd»: a § number right after the law's name, no «§»
    # (at most three digits, so «plan- og bygningsloven 2008» is a year)
    _LAW_NUMBER = re.compile(
        rf"(?<![\wæøå])(?P<law>{law})(?![\wæøå])\s+(?P<paras>\d{{1,3}}(?:\s*-\s*\d{{1,3}})?(?:\s?[a-h]\b)?)"
        rf"(?![\wæøå\d-]){_TAIL}",
        re.I,
    )
    _LAW_ONLY = re.compile(rf"(?<![\wæøå])(?P<law>{law})(?![\wæøå])", re.I)


_compile_law_patterns()


def register_laws(laws: dict[str, set[str]]) -> None:
    """Make laws ingested without a place in `_ALIASES` known by their names (canonical short name →
    names: «eierseksjonsloven», «lov om eierseksjoner»), so «eierseksjonsloven § 24» is looked up and
    not answered as a law Planprat does not have. Names already known keep their law."""
    added = False
    for canon, names in laws.items():
        for name in {canon, *names}:
            key = _key(name)
            if len(key) >= 3 and key not in LAWS:
                LAWS[key] = canon
                added = True
        if canon not in _ALIASES:
            _ALIASES[canon] = tuple(sorted({_key(n) for n in (canon, *names)}))
    if added:
        _compile_law_patterns()


_ANY_LAW_WORD = re.compile(r"(?<![\wæøå])([a-zæøå-]+(?:loven|lova|lovens|lovas))(?![\wæøå])", re.I)


def _norm_paragraph(p: str) -> str:
    p = re.sub(r"\s+", " ", p.replace("–", "-")).strip()
    p = re.sub(r"\s*-\s*", "-", p)
    p = re.sub(r"^§+\s*", "", p)
    m = re.match(r"(\d+(?:-\d+)?)\s?([a-h])?$", p)
    if m and m.group(2):
        return f"§ {m.group(1)} {m.group(2)}"
    return f"§ {p}"


def _split_paras(paras: str) -> list[str]:
    out: list[str] = []
    # «10-1 og 11-1», «27, 28», «§ 5 og § 6»; a range «20 til 22» gives its two ends only
    for piece in re.split(r"\s*(?:,|\bog\b|\beller\b|\btil\b)\s*(?:§\s*)?", paras):
        piece = piece.strip()
        if re.fullmatch(_PARA, piece):
            out.append(piece)
    return out or [paras]


def _ledd(m: re.Match) -> int | None:
    if m.group("lw"):
        return _ORDINAL_WORDS.get(m.group("lw").casefold())
    if m.group("ln"):
        return int(m.group("ln"))
    return None


def laws_mentioned(text: str) -> list[str]:
    """Canonical names of the corpus laws named in the text, in order of first mention."""
    out: list[str] = []
    for m in _LAW_ONLY.finditer(text):
        canon = normalize_law(m.group("law"))
        if canon and canon not in out:
            out.append(canon)
    return out


def spell_out_laws(text: str) -> str:
    """The text with each law abbreviation written as the law's name («jf. sotjl.» → «jf.
    sosialtjenesteloven»): a passage's law names itself in full, never as «sotjl»."""

    def full(m: re.Match) -> str:
        name = m.group("law")
        canon = normalize_law(name)
        return canon if canon and len(name.rstrip(".")) <= 5 else name

    return _LAW_ONLY.sub(full, text)


def law_typos(text: str) -> list[tuple[str, str]]:
    """(typed, meant) for a law name a letter or two off one Planprat knows: «sosialtjenestloven» →
    «sosialtjenesteloven», «helse- og omsorgstjenestelova» → «… omsorgstenestelova». Names of laws
    Planprat does not have («arbeidsmiljøloven») are near none and stay as typed."""
    out: list[tuple[str, str]] = []
    last: dict[str, str] = {}
    known = [k.span() for k in _LAW_ONLY.finditer(text)]
    for m in _ANY_LAW_WORD.finditer(text):
        word = m.group(1)
        if len(word) < 9 or any(a <= m.start() < b for a, b in known):
            continue
        # the last word of each name: «omsorgstjenesteloven» of «helse- og omsorgstjenesteloven»
        last = last or {n.split()[-1]: LAWS[n] for n in LAWS if len(n.split()[-1]) >= 8}
        low = word.casefold()
        genitive = low.endswith("s") and low[:-1].endswith(("loven", "lova"))
        base = low[:-1] if genitive else low
        close = difflib.get_close_matches(base, list(last), n=3, cutoff=0.9)
        if close and len({last[c] for c in close}) == 1 and close[0] != base:
            out.append((word, close[0] + ("s" if genitive else "")))
    return out


def unknown_laws(text: str) -> list[str]:
    """Law names in the text that are not in the corpus («arbeidsmiljøloven», «opplæringslova»)."""
    out = []
    known = [m.span() for m in _LAW_ONLY.finditer(text)]
    for m in _ANY_LAW_WORD.finditer(text):
        if any(a <= m.start() < b for a, b in known):
            continue
        word = m.group(1)
        if normalize_law(word) is None and word.casefold().rstrip("s") not in ("lov", "loven", "lova"):
            base = word.casefold()
            if base.endswith("s"):
                base = base[:-1]
            if base not in out:
                out.append(base)
    return out


# Words for an appeal: «Kan jeg klage?», «påklages», «klageinstans», «klagerett»
APPEAL = re.compile(r"\b(klag\w*|påklag\w*)\b", re.I)

_CHAPTER_WORD = r"(?:kapittel|kapitel|kap\.?)\s*(?P<n>\d+)\b"


def replacements(refs: list[LawRef]) -> list[LawRef]:
    """The provisions that apply instead of the repealed ones among `refs` («hol § 3-7» → boligsosialloven
    § 5 and § 6), to be looked up with them."""
    out: list[LawRef] = []
    for ref in refs:
        change = REPEALED.get((ref.law, _norm_paragraph(ref.paragraph))) if ref.law else None
        if change:
            out.extend(r for now in change.now for r in parse_refs(now))
    return out


def implied_refs(text: str) -> list[LawRef]:
    """Changed provisions a question means without their number: «Hva sier helse- og omsorgstjenesteloven om
    boliger til vanskeligstilte?» is about § 3-7, repealed, and the provisions that apply instead."""
    named = laws_mentioned(text)
    if not named:
        return []
    words = re.findall(r"[^\W\d_]+", text.casefold())
    numbered = {r.law for r in parse_refs(text)}
    out: list[LawRef] = []
    for (law, paragraph), change in REPEALED.items():
        if law in named and law not in numbered and any(w.startswith(change.topic) for w in words):
            out.append(LawRef(law, paragraph))
    return out + replacements(out)


def chapter_refs(text: str, default_law: str | None = None) -> list[tuple[str, int]]:
    """(law, chapter) for «husleieloven kapittel 9», «kapittel 4 i sosialtjenesteloven», «kap. 11 i pbl»; a
    bare «kapittel 9» belongs to the one law the text names, or `default_law`."""
    out: list[tuple[str, int]] = []
    for m in re.finditer(_CHAPTER_WORD, text, re.I):
        before = list(_LAW_ONLY.finditer(text[: m.start()]))
        after = _LAW_ONLY.match(
            text, m.end() + len(re.match(r"\s*(?:i|etter|av)?\s*", text[m.end() :]).group(0))
        )
        near = after or (before[-1] if before and m.start() - before[-1].end() <= 3 else None)
        named = laws_mentioned(text)
        law = normalize_law(near.group("law")) if near else (named[0] if len(named) == 1 else default_law)
        if law and (law, int(m.group("n"))) not in out:
            out.append((law, int(m.group("n"))))
    return out


def parse_refs(text: str, default_law: str | None = None) -> list[LawRef]:
    """Every § reference in the text. A bare «§ 27» gets `default_law`, else the one law named in the
    text, else law=None and ambiguous=True (never a guess between several laws)."""
    refs: list[LawRef] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in taken)

    for rx in (_LAW_FIRST, _PARA_FIRST, _LAW_NUMBER):
        for m in rx.finditer(text):
            if overlaps(*m.span()):
                continue
            law = normalize_law(m.group("law"))
            if law is None:
                continue
            paras = _split_paras(m.group("paras"))
            for p in paras:
                refs.append(
                    LawRef(
                        law=law,
                        paragraph=_norm_paragraph(p),
                        ledd=_ledd(m) if len(paras) == 1 else None,
                        letter=m.group("letter") if len(paras) == 1 else None,
                        span=m.span(),
                        raw=m.group(0),
                    )
                )
            taken.append(m.span())
    named = laws_mentioned(text)
    implied = default_law or (named[0] if len(named) == 1 else None)
    for m in _BARE.finditer(text):
        if overlaps(*m.span()):
            continue
        paras = _split_paras(m.group("paras"))
        for p in paras:
            refs.append(
                LawRef(
                    law=implied,
                    paragraph=_norm_paragraph(p),
                    ledd=_ledd(m) if len(paras) == 1 else None,
                    letter=m.group("letter") if len(paras) == 1 else None,
                    span=m.span(),
                    raw=m.group(0),
                    ambiguous=implied is None,
                )
            )
        taken.append(m.span())
    refs.sort(key=lambda r: r.span[0])
    # the ledd named before its §: «annet ledd i boligsosialloven § 6», «andre ledd av § 6 i …»
    single = Counter(r.span for r in refs)
    out = []
    for r in refs:
        before = _LEDD_BEFORE.search(text[: r.span[0]]) if r.ledd is None and single[r.span] == 1 else None
        out.append(dataclasses.replace(r, ledd=_ledd(before)) if before else r)
    return out


_LEDD_BEFORE = re.compile(rf"\b{_LEDD}\s+(?:i|av|til|etter|under)\s+(?:den\s+)?$", re.I)


# -- question intent ------------------------------------------------------------------------------
_LEGAL_WORDS = re.compile(
    r"\b(plikt\w*|forplikt\w*|lov(?:en|a|ens|verk)?|lovpålagt\w*|paragraf\w*|rett(?:en)? til|har krav på|krav på|"
    r"rettighet\w*|vilkår\w*|forskrift\w*|hjemmel|hjemlet|klage\w*|vedtak\w*|ansvar(?:et)? for|"
    r"må kommunen|må nav|skal kommunen|skal nav|kva må|kva skal|har kommunen ansvar|lovkrav\w*|juridisk\w*|"
    r"krav\w* (?:som )?(?:stilles|blir stilt|vert stilt)|(?:stilles|stiller) (?:det )?krav|kreves|"
    # what the municipality may do: «Kan kommunen gi en vanskeligstilt leietaker en kontrakt på kortere tid
    # …?» (a place named makes it about that place's own rules, as «ansvar for» does; «Kan huseieren kreve …»
    # measured no better as a legal question: a third citation from the same §)
    r"kan (?:kommunen|nav))\b",
    re.I,
)
_LIST_WORDS = re.compile(
    r"\b(hvilke|kva for|hva slags|kva slags|eksempl\w*|oversikt|liste\w*|tiltak(?:ene)?|kommunene|kommunenes|kommunane|satsing(?:er|ar|ene|ane|sområd\w*)|"
    r"hvordan (?:organiserer|jobber|arbeider|løser|håndterer) (?:kommunene|de)|sammenlign\w*|"
    r"forskjell\w*|ulike|andre kommuner)\b",
    re.I,
)


# «Hvilke», «hva slags» ask for a list across documents only with a word that says so (kommunene, tiltak …)
_WHICH = re.compile(r"\b(?:hvilke|kva for|hva slags|kva slags)\b", re.I)
# … unless it asks which municipalities: «Hvilke kommuner har en leie-til-eie-ordning?»
_WHICH_PLACES = re.compile(r"\b(?:hvilke|kva for|kva|hva slags|kva slags) (?:\w+ )?kommun(?:er|ar)\b", re.I)

# «Hvor mange …», «Kor mykje …»: a number asked for, from one place unless the question spans municipalities
_COUNT_Q = re.compile(r"\s*(?:og\s+)?(?:hvor|kor)\s+(?:mange|mye|mykje|stor|store|høy|høg)\b", re.I)
_ACROSS = re.compile(r"\b(?:kommunene|kommunane|kommunenes|andre kommuner|hver kommune|kvar kommune)\b", re.I)

# Words that ask about the law in general, but about the place's own arrangements when a place is named.
_WEAK_LEGAL = re.compile(r"\bansvar\w* for\b|\bkan (?:kommunen|nav)\b", re.I)

# «Hva er formålet med …», «Kva er føremålet …», «hensikten med loven»
# («Hva er startlånet ment å hjelpe folk med?», «Kva er bustøtta til for?»)
_PURPOSE = re.compile(
    r"\b(formål\w*|føremål\w*|hensikt\w*|meininga?|meningen|ment (?:å|som|for)|(?:er|var) (?:\w+ )?til for)\b",
    re.I,
)


# «Hva er bostøtte?», «Kva er eit depositum?», «Hva betyr gjengs leie?», «Hva menes med bo-oppfølging?»
_DEFINITION = re.compile(
    r"^\s*(?:hva|kva)\s+(?:er|betyr|tyder|menes med|meiner ein med|vil det si)\s+"
    r"(?:(?:en|et|ei|ein|eit|den|det)\s+)?([^?.!,;:]{3,40}?)\s*\??\s*$",
    re.I,
)


def defined_term(question: str) -> str | None:
    """The term a «Hva er X?» question asks to have explained (at most three words), else None."""
    m = _DEFINITION.match(question)
    if not m or len(m.group(1).split()) > 3:
        return None
    return m.group(1).strip()


def asks_purpose(question: str) -> bool:
    """«Hva er formålet med husleieloven?»: the question asks what a law or scheme is for."""
    return bool(_PURPOSE.search(question))


def classify_question(question: str, places: Collection[str] = ()) -> str:
    """ "legal" (duties, rights, § references), "list" (measures across documents) or "fact".
    `places`: the corpus's municipalities (see `planprat.places.places_in`)."""
    q = question.strip()
    if parse_refs(q) or laws_mentioned(q) or unknown_laws(q):
        return "legal"
    legal = bool(_LEGAL_WORDS.search(q))
    if legal and places_in(q, places) and not _LEGAL_WORDS.search(_WEAK_LEGAL.sub(" ", q)):
        legal = False  # «Hvem har ansvaret for planen i Sandnes?» asks about Sandnes's plan, not a law
    # «Hvilke deler skal kommuneplanen bestå av?» is no list
    listy = bool(_LIST_WORDS.search(_WHICH.sub(" ", q)) or _WHICH_PLACES.search(q))
    if listy and _COUNT_Q.match(q) and not _ACROSS.search(q):
        listy = False  # «Hvor mange strategier og tiltak har planen?» asks for a number, not a list of tiltak
    if legal and not re.search(r"\b(kommunene|kommunane|tiltak)\b", q, re.I):
        return "legal"
    if listy:
        return "list"
    if legal:
        return "legal"
    return "fact"


_DUTY_WORDS = re.compile(r"\b(plikt\w*|forplikt\w*|må (?:kommunen|nav)|ansvar\w* for|lovpålagt\w*)\b", re.I)


def is_duty_question(question: str, places: Collection[str] = ()) -> bool:
    """«Hva plikter kommunen …», «må NAV …», «har kommunen ansvar for …» — but «Hvem har ansvaret for
    planen i Sandnes?» asks about Sandnes's own arrangements."""
    if not _DUTY_WORDS.search(question):
        return False
    return not (places_in(question, places) and not _DUTY_WORDS.search(_WEAK_LEGAL.sub(" ", question)))


def ledd_at(text: str, law_ref: str | None, offset: int) -> int | None:
    """Which ledd of a provision's chunk `offset` stands in: the chunk opens with the § heading, its ledd
    follow as paragraphs, and its law_ref says which ledd it begins with («§ 3-5 femte til sjuende ledd»).
    None in the heading."""
    before = text[:offset].count("\n\n")
    if before == 0:
        return None
    tail = (law_ref or "").split("§", 1)[-1].casefold()
    first = next((_ORDINAL_WORDS[w] for w in re.findall(r"[a-zæøå]+", tail) if w in _ORDINAL_WORDS), 1)
    return first + before - 1


def laws_with(provisions: Iterable[tuple[str, str]], key: str) -> list[str]:
    """The laws among (law, «§27») `provisions` that have provision `key`, by name."""
    return sorted({law for law, k in provisions if k == key})


def in_chapter(n: int, section: Iterable[str]) -> bool:
    """Whether a heading path lies in chapter `n` («Kapittel 9. Leieforholdets varighet – opphør»)."""
    return any(re.match(rf"kapittel {n}\b", s, re.I) for s in section)


def paragraph_order(key: str) -> tuple[int, ...]:
    """«§9-10» after «§9-2»: a provision key's numbers, to sort by."""
    return tuple(int(n) for n in re.findall(r"\d+", key)) or (0,)


def paragraph_key(paragraph: str) -> str:
    """«§ 4 a», «§4a», «§ 10 - 1» → "§4a", "§10-1": the form law chunks are looked up by."""
    return re.sub(r"\s+", "", paragraph.replace("–", "-")).lower()
