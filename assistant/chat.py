"""Follow-up questions: «Og hva gjør Bodø?» after «Hvilke tiltak har Tromsø mot bostedsløshet?».

`condense_question` turns a follow-up into a question that stands on its own, without a language model:
the new question keeps its own words and borrows the topic words of the previous user turns; names the
new question replaces (another municipality, another law) are dropped from what is borrowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from assistant.answer import _NUMERIC_Q, OWNER_WORD, YEAR, asks_figure, content_words
from assistant.legal import defined_term, laws_mentioned, parse_refs
from assistant.synonyms import expand_query
from planprat.places import places_in

# Words that make a question lean on the one before it.
_FOLLOW_START = re.compile(
    r"^\s*(og|men|så|hva med|kva med|hvordan med|korleis med|enn|også|samme|hva da|kva då|da|dersom|hvis|viss|"
    r"hva om|kva om|gjelder det|gjeld det)\b",
    re.I,
)
# «Og hvis …», «Men om …», «Enn dersom …»: the case asked about before, taken further, however long
_GOES_ON = re.compile(r"^\s*(?:og|men|enn)\s+(?:hvis|viss|dersom|om)\b", re.I)
# Words that name no topic of their own: «Hvem har ansvaret?» asks about the topic before it.
_GENERIC = frozenset(
    """ansvar ansvaret plikt plikten pliktene regel regler reglene krav kravet kravene frist fristen fristene
    mål målet målene tiltak tiltaket tiltakene rett retten rettigheter vilkår vilkåra vilkårene kostnad
    kostnadene pris prisen tall tallet antall status resultat resultatet resultatene erfaring erfaringene
    budsjett budsjettet tid tida tiden dato datoen grunn grunnen årsak årsaken hensikt hensikten poeng
    poenget eksempel eksempler mer meir flere fleire andre annet anna også òg først sist lenge mange mye
    mykje stor store dyrt koster kostar gjelder gjeld hvis viss dersom får fått avslag fremover framover videre
    vidare""".split()
)
_PRONOUNS = re.compile(
    r"\b(den|det|dette|denne|disse|dei|de|dem|deres|der|dit|han|hun|ho|planen|loven|lova|paragrafen|prosjektet|"
    r"rapporten|tiltaket|tiltakene|kommunen|saken|ordningen|den\s+nye)\b",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:-\d+)?|§", re.UNICODE)
_QUESTION_WORDS = frozenset(
    """hva kva hvilke hvilken hvilket kva for hvem kven hvor kvar når korleis hvordan hvorfor kvifor
    og men så om er var har hadde kan skal må vil bli blir ble i på til for med av fra frå at det den de
    dei en ei et eit som ikke ikkje noe noko meg deg seg oss dere jeg eg du vi me står sier seier gjør gjer
    gjorde da då""".split()
)
_MAX_BORROWED = 12
_MAX_CHAIN = 4  # user turns a chain of follow-ups is followed back


def _names(text: str, places: Collection[str] = ()) -> set[str]:
    """Proper names: capitalised words not at the start of a sentence («Bodø», «Indre Østfold»), and
    places however they are typed («hva med halden?», and `places`: the corpus's municipalities)."""
    out = {p.casefold() for p in places_in(text, places, any_case=True)}
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)?)", text.strip()):
        out.add(m.group(1).casefold())
    return out


_AND_BUT = re.compile(r"^\s*(?:og|men)\s+\w", re.I)
# «den plikten», «det tilskuddet», «denne ordningen»: a thing already talked about
_THAT_ONE = re.compile(
    r"\b(?:den|det|denne|dette|disse|desse)\s+(?!(?:samme|same)\b)[^\W\d_]{3,}(?:en|et|ene|a|na|ane)\b", re.I
)
# «rentene», «kontoen», «fristen»: a noun in its definite form points at something already talked about.
# (not «leilighet», «mulighet», «kvalitet»: nouns in -het and -itet end in «et» without the article)
_DEFINITE = re.compile(r"[^\W\d_]{3,}(?:ene|en|(?<!h)(?<!it)et|na)$", re.UNICODE)
# «det samme tilskuddet», «den samme regelen», «samme frist»: what was talked about before
_SAME = re.compile(
    r"\b(?:det|den|dei|de|dette|denne) samme\b|\bsamme (?:regel\w*|frist\w*|ordning\w*|tilskot\w*|tilskudd\w*|lån\w*|støtte\w*|stønad\w*|krav\w*|vilkår\w*|plikt\w*)",
    re.I,
)
_SPEAKER = re.compile(r"\b(jeg|eg|vi|me|man|du)\b", re.I)
# an adjective and its noun in the definite form («kommunale planstrategien»): after «den» or «det», an article
_ADJ_NOUN = r"[^\W\d_]+e\s+[^\W\d_]{3,}(?:en|et|ene|a|na|ane)\b"
_ARTICLE_PHRASE = re.compile(rf"\b(?:den|det|dei|de)\s+{_ADJ_NOUN}", re.I)
# «hvor mange brukere skal den kunne ta imot?», «… og hvor mange ansatte får den?»: a pronoun standing for a
# thing (after the verb, or ending the clause), not an article («den nye planen») or «den som …»
_ANAPHOR = re.compile(
    r"\b(?:den|dei|dem|han|hun|ho)\s*[?.!,]"
    r"|\b(?:skal|kan|vil|må|får|fikk|har|hadde|er|var|ble|blei|blir|bør|kunne|skulle)\s+(?:den|dei|han|hun|ho)\b"
    r"(?!\s+(?:som|enkelte|samme|same|nye|gamle|første|siste|andre|største|minste)\b)"
    # (nor an article before an adjective and its noun: «Hva skal den kommunale planstrategien inneholde?»)
    rf"(?!\s+{_ADJ_NOUN})",
    re.I,
)
# «… har jeg da …», «Kva skjer då?»: «da» after the subject takes up what was said before
_THEN = re.compile(r"\b(?:jeg|eg|vi|me|du|han|hun|ho|de|dei|det|den|man|skjer)\s+(?:da|då)\b", re.I)
# «Hva er målet fremover da?», «Kor mykje då?»: a short question ending in «da» takes up what was said
_THEN_END = re.compile(r"\b(?:da|då)\s*[?.!]*\s*$", re.I)
# the asking words of a question; a follow-up without any («Og i Sogndal?») asks what was asked before
_ASKS = re.compile(
    r"\b(hva|kva|hvilke\w*|kven|hvem|hvor|kor|når|korleis|hvordan|hvorfor|kvifor|kan|må|skal|har|er|gjelder)\b",
    re.I,
)


def is_follow_up(question: str, places: Collection[str] = ()) -> bool:
    """Opening with «og/men/hva med», leaning on a pronoun with few words of its own, or naming no topic
    of its own («Hvor mange?», «Hvem har ansvaret?»). A short question whose one topic word is in its
    definite form («Hvem får rentene?») or that asks what the asker may do («Kan jeg klage?») leans on the
    topic before it too. A short question with a topic of its own («Hva er depositum?», «Hvem har rett på
    startlån?», «Hvor lenge varer en leiekontrakt?») starts a new topic, as does one that names a place,
    a law or a § («Hva med husleieloven?» is still a follow-up by its opening)."""
    words = [w for w in _WORD.findall(question) if w.casefold() not in _QUESTION_WORDS]
    if _FOLLOW_START.match(question) and len(words) <= 6:
        return True
    topic = [w for w in words if w.casefold() not in _GENERIC]
    named = bool(_names(question, places) or laws_mentioned(question) or parse_refs(question))
    if _GOES_ON.match(question) and not named:  # «Og hvis han bare lar fristen gå ut uten å gjøre noe?»
        return True
    # «Og hvem betaler for å opprette kontoen, utleier eller leietaker?», «men hva skjer hvis jeg glemmer å
    # protestere innen fristen»: in a conversation, «og»/«men» go on from what was said, however long
    if _AND_BUT.match(question) and not named:
        return True
    if _THAT_ONE.search(question) and not named:  # «Gjelder den plikten også for utlendinger …?»
        return True
    if _SAME.search(question) and not named:  # «Kan vi få det samme tilskuddet til en leilighet …?»
        return True
    if _ANAPHOR.search(question) and not named:  # «… hvor mange ansatte får den?»
        return True
    if _THEN.search(question) and not named:  # «Hvor lang tid har jeg da før jeg må være ute?»
        return True
    # «Hvem leder styringsgruppa for det boligsosiale … i Halden?»: «det» is no pronoun
    if len(topic) > 2 and named:
        return False
    # («den kommunale planstrategien»: an article before an adjective and its noun is no pronoun)
    if _PRONOUNS.search(_ARTICLE_PHRASE.sub(" ", question)) and len(words) <= 5:
        return True
    if not topic:
        return True
    if len(topic) > 2 or named:
        return False
    if defined_term(question):
        return False
    if _THEN_END.search(question) and len(words) <= 6:  # «Hva er målet fremover da?»
        return True
    definite = [w for w in topic if _DEFINITE.fullmatch(w.casefold())]
    return (len(topic) == 1 and bool(definite or _SPEAKER.search(question))) or (
        len(topic) == 2 and len(definite) == 1 and not _SPEAKER.search(question)
    )


def continues(question: str) -> bool:
    """«Og hva med NAV?», «Gjelder det også for NAV?»: the question goes on asking what was asked before
    (a duty question stays one); «Kan jeg klage?» only borrows the topic."""
    return bool(_FOLLOW_START.match(question) or _PRONOUNS.search(question))


def _topic_words(text: str, drop: Iterable[str]) -> list[str]:
    """The words of `text` a follow-up borrows. A word capitalised only because it opens a sentence
    («Leietakeren min har …») is borrowed in lower case: it is no name for the answerer to look for."""
    dropped = {d.casefold() for d in drop}
    names = _names(text)
    starts = {m.group(1) for m in re.finditer(r"(?:^|[.!?]\s+)([A-ZÆØÅ][a-zæøå]+)\b", text.strip())}
    out: list[str] = []
    for w in _WORD.findall(text):
        k = w.casefold()
        if k in _QUESTION_WORDS or k in dropped or k in out:
            continue
        out.append(k if w in starts and k not in names else w)
    return out


# The groups a plan's measures are for: a follow-up that names one asks about it instead of the one before
# («Og for unge?» after «Hvilke tiltak har Halden for rusavhengige?»)
_GROUP = re.compile(
    r"^(?:eldre|unge?|ungdom\w*|barn\w*|famili\w*|flyktning\w*|innvandr\w*|rus\w*|psykis\w*|psykiatr\w*|"
    r"demen\w*|funksjonshem\w*|utviklingshem\w*|bostedsløs\w*|hjemløs\w*|heimlaus\w*|student\w*|"
    r"vanskeligstilt\w*|vanskelegstilt\w*|innsatt\w*|løslat\w*|seniorer?)$",
    re.I,
)
HEAD_MIN = 5  # letters a compound's head must have for two words to share it («gruppa», «boliger»)


def _same_head(a: str, b: str) -> bool:
    """Two compounds of one head and different first parts: «styringsgruppa» / «programgruppa»,
    «omsorgsboliger» / «utleieboliger»."""
    a, b = a.casefold(), b.casefold()
    if a == b or min(len(a), len(b)) < HEAD_MIN + 3:
        return False
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n >= HEAD_MIN and n < min(len(a), len(b)) - 2


# «Hvilke kommuner …», «andre kommuner», «i hele landet»: a question about more places than one
_MANY_PLACES = re.compile(
    r"\b(?:kommunene|kommunane|kommuner|kommunar|landet|nasjonal\w*|norge|noreg|fylke\w*)\b", re.I
)
# «loven», «lova», «forskriften», «regelverket»: a question about the law is no question about a place
_THE_LAW = re.compile(r"\b(?:lov|loven|lova|lovene|lovverket|forskrift\w*|regelverk\w*|rettspraksis)\b", re.I)


def condense_question(
    question: str, history: Sequence[dict], always: bool = False, places: Collection[str] = ()
) -> str:
    """The question as it would be asked without the conversation before it. `always`: the question is
    known to lean on the last user turn (the second part of «…, og hvor mange står i kø?»). `places`: the
    corpus's municipalities (some may be missing from the list of municipalities).

    A question with words of its own still asks about the place the conversation is about, when it names
    no other: «Hvem avgjør klagen hvis Tildelingskontoret holder fast på avslaget?» after «hvor lang
    klagefrist har man på vedtak om kommunal bolig i lundmo»."""
    users = [t.get("content", "") for t in history if t.get("role") == "user" and t.get("content")]
    if not users:
        return question
    previous = users[-1]  # the last user turn carries the topic (older turns would mix topics)
    if len(users) > 1:
        # «Kan jeg klage?» after «Hvor lenge kan jeg bo der?» after «… midlertidig botilbud?»: when the last
        # turn was a follow-up itself, its topic is the one it borrowed (one that was not is left as it is)
        earlier = [{"role": "user", "content": u} for u in users[-_MAX_CHAIN:-1]]
        previous = condense_question(previous, earlier, places=places)
    if not (always or is_follow_up(question, places)):
        return _in_place(question, previous, places)
    if not always and _new_topic(question, previous, (), min_words=STANDS_ALONE):
        # «Jeg fikk avslag på bostøtte …, men nå har jeg mistet jobben. Må jeg sende ny søknad, eller blir den
        # vurdert igjen?»: a question that tells its own case, sharing no word with the one before it, points
        # back within itself
        return question
    new_names = _names(question, places)
    drop: set[str] = set()
    if new_names:  # «Og hva gjør Bodø?» replaces the municipality asked about before
        drop |= {w for n in _names(previous, places) for w in n.split()}
    if laws_mentioned(question):
        drop |= {w for law in laws_mentioned(previous) for w in law.split()}
    own = _WORD.findall(question)
    if any(YEAR.fullmatch(w) for w in own):  # «Og for 2014 da?» after a question on 2013
        drop |= {w for w in _WORD.findall(previous) if YEAR.fullmatch(w)}
    if any(_GROUP.match(w) for w in own):  # «Og for unge?»: not the group asked about before
        drop |= {w for w in _WORD.findall(previous) if _GROUP.match(w)}
    # «Enn programgruppa?» after «styringsgruppa»: a word with the same compound head is the one replaced
    drop |= {w for w in _WORD.findall(previous) if any(_same_head(w, o) for o in own)}
    own_refs = parse_refs(question)
    borrowed = _topic_words(previous, drop | {w.casefold() for w in own})
    if own_refs:  # a new § asked about: keep the law but not the old § numbers
        borrowed = [w for w in borrowed if not re.fullmatch(r"\d+(?:-\d+)?|§", w)]
    # «Og i Sogndal?» after «Hvor mange kommunale utleieboliger har Kongsberg?» asks for the figure too
    asking = _FOLLOW_START.sub("", question, count=1)
    figure = _NUMERIC_Q.search(previous) if asks_figure(previous) and not _ASKS.search(asking) else None
    if figure:
        said = {w.casefold() for w in figure.group(0).split()}
        borrowed = [figure.group(0), *(w for w in borrowed if w.casefold() not in said)]
    if not borrowed:
        return question
    return f"{question.strip()} ({' '.join(borrowed[:_MAX_BORROWED])})"


STANDS_ALONE = 8  # words of its own that make a question stand alone when it shares none with the one before

_BACK = re.compile(r"\b(?:de|dei|dem|deres|det|den|han|hun|ho|der|dit)\b", re.I)


def _in_place(question: str, previous: str, places: Collection[str]) -> str:
    """`question` with the one place `previous` named, when it names none itself, points back (a pronoun,
    a thing in its definite form, a name: «Hvem avgjør klagen hvis Tildelingskontoret …?») and asks neither
    about the law nor about many places or a term («Hvem har rett på startlån?», «Hva er bostøtte?» start a
    topic of their own)."""
    if places_in(question, places, any_case=True) or laws_mentioned(question) or parse_refs(question):
        return question
    if _MANY_PLACES.search(question) or _THE_LAW.search(question) or defined_term(question):
        return question
    own = [w for w in _WORD.findall(question) if w.casefold() not in _QUESTION_WORDS]
    if not (
        _BACK.search(question) or _names(question) or any(_DEFINITE.fullmatch(w.casefold()) for w in own)
    ):
        return question
    before = {p.casefold(): p for p in places_in(previous, places, any_case=True)}
    if len(before) != 1:
        return question
    if _new_topic(question, previous, before):
        return question
    return f"{question.strip()} ({next(iter(before.values()))})"


def _new_topic(question: str, previous: str, places: Collection[str], min_words: int = 3) -> bool:
    """Whether a question of `min_words` or more words of its own shares none with the one before it: «Hva
    skal den kommunale planstrategien inneholde?» after «Hvor mange utkastingar vart gjennomførte i Tinddal?»
    asks about planning in general, not in Tinddal («klagen» after «klagefrist» shares one)."""
    own = [w.casefold() for w in content_words(question)]
    if len(own) < min_words:
        return False
    own += [w.casefold() for w in content_words(expand_query(question)[len(question) :])]  # «leilighet»
    before = [w.casefold() for w in content_words(previous) if w.casefold() not in places]
    return not any(
        a[:5] == b[:5]
        for a in own
        for b in before
        if len(a) >= 4 and len(b) >= 4 and not OWNER_WORD.fullmatch(b)
    )


def without_borrowed_places(question: str, condensed: str, places: Collection[str]) -> str | None:
    """`condensed` without the places it took from the talk before `question` (None when it took none), and
    without the years it took with them («… Brekkvoll i 2022»: that place's year): what the follow-up asks
    anywhere."""
    tail = condensed[len(question.strip()) :] if condensed.startswith(question.strip()) else ""
    own = {p.casefold() for p in places_in(question, places, any_case=True)}
    borrowed = [p for p in places_in(tail, places, any_case=True) if p.casefold() not in own]
    if not borrowed:
        return None
    for place in borrowed:
        tail = re.sub(rf"(?<!\w){re.escape(place)}(?:s)?(?!\w)", "", tail, flags=re.I)
    own_years = set(YEAR.findall(question))
    tail = YEAR.sub(lambda m: m.group(0) if m.group(0) in own_years else "", tail)
    tail = re.sub(r"\s+", " ", tail).strip().replace("( ", "(").replace(" )", ")")
    return question.strip() if tail in ("", "()") else f"{question.strip()} {tail}"


def borrowed_words(question: str, condensed: str, corrections: Iterable = ()) -> frozenset[str]:
    """The words `condense_question` added to `question` (lower-cased): what a follow-up took from the
    turns before it. `corrections` (assistant.spelling.Correction, made to `condensed` afterwards): the
    answerer reads a corrected word as it was meant, whether borrowed («bostotte») or the follow-up's own."""
    if condensed == question:
        return frozenset()

    def words(text: str) -> set[str]:
        """The words of `text`, «bo-oppfølging» also as «bo» and «oppfølging», as the answerer reads them."""
        found = {w.casefold() for w in _WORD.findall(text)}
        # (and the words the answerer makes of them: «to-roms» is read «toroms»)
        return found | {p for w in found for p in w.split("-")} | set(content_words(text))

    meant = {c.typed.casefold(): words(c.meant) for c in corrections}

    def read(found: set[str]) -> set[str]:
        return {m for w in found for m in meant.get(w, {w})}

    own = read(words(question))
    return frozenset(read(words(condensed[len(question.strip()) :])) - own)
