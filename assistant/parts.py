"""Questions that ask two things at once: «Hvor lenge må man vente på kommunal bolig i Gjøvik, og hvor mange
står i kø?», «Kor mange leilegheiter skal Stord byggje, og kva er kostnadsramma?».

Each part is answered on its own (the later parts borrow the topic of the first, as a follow-up borrows the
turn before it) and the answers are joined: one figure per part, each with its own citations, and a plain
word about a part the documents do not answer. Pure functions; `Planprat.ask` does the retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from planprat.models import Answer, Citation, Hit

# «…, og hvor mange …», «… og kva er …», «…, og finnes det hjelp?»: a second asking clause
_ASKING = (
    r"hvor|kor|hva|kva|hvem|kven|når|hvilke\w*|hvordan|korleis|hvorfor|kvifor|finnes|fins|finst|"
    r"er det|kan (?:jeg|eg|vi|me|man|hun|han|ho|de|dei)|får (?:jeg|eg|vi|me|man)|"
    # «…, og er strømmen med?», «… og må jeg betale depositum?»
    r"er \w+ (?:med|inkludert)|må (?:jeg|eg|vi|me|man|hun|han|ho|de|dei)"
)
_JOINED = re.compile(rf",?\s+og\s+(?=(?:{_ASKING})\b)", re.I)
# two questions typed one after the other: «Får man ha hund i kommunal bolig? Hva sier retningslinjene?»
_NEXT_QUESTION = re.compile(r"(?<=\?)\s+(?=[A-ZÆØÅ])")
_MIN_WORDS = 3  # a part shorter than this («og hva?») is no question of its own
MAX_PARTS = 3


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))


def split_question(question: str) -> list[str]:
    """The questions `question` asks, in order; the question itself when it asks one thing. The situation
    told before the first question stays with it («Jeg skal få kommunal leilighet, men har ikke penger til
    depositum. Hvor mye må jeg ut med, og finnes det hjelp?» → the story with «Hvor mye må jeg ut med?», and
    «finnes det hjelp?»)."""
    q = question.strip()
    sentences: list[str] = []
    for sentence in _NEXT_QUESTION.split(q):
        if sentences and not sentence.endswith("?"):
            # «Kan utleier gi meg ett år? Jeg er enslig mor.»: what is told after a question belongs to it
            sentences[-1] = f"{sentences[-1]} {sentence}"
        else:
            sentences.append(sentence)
    parts: list[str] = []
    for sentence in sentences:
        parts.extend(p.strip() for p in _JOINED.split(sentence))
    parts = [p if p.endswith(("?", ".", "!")) else p.rstrip(",") + "?" for p in parts]
    if len(parts) < 2 or len(parts) > MAX_PARTS or any(_words(p) < _MIN_WORDS for p in parts):
        return [question]
    return parts


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)


def join_answers(parts: Sequence[str], answers: Sequence[Answer]) -> Answer:
    """One answer from the answers to each part: their texts in order with the citations numbered through
    (a quote cited twice keeps its first number), and a note naming each part nothing answered. All parts
    unanswered: the first part's abstention."""
    answered = [(p, a) for p, a in zip(parts, answers, strict=True) if not a.abstained]
    if not answered:
        return answers[0]
    texts: list[str] = []
    citations: list[Citation] = []
    seen: dict[tuple[str, str], int] = {}
    notes: list[str] = []
    hits: list[Hit] = []
    have: set[str] = set()
    for _part, a in answered:
        if texts and all((c.chunk_id, c.quote) in seen for c in a.citations):
            continue  # the same sentences again: said once is enough
        mapping: dict[int, int] = {}
        for c in a.citations:
            key = (c.chunk_id, c.quote)
            if key not in seen:
                seen[key] = len(citations) + 1
                citations.append(replace(c, n=seen[key]))
            mapping[c.n] = seen[key]
        texts.append(_renumber(a.text, mapping))
        notes.extend(n for n in a.notes if n not in notes)
        for h in a.hits:
            if h.chunk.chunk_id not in have:
                have.add(h.chunk.chunk_id)
                hits.append(h)
    for part, a in zip(parts, answers, strict=True):
        if a.abstained:
            notes.append(f"Fant ikke noe svar i dokumentene på: «{part}»")
    return Answer(
        text="\n\n".join(texts),
        citations=tuple(citations),
        abstained=False,
        hits=tuple(hits),
        mode=answered[0][1].mode,
        notes=tuple(notes),
    )
