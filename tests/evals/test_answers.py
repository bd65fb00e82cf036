"""The answer-level check: which answers count as right, and how a follow-up's conversation is built."""

from __future__ import annotations

import pytest

from evals.answers import Verdict, changes, conversation, judge, needed
from evals.datasets import parse_line
from planprat.models import Answer

pytestmark = pytest.mark.unit


def question(kind: str, phrases: list[str], history: list[dict] | None = None):
    rel = ", ".join(f'{{"contains": "{p}"}}' for p in phrases)
    hist = "" if history is None else ', "history": ' + str(history).replace("'", '"')
    return parse_line(f'{{"id": "q", "question": "?", "relevant": [{rel}], "kind": "{kind}"{hist}}}', "t:1")


def test_a_fact_is_right_when_a_quote_holds_its_phrase_and_the_answer_does_not_abstain():
    q = question("fact", ["søknadsfrist 15. mai"])
    assert judge(q, "Fristen er [1].", ["Husbanken har SØKNADSFRIST\n15. mai."], abstained=False) == (True, 1)
    assert judge(q, "Fristen er [1].", ["Søknadsfrist 1. juni."], abstained=False) == (False, 0)
    assert judge(q, "Jeg fant ikke …", ["søknadsfrist 15. mai"], abstained=True)[0] is False


def test_a_list_needs_half_of_its_items_rounded_up():
    q = question("list", ["botrening", "husleiehjelp", "bostøtte"])
    assert needed(q) == 2
    assert judge(q, "", ["Botrening og bostøtte."], abstained=False) == (True, 2)
    assert judge(q, "", ["Botrening."], abstained=False) == (False, 1)


def test_an_unanswerable_question_is_right_only_when_planprat_abstains():
    q = question("none", [])
    assert needed(q) == 0
    assert judge(q, "Jeg fant ikke noe om dette i dokumentene.", [], abstained=True)[0] is True
    assert judge(q, "Tallet er 12 [1].", ["Tallet er 12."], abstained=False)[0] is False


class Recorder:
    """Answers each question with its own text and remembers the history it was asked with."""

    def __init__(self):
        self.asked: list[tuple[str, list[dict]]] = []

    def ask(self, question, history=()):
        self.asked.append((question, list(history)))
        return Answer(text=f"svar på {question}", citations=(), abstained=False)


def test_a_user_only_history_is_answered_turn_by_turn_before_the_follow_up():
    q = question("fact", ["x"], [{"role": "user", "content": "A?"}, {"role": "user", "content": "B?"}])
    svc = Recorder()
    turns = conversation(svc, q)
    assert [t["content"] for t in turns] == ["A?", "svar på A?", "B?", "svar på B?"]
    assert svc.asked[1] == (
        "B?",
        [{"role": "user", "content": "A?"}, {"role": "assistant", "content": "svar på A?"}],
    )


def test_a_history_with_assistant_turns_is_used_as_written():
    hist = [{"role": "user", "content": "A?"}, {"role": "assistant", "content": "Skrevet svar."}]
    svc = Recorder()
    assert conversation(svc, question("fact", ["x"], hist)) == hist
    assert svc.asked == []


def test_changes_name_fixed_broken_and_reworded_answers():
    def v(qid, right, text):
        return Verdict(qid, "fact", right, False, int(right), 1, text, ())

    before = [
        {"id": "a", "right": False, "answer": "x"},
        {"id": "b", "right": True, "answer": "y"},
        {"id": "c", "right": True, "answer": "z"},
        {"id": "d", "right": True, "answer": "w"},
    ]
    after = [v("a", True, "x"), v("b", False, "y"), v("c", True, "z2"), v("d", True, "w"), v("e", True, "")]
    assert changes(before, after) == ["FIXED a", "BROKE b", "text  c (right both)", "new   e"]
