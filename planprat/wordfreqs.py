"""How common a word is in Norwegian (bokmål), from the frequency lists `wordfreq` ships (no download)."""

from __future__ import annotations

import functools
import math


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return {}
    return get_frequency_dict("nb")


def zipf(word: str) -> float:
    """log10 of the word's frequency per billion words (0 when unknown): 3 is about once per million words."""
    f = _frequencies().get(word.lower(), 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0


COMMON_ZIPF = 2.0  # a word this frequent (about once in ten million words) is no typo


def is_common_word(word: str) -> bool:
    """Whether `word` is an ordinary Norwegian (bokmål) word, typed as it should be."""
    return zipf(word) >= COMMON_ZIPF
