"""How many people a household the question describes counts: «to voksne uten barn» is the row
«2 personer» of a table of income limits, «en familie på fire» the row «4 personer»."""

from __future__ import annotations

import re

_NUMBERS = {
    "en": 1, "én": 1, "ein": 1, "ett": 1, "eitt": 1, "ei": 1,
    "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8,
}  # fmt: skip
_N = rf"(\d|{'|'.join(_NUMBERS)})"
_ADULTS = re.compile(rf"\b{_N}\s+(?:voksne|vaksne|voksen|vaksen)\b", re.I)
_CHILDREN = re.compile(rf"\b(?:med|og)\s+{_N}\s+(?:barn|born|ungar|unger)\b", re.I)
_NO_CHILDREN = re.compile(r"\b(?:uten|utan)\s+(?:barn|born)\b", re.I)
_SINGLE = re.compile(
    r"\b(?:enslig|einsleg|bor alene|bur aleine)\b"
    r"(?:\s+(?:mor|far|forsørger|forsørgjar|forelder))?",
    re.I,
)
_COUPLE = re.compile(r"\b(?:et par|eit par|ektepar|samboere|sambuarar|samboerpar)\b", re.I)
_OF_SIZE = re.compile(
    rf"\b(?:familie|familien|familier|husstand|husstanden|husstandar|husholdning|hushald)\s+på\s+{_N}\b"
    rf"|\b{_N}\s+(?:personer|personar|person)\b",
    re.I,
)


def _value(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def household_size(question: str) -> int | None:
    """The number of people in the household the question describes, or None when it describes none."""
    m = _OF_SIZE.search(question)
    if m:
        return _value(m.group(1) or m.group(2))
    children = _CHILDREN.search(question)
    kids = _value(children.group(1)) if children else 0
    adults = _ADULTS.search(question)
    if adults:
        return _value(adults.group(1)) + kids
    if _SINGLE.search(question):
        return 1 + kids
    if _COUPLE.search(question):
        return 2 + kids
    return None


_LIMIT = re.compile(r"grens|\b(?:hvor|kor) (?:mye|mykje|stor|høy|høg|mange)\b|\bmaks|\bhøyest|\bhøgast", re.I)


def household_words(question: str) -> str:
    """The words a table of limits by household size uses for the household asked about («2 personer»),
    when the question asks for a limit or an amount and describes the household in other words; else ""."""
    n = household_size(question) if _LIMIT.search(question) else None
    if n is None or re.search(rf"\b{n}\s+person", question, re.I):
        return ""
    return f"{n} person" if n == 1 else f"{n} personer"
