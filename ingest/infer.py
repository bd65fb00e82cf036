"""Metadata for a document that no manifest describes (an upload, a folder of new plans): which municipality
it is from, what kind of document it is and its year, read from its title and first pages.

Without this, a plan uploaded by a planner in Trondheim would have no municipality: it could not be
filtered on, list answers could not group it, and a question about Trondheim would be told that Planprat
has no documents from there.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from planprat.places import MUNICIPALITIES, PLACES
from planprat.wordfreqs import zipf

_MASTHEAD_CHARS = 300  # the lines under the title that say who published it
_HEAD_CHARS = 6000  # the title page and the first page or two say whose document it is
_YEAR = re.compile(r"(?<![\d.,/-])((?:19[89]|20[0-4])\d)(?![\d])")
_PLACE_WORD = r"[A-ZÆØÅ][\wæøåÆØÅ]*(?:[ -](?:og )?[A-ZÆØÅ][\wæøåÆØÅ]*)*"
# «Bodø kommune», «Halden kommunes», «Kommunen Levanger», «Indre Østfold kommune», «Voss herad»
_OWNER = re.compile(
    rf"({_PLACE_WORD})\s+(?:kommune|kommunes|herad|herads|bystyre|kommunestyre|heradsstyre)\b"
    rf"|\b[Kk]ommunen\s+({_PLACE_WORD})"
)
# «Hovsdal kommune · Eining for …», «Hovsdal kommune – Bustadkontoret», «Hovsdal kommune» alone on its line
_MASTHEAD = re.compile(rf"^{_PLACE_WORD}\s+(?:kommune|herad)(?=\s*(?:$|[·–|,]|-\s))")
# A name the list of municipalities lacks (a new or renamed one, or one made up for a course or a test) is
# taken from «X kommune» when X is no ordinary word («Denne kommune», «Hver kommune», «Vår kommune»).
_UNKNOWN_NAME = re.compile(r"[A-ZÆØÅ][a-zæøå]{2,}(?:-[A-ZÆØÅ][a-zæøå]{2,})?")
_TITLE_PLACE = re.compile(r"\b(?:i|for)\s+([A-ZÆØÅ][a-zæøå]{2,})\s*(?:$|[–:,(]|\d{4})")
_COMMON_ZIPF = 3.0  # a word seen once in a million words or more is no unknown municipality

# Title words → document kind (first match wins; the law loader sets laws itself).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a response to a plan on consultation is no plan: «Høringsuttalelse – Boligpolitisk plan 2026–2036»
    (
        "other",
        re.compile(
            r"^\s*(?:høringsuttalelse|høringssvar|høyringsfråsegn|høyringssvar|høringsinnspill)\b", re.I
        ),
    ),
    ("regulation", re.compile(r"^\s*forskrift\b", re.I)),
    ("law", re.compile(r"^\s*lov\s+om\b", re.I)),
    (
        "case",
        re.compile(
            r"\b(saksframlegg|saksfremlegg|saksprotokoll|møteprotokoll|møtebok|sak\s+\d+/\d+|vedtak|vedtek|"
            r"innstilling|utvalg|utval|komit[eé])\w*",
            re.I,
        ),
    ),
    ("presentation", re.compile(r"\b(presentasjon|foredrag|lysark)\w*", re.I)),
    # «Sluttrapport», «Prosjektrapport», «Følgeevaluering»: the kind is the compound's last part
    (
        "report",
        re.compile(r"\b\w*(rapport|evaluering)\w*|\b(kartlegging|undersøkelse|analyse|utredning)\w*", re.I),
    ),
    ("plan", re.compile(r"\b(\w*plan|strategi|program|melding)\w*", re.I)),
)


@dataclass(frozen=True)
class Inferred:
    municipality: str | None
    kind: str | None
    year: int | None


def infer_municipality(title: str, head: str, owner: str = "") -> str | None:
    """The municipality a document belongs to: one named in its title, else the site it was published on
    (`owner`: «Elvstrand kommune», a web page's site name), else the one its first pages most often call «X
    kommune». A name the list of municipalities lacks counts only as «X kommune» in the title or the site
    name, or at least twice on the first pages."""
    found = _owners(title) or _owners(owner)
    if found:
        return found.most_common(1)[0][0]
    for name in _named(title):
        return name
    # «Boligsosialt arbeid i Fjellbu», «Handlingsplan for Sandvær 2025–2028»: a name no list holds, ending the
    # title's place phrase (its «Fjellbu kommune» may have stood only in a running footer, which is dropped)
    m = _TITLE_PLACE.search(title)
    if m and _unknown_name(m.group(1)):
        return m.group(1)
    owners = _owners(head[:_HEAD_CHARS])
    if owners:
        name, n = owners.most_common(1)[0]
        if n >= 2 or (len(owners) == 1 and name in MUNICIPALITIES):
            return name
    # the masthead under the title, a line of its own: «**Hovsdal kommune · Eining for bustad og tenester**»
    # (not a sentence: «Vikafjord kommune har 4 000 innbyggjarar.» names a place once, as any text may)
    top: Counter[str] = Counter()
    for line in head[:_MASTHEAD_CHARS].splitlines():
        m = _MASTHEAD.match(line.strip(" *#_"))
        if m:
            top += _owners(m.group(0))
    if len(top) == 1:
        return next(iter(top))
    return None


def infer_kind(title: str) -> str | None:
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return None


def infer_year(title: str, head: str) -> int | None:
    """The year in the title (the first of a span «2016–2019»), else the most frequent year on the first page."""
    years = _YEAR.findall(title)
    if years:
        return int(years[0])
    counted = Counter(_YEAR.findall(head[:3000]))
    return int(counted.most_common(1)[0][0]) if counted else None


def infer(title: str, head: str, owner: str = "") -> Inferred:
    return Inferred(infer_municipality(title, head, owner), infer_kind(title), infer_year(title, head))


def _owners(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for m in _OWNER.finditer(text):
        phrase = m.group(1) or m.group(2) or ""
        name = _longest_known_suffix(phrase)
        if name:
            out[name] += 1
    return out


def _longest_known_suffix(phrase: str) -> str | None:
    """«Helhetlig plan for Bodø» → «Bodø»; «Indre Østfold» stays whole; «Handlingsplan for Strandvik» →
    «Strandvik» (a name no list holds, but no ordinary word either)."""
    words = phrase.split()
    for i in range(len(words)):
        candidate = " ".join(words[i:])
        if candidate in MUNICIPALITIES:
            return candidate
        if candidate.endswith("s") and candidate[:-1] in MUNICIPALITIES:
            return candidate[:-1]
    return _unknown_name(words[-1]) if words else None


def _unknown_name(word: str) -> str | None:
    if not _UNKNOWN_NAME.fullmatch(word) or word in PLACES:
        return None
    if any(zipf(part) >= _COMMON_ZIPF for part in word.split("-")):
        return None
    return word


def _named(text: str) -> list[str]:
    from planprat.places import places_named

    return [p for p in places_named(text) if p in MUNICIPALITIES]
