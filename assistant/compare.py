"""Compare municipalities: a table municipality × measure, with actor, year and amount, one citation per cell.

Pure core: `build_comparison(question, hits)` picks, per municipality, the sentences of its passages that best
match the question and look like measures, and extracts actors («NAV», «Husbanken», «boligkontoret», «enhet …»),
years (19xx/20xx) and amounts («kr», «mill.», «millioner») with regexes. Every quote is a verbatim substring
of its chunk. `compare(service, question)` searches each municipality's plans/reports/cases/presentations.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.duties import split_sentences
from planprat.models import Citation, Filters, Hit

PRECEDENT_KINDS = ("plan", "report", "case", "presentation")

STOPWORDS = set(
    """hva hvilke hvilken hvilket hvordan hvor hvem når som har hadde er var og i på til for med av om at en et ei
    den det de der dette disse kan skal vil bør må sitt sin sine seg ikke eller fra ved mot etter over under mellom
    kommunene kommunen kommuner kommune gjør gjøre gjort finnes fins blir ble bli noen andre også mer mest
    bruker bruke brukes benytter benytte tiltak tiltakene mangel mangelen manglende problem problemer utfordring utfordringer arbeid arbeidet
    kommunal kommunale kommunalt""".split()
)
# A question word also matches these stems (short forms inside compounds).
SYNONYMS = {
    # a shortage of rental housing is met with flats, building and the municipal housing stock
    "utleie": ("leie", "leilighet", "boligmasse", "utbygg"),
    "leiebo": ("leie", "leilighet", "boligmasse", "utbygg"),
    "boopp": ("oppfølg",),
    "oppfølg": ("oppfølg",),
    "midler": ("midlerti",),
}
WEAK_STEMS = {"bolig": 0.4}
PROBLEM = re.compile(r"\b(mangel\w*|utfordring\w*|underdekning\w*|problem\w*|mangler)\b", re.IGNORECASE)

# Words that mark a sentence as describing a measure (tiltak), as opposed to background.
MEASURE_CUES = re.compile(
    r"\b(tiltak\w*|etabler\w*|bygg\w*|kjøp\w*|anskaff\w*|fremskaff\w*|framskaff\w*|skaffe\w*|leie\w*|utleie\w*|"
    r"ordning\w*|prosjekt\w*|startlån\w*|tilskudd\w*|avtale\w*|samarbeid\w*|utvikl\w*|styrk\w*|innfør\w*|"
    r"opprett\w*|strategi\w*|plan\w*|satsing\w*|satsning\w*|bo-?oppfølging\w*|oppfølging\w*|veiled\w*|"
    r"differensier\w*|boligkoordinator\w*|program\w*|utbygging\w*|iverksett\w*)\b",
    re.IGNORECASE,
)

YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d])")
AMOUNT = re.compile(
    r"(?:\bkr\.?\s*\d[\d\s.,]*(?:\s*(?:mill(?:\.|ioner|ion)?|mrd\.?|milliarder))?"
    r"|\d[\d\s.,]*\s*(?:mill(?:\.|ioner|ion)?|mrd\.?|milliarder)(?:\s*(?:kr|kroner)\b\.?)?"
    r"|\d[\d\s.,]*\s*(?:kr|kroner|NOK)\b\.?)",
    re.IGNORECASE,
)
ACTOR_PATTERNS: list[tuple[str, str]] = [
    ("NAV", r"\bNAV(?:-kontoret|-kontor)?\b|\bNav-kontoret\b"),
    ("Husbanken", r"\bHusbanken\w*"),
    ("boligkontoret", r"\bboligkontor\w*"),
    ("boligkoordinator", r"\bboligkoordinator\w*"),
    ("Koordinerende fellestjeneste", r"\bKoordinerende fellestjeneste\b"),
    ("rådmannen", r"\brådmann\w*"),
    ("bystyret/kommunestyret", r"\b(?:bystyret|kommunestyret|formannskapet)\b"),
    ("eiendom", r"\b(?:eiendomsavdeling\w*|kommunale foretak\w*|eiendom\b)"),
    ("helse og omsorg", r"\b(?:helse og omsorg|helse- og omsorg\w*)\b"),
    ("plan- og samfunnsseksjonen", r"\b(?:plan- og samfunnsseksjonen|samfunnskontoret|planavdeling\w*)\b"),
    ("private aktører", r"\b(?:private (?:aktører|utbyggere|utleiere)|borettslag\w*|utbygger\w*)\b"),
    ("kommunen", r"\bkommunen\b"),
]
_ACTOR_RES = [(n, re.compile(p, 0 if n == "NAV" else re.IGNORECASE)) for n, p in ACTOR_PATTERNS]
ENHET = re.compile(r"\b[Ee]nhet(?:en)? (?:for )?[A-ZÆØÅa-zæøå\-]+")


@dataclass
class Row:
    municipality: str
    measure: str  # verbatim sentence from the cited chunk
    actors: list[str]
    years: list[str]
    amounts: list[str]
    citation: Citation
    score: float

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["citation"] = self.citation.to_dict()
        return d


@dataclass
class Comparison:
    question: str
    rows: list[Row] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # municipalities searched where nothing matched

    @property
    def municipalities(self) -> list[str]:
        seen: list[str] = []
        for r in self.rows:
            if r.municipality not in seen:
                seen.append(r.municipality)
        return seen

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "municipalities": self.municipalities,
            "columns": ["municipality", "measure", "actors", "years", "amounts", "source"],
            "rows": [r.to_dict() for r in self.rows],
            "missing": self.missing,
        }


# -- text helpers -------------------------------------------------------------------------------
def terms(text: str) -> list[str]:
    """Content-word stems of a question: lower-case, stop words out, cut to 6 letters, compounds split on «bolig»."""
    out: list[str] = []
    for w in re.findall(r"[a-zæøåA-ZÆØÅ][\wæøåÆØÅ\-]*", text.lower()):
        if w in STOPWORDS or len(w) < 4:
            continue
        parts = [p for p in re.split(r"-", w) if p]
        for p in parts:
            if p in STOPWORDS or len(p) < 2:
                continue
            m = re.match(r"(.+?)(bolig\w*)$", p)
            if m and len(m.group(1)) >= 3:
                out.extend([m.group(1)[:6], "bolig"])
            else:
                out.append(p[:6])
    for st in list(out):
        out.extend(SYNONYMS.get(st, ()))
    return list(dict.fromkeys(out))


def term_score(sentence: str, stems: Sequence[str]) -> float:
    low = sentence.lower()
    return float(sum(WEAK_STEMS.get(s, 1.0) for s in stems if s in low))


def extract_years(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0).replace(" ", "") for m in YEAR.finditer(text)))


KR_PREFIX = re.compile(
    r"\bkr\.?\s*\d[\d\s.,]*\d(?:\s*(?:mill(?:\.|ioner|ion)?|mrd\.?|milliarder)\b\.?)?", re.IGNORECASE
)


def extract_amounts(text: str) -> list[str]:
    """«kr 60.000.000», «2,5 mill. kr», «3 millioner»; a year before «kr.» is not an amount."""
    spans: list[tuple[int, int]] = []
    out = []
    for rx in (KR_PREFIX, AMOUNT):
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue
            a = re.sub(r"\s+", " ", m.group(0)).strip(" .,")
            if not re.search(r"\d", a) or re.fullmatch(
                r"(?:19|20)\d{2}(?:\s*(?:kr|kroner)\.?)?", a, re.IGNORECASE
            ):
                continue
            spans.append((m.start(), m.end()))
            out.append(a)
    return list(dict.fromkeys(out))


def extract_actors(text: str) -> list[str]:
    found = [n for n, rx in _ACTOR_RES if rx.search(text)]
    found += [m.group(0) for m in ENHET.finditer(text)]
    found = [a for a in found if not any(a != b and a.lower() in b.lower() for b in found)]
    if len(found) > 1 and "kommunen" in found:
        found.remove("kommunen")  # a more specific actor says more than «kommunen»
    return list(dict.fromkeys(found))


ACTION = re.compile(
    r"(?<!som )\b(?:må|skal|bør|vil|ble|er|har|kan)\b[^.]{0,60}?\b(?:samarbeid\w*|etabler\w*|bygg\w*|kjøp\w*|leie\w*|"
    r"utvikl\w*|styrk\w*|bruk\w*|skaff\w*|tilrettelegg\w*|legge til rette|opprett\w*|innfør\w*|anskaff\w*|"
    r"prioriter\w*|iverksett\w*|videreutvikl\w*|ansatt\w*|gjennomf\w*|disponer\w*|tilby\w*|sikre\w*|"
    r"fremskaff\w*|framskaff\w*|utarbeid\w*|invitere\w*)",
    re.IGNORECASE,
)


def best_sentences(
    text: str, stems: Sequence[str], cue: re.Pattern[str] | None = None, max_len: int = 420
) -> list[tuple[float, str]]:
    """(score, sentence) for sentences on the stems' topic, best first; sentences are verbatim from `text`.

    A sentence scores for its own topic words, half for the previous sentence's (the measure often follows
    the problem: «… behovet for utleieboliger alene. Kommunen må samarbeide med private utbyggere»), and
    with `cue` for looking like a measure (an action verb after a modal) rather than a problem statement.
    """
    sents = [s for _, s in split_sentences(text)]
    own = [term_score(s, stems) for s in sents]
    strong = [x for x in stems if x not in WEAK_STEMS]
    specific = [any(x in s.lower() for x in strong) for s in sents] if strong else [True] * len(sents)
    scored = []
    for i, s in enumerate(sents):
        if len(s) < 30 or len(s) > max_len * 2:
            continue
        sc = own[i] + (0.5 * own[i - 1] if i > 0 else 0.0)
        if sc <= 0 or not (specific[i] or (i > 0 and specific[i - 1])):
            continue
        if cue is not None:
            if cue.search(s):
                sc += 0.3
            if ACTION.search(s):
                sc += 0.8
            if PROBLEM.search(s):
                sc -= 0.5  # a problem statement, not a measure
        s = s.lstrip("•·-–* \t")
        scored.append((sc, s if len(s) <= max_len else s[: s.rfind(" ", 0, max_len)]))
    scored.sort(key=lambda t: -t[0])
    return scored


# Sentences that describe the situation rather than what is done about it.
BACKGROUND = re.compile(
    r"\b(?:usikker\w*|for (?:lite|få)|få kommunale|underdekning\w*|behov(?:et)? for|mangler|mangel\w*|"
    r"utfordring\w*|problem\w*|fremgår|oppgis|viser at|rapporteres)\b",
    re.IGNORECASE,
)


# a numbered heading of a few words, without a sentence's end
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+(?:\S+\s+){0,7}\S*[^\W\d_]$")


def quotable(sentence: str) -> bool:
    """False for table rows, runs of titles and tables of contents, which make poor quotes."""
    words = sentence.split()
    if len(words) < 6 or "..." in sentence:  # «...»: a table of contents
        return False
    if _NUMBERED_HEADING.match(sentence.strip()):  # «5.3 Bo-oppfølging og tjenester i hjemmet»
        return False
    if sum(1 for w in words if len(w) == 1 and w.isalpha()) > 2:  # «x x x x» matrix rows
        return False
    if sum(1 for w in words if len(w) >= 3 and w.isupper()) > 1:  # SHOUTED table headings run into text
        return False
    alpha = [w for w in words if w[:1].isalpha()]
    lower = sum(1 for w in alpha if w[:1].islower())
    return bool(alpha) and lower / len(alpha) >= 0.55  # headings/titles run together are mostly capitalised


def measure_score(sentence: str, stems: Sequence[str]) -> float:
    """How much a sentence reads as a measure: an action after a modal, a measure word that is not the
    question's own topic word («utleieboliger» is the topic, not a measure), minus background wording."""
    sc = 1.0 if ACTION.search(sentence) else 0.0
    if re.search(r"\bTiltak\s*:", sentence):  # a plan's own measure label («4.4.4: Tiltak: Boliger rusfri …»)
        sc += 1.0
    cues = [m.group(0).lower() for m in MEASURE_CUES.finditer(sentence)]
    if any(not any(c.startswith(st) or st.startswith(c[:5]) for st in stems) for c in cues):
        sc += 0.6
    if BACKGROUND.search(sentence):
        sc -= 1.0
    return sc


# -- building -----------------------------------------------------------------------------------
def build_comparison(
    question: str, hits: Iterable[Hit], per_municipality: int = 3, min_score: float = 1.3
) -> Comparison:
    """Rows municipality × measure from search hits (pure). Hits without a municipality are skipped."""
    stems = terms(question)
    strong = [st for st in stems if st not in WEAK_STEMS] or stems
    cmp_ = Comparison(question=question)
    by_muni: dict[str, list[tuple[float, Hit, str]]] = {}
    for rank, h in enumerate(hits):
        muni = h.doc.municipality
        if not muni or h.doc.kind not in PRECEDENT_KINDS:
            continue
        for sc, sent in best_sentences(h.chunk.text, stems, MEASURE_CUES)[:4]:
            if "§" in sent or not quotable(sent):
                continue  # a plan's paraphrase of the law, or a table row, is no measure
            ms = measure_score(sent, stems)
            if ms < 0.9:
                continue  # background or a problem statement, not a measure
            if not ACTION.search(sent) and not any(st in sent.lower() for st in strong):
                continue  # on the topic only through the sentence before it, and no action of its own
            by_muni.setdefault(muni, []).append((sc + ms - 0.01 * rank, h, sent))
    n = 0
    for muni, cands in by_muni.items():
        cands.sort(key=lambda t: -t[0])
        seen: set[str] = set()
        taken = 0
        for sc, h, sent in cands:
            if sc < min_score or sent in seen or taken >= per_municipality:
                continue
            seen.add(sent)
            taken += 1
            n += 1
            cmp_.rows.append(
                Row(
                    municipality=muni,
                    measure=sent,
                    actors=extract_actors(sent),
                    years=extract_years(sent),
                    amounts=extract_amounts(sent),
                    citation=Citation.of(n, h, sent),
                    score=round(sc, 3),
                )
            )
    return cmp_


def compare(service, question: str, per_municipality: int = 3, k: int = 8) -> Comparison:
    """Search each municipality's plans, reports, cases and presentations, then build the table."""
    hits: list[Hit] = []
    munis = service.municipalities()
    for muni in munis:
        hits.extend(
            service.search(question, k=k, filters=Filters(kinds=PRECEDENT_KINDS, municipalities=(muni,)))
        )
    hits.sort(key=lambda h: -h.score)
    cmp_ = build_comparison(question, hits, per_municipality=per_municipality)
    cmp_.missing = [m for m in munis if m not in cmp_.municipalities]
    return cmp_


# -- export -------------------------------------------------------------------------------------
def _where(c: Citation) -> str:
    return ", ".join(
        x
        for x in [
            c.doc_title,
            c.section if c.section != c.doc_title else "",
            f"s. {c.page}" if c.page else "",
        ]
        if x
    )


def comparison_markdown(cmp_: Comparison) -> str:
    lines = [
        f"## {cmp_.question}",
        "",
        "| Kommune | Tiltak (sitat) | Aktør | År | Beløp | Kilde |",
        "|---|---|---|---|---|---|",
    ]
    for r in cmp_.rows:
        q = r.measure.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {r.municipality} | «{q}» [{r.citation.n}] | {', '.join(r.actors) or '–'} | {', '.join(r.years) or '–'} | "
            f"{', '.join(r.amounts) or '–'} | [{r.citation.n}] |"
        )
    if not cmp_.rows:
        lines.append("| – | Fant ingen tiltak i dokumentene som svarer på spørsmålet. | | | | |")
    lines += ["", "**Kilder**", ""]
    for r in cmp_.rows:
        lines.append(f"[{r.citation.n}] {_where(r.citation)} (tekstbit `{r.citation.chunk_id}`)")
    if cmp_.missing:
        lines += ["", f"Ingen treff for: {', '.join(cmp_.missing)}."]
    return "\n".join(lines) + "\n"


def comparison_csv(cmp_: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["kommune", "tiltak", "aktør", "år", "beløp", "dokument", "seksjon", "side", "chunk_id"])
    for r in cmp_.rows:
        c = r.citation
        w.writerow(
            [
                r.municipality,
                r.measure,
                "; ".join(r.actors),
                "; ".join(r.years),
                "; ".join(r.amounts),
                c.doc_title,
                c.section,
                c.page or "",
                c.chunk_id,
            ]
        )
    return buf.getvalue()
