"""Everyday and nynorsk words mapped to the words the documents use for the same thing.

Used twice: the lexical query is expanded with them (retrieval), and the answerer gives them partial credit
when it measures how well a passage covers the question (abstention).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Everyday words and the words the documents use for the same thing (both directions are tried).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "sosialhjelp": ("økonomisk stønad", "økonomisk sosialhjelp", "livsopphold"),
    "nødbolig": ("midlertidig botilbud", "midlertidig bolig"),
    "tak over hodet": ("midlertidig botilbud", "bolig"),
    "huseier": ("utleier",),
    "huseieren": ("utleier",),
    "utleier": ("huseier",),
    "leietaker": ("leier",),
    "leietakeren": ("leier",),
    "husleie": ("leie", "leien"),
    "husleia": ("leie", "leien"),
    "oppsigelsestid": ("oppsigelsesfrist",),
    "oppsigelsestida": ("oppsigelsesfrist",),
    "bostedsløs": ("uten bolig", "bostedsløse"),
    "hjemløs": ("bostedsløs", "uten bolig"),
    "hjemløse": ("bostedsløse", "uten bolig"),
    "innvandrere": ("flyktninger", "innvandrere"),
    "bo-oppfølging": ("oppfølging i bolig", "booppfølging", "bo oppfølging"),
    "booppfølging": ("oppfølging i bolig", "bo-oppfølging", "bo oppfølging"),
    "kommunestyret": ("bystyret", "kommunestyre"),
    "bystyret": ("kommunestyret",),
    "planen": ("handlingsplan", "plan"),
    "boligplan": ("boligsosial handlingsplan", "boligpolitisk handlingsplan"),
    "boligplanen": ("boligsosial handlingsplan", "boligpolitisk handlingsplan"),
    "klage": ("klageinstans", "klage"),
    "ungdom": ("unge",),
    "eldre": ("alder", "eldre"),
    "rusmisbrukere": ("rus",),
    "tidsbegrensning": ("tidsbestemt",),
    # nynorsk → the bokmål the plans and most laws use (and back, for the nynorsk bustøtte texts)
    "mellombels": ("midlertidig",),
    "butilbod": ("botilbud",),
    "bustad": ("bolig",),
    "bustader": ("boliger",),
    "bustaden": ("boligen",),
    "kommunale bustader": ("kommunale boliger",),
    "heimlause": ("bostedsløse",),
    "bustadlause": ("bostedsløse",),
    "bustadlaus": ("bostedsløs",),
    "heimlaus": ("bostedsløs",),
    "vanskelegstilte": ("vanskeligstilte",),
    "tenester": ("tjenester",),
    "busetjing": ("bosetting",),
    "leigar": ("leier",),
    "utleigar": ("utleier",),
    "husleige": ("husleie",),
    "husleiga": ("husleien",),
    "leige": ("leie",),
    "leiger": ("leier",),
    "leigeavtale": ("leieavtale",),
    "leigeavtalen": ("leieavtalen",),
    "krevje": ("kreve",),
    "oppseiing": ("oppsigelse",),
    "oppseiinga": ("oppsigelsen",),
    "oppseiingstid": ("oppsigelsesfrist",),
    "oppseiingstida": ("oppsigelsesfrist",),
    "oppseiingsfrist": ("oppsigelsesfrist",),
    "bustøtte": ("bostøtte",),
    "bostøtte": ("bustøtte",),
    "bostøtten": ("bustøtte",),
    "startlånet": ("startlån",),
    # everyday words for what the tenancy and welfare laws call something else
    "kaste ut": ("fravikelse", "heving", "utkastelse"),
    "kastet ut": ("fravikelse", "heving", "utkastelse"),
    "kastes ut": ("fravikelse", "heving", "utkastelse"),
    "kaste meg ut": ("fravikelse", "heving", "utkastelse"),
    "kaste oss ut": ("fravikelse", "heving", "utkastelse"),
    "utkastelse": ("fravikelse", "tvangsfravikelse"),
    "husleieøkning": ("leieregulering", "indeksregulering", "gjengs leie"),
    "økes": ("endres", "regulering"),
    "øke": ("endre", "regulering"),
    "leiekontrakt": ("leieavtale",),
    "leiekontrakten": ("leieavtalen",),
    "kontrakt": ("avtale",),
    "akuttbolig": ("midlertidig botilbud",),
    "hospits": ("midlertidig botilbud",),
    "boligløse": ("bostedsløse", "uten bolig"),
    "sosialkontoret": ("NAV-kontoret",),
    "øke husleia": ("indeksregulering", "gjengs leie", "leien endres"),
    "øke husleien": ("indeksregulering", "gjengs leie", "leien endres"),
    "heve husleien": ("indeksregulering", "gjengs leie", "leien endres"),
    "høyere husleie": ("indeksregulering", "gjengs leie"),
    "funksjonshemmede": ("nedsatt funksjonsevne",),
    "psykisk syke": ("psykiske helseproblemer",),
    "rusavhengige": ("rusproblemer", "rusmiddelproblemer"),
    "boliglån": ("startlån", "lån"),
    "kjøpe bolig": ("startlån", "eid bolig"),
    "sikkerhet": ("depositum", "garanti"),
    "hjelp": ("bistand",),
    "penger": ("økonomisk stønad", "stønad"),
    "pengehjelp": ("økonomisk stønad",),
    "økonomisk hjelp": ("økonomisk stønad",),
    "hjelpe": ("bistå", "bistand"),
    "samarbeid": ("samordning", "samarbeid"),
    "samordne": ("koordinere", "koordineres"),
    "samordnes": ("koordineres", "koordinere"),
    "samordning": ("koordinering",),
    "koordinere": ("samordne",),
    "koordinering": ("samordning",),
    # nynorsk, more
    "bustadmarknaden": ("boligmarkedet",),
    "marknaden": ("markedet",),
    "tilskot": ("tilskudd",),
    "tilskudd": ("tilskot",),
    "heim": ("hjem",),
    "flyktningar": ("flyktninger",),
    "busette": ("bosette",),
    "tilbod": ("tilbud",),
    "teneste": ("tjeneste",),
    # the forms of «vedta» in bokmål and nynorsk
    "vedtatt": ("vedtok", "vedtak", "vedteke"),
    "vedtok": ("vedtatt", "vedtak"),
    "vedtas": ("vedtatt", "vedtok"),
    "vedteken": ("vedtok", "vedtatt", "vedtak", "vedteke"),
    "vedteke": ("vedtok", "vedtatt", "vedtak"),
    "vedtekne": ("vedtok", "vedtatt", "vedtak"),
    # bokmål → the nynorsk of the bustøtte rules
    "beregnes": ("utrekning", "berekning"),
    "beregning": ("utrekning", "berekning"),
    "beregningen": ("utrekninga", "utrekning"),
    "beregne": ("rekne ut", "utrekning"),
    "inntektsgrense": ("inntektsgrense", "inntekt"),
    "plikt": ("plikter", "forpliktet", "skal"),
    "oppfølging": ("oppfølging", "booppfølging"),
}


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _alternatives(text: str, wanted: Callable[[str], bool]) -> list[str]:
    """The documents' words for each everyday phrase or word of `text` that `wanted` accepts."""
    low = text.lower()
    words = _WORD.findall(low)
    extra: list[str] = []
    for phrase, alts in SYNONYMS.items():
        if (" " in phrase and phrase in low) or (phrase in words and wanted(phrase)):
            extra.extend(a for a in alts if a not in low and a not in extra)
    return extra


def expand_query(text: str) -> str:
    """The query plus the document words for its everyday and nynorsk words (nothing added when none)."""
    extra = _alternatives(text, lambda word: True)
    return f"{text} {' '.join(extra)}" if extra else text


def missing_words(text: str, known: Callable[[str], bool]) -> str:
    """The documents' words for what the index cannot match itself: everyday phrases («kaste meg ut») and
    words the corpus never uses («leiekontrakt»). Words it does use, however rarely, are left to the
    question's own ranking: adding «leier» for «leietaker» there only pulls in every tenancy provision."""
    return " ".join(_alternatives(text, lambda word: not known(word)))
