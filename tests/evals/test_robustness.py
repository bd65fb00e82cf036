"""Careless typing is measured: lower case, a typo, no æ/ø/å — each made the same way every run."""

from __future__ import annotations

import pytest

from evals.datasets import Question
from evals.robustness import lower_case, plain_letters, robustness, swapped_letters

pytestmark = pytest.mark.unit


def test_each_perturbation_changes_the_question_the_same_way_every_time():
    q = "Hvordan fungerer startlånsordningen i Bodø?"
    assert lower_case(q) == "hvordan fungerer startlånsordningen i bodø"
    typo = swapped_letters(q)
    assert typo == swapped_letters(q) and typo != q
    changed = typo.split()[2]
    assert sorted(changed) == sorted("startlånsordningen") and changed[:2] == "st" and changed[-3:] == "gen"
    assert plain_letters("Må jeg betale depositum på forhånd?") == "Ma jeg betale depositum pa forhand?"
    assert plain_letters("Hva er husleien?") is None  # nothing to take away
    assert swapped_letters("Hva er NAV?") is None  # no long word to misspell


def test_an_answer_is_held_when_its_first_quote_stays_and_follow_ups_and_unanswerables_are_left_out():
    class Said:
        def __init__(self, quote):
            self.abstained = quote is None
            self.citations = () if quote is None else (type("C", (), {"quote": quote})(),)

    # an «answerer» that reads only lower-case words: case and the question mark do not matter to it,
    # a typo or missing letters do
    def ask(text):
        return Said("Startlån skal bidra til …" if "startlån" in text.lower() else None)

    qs = [
        Question("a", "Hvem kan få startlån?", ("startlån",), "fact"),
        Question("b", "Finnes det startlån for hytter?", (), "none"),
        Question("c", "Og for unge?", ("unge",), "fact", history=({"role": "user", "content": "…"},)),
    ]
    counts, changes = robustness(ask, qs)
    assert counts["lower_case"] == {"held": 1, "asked": 1, "share": 1.0}
    assert counts["no_aeoeaa"]["held"] == 0 and counts["no_aeoeaa"]["asked"] == 1
    # «startlan» and a swapped «startlån» are no «startlån» to it; only question a was asked
    assert [(c.question_id, c.kind) for c in changes] == [("a", "typo"), ("a", "no_aeoeaa")]
    assert counts["typo"] == {"held": 0, "asked": 1, "share": 0.0}
