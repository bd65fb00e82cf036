"""The synonym tables: each everyday word is mapped once, so no entry silently replaces an earlier one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import assistant.synonyms

pytestmark = pytest.mark.unit


def _keys(node: ast.Dict) -> list[tuple[str, int]]:
    """The keys a dict literal sets, with their lines: plain ones and those of `**dict.fromkeys((…), …)`."""
    out = []
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant):
            out.append((key.value, key.lineno))
        elif (
            key is None
            and isinstance(value, ast.Call)
            and value.args
            and isinstance(value.args[0], ast.Tuple)
        ):
            out += [(e.value, e.lineno) for e in value.args[0].elts if isinstance(e, ast.Constant)]
    return out


def test_no_word_is_mapped_twice_in_a_table():
    tree = ast.parse(Path(assistant.synonyms.__file__).read_text(encoding="utf-8"))
    twice = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict):
            seen: dict[str, int] = {}
            for word, line in _keys(node.value):
                if word in seen:
                    twice.append(f"«{word}» on lines {seen[word]} and {line}")
                seen[word] = line
    assert not twice, twice


def test_the_documents_words_for_a_party_and_for_a_bank_loan():
    from assistant.synonyms import SYNONYMS

    assert "(sp)" in SYNONYMS["senterpartiet"] and " ap " in SYNONYMS["arbeiderpartiet"]
    assert "kredittinstitusjoner" in SYNONYMS["banken"]


def test_setting_a_rent_up_is_the_tenancy_laws_change_of_rent_and_its_verb_is_no_word_of_its_own():
    from assistant.answer import content_words
    from assistant.synonyms import expand_query, split_phrase_words

    assert split_phrase_words("Kan de sette den opp så ofte de vil? (husleia)") == ["endret", "endring"]
    assert split_phrase_words("Kan dei setje opp husleiga?") == ["endret", "endring"]
    assert split_phrase_words("Hvem skal sette opp planen?") == []  # no rent: a plan is drawn up
    words = content_words("Kan utleier sette opp husleia så ofte han vil?")
    assert "sette" not in words and "endret" in words
    # and how often it may change is how soon a change may follow the last one
    assert "tidligst" in expand_query("Hvor ofte kan husleia økes?")
