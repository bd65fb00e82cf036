"""Everyday and nynorsk words mapped to the words the documents use for the same thing.

Used twice: the lexical query is expanded with them (retrieval), and the answerer gives them partial credit
when it measures how well a passage covers the question (abstention).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

# Everyday words and the words the documents use for the same thing (both directions are tried).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "sosialhjelp": ("økonomisk stønad", "økonomisk sosialhjelp", "livsopphold"),
    "nødbolig": ("midlertidig botilbud", "midlertidig bolig"),
    "tak over hodet": ("midlertidig botilbud", "bolig"),
    "leilighet": ("bolig", "husrom"),
    "leiligheten": ("boligen", "husrommet"),
    "leiligheter": ("boliger",),
    "leilighetene": ("boligene",),
    "blokkleilighet": ("bolig", "leilighet"),
    "huseier": ("utleier",),
    "huseieren": ("utleier",),
    "utleier": ("huseier",),
    "leietaker": ("leier",),
    "leietakeren": ("leier",),
    "vedlegg": ("legg ved", "legge ved", "dokumentasjon"),
    "vedlegga": ("legg ved", "legge ved", "dokumentasjon"),
    "vedleggene": ("legg ved", "legge ved", "dokumentasjon"),
    # the papers one sends with an application: «Søknaden må ha med dokumentasjon for alle i husstanden»
    **dict.fromkeys(
        ("papirer", "papirene", "papira", "legge ved", "legg ved", "sende med"), ("dokumentasjon", "vedlegg")
    ),
    "leietakere": ("leiere", "leier"),
    "leietakerne": ("leierne", "leier"),
    "husleie": ("leie", "leien"),
    "husleia": ("leie", "leien"),
    # a refusal in its verb's irregular forms: «Hvorfor ble søknadene avslått?» / «Kommunen avslo 14 søknader»
    "avslått": ("avslo", "avslag", "avslåtte"),
    "avslåtte": ("avslo", "avslag", "avslått"),
    "avslås": ("avslo", "avslag", "avslått"),
    "avslo": ("avslått", "avslag"),
    # the housing allowance by the everyday names for it
    **dict.fromkeys(
        ("husleiestøtte", "husleigestøtte", "husleiestøtta", "husleigestøtta", "boligstøtte", "bustadstøtte"),
        ("bostøtte", "bustøtte"),
    ),
    # a new look at a refused application: «skal søknaden prøvast på nytt», «overførast til ny vurdering»
    **dict.fromkeys(
        ("vurdert igjen", "vurdert på nytt", "vurdere igjen", "behandlet på nytt", "behandla på nytt"),
        ("prøvast på nytt", "prøves på nytt", "ny vurdering"),
    ),
    # an offer is answered: «Tilbudet må besvares innen 3 virkedager»
    **dict.fromkeys(("svare", "svar", "svarer"), ("besvare", "besvares", "besvarast")),
    # the ordinary kind of a thing: «Ordinære utleieboliger: tidsbestemt kontrakt på 3 år»
    **dict.fromkeys(("vanlig", "vanlige", "vanleg", "vanlege"), ("ordinær", "ordinære")),
    "bemanning": ("årsverk", "stillinger", "ansatte"),
    "bemanninga": ("årsverk", "stillingar", "tilsette"),
    "bemanningen": ("årsverk", "stillinger", "ansatte"),
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
    # a household with children, however a plan writes it
    "barnefamilier": ("familier med barn", "husstander med barn", "hushald med barn", "barnefamiliar"),
    "barnefamilie": ("familie med barn", "husstand med barn", "hushald med barn", "barnefamilie"),
    "barnefamiliene": ("familiene med barn", "husstander med barn", "hushald med barn", "barnefamiliane"),
    # the young, as a plan counts them («einslege under 30 år», «unge under 25 år»)
    "unge": ("under 25 år", "under 30 år", "under 35 år", "ungdom"),
    "eldre": ("alder", "eldre"),
    "rusmisbrukere": ("rus",),
    "tidsbegrensning": ("tidsbestemt",),
    # a lease with no end date is what the tenancy law calls «tidsubestemt»
    **dict.fromkeys(
        (
            "uten tidsbegrensning",
            "utan tidsavgrensing",
            "på ubestemt tid",
            "fast leiekontrakt",
            "fast kontrakt",
        ),
        ("tidsubestemt",),
    ),
    # the conditions for something: «kriteriene for å få tildelt kommunal bolig» are «disse kravene»
    **dict.fromkeys(("kriterier", "kriteriene", "kriteria"), ("krav", "kravene", "vilkår", "vilkårene")),
    # a vote in the minutes: «Votering: … vart vedteken med 17 mot 8 røyster»
    **dict.fromkeys(
        ("avstemning", "avstemningen", "avstemminga", "avstemming", "votering", "voteringa"),
        ("votering", "røyster", "stemmer", "vedtatt med", "vedteken med"),
    ),
    # a party as the minutes name it: «Oddvar Rønning (Sp) sette fram …», «Framlegget frå Sp …»
    **{
        party: (f"({short})", f" {short} ")
        for short, names in {
            "sp": ("senterpartiet", "senterpartiets"),
            "ap": ("arbeiderpartiet", "arbeidarpartiet", "arbeiderpartiets"),
            "frp": ("fremskrittspartiet", "framstegspartiet"),
            "sv": ("sosialistisk venstreparti",),
            "krf": ("kristelig folkeparti", "kristeleg folkeparti"),
            "mdg": ("miljøpartiet de grønne", "miljøpartiet dei grøne"),
        }.items()
        for party in names
    },
    # a loan from «banken» is one from «ordinære kredittinstitusjoner» in the startlån rules
    **dict.fromkeys(("bankene", "banklån"), ("kredittinstitusjoner", "kredittinstitusjon")),
    # what a plan or a document is made of: «Planstrategien bør omfatte en drøfting av …»
    **dict.fromkeys(("inneholde", "innehalde", "bestå av"), ("omfatte", "omfatter")),
    "bostøtte": ("bustøtte",),
    "bostøtten": ("bustøtte",),
    "startlånet": ("startlån",),
    # a change told in other words: «Hvor mye ble restansene redusert?» / «… gjekk ned frå … til …»
    "redusert": ("nedgang", "gikk ned", "gjekk ned"),
    "reduksjon": ("nedgang", "gikk ned", "gjekk ned"),
    "redusert med": ("nedgang på",),
    # going to court, in everyday words: «må vi da gå til retten?» / «… reist søksmål mot leieren»
    "gå til retten": ("søksmål", "reise sak"),
    "gå til sak": ("søksmål", "reise sak"),
    "saksøke": ("søksmål", "reise sak"),
    # everyday words for what the tenancy and welfare laws call something else
    "kaste ut": ("fravikelse", "heving", "utkastelse"),
    "kastet ut": ("fravikelse", "heving", "utkastelse"),
    "kastes ut": ("fravikelse", "heving", "utkastelse"),
    "kaste meg ut": ("fravikelse", "heving", "utkastelse"),
    "kaste oss ut": ("fravikelse", "heving", "utkastelse"),
    "utkastelse": ("fravikelse", "tvangsfravikelse"),
    "husleieøkning": ("leieregulering", "indeksregulering", "gjengs leie"),
    # «hvor ofte kan husleia økes?»: the law says how soon a change may follow the last one
    "så ofte": ("tidligst",),
    "hvor ofte": ("tidligst",),
    "kor ofte": ("tidligst",),
    "økes": ("endres", "regulering"),
    "øke": ("endre", "regulering"),
    "leiekontrakt": ("leieavtale",),
    "leiekontrakten": ("leieavtalen",),
    "kontrakt": ("avtale",),
    # staying in one's home: «klarte å bli boende» is what reports call keeping it («beholdt boligen»)
    **{
        p: ("beholdt boligen", "beholde boligen", "fortsatt bodde", "bodde fortsatt", "bu vidare")
        for p in ("bli boende", "ble boende", "blitt boende", "blir boende", "bli buande", "blei buande")
    },
    # what is expected, in everyday words: «Hvor mange innbyggere regner Tønsberg med å ha i 2035?»
    **{
        p: ("forventet", "forventes", "prognose", "anslått", "beregnet")
        # (the verb alone too: a question puts the subject between «regner … med»)
        for p in ("regner", "regne", "regnet", "reknar", "rekne", "rekna", "tror")
    },
    # when a project is done, in everyday words: «når står de klare?»
    **{
        p: ("ferdigstilles", "ferdigstillelse", "ferdigstilt", "ferdig", "innflytting", "ferdigstilling")
        for p in (
            "står klare",
            "står klar",
            "stå klare",
            "stå klar",
            "blir klare",
            "blir klar",
            "er klare",
            "bli klare",
        )
    },
    # taking part: «Hvor mange deltok?» counts «deltakere» («4 deltakarar»)
    **{v: ("deltakere", "deltakarar") for v in ("deltok", "deltar", "deltatt", "deltek")},
    # what worked, in everyday words: «Hva var det som funka bra?»
    "funka": ("fungerte",),
    "funket": ("fungerte",),
    "funker": ("fungerer",),
    **dict.fromkeys(
        (
            "funka bra",
            "funket bra",
            "fungerte bra",
            "funka best",
            "funket best",
            "fungerte best",
            "virket best",
        ),
        ("fungerte godt", "positive erfaringer"),
    ),
    # the laws' word for the country: «lovlig opphold i Norge» is «lovlig opphold i riket»
    "norge": ("riket",),
    "noreg": ("riket",),
    # households, advice, staff and sums in the words reports use (probe L, documents not in the corpus)
    "husholdning": ("husstand",),
    "husholdninger": ("husstander",),
    "husholdningene": ("husstandene",),
    "husstander": ("husholdninger",),
    "hvilke råd": ("anbefalinger", "anbefaler"),
    "kva råd": ("anbefalingar", "anbefaler", "tilrår"),
    "råd om": ("anbefalinger", "anbefaler"),
    "rådene": ("anbefalingene",),
    "unger": ("barn",),
    "ungar": ("barn",),
    "ungene": ("barna",),
    "ungane": ("barna",),
    "ansatte": ("årsverk",),
    "totalt": ("til sammen", "til saman", "samlet"),
    "summen": ("til sammen", "til saman", "samlet"),
    "delte ut": ("innvilget", "innvilga", "tildelt"),
    "delt ut": ("innvilget", "innvilga", "tildelt"),
    "drives videre": ("videreføres", "videre drift"),
    "drive videre": ("videreføres", "videre drift"),
    "samles": ("møte", "møtes"),
    "samlast": ("møte", "møtast"),
    "prislappen": ("koste", "kostnad"),
    # a night's shelter, a duty, prison and violence in everyday words (probe M)
    "stad å sove": ("midlertidig botilbud", "natt"),
    "plass å sove": ("midlertidig botilbud", "natt"),
    "nøydd": ("forpliktet", "plikt"),
    "nødt": ("forpliktet", "plikt"),
    "forkjøp": ("fortrinnsrett",),
    "forkjøpsrett": ("fortrinnsrett",),
    "slippes fri": ("løslates", "løslatelse"),
    "slippes ut": ("løslates", "løslatelse"),
    "sleppt ut": ("løslates", "løslatelse"),
    "sluppet ut": ("løslates", "løslatelse"),
    "voldsutsatte": ("vold i nære relasjoner", "voldsutsatte"),
    "være ute": ("oppsigelsesfrist", "fraflytte", "flytte"),
    "flytte ut": ("fraflytte", "flytte"),
    "klage på oppsigelsen": ("protestere", "protest"),
    "mnd": ("måneder", "måneders"),
    # a quarrel is a «tvist»; a death is «dør»/«dødsfall»; taking over a lease is «tre inn i» it
    "krangel": ("tvist", "tvister"),
    "krangelen": ("tvist", "tvister"),
    "uenighet": ("tvist", "tvister"),
    "uenige": ("tvist", "tvister"),
    "gått bort": ("dør", "død", "dødsfall"),
    "gikk bort": ("dør", "død", "dødsfall"),
    "ta over leieforholdet": ("tre inn i leieavtalen",),
    "overta leieforholdet": ("tre inn i leieavtalen",),
    "ta over leiekontrakten": ("tre inn i leieavtalen",),
    "spleise": ("bekoste", "finansiere"),
    "mannen min": ("ektefelle",),
    "kona mi": ("ektefelle",),
    "kona min": ("ektefelle",),
    "kona": ("ektefelle",),
    # («si meg opp», «sagt oss opp»: `split_phrase_words`, with anyone between verb and «opp»)
    # damp and mould are a danger to health: what the municipality may order fixed (folkehelseloven § 14)
    "fukt og mugg": ("helsen", "helsemessige"),
    "muggsopp": ("helsen", "helsemessige"),
    "fikse": ("rette", "retting"),
    "rette opp": ("rette", "retting"),
    "utbedre": ("rette", "retting", "utbedring"),
    # an oral notice or agreement is answered by the rule that it must be written
    "muntlig": ("skriftlig",),
    "akuttbolig": ("midlertidig botilbud",),
    "sted å sove": ("midlertidig botilbud",),
    # how long before: «senest seks uker før …»
    **dict.fromkeys(("i forveien", "forveien"), ("senest", "før")),
    "melde fra": ("meldes", "varsle", "melding"),
    "si fra": ("varsle", "melde", "melding"),
    # a plan «følges opp»: its «oppfølging» (not the follow-up of people in their homes, «bo-oppfølging»)
    **dict.fromkeys(
        ("fulgt opp", "følge opp", "følges opp", "fylgt opp", "fylgje opp", "følgd opp"), ("oppfølging",)
    ),
    # posts are counted in full-time equivalents
    **dict.fromkeys(("stillinger", "stillingar"), ("årsverk", "stilling")),
    # a count the municipality made: «telling», «kartlegging»
    "telte": ("telling", "kartlegging", "talt"),
    "telle": ("telling", "kartlegging"),
    "talte": ("telling", "kartlegging", "teljing"),
    "opptelling": ("telling", "kartlegging"),
    # who is housed first when there are too few homes: priority («prioriteres», «fortrinn»)
    **dict.fromkeys(
        (
            "går foran",
            "gå foran",
            "først i køen",
            "fremst i køen",
            "framst i køen",
            "først i køa",
            "kommer først",
        ),
        ("prioriteres", "prioritert", "prioritere", "fortrinn", "prioriterte"),
    ),
    "køen": ("venteliste", "ventelisten"),
    "kø": ("venteliste",),
    "bodd": ("bosatt", "botid"),
    "rår": ("tilrår", "anbefaler"),
    "kvp": ("kvalifiseringsprogram", "kvalifiseringsprogrammet"),
    # somewhere to sleep (tonight) is a temporary shelter, whatever the asker calls it
    **dict.fromkeys(
        ("steder å sove", "stader å sove", "i natt", "inatt", "i kveld", "ikveld"), ("midlertidig botilbud",)
    ),
    "forplikta": ("forpliktet", "plikt"),
    "leie ut et rom": ("framleie", "fremleie"),
    "leie ut rom": ("framleie", "fremleie"),
    "mugg": ("mangel", "mangler", "helsen"),
    "fuktskade": ("mangel", "mangler"),
    "lekkasje": ("mangel", "mangler"),
    "penger til mat": ("livsopphold", "økonomisk stønad"),
    "vanlig for liknende": ("gjengs leie",),
    "vanlig for lignende": ("gjengs leie",),
    "markedsleie": ("gjengs leie",),
    "kjæresten": ("samboer", "ektefelle"),
    "kjæreste": ("samboer", "ektefelle"),
    "flytter inn hos meg": ("ta opp i sin husstand", "husstand"),
    "flytte inn hos meg": ("ta opp i sin husstand", "husstand"),
    "sykehjem": ("institusjon", "heldøgns omsorgstjenester"),
    "sjukeheim": ("institusjon", "heldøgns omsorgstjenester"),
    "asylsøker": ("søkt om beskyttelse", "beskyttelse"),
    "asylsøkere": ("søkt om beskyttelse", "beskyttelse"),
    "asylsøkjarar": ("søkt om beskyttelse", "beskyttelse"),
    "asylmottak": ("statlig innkvartering", "innkvartering"),
    "inn på kontoen": ("utbetalt", "utbetaling"),
    "inn på konto": ("utbetalt", "utbetaling"),
    "pengene kommer": ("utbetalt", "utbetaling"),
    "pengane kjem": ("utbetalt", "utbetaling"),
    "hospits": ("midlertidig botilbud",),
    "boligløse": ("bostedsløse", "uten bolig"),
    "sosialkontoret": ("NAV-kontoret",),
    "øke husleia": ("indeksregulering", "gjengs leie", "leien endres"),
    "øke husleien": ("indeksregulering", "gjengs leie", "leien endres"),
    "heve husleien": ("indeksregulering", "gjengs leie", "leien endres"),
    "høyere husleie": ("indeksregulering", "gjengs leie"),
    "funksjonshemmede": ("nedsatt funksjonsevne",),
    "psykisk syke": ("psykiske helseproblemer",),
    "rusavhengige": ("rusproblemer", "rusmiddelproblemer", "rusbrukere"),
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
    "tilskudd": ("tilskot",),
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
    "dager": ("døgn",),
    "netter": ("døgn", "overnattinger"),
    "døgn": ("dager", "netter"),
    "snitt": ("gjennomsnitt", "gjennomsnittlig"),
    "gjennomsnitt": ("snitt",),
    "oppfølging": ("oppfølging", "booppfølging"),
    # how tenants describe what husleieloven names otherwise (a blind probe's everyday questions: 0 of 12
    # law questions right, 7 of them «fant ikke»)
    "bråk": ("ro og orden", "husorden"),
    "bråket": ("ro og orden", "husorden"),
    "bråker": ("ro og orden", "husorden"),
    "støy": ("ro og orden", "husorden"),
    "bråkete": ("ro og orden", "husorden"),
    "høy musikk": ("ro og orden",),
    "pusse opp": ("forandringer i husrommet", "forandringer"),
    "oppussing": ("forandringer i husrommet", "forandringer"),
    "male": ("forandringer i husrommet", "forandringer"),
    "bygge om": ("forandringer i husrommet", "forandringer"),
    "slitt": ("slit og elde",),
    "slitasje": ("slit og elde",),
    "betale mindre": ("avslag i leien", "avslag"),
    "lavere husleie": ("avslag i leien", "avslag"),
    "prisavslag": ("avslag i leien", "avslag"),
    "ubrukelig": ("mangel", "mangler"),
    "ødelagt": ("mangel", "mangler"),
    "fungerer ikke": ("mangel", "mangler"),
    "virker ikke": ("mangel", "mangler"),
    "diskriminering": ("tas hensyn til", "etnisitet"),
    "diskriminert": ("tas hensyn til", "etnisitet", "diskriminering"),
    "rasisme": ("diskriminering", "etnisitet"),
    "hudfarge": ("etnisitet", "diskriminering"),
    "utenlandsk": ("etnisitet", "diskriminering"),
    "kreve pengene tilbake": ("betales tilbake", "tilbakebetaling"),
    "betale tilbake": ("betales tilbake", "tilbakebetaling"),
    "sosialen": ("NAV-kontoret", "økonomisk stønad"),
    "sosialhjelpen": ("økonomisk stønad",),
    "fylkesmannen": ("statsforvalteren",),
    "koster mye": ("nøktern", "rimelig"),
    "dyr bolig": ("nøktern", "rimelig"),
    "luksus": ("nøktern",),
    "avlastning": ("avlastningstiltak", "pårørendestøtte"),
    "pårørende": ("pårørendestøtte", "omsorgsarbeid"),
    "hund": ("dyr", "dyrehold"),
    "katt": ("dyr", "dyrehold"),
    "husdyr": ("dyr", "dyrehold"),
    "kjæledyr": ("dyr", "dyrehold"),
    "leie ut": ("utleie", "utleieboliger"),
    # the landlord letting himself in, things left behind, a debt let go
    "komme inn": ("adgang til husrommet", "tilsyn"),
    "låst seg inn": ("adgang til husrommet", "tilsyn"),
    "låse seg inn": ("adgang til husrommet", "tilsyn"),
    "møbler": ("løsøre",),
    "møblene": ("løsøre",),
    "tingene mine": ("løsøre",),
    "eiendeler": ("løsøre",),
    "eiendelene": ("løsøre",),
    "slette gjelda": ("ettergje krav", "ettergi"),
    "slette gjelden": ("ettergje krav", "ettergi"),
    "sleppe kravet": ("ettergje krav",),
    "ettergi": ("ettergje",),
    "utløpt": ("utløpet", "utløper"),
    "gikk ut": ("utløpet",),
    "kontrakten": ("avtalen", "leieavtalen"),
    "sønnen": ("barn",),
    "datteren": ("barn",),
    "sonen": ("barn",),
    "dottera": ("barn",),
    "rullestol": ("nedsatt funksjonsevne", "funksjonshemma"),
    "rullator": ("nedsatt funksjonsevne", "funksjonshemma"),
    # not telling what changed is «fortiet opplysninger»; too much paid out is «for mykje utbetalt»
    "glemte å si fra": ("fortiet opplysninger", "uriktige opplysninger"),
    "ikke sagt fra": ("fortiet opplysninger", "uriktige opplysninger"),
    "sa ikke fra": ("fortiet opplysninger", "uriktige opplysninger"),
    "for mye": ("for mykje utbetalt", "betales tilbake"),
    "hjelpen": ("bistanden", "bistand"),
    "permanent": ("varig",),
    "permanente": ("varig",),
    "permanente boliger": ("bolig til varig bruk", "varig"),
    # a blind probe's everyday words for what the documents name otherwise
    "banken": ("finansinstitusjon", "kredittinstitusjoner"),
    "bank": ("finansinstitusjon", "kredittinstitusjoner"),
    "nettbank": ("finansinstitusjon",),
    "kontanter": ("oppgjørsmåte", "finansinstitusjon"),
    "skatteetaten": ("skattemyndighetene",),
    "skattemyndighetene": ("skatteetaten",),
    "velferdsteknologi": ("omsorgsteknologi",),
    "trygghetsalarm": ("omsorgsteknologi", "velferdsteknologi"),
    "trygghetsalarmer": ("omsorgsteknologi", "velferdsteknologi"),
    "varme opp": ("oppvarming",),
    "varme": ("oppvarming",),
    "fyring": ("oppvarming",),
    "alkohol": ("rusmiddel", "rusmiddelmisbruk", "alkoholikere"),
    "alkoholproblemer": ("rusmiddelmisbruk", "alkoholikere", "rusproblemer"),
    "drikker": ("rusmiddelmisbruk", "rusmiddel"),
    "drikk": ("rusmiddelmisbruk", "rusmiddel"),
    "lag og foreninger": ("frivillig sektor", "frivillige organisasjoner"),
    "frivillige": ("frivillig sektor", "frivillige organisasjoner"),
    "psykiske vansker": ("psykiske lidelser", "psykiatri", "psykisk helse"),
    "psykiske problemer": ("psykiske lidelser", "psykiatri", "psykisk helse"),
    "sliter psykisk": ("psykiske lidelser", "psykiatri", "psykisk helse"),
    "hybelleiligheter": ("hybler",),
    "hybelleilighet": ("hybler",),
    "hybel": ("hybler",),
    "delt opp": ("oppdeling",),
    "dele opp": ("oppdeling",),
    "flytte hjemmefra": ("etableringsfasen", "etablering"),
    "fengsel": ("kriminalomsorgen", "fengsel"),
    "fengselet": ("kriminalomsorgen", "fengsel"),
    "innsatte": ("kriminalomsorgen", "fengsel"),
    # everyday words from a fourth blind probe (K)
    "sted å bo": ("bolig",),
    "midlertidig sted å bo": ("midlertidig botilbud",),
    "plass å bo": ("bolig",),
    "sliter med rus": ("rusbrukere", "rusproblemer", "rusmiddelproblemer"),
    "ruser seg": ("rusbrukere", "rusproblemer"),
    "rusmisbrukarar": ("rusbrukere", "rusproblemer"),
    "fordeling": ("tildeling",),
    "fordele": ("tildele", "tildeling"),
    "fordeles": ("tildeles", "tildeling"),
    "orden på pengene": ("ordnet økonomi", "økonomisk rådgivning"),
    "orden på økonomien": ("ordnet økonomi", "økonomisk rådgivning"),
    "regningene": ("økonomi", "gjeld"),
    "regninger": ("økonomi", "gjeld"),
    "meningsfullt å gjøre": ("aktivitet", "arbeid og aktivitet"),
    "noe å gjøre": ("aktivitet", "arbeid og aktivitet"),
    "dagtid": ("dagaktivitet", "aktivitet"),
    "dagtilbud": ("dagaktivitetstilbud", "dagaktivitet"),
    "dagtilbod": ("dagaktivitetstilbud", "dagaktivitet"),
    "solgt": ("eierskifte", "erverver"),
    "selger": ("eierskifte", "erverver", "selger"),
    "ny eier": ("eierskifte", "erverver"),
    "nye eieren": ("eierskifte", "erververen"),
    "uttalelse": ("høring", "høringsperioden"),
    "til uttale": ("høring", "høringsperioden"),
    "enige": ("konsensus", "enighet"),
    "bli enige": ("konsensus", "enighet"),
    "leieboerforening": ("leieboerorganisasjoner", "leieboerorganisasjon"),
    "leieboerforeninger": ("leieboerorganisasjoner", "leieboerorganisasjon"),
    "folkevalgte": ("politikere", "politisk"),
    "politikere": ("folkevalgte", "politikere"),
    # a holiday home is what the startlån rules call «fritidsbolig»
    **dict.fromkeys(("hytte", "hytta", "hytter"), ("fritidsbolig", "fritidsbustad")),
    # the bailiff: «namsmannen» is the everyday word for what the laws call «namsmyndigheten»
    **dict.fromkeys(
        ("namsmann", "namsmannen", "namsfogden", "namsfogd"), ("namsmyndigheten", "namsmyndighet")
    ),
    # «Kvifor var erfaringskonsulenten så viktig?»: «… var avgjerande for …»
    "viktig": ("avgjørende", "avgjerande"),
    # «Hvor gammelt kan avslaget være?»: «… ikke eldre enn tre måneder»
    **dict.fromkeys(("gammel", "gammelt", "gamle"), ("eldre",)),
    # carrying on after a project: «viderefører», «videreføre som et fast tilbud»
    **dict.fromkeys(("fortsette", "fortsetter", "halde fram"), ("videreføre", "viderefører", "videreført")),
    # a cap: «maks» is what the laws write «oppad begrenset til», «ikke overstige», «høyst», «inntil»
    **dict.fromkeys(
        ("maks", "maksimalt", "maksimum", "max"),
        ("oppad begrenset", "overstige", "høyst", "inntil", "maksimalt"),
    ),
    # a tenant who dies: the law's «Dør leieren …», and who may «tre inn i leieavtalen» (take it over)
    **dict.fromkeys(("døde", "døydde", "døyr", "dødde"), ("dør", "dødsfall")),
    **dict.fromkeys(("overta", "overtar", "ta over"), ("tre inn", "overføre")),
    # money «låst fast» in homes is «bundet» in them (not «låst» alone: «utleier har låst meg ute»)
    **dict.fromkeys(("låst fast", "låse fast", "låser fast"), ("bundet", "binder")),
    # «den vanligste grunnen til …» is the main cause: «Hovudårsaka til begjæringane er husleigerestanse»
    **dict.fromkeys(
        (
            "vanligste grunnen",
            "vanlegaste grunnen",
            "vanligste årsaken",
            "vanlegaste årsaka",
            "viktigste grunnen",
        ),
        ("hovedårsaken", "hovedårsak", "hovudårsaka"),
    ),
}


# Nynorsk words and the bokmål the plans and most laws use. Tried both ways: a nynorsk question finds the
# bokmål plans (the lexical query and the answerer), and the answerer reads a nynorsk plan or the nynorsk
# bustøtte rules for a bokmål question («bostedsløse» ~ «bustadlause»).
NYNORSK: dict[str, str] = {
    "mellombels": "midlertidig",
    "føremål": "formål",
    "føremålet": "formålet",
    "butilbod": "botilbud",
    "bustad": "bolig",
    "bustader": "boliger",
    "bustaden": "boligen",
    "kommunale bustader": "kommunale boliger",
    "heimlause": "bostedsløse",
    "bustadlause": "bostedsløse",
    "bustadlaus": "bostedsløs",
    "heimlaus": "bostedsløs",
    "vanskelegstilte": "vanskeligstilte",
    "tenester": "tjenester",
    "busetjing": "bosetting",
    "leigar": "leier",
    "utleigar": "utleier",
    "husleige": "husleie",
    "husleiga": "husleien",
    "leige": "leie",
    "leiger": "leier",
    "leigeavtale": "leieavtale",
    "leigeavtalen": "leieavtalen",
    "krevje": "kreve",
    "oppseiing": "oppsigelse",
    "oppseiinga": "oppsigelsen",
    "oppseiingstid": "oppsigelsesfrist",
    "oppseiingstida": "oppsigelsesfrist",
    "oppseiingsfrist": "oppsigelsesfrist",
    "bustøtte": "bostøtte",
    "bustadmarknaden": "boligmarkedet",
    "marknaden": "markedet",
    "tilskot": "tilskudd",
    "heim": "hjem",
    "flyktningar": "flyktninger",
    "busette": "bosette",
    "tilbod": "tilbud",
    "teneste": "tjeneste",
    "deltakarar": "deltakere",
    "deltakar": "deltaker",
    "framleis": "fortsatt",
    "eige": "eie",
    "eig": "eier",
    "husvære": "bolig",
    "tenesta": "tjenesten",
    "tenestene": "tjenestene",
    "oppfølgingstenesta": "oppfølgingstjenesten",
    "utleigebustader": "utleieboliger",
    "utleigebustad": "utleiebolig",
    "utleige": "utleie",
    "leige til eige": "leie til eie",
    "søkjarar": "søkere",
    "barnefamiliar": "barnefamilier",
    "familiar": "familier",
    "tilsette": "ansatte",
    "tilsett": "ansatt",
    "bustadkontoret": "boligkontoret",
    "bustadsosial": "boligsosial",
    "bustadsosiale": "boligsosiale",
    "bustadplan": "boligplan",
    "bustadplanen": "boligplanen",
    "gjennomsnittleg": "gjennomsnittlig",
    "ventetida": "ventetiden",
    "ungdomar": "ungdommer",
    "løysing": "løsning",
    "løysingar": "løsninger",
    "leigetakar": "leietaker",
    "leigetakarar": "leietakere",
    "eigen": "egen",
    "eigne": "egne",
    "sjølv": "selv",
    "årleg": "årlig",
    "mellombels butilbod": "midlertidig botilbud",
    # everyday verbs and words a nynorsk question is written in
    "bur": "bor",
    "budde": "bodde",
    "budd": "bodd",
    "fylgt": "fulgt",
    "fylgje": "følge",
    "fylgjer": "følger",
    "følgd": "fulgt",
    "hovudansvar": "hovedansvar",
    "hovudansvaret": "hovedansvaret",
    "hovudmål": "hovedmål",
    "utkasting": "utkastelse",
    "utkastingar": "utkastelser",
    "utkastinga": "utkastelsen",
    "annan": "annen",
    "heime": "hjemme",
    "kjem": "kommer",
    "fekk": "fikk",
    "gjeld": "gjelder",
    "born": "barn",
    "borna": "barna",
    # a report's advice and what was decided after it
    "tilrår": "anbefaler",
    "tilrå": "anbefale",
    "tilrådingar": "anbefalinger",
    # (and what «Hva anbefaler rapporten?» finds under «8. Tilrådingar»)
    "tilråding": "anbefaler",
    "ikkje": "ikke",  # «Hva fungerte ikke …?» is answered under «Kva fungerte ikkje»
    "tilrådingane": "anbefalingene",
    "vidareføre": "videreføre",
    "vidarefører": "viderefører",
    "vidareført": "videreført",
    "avgjerande": "avgjørende",
    "innlegging": "innleggelse",
    "innleggingar": "innleggelser",
    "heimetenesta": "hjemmetjenesten",
    "heimetenesten": "hjemmetjenesten",
    "hovudårsaka": "hovedårsaken",
    "hovudårsak": "hovedårsak",
    "åtvaring": "advarsel",
    "saman": "sammen",
    "leilegheit": "leilighet",
    "leilegheita": "leiligheten",
    "leilegheiter": "leiligheter",
    "veke": "uke",
    "veker": "uker",
    "heile": "hele",
    "førre": "forrige",
    "døydde": "døde",
    "kjende": "følte",
    "kjenner": "føler",
    # the days of the week and a holiday: «Husleiga forfell på ein laurdag» / «Faller forfallsdagen på en lørdag»
    "forfell": "forfaller",
    "laurdag": "lørdag",
    "laurdagar": "lørdager",
    "sundag": "søndag",
    "sundagar": "søndager",
    "heilagdag": "helligdag",
    "heilagdagar": "helligdager",
    "vekedag": "virkedag",
    "vyrkedag": "virkedag",
    # who leads: «Kontoret vert leia av Randi Kvalsund Myhre» for «Hvem er leder for Bustadkontoret?»
    "leiar": "leder",
    "leiaren": "lederen",
    # a rise, a case's handling and the one who handles it: «Auken blir 2,3 prosent», «Handsamingstida er
    # normalt om lag fire veker», «Sakshandsamar startlån: …»
    "auke": "øke",
    "auken": "økningen",
    "aukar": "øker",
    "auka": "økte",
    "handsamingstid": "saksbehandlingstid",
    "handsamingstida": "saksbehandlingstiden",
    "sakshandsamingstid": "saksbehandlingstid",
    "sakshandsamar": "saksbehandler",
    "sakshandsamaren": "saksbehandleren",
    "handsama": "behandlet",
    "handsamar": "behandler",
}
for _nn, _nb in NYNORSK.items():
    SYNONYMS.setdefault(_nn, (_nb,))
# rented in from others: «134 leies inn fra private utleiere» for «Hvor mange av dem er innleid?»
_RENTED_IN = ("innleid", "leid inn", "leies inn", "leigd inn")
for _w in (*_RENTED_IN, "innleide", "innleigd", "innleigde", "leiast inn"):
    SYNONYMS[_w] = tuple(dict.fromkeys((*SYNONYMS.get(_w, ()), *(x for x in _RENTED_IN if x != _w))))
# (and led by: «… vert leia av», «… ledes av»)
for _nb in ("leder", "lederen", "leiar", "leiaren"):
    SYNONYMS[_nb] = tuple(
        dict.fromkeys((*SYNONYMS.get(_nb, ()), "leia av", "ledes av", "ledet av", "leiast av"))
    )

# bokmål → its nynorsk forms, for the answerer only: the queries keep their bokmål, which most documents use
BOKMAL: dict[str, tuple[str, ...]] = {}
for _nn, _nb in NYNORSK.items():
    BOKMAL[_nb] = (*BOKMAL.get(_nb, ()), _nn)
# a verb's rise is the nynorsk noun's too: «Hvor mye øker husleia?» / «Auken blir 2,3 prosent»
for _nb in ("øker", "øke", "økes", "økte", "økt", "økning", "økningen"):
    BOKMAL[_nb] = tuple(dict.fromkeys((*BOKMAL.get(_nb, ()), "auke", "auken", "aukar", "auka")))


# (bokmål, nynorsk) spellings of parts of words, in compounds too: «husleierestanse» / «husleigerestanse»
_SPELLING_PARTS = (
    ("leie", "leige"),
    ("bolig", "bustad"),
    ("hjem", "heim"),
    ("tjenest", "tenest"),
    ("forening", "foreining"),  # «velforeningen» / «Velforeininga»
    ("lekeplass", "leikeplass"),
)
NYNORSK_PARTS = (*_SPELLING_PARTS, ("ikke", "ikkje"))


def nynorsk_spelling(word: str) -> str:
    """`word` with its parts spelled the nynorsk way («husleierestansene» → «husleigerestansene»), or
    `word` itself when it has none."""
    for nb, nn in NYNORSK_PARTS:
        word = word.replace(nb, nn)
    return word


# and back: a nynorsk question over bokmål documents («Kan kommunen gje ein vanskelegstilt leigetakar ein
# kontrakt på kortare tid …» / «vanskeligstilte», «leietaker», «kortere»)
_BOKMAL_PARTS = (*((nn, nb) for nb, nn in _SPELLING_PARTS), ("vanskeleg", "vanskelig"))
_NYNORSK_ENDING = re.compile(r"(?:arane|arar|are|ar)$")
_BOKMAL_FOR = {"arane": "erne", "arar": "ere", "are": "ere", "ar": "er"}
MIN_ENDING_WORD = 7  # a shorter word ending in «-ar», «-are» is as likely bokmål («klare», «januar»)


def bokmal_spelling(word: str) -> str:
    """`word` spelled the bokmål way («leigetakar» → «leietaker», «kortare» → «kortere»), or `word` itself."""
    for nn, nb in _BOKMAL_PARTS:
        word = word.replace(nn, nb)
    if len(word) >= MIN_ENDING_WORD:
        word = _NYNORSK_ENDING.sub(lambda m: _BOKMAL_FOR[m.group(0)], word)
    return word


def nynorsk_words(text: str) -> str:
    """The nynorsk forms of the text's bokmål words («bolig» → «bustad», «husleierestansene» →
    «husleigerestansene»): for a search kept to one municipality's documents, which may be written in
    nynorsk whatever the asker writes."""
    low = text.lower()
    extra = [nn for nb, forms in BOKMAL.items() if holds_phrase(low, nb) for nn in forms if nn not in low]
    # (compounds whole words of BOKMAL do not reach)
    extra += [nn for w in _WORD.findall(low) if len(w) >= 8 and (nn := nynorsk_spelling(w)) != w]
    return " ".join(dict.fromkeys(extra))


@functools.lru_cache(maxsize=4096)
def spellings(word: str) -> tuple[str, ...]:
    """`word` spelled the other way: its nynorsk forms when it is bokmål, its bokmål spelling when it is
    nynorsk («leietakere» → «leigetakarar», «leigetakar» → «leietaker»)."""
    bm = bokmal_spelling(word)
    return tuple(dict.fromkeys((*BOKMAL.get(word, ()), *((bm,) if bm != word else ()))))


def document_words(word: str) -> tuple[str, ...]:
    """What the documents may write for `word`: its synonyms, its nynorsk forms when it is bokmål, and its
    bokmål spelling when it is nynorsk."""
    return tuple(dict.fromkeys((*SYNONYMS.get(word, ()), *spellings(word))))


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@functools.lru_cache(maxsize=1024)
def _phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def holds_phrase(low: str, phrase: str) -> bool:
    """Whether the lower-cased text holds the phrase as whole words («må ut» is not in «må utleier»)."""
    return phrase in low and _phrase(phrase).search(low) is not None


# Everyday phrases with other words between their parts, and the documents' word for them: «si henne opp»,
# «sagt oss opp», «seie meg opp» (notice is given: «oppsigelse»)
_SPLIT_PHRASES = (
    (
        re.compile(r"(?<!\w)(?:si|sier|sa|sagt|sies|seie|seier|sagde)\s+(?:[^\W\d_]+\s+)?opp(?!\w)"),
        ("oppsigelse",),
    ),
    # «sette den opp», «setja husleiga opp» of a rent: the tenancy law's «kreve leien endret»
    (
        re.compile(
            r"(?=[\s\S]*(?<!\w)(?:hus)?lei(?:g)?(?:e|a|en|eiga)(?!\w))(?<!\w)"
            r"(?:sette|setter|satt|settes|setje|setja|set)\s+(?:[^\W\d_]+\s+)?opp(?!\w)"
        ),
        ("endret", "endring"),
    ),
)


def split_phrase_verbs(text: str) -> set[str]:
    """The verbs of the everyday phrases of `text` whose parts stand apart: «sette» of «sette den opp» is
    read as the phrase's document word, not as a word of its own (it would match «setter husrommet tilbake»)."""
    low = text.lower()
    return {m.group(0).split()[0] for rx, _ in _SPLIT_PHRASES for m in rx.finditer(low)}


def split_phrase_words(text: str) -> list[str]:
    """The documents' words for the everyday phrases of `text` whose parts stand apart («si henne opp»)."""
    low = text.lower()
    return [a for rx, alts in _SPLIT_PHRASES if rx.search(low) for a in alts if a not in low]


def _alternatives(text: str, wanted: Callable[[str], bool]) -> list[str]:
    """The documents' words for each everyday phrase or word of `text` that `wanted` accepts."""
    low = text.lower()
    words = _WORD.findall(low)
    extra: list[str] = split_phrase_words(low)
    for phrase, alts in SYNONYMS.items():
        if (" " in phrase and holds_phrase(low, phrase)) or (phrase in words and wanted(phrase)):
            extra.extend(a for a in alts if a not in low and a not in extra)
    return extra


# «en kontrakt på bare ett år», «leiekontrakt på 18 mnd»: how long a lease may run, which the tenancy law
# calls a «tidsbestemt leieavtale» (and its shortest term «minstetid»)
LEASE_TERM_Q = re.compile(
    r"\b(?:leie|husleie|leige|husleige)?kontrakt\w*\s+(?:på|for)\s+(?:bare\s+|berre\s+|kun\s+)?"
    r"(?:\d+|ett|eitt|ein|en|to|tre|fire|fem|seks|atten|\d+[,.]\d+)\s+(?:år|måneder|månader|mnd)\b",
    re.I,
)


def expand_query(text: str) -> str:
    """The query plus the document words for its everyday and nynorsk words (nothing added when none)."""
    extra = _alternatives(text, lambda word: True)
    if LEASE_TERM_Q.search(text):
        extra.append("tidsbestemt leieavtale minstetid")
    return f"{text} {' '.join(extra)}" if extra else text


def missing_words(text: str, known: Callable[[str], bool]) -> str:
    """The documents' words for what the index cannot match itself: everyday phrases («kaste meg ut») and
    words the corpus never uses («leiekontrakt»). Words it does use, however rarely, are left to the
    question's own ranking: adding «leier» for «leietaker» there only pulls in every tenancy provision.
    A bokmål phrase gets its nynorsk form («leie til eie» → «leige til eige»): a phrase names one thing."""
    extra = _alternatives(text, lambda word: not known(word))
    low = text.lower()
    # a nynorsk word the corpus never uses, in its bokmål spelling («leigetakar» → «leietaker»)
    extra += [
        bm for w in _WORD.findall(low) if not known(w) and (bm := bokmal_spelling(w)) != w and bm not in extra
    ]
    extra += [
        nn
        for nb, forms in BOKMAL.items()
        if " " in nb and holds_phrase(low, nb)
        for nn in forms
        if nn not in extra
    ]
    return " ".join(extra)
