"""Norwegian municipalities and counties by name, so that a question about a place the corpus has no
documents from is recognised as such («Hva gjør Bergen for flyktninger?») instead of being answered from
another municipality's plan. Names as of the 2024 municipal structure; a few older names that people still
use (Oppegård, Skedsmo, Sandefjord's neighbours …) are included because questions use them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MUNICIPALITIES = """
Oslo
Halden Moss Sarpsborg Fredrikstad Hvaler Råde Våler Skiptvet Indre Østfold Rakkestad Marker Aremark
Bærum Asker Lillestrøm Nordre Follo Ullensaker Nesodden Frogn Vestby Ås Enebakk Lørenskog Rælingen
Aurskog-Høland Nes Gjerdrum Nittedal Lunner Jevnaker Nannestad Eidsvoll Hurdal
Kongsvinger Hamar Lillehammer Gjøvik Ringsaker Løten Stange Nord-Odal Sør-Odal Eidskog Grue Åsnes Våler
Elverum Trysil Åmot Stor-Elvdal Rendalen Engerdal Tolga Tynset Alvdal Folldal Os Dovre Lesja Skjåk Lom
Vågå Nord-Fron Sel Sør-Fron Ringebu Øyer Gausdal Østre Toten Vestre Toten Gran Søndre Land Nordre Land
Sør-Aurdal Etnedal Nord-Aurdal Vestre Slidre Øystre Slidre Vang
Drammen Kongsberg Ringerike Hole Flå Nesbyen Gol Hemsedal Ål Hol Sigdal Krødsherad Modum Øvre Eiker
Lier Flesberg Rollag Nore og Uvdal
Horten Holmestrand Tønsberg Sandefjord Larvik Færder
Porsgrunn Skien Notodden Siljan Bamble Kragerø Drangedal Nome Midt-Telemark Seljord Hjartdal Tinn Kviteseid
Nissedal Fyresdal Tokke Vinje
Risør Grimstad Arendal Kristiansand Lindesnes Farsund Flekkefjord Gjerstad Vegårshei Tvedestrand Froland
Lillesand Birkenes Åmli Iveland Evje og Hornnes Bygland Valle Bykle Vennesla Åseral Lyngdal Hægebostad
Kvinesdal Sirdal
Eigersund Stavanger Haugesund Sandnes Sokndal Lund Bjerkreim Hå Klepp Time Gjesdal Sola Randaberg Strand
Hjelmeland Suldal Sauda Kvitsøy Bokn Tysvær Karmøy Utsira Vindafjord
Bergen Kinn Etne Sveio Bømlo Stord Fitjar Tysnes Kvinnherad Ullensvang Eidfjord Ulvik Voss Kvam Samnanger
Bjørnafjorden Austevoll Øygarden Askøy Vaksdal Modalen Osterøy Alver Austrheim Fedje Masfjorden Gulen
Solund Hyllestad Høyanger Vik Sogndal Aurland Lærdal Årdal Luster Askvoll Fjaler Sunnfjord Bremanger
Stad Gloppen Stryn
Kristiansund Molde Ålesund Vanylven Sande Herøy Ulstein Hareid Ørsta Stranda Sykkylven Sula Giske Vestnes
Rauma Aukra Averøy Gjemnes Tingvoll Sunndal Surnadal Smøla Aure Volda Fjord Hustadvika Haram
Trondheim Steinkjer Namsos Frøya Osen Oppdal Rennebu Røros Holtålen Midtre Gauldal Melhus Skaun Malvik
Selbu Tydal Meråker Stjørdal Frosta Levanger Verdal Snåsa Lierne Røyrvik Namsskogan Grong Høylandet
Overhalla Flatanger Leka Inderøy Indre Fosen Heim Hitra Ørland Åfjord Orkland Nærøysund Rindal
Bodø Narvik Bindal Sømna Brønnøy Vega Vevelstad Herøy Alstahaug Leirfjord Vefsn Grane Hattfjelldal Dønna
Nesna Hemnes Rana Lurøy Træna Rødøy Meløy Gildeskål Beiarn Saltdal Fauske Sørfold Steigen Lødingen Evenes
Røst Værøy Flakstad Vestvågøy Vågan Hadsel Bø Øksnes Sortland Andøy Moskenes Hamarøy
Tromsø Harstad Kvæfjord Tjeldsund Ibestad Gratangen Lavangen Bardu Salangen Målselv Sørreisa Dyrøy Senja
Balsfjord Karlsøy Lyngen Storfjord Kåfjord Skjervøy Nordreisa Kvænangen
Alta Hammerfest Vardø Vadsø Kautokeino Loppa Hasvik Måsøy Nordkapp Porsanger Karasjok Lebesby Gamvik
Berlevåg Tana Nesseby Båtsfjord Sør-Varanger
Oppegård Skedsmo Fet Sørum Ski Nøtterøy Tjøme Re Stokke Andebu Nedre Eiker Røyken Hurum Sandøy Skodje
"""

_COUNTIES = """
Østfold Akershus Buskerud Innlandet Vestfold Telemark Agder Rogaland Vestland Møre og Romsdal Trøndelag
Nordland Troms Finnmark Hedmark Oppland Hordaland Sogn og Fjordane Aust-Agder Vest-Agder Viken
"""

# Multi-word names must be matched before their parts («Indre Østfold» is not «Østfold»).
_MULTI = (
    "Indre Østfold",
    "Nordre Follo",
    "Nord-Odal",
    "Sør-Odal",
    "Stor-Elvdal",
    "Østre Toten",
    "Vestre Toten",
    "Søndre Land",
    "Nordre Land",
    "Vestre Slidre",
    "Øystre Slidre",
    "Nore og Uvdal",
    "Øvre Eiker",
    "Nedre Eiker",
    "Evje og Hornnes",
    "Midtre Gauldal",
    "Indre Fosen",
    "Møre og Romsdal",
    "Sogn og Fjordane",
)


def _names(block: str) -> set[str]:
    """The names in a block: multi-word names taken out whole first, then one name per word."""
    found = set()
    for multi in _MULTI:
        if re.search(rf"(?<!\S){re.escape(multi)}(?!\S)", block):
            found.add(multi)
            block = re.sub(rf"(?<!\S){re.escape(multi)}(?!\S)", " ", block)
    return found | set(block.split())


MUNICIPALITIES: frozenset[str] = frozenset(_names(_MUNICIPALITIES))
COUNTIES: frozenset[str] = frozenset(_names(_COUNTIES))
PLACES: frozenset[str] = MUNICIPALITIES | COUNTIES

# Place names that are also ordinary words or short forms in the questions people ask.
_AMBIGUOUS = frozenset(
    {
        "Nes",
        "Os",
        "Re",
        "Ski",
        "Bø",
        "Lund",
        "Time",
        "Heim",
        "Stad",
        "Hole",
        "Fjord",
        "Sande",
        "Vik",
        "Fet",
        "Gran",
    }
    | {"Strand", "Sel", "Vang", "Hol", "Ål", "Lom", "Fjaler", "Grane", "Vega"}
)

_PATTERN = re.compile(
    r"(?<![\wæøåÆØÅ-])("
    + "|".join(re.escape(p) for p in sorted(PLACES - _AMBIGUOUS, key=len, reverse=True))
    + r")(?:s)?(?![\wæøåÆØÅ-])"
)


# Written in lower case these are ordinary words too («ås», «sola», «marker», «råde», «lier», «kinn» …).
_LOWER_AMBIGUOUS = frozenset(
    {"Ås", "Sola", "Marker", "Råde", "Lier", "Tinn", "Leka", "Hå", "Flå", "Kinn", "Alver", "Gol", "Valle"}
    | {"Loppa", "Klepp", "Moss", "Vinje", "Bokn", "Rana", "Træna", "Grong", "Evje"}
)
_ANY_CASE = re.compile(
    r"(?<![\wæøåÆØÅ-])("
    + "|".join(re.escape(p) for p in sorted(PLACES - _AMBIGUOUS - _LOWER_AMBIGUOUS, key=len, reverse=True))
    + r")(?:s)?(?![\wæøåÆØÅ-])",
    re.I,
)
_BY_FOLDED = {p.casefold(): p for p in PLACES}


def places_named(text: str, any_case: bool = False) -> list[str]:
    """Municipalities and counties a text names, as written in the list («Bodøs plan» → ["Bodø"]).
    Names that are also common words («Time», «Ski», «Nes») are not recognised. `any_case`: also names
    typed in lower case («hva med halden?»), except those that are ordinary words then («sola», «ås»)."""
    out: list[str] = []
    for m in _PATTERN.finditer(text):
        if m.group(1) not in out:
            out.append(m.group(1))
    if any_case:
        for m in _ANY_CASE.finditer(text):
            name = _BY_FOLDED.get(m.group(1).casefold())
            if name and name not in out:
                out.append(name)
    return out


_LETTERS = re.compile(r"[^\W\d_]+")


def named_in(text: str, names: Iterable[str]) -> list[str]:
    """Those of `names` (municipalities of the corpus, say) that the text names, however it is typed and in
    the genitive: every word of the name is a word of the text («Bodøs plan», «i indre østfold»)."""
    words = {w.casefold() for w in _LETTERS.findall(text)}
    words |= {w[:-1] for w in words if w.endswith("s")}
    out = []
    for name in names:
        parts = [p.casefold() for p in _LETTERS.findall(name)]
        if parts and all(p in words for p in parts) and name not in out:
            out.append(name)
    return out


def places_in(text: str, corpus: Iterable[str] = (), any_case: bool = False) -> list[str]:
    """The municipalities and counties a text names (`places_named`) and those of `corpus` (the corpus's
    municipalities, which may be missing from the list: a new, renamed or made-up one) it names (`named_in`)."""
    return list(dict.fromkeys([*places_named(text, any_case=any_case), *named_in(text, corpus)]))
