"""Pure text-cleaning functions: soft hyphens, hyphenation at line ends, running headers/footers, whitespace, NFC."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

SOFT_HYPHEN = "\u00ad"
# Words after which a line-final hyphen is a real one: «helse-\nog omsorgstjenesteloven», «bo- og oppfølging».
_KEEP_AFTER = {"og", "eller", "enn", "samt", "til", "and", "or"}
_HYPHEN_BREAK = re.compile(r"([A-Za-zÆØÅæøåÉéÜüÖöÄä])-[ \t]*\n[ \t]*([a-zæøåéüöä][\wæøå]*)")
PAGE_MARKER = re.compile(r"\bSide\s+\d+\s+(?:av|of)\s+\d+\b", re.IGNORECASE)


# Bullets as PDFs and word processors leave them: Symbol/Wingdings private-use glyphs («\uf0b7»), a DEL
# character where the font had no mapping (pypdf on some PDFs), squares, arrows and middle dots.
_ODD_BULLET = re.compile(
    r"^([ \t]*)[\x7f\u00b7\u2022\u2219\u25aa\u25a0\u25cf\u25e6\u25ba\u27a2\u2794\uf0a7\uf0a8\uf0b7\uf076\uf0d8\uf0fc\uf0e0]"
    r"[ \t]*(?:\n[ \t]*)?(?=\S)",  # the glyph alone on its line (reportlab, Word): its item is the next line
    re.M,
)


def normalize_bullets(text: str) -> str:
    """A bullet glyph at the start of a line becomes «• », so the line reads, and is split, as a list item;
    a glyph alone on its line is joined to the item on the next."""
    return _ODD_BULLET.sub(r"\1• ", text)


def remove_soft_hyphens(text: str) -> str:
    """Drop U+00AD (invisible hyphenation hints from PDFs and word processors)."""
    return text.replace(SOFT_HYPHEN, "")


def join_hyphenated(text: str) -> str:
    """Join words split across lines («bolig-\\nsosial» → «boligsosial»); keep «helse- og …» as a real hyphen."""

    def repl(m: re.Match[str]) -> str:
        nxt = m.group(2)
        if nxt.lower() in _KEEP_AFTER:
            return f"{m.group(1)}- {nxt}"
        return m.group(1) + nxt

    return _HYPHEN_BREAK.sub(repl, text)


def _line_key(line: str) -> str:
    # Page numbers vary between pages («Side 3 av 8», «Boligplan 2024   7»): mask a leading or trailing number.
    s = " ".join(line.split()).lower()
    if PAGE_MARKER.fullmatch(s):
        return "side # av #"
    # (and a browser's footer, «file:///…/plan.html 3/7»: the page of the count)
    return re.sub(r"^\d+\s+|\s+\d+(?:\s*/\s*\d+)?$", " # ", s).strip()


def running_lines(pages: list[str], min_share: float = 0.5, min_pages: int = 3) -> Callable[[str], bool]:
    """A test for running headers/footers: lines recurring on at least `min_share` of the pages, and
    «Side N av M»."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_line_key(ln) for ln in page.splitlines() if ln.strip()})
    threshold = max(min_pages, int(len(pages) * min_share + 0.999))
    repeated = {k for k, n in counts.items() if n >= threshold} if len(pages) >= min_pages else set()

    def running(line: str) -> bool:
        return bool(line.strip()) and (
            _line_key(line) in repeated or bool(PAGE_MARKER.fullmatch(line.strip()))
        )

    return running


_LEADER_ONLY = re.compile(r"^\s*(?:\.\s*){4,}\d+\s*$")
_WITH_LEADER = re.compile(r"\S.*?(?:\s*\.){4,}\s*\d+\s*$")


def remove_contents_lines(page: str) -> str:
    """A table of contents' entries («1 Innledning . . . . 3», or the entry over a line of dots), which would
    otherwise be read as headings of the page they are listed on."""
    kept: list[str] = []
    for line in page.splitlines():
        if _LEADER_ONLY.match(line):
            while kept and not kept[-1].strip():
                kept.pop()
            if kept:
                kept.pop()  # the entry the dots lead from
            continue
        if _WITH_LEADER.fullmatch(line.strip()):
            continue
        kept.append(line)
    return "\n".join(kept)


def remove_repeated_lines(pages: list[str], min_share: float = 0.5, min_pages: int = 3) -> list[str]:
    """Remove running headers/footers (`running_lines`)."""
    running = running_lines(pages, min_share, min_pages)
    return ["\n".join(ln for ln in page.splitlines() if not running(ln)) for page in pages]


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces/tabs, strip line ends, turn 3+ newlines into one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[ \u2000-\u200b\u202f\u3000]+", " ", text)
    text = "\n".join(ln.strip() for ln in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Typographic ligatures a PDF keeps as one character («ﬂyktninger», «ﬁnne»): the letters they stand for.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def unligature(text: str) -> str:
    """«ﬂyktninger» as «flyktninger»: a question typed with two letters finds it."""
    return text.translate(_LIGATURES)


def nfc(text: str) -> str:
    """Unicode NFC, so «å» typed as a+ring compares equal to «å»; ligatures as their letters."""
    return unicodedata.normalize("NFC", unligature(text))


def clean_text(text: str) -> str:
    """All text-level cleaning in order: NFC, soft hyphens, bullet glyphs, line-end hyphenation, whitespace."""
    return normalize_whitespace(join_hyphenated(normalize_bullets(remove_soft_hyphens(nfc(text)))))


def clean_inline(text: str) -> str:
    """Clean a block's text into one line (for headings, list items, table cells)."""
    return " ".join(clean_text(text).split())


# A list a browser printed to PDF keeps no bullet glyphs: after «Følgende grupper prioriteres:» each item is a
# line that opens in lower case. A line that opens in lower case after a line as wide as the text column is
# that item wrapped onto the next line («… bidra til at de» / «blir boende»).
WRAPPED_SHARE = 0.85  # a line this share of the page's widest line or wider was wrapped


def mark_bare_list_items(text: str) -> str:
    """The lines of a list that lost its bullets, each given «• » (as `normalize_bullets` gives a glyph):
    from a line ending in «:», every following line that opens in lower case after a line narrower than
    the text column, up to a line in upper case, a blank line, or one that opens with a bullet already.
    Fewer than two such lines are left as they are (a colon ending a sentence that goes on)."""
    lines = text.split("\n")
    widest = max((len(ln.strip()) for ln in lines), default=0)
    wrapped = WRAPPED_SHARE * widest
    out = list(lines)
    i = 0
    while i < len(lines):
        if not lines[i].rstrip().endswith(":"):
            i += 1
            continue
        items: list[int] = []
        j = i + 1
        while j < len(lines):
            s = lines[j].strip()
            if not s or not s[0].islower():
                break
            if j == i + 1 or len(lines[j - 1].strip()) < wrapped:
                items.append(j)
            j += 1
        if len(items) >= 2:
            for k in items:
                out[k] = "• " + lines[k].strip()
            if j < len(lines) and lines[j].strip():
                out[j - 1] += "\n"  # the paragraph after the list is no part of its last item
        i = max(j, i + 1)
    return "\n".join(out)
