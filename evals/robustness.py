"""How the answer holds when a question is typed carelessly: the gold questions in lower case without the
question mark, with two neighbouring letters swapped in their longest word, and without æ, ø and å.

A perturbed question is counted as held when its answer has the same first quote as the clean question's
(or both abstain). The perturbations are pure functions, deterministic: the same question always gets the
same typo. `planprat eval --robustness` prints the share held per kind of perturbation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_LONG_WORD = re.compile(r"[^\W\d_]{7,}")
_PLAIN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def lower_case(question: str) -> str | None:
    """«Hva er husleien i Alta?» → «hva er husleien i alta» (None when nothing changes)."""
    out = re.sub(r"[?.!]+\s*$", "", question.strip()).lower()
    return out if out != question else None


def swapped_letters(question: str) -> str | None:
    """Two neighbouring letters swapped in the middle of the longest lower-case word (7+ letters):
    «Hvordan fungerer startlånsordningen?» → «Hvordan fungerer startlånsordnnigen?». None when the question
    has no such word. The place of the swap comes from the word itself, so runs repeat."""
    words = [w for w in _LONG_WORD.findall(question) if w[0].islower()]
    if not words:
        return None
    word = max(words, key=len)
    i = 2 + sum(map(ord, word)) % (len(word) - 5)  # never the first two or the last three letters
    if word[i] == word[i + 1]:
        i += 1
    typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return question.replace(word, typo, 1)


def plain_letters(question: str) -> str | None:
    """Typed on a keyboard without æ, ø and å: «Må jeg betale depositum på forhånd?» → «Ma jeg betale
    depositum pa forhand?» (None when the question has none of them)."""
    out = question.translate(_PLAIN)
    return out if out != question else None


PERTURBATIONS: dict[str, Callable[[str], str | None]] = {
    "lower_case": lower_case,
    "typo": swapped_letters,
    "no_aeoeaa": plain_letters,
}


@dataclass(frozen=True)
class Change:
    """A perturbed question whose answer differs from the clean one's."""

    question_id: str
    kind: str
    question: str
    perturbed: str
    clean_first: str | None
    perturbed_first: str | None


def first_quote(answer) -> str | None:
    """What the user reads first: the first cited quote, or None for «fant ikke»."""
    return None if answer.abstained or not answer.citations else answer.citations[0].quote


def robustness(ask: Callable[[str], object], questions: Sequence) -> tuple[dict[str, dict], list[Change]]:
    """Per kind of perturbation: {"held": n, "asked": n, "share": held/asked}, and the changed answers.
    `questions`: gold questions (id, question, kind, history); follow-ups and unanswerable ones are left
    out (a follow-up's answer depends on its history, and «fant ikke» is easy to keep)."""
    counts = {k: {"held": 0, "asked": 0} for k in PERTURBATIONS}
    changes: list[Change] = []
    for q in questions:
        if q.kind == "none" or q.history:
            continue
        clean = first_quote(ask(q.question))
        for kind, perturb in PERTURBATIONS.items():
            text = perturb(q.question)
            if text is None:
                continue
            got = first_quote(ask(text))
            counts[kind]["asked"] += 1
            if got == clean:
                counts[kind]["held"] += 1
            else:
                changes.append(Change(q.id, kind, q.question, text, clean, got))
    for c in counts.values():
        c["share"] = c["held"] / c["asked"] if c["asked"] else None
    return counts, changes
