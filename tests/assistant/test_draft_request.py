"""«Lag et utkast …» in the chat is a drafting request; the topic is what the chapter is about."""

from __future__ import annotations

import pytest

from assistant.service import draft_topic

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "question, topic",
    [
        ("Lag et utkast til kapittelet om bo-oppfølging.", "bo-oppfølging"),
        ("Skriv et utkast om midlertidige boliger", "midlertidige boliger"),
        ("Kan du lage en disposisjon for startlån i boligsosial handlingsplan?", "startlån"),
        ("lag utkast til avsnittet om brukermedvirkning", "brukermedvirkning"),
    ],
)
def test_drafting_requests_name_their_topic(question, topic):
    assert draft_topic(question) == topic


@pytest.mark.parametrize("question", ["Hva er et utkast?", "Hvilke tiltak har kommunene mot bostedsløshet?"])
def test_questions_are_not_drafting_requests(question):
    assert draft_topic(question) is None
