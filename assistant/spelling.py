"""Questions typed without æ, ø and å: a word the corpus never uses gets its marks back when that
makes a word it does use («bostotte» → «bostøtte», «Bodo» → «Bodø», «laan» → «lån», «boeevne» → «boevne»),
and a word spelled the other allowed way gets the documents' spelling («fremleie» → «framleie»).

Only marks and those spellings are restored, and in words typed in lower case a few typing slips: a
doubled or undoubled consonant, two swapped neighbours («komunen», «utleieboilger», «boilg»), a letter
left out or one too many («startån», «oppsigelese»). A slip is fixed only in a word that is not a common
Norwegian word itself (word frequencies from `wordfreq`, which ships its lists): on a corpus of this size
an edit turned ordinary words the documents happen not to use into other words («styrte» → «styrke»,
«syntes» → «synets», «satsinger» → «satsninger»).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from planprat.wordfreqs import is_common_word

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LAW_NAME = re.compile(r"(loven|lova|lovens|lovas)$")  # an unknown law stays unknown: the answerer says so
# Letters typed without their marks, and the usual two-letter stand-ins.
_FOLDS = (("o", "ø"), ("a", "å"), ("a", "æ"), ("e", "æ"))
_DIGRAPHS = (("aa", "å"), ("oe", "ø"), ("ae", "æ"))

# Spellings both allowed in bokmål (and nynorsk): «fremleie» / «framleie», «fremtid» / «framtid»; and the
# nynorsk parts of compounds the documents write in bokmål: «bustadsosialt» → «boligsosialt»,
# «leigebustad» → «leiebolig», «bustadmarknaden» → «boligmarkedet».
_ALTERNATIONS = (
    ("frem", "fram"),
    ("fram", "frem"),
    ("bustad", "bolig"),
    ("leige", "leie"),
    ("marknaden", "markedet"),
    ("marknad", "marked"),
    ("teneste", "tjeneste"),
    ("heim", "hjem"),
    # the regular nynorsk endings and sounds, for words the nynorsk laws do not use either: «førebyggjande»
    # → «forebyggende», «tenkje» → «tenke», «meiner» → «mener», «bumiljø» → «bomiljø», «vanskeleg» →
    # «vanskelig», «kommunane» → «kommunene» (only into a word the corpus uses, like every rule here)
    ("føre", "fore"),
    ("jande", "ende"),
    ("ande", "ende"),
    ("kje", "ke"),
    ("gje", "ge"),
    ("ei", "e"),
    ("au", "ø"),
    ("bu", "bo"),
    ("leg", "lig"),
    ("arar", "ere"),
    ("ane", "ene"),
    ("ar", "er"),
)

DocFreq = Callable[[list[str]], dict[str, int]]
Stem = Callable[[str], str]


@dataclass(frozen=True)
class Correction:
    typed: str
    meant: str


def _fold_variants(word: str) -> set[str]:
    """The word with marks restored in every combination: «aa»/«oe»/«ae» as one letter, then each of the
    first six o, a and e of each kind as itself or its marked forms."""
    bases = {word}
    for a, b in _DIGRAPHS:
        bases |= {w.replace(a, b) for w in bases}
    out: set[str] = set()
    for w in bases:
        seen: dict[str, int] = {}
        options = []
        for ch in w:
            seen[ch] = seen.get(ch, 0) + 1
            marked = [b for a, b in _FOLDS if a == ch] if seen[ch] <= 6 else []
            options.append((ch, *marked))
        out |= {"".join(p) for p in itertools.product(*options)}
    out.discard(word)
    return out


def _alternatives(word: str) -> set[str]:
    """The word with allowed alternative spellings of its parts, alone and together («fremleie» →
    «framleie», «bustadmarknaden» → «boligmarknaden», «boligmarkeden»)."""
    out = {word}
    for a, b in _ALTERNATIONS:
        out |= {w.replace(a, b) for w in out if a in w}
    out.discard(word)
    return out


_CONSONANTS = "bcdfghjklmnpqrstvwxz"
TYPO_MIN_LEN = 6  # shorter words are too often other words one keystroke away
# «boilg» → «bolig», «hosuing» → «housing» (never the last two letters: «kjøpte» is no «kjøpet»)
SWAP_MIN_LEN = 5
EXTRA_MIN_LEN = 9  # a letter typed too many is looked for only in long words
TYPO_MIN_DF = 3  # a typo is read as a word the documents use more than now and then
# … unless the word is long: one slip from a long word is that word even when one document uses it once
# («innflytingssamtalen» → «innflyttingssamtalen» of an uploaded routine)
TYPO_LONG_LEN = 15  # («behovsprøver», 12 letters, is no slip for a typo one plan made: «behovsprøvder»)


def _typo_variants(word: str) -> set[str]:
    """Two typing slips, not a general edit distance (a letter left out is `_missing_letter`): a consonant
    doubled or not («komunen» → «kommunen», «tillskudd» → «tilskudd») and two neighbouring letters swapped
    («utleieboilger» → «utleieboliger»)."""
    out: set[str] = set()
    for i, ch in enumerate(word):
        if ch in _CONSONANTS and len(word) >= TYPO_MIN_LEN:
            if i + 1 < len(word) and word[i + 1] == ch:
                out.add(word[:i] + word[i + 1 :])  # undouble
            elif 0 < i and word[i - 1] != ch:
                out.add(word[: i + 1] + ch + word[i + 1 :])  # double
        # swap with the next letter, not the last two letters («kjøpte» is no «kjøpet»)
        if len(word) >= SWAP_MIN_LEN and i + 2 < len(word) and word[i + 1] != ch:
            out.add(word[:i] + word[i + 1] + ch + word[i + 2 :])
    out.discard(word)
    return out


_VOWELS = "aeiouyæøå"


_LETTERS = _VOWELS + _CONSONANTS


def _missing_letter(word: str) -> set[str]:
    """A letter left out inside the word («depsitum» → «depositum», «huseir» → «huseier», «startån» →
    «startlån», «bostedløse» → «bostedsløse»)."""
    # (not after the last letter: «kommunle» + «g» is stemmed like «kommune»)
    return {word[:i] + v + word[i:] for i in range(1, len(word)) for v in _LETTERS}


def _best(variants: set[str], stem: Stem, doc_freq: DocFreq, min_df: int) -> str | None:
    if not variants:
        return None
    stems = {v: stem(v) for v in variants}
    freq = doc_freq(sorted(set(stems.values())))
    scored = [(freq.get(s, 0), v) for v, s in stems.items() if freq.get(s, 0) >= min_df]
    if not scored:
        return None
    return max(scored)[1]  # the most used; ties go the same way every time


def correct_word(word: str, stem: Stem, doc_freq: DocFreq, protect: set[str] = frozenset()) -> str | None:
    """A corpus word `word` was probably meant as, or None when it is known, protected or nothing fits."""
    low = word.casefold()
    if len(low) < 3 or low in protect or _LAW_NAME.search(low) or doc_freq([stem(low)]).get(stem(low), 0) > 0:
        return None
    meant = _best(_fold_variants(low) | _alternatives(low), stem, doc_freq, min_df=1)
    if meant is None and (word[:1].isupper() or is_common_word(low)):
        return None  # a name, or a word spelt right that the documents do not use
    min_df = 1 if len(low) >= TYPO_LONG_LEN else TYPO_MIN_DF
    if meant is None and len(low) >= SWAP_MIN_LEN:
        meant = _best(_typo_variants(low), stem, doc_freq, min_df=min_df)
    if meant is None and len(low) >= EXTRA_MIN_LEN:
        # a letter too many in a long word («oppsigelese» → «oppsigelse»)
        extra = {low[:i] + low[i + 1 :] for i in range(1, len(low))}
        meant = _best({v for v in extra if len(stem(v)) >= TYPO_MIN_LEN}, stem, doc_freq, min_df=min_df)
    if meant is None and len(low) >= TYPO_MIN_LEN:
        # only into a word whose stem is long enough to be that word («styrte» is no «styrete»)
        missing = {v for v in _missing_letter(low) if len(stem(v)) >= TYPO_MIN_LEN}
        meant = _best(missing, stem, doc_freq, min_df=min_df)
    if meant is None:
        return None
    return meant[:1].upper() + meant[1:] if word[:1].isupper() else meant


# Short function words typed without æ, ø and å, which the repair above leaves (too short, or words the
# index does not hold: «pa» → «på», «ogsa» → «også»). Only in a text with no æ, ø or å at all: whoever
# types «på» has the letters.
_PLAIN_WORDS = {
    "a": "å",
    "pa": "på",
    "na": "nå",
    "nar": "når",
    "ma": "må",
    "fa": "få",
    "ga": "gå",
    "gar": "går",
    "ogsa": "også",
}
_PLAIN_WORD = re.compile(rf"(?<![\w-])({'|'.join(_PLAIN_WORDS)})(?![\w-])", re.I)


def plain_letters(text: str) -> str:
    """A text typed without æ, ø and å gets them back in its short function words («Ma NAV gi rad …» →
    «Må NAV gi rad …», «legge vekt pa nar …» → «legge vekt på når …»); a text with any of them is left."""
    if re.search(r"[æøåÆØÅ]", text):
        return text

    def put_back(m: re.Match[str]) -> str:
        word = _PLAIN_WORDS[m.group(1).lower()]
        return word.capitalize() if m.group(1)[:1].isupper() else word

    return _PLAIN_WORD.sub(put_back, text)


def correct_query(
    text: str, stem: Stem, doc_freq: DocFreq, protect: set[str] = frozenset()
) -> tuple[str, list[Correction]]:
    """The text with misspelt words replaced, and what was replaced (to tell the user)."""
    corrections: list[Correction] = []
    seen: dict[str, str | None] = {}

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word not in seen:
            seen[word] = correct_word(word, stem, doc_freq, protect)
            if seen[word]:
                corrections.append(Correction(word, seen[word]))
        return seen[word] or word

    return _WORD.sub(fix, text), corrections


_DEFINITE = re.compile(r"(?:en|et|a|ene|ane|na)$")
_PAIR = re.compile(r"(?<![\w-])([a-zæøå]{3,}) +(?=([a-zæøå]{3,})(?![\w-]))")


def joined_compounds(
    text: str, stem: Stem, doc_freq: DocFreq, stopwords: Collection[str] = ()
) -> list[Correction]:
    """Two words typed apart that the documents write as one word («vente liste» → «venteliste», «utleie
    boliger» → «utleieboliger»: a compound written in two, as Norwegians often do). Not a pair with a small
    word («kan skje» is no «kanskje»), nor a word describing a noun («den boligsosiale loven»), nor one whose
    joined form the documents seldom use."""
    pairs: list[tuple[str, str, str]] = []
    for m in _PAIR.finditer(text):
        a, b = m.group(1), m.group(2)
        if a.lower() in stopwords or b.lower() in stopwords:
            continue
        if a.lower().endswith("e") and _DEFINITE.search(b.lower()):
            continue  # a word describing a noun: «den nye boligsosiale loven», «de kommunale boligene»
        joined = stem((a + b).lower())
        if len(joined) > len(a):  # (not when the stemmer cuts the second word off: «utleier lov» → «utleier»)
            pairs.append((a, b, joined))
    if not pairs:
        return []
    freq = doc_freq(sorted({j for _, _, j in pairs}))
    return [Correction(f"{a} {b}", a + b) for a, b, j in pairs if freq.get(j, 0) >= TYPO_MIN_DF]


def _one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by one letter left out, added, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


PLACE_TYPO_MIN_LEN = 5
_CAPITALISED = re.compile(rf"\b[A-ZÆØÅ][a-zæøå]{{{PLACE_TYPO_MIN_LEN - 1},}}\b")
_LOWER = re.compile(rf"\b[a-zæøå]{{{PLACE_TYPO_MIN_LEN},}}\b")


def place_typos(text: str, places: Iterable[str], real: Collection[str]) -> list[Correction]:
    """Capitalised words one slip from the name of a place the documents come from («Kongsbrg» →
    «Kongsberg», «Bdoø» → «Bodø»), unless the word is itself the name of a place (`real`: «Hol» is no
    «Hole»). Only into a place the corpus holds, so that an unknown name stays unknown."""
    known = {p for p in places if len(p) >= PLACE_TYPO_MIN_LEN - 1}
    out: list[Correction] = []
    # a name typed in lower case is one too («… bodd lenge i narvk»), when it is no word of its own
    lower = [w for w in _LOWER.findall(text) if not is_common_word(w)]
    for word in dict.fromkeys([*_CAPITALISED.findall(text), *lower]):
        low = word.casefold()
        if low in known or low[:-1] in known or word in real or low.capitalize() in real:  # «Bodøs»: genitive
            continue
        meant = sorted(p for p in known if _one_edit(low, p))
        if len(meant) == 1:
            out.append(Correction(word, meant[0][:1].upper() + meant[0][1:]))
    return out
