"""Pure text-cleaning functions: soft hyphens, hyphenation at line ends, running headers/footers, whitespace, NFC."""

from __future__ import annotations

import itertools
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
    # («Boligsosial handlingsplan 2025–2028 | Side 3 av 9»: the marker within a footer's line)
    s = PAGE_MARKER.sub("side # av #", s)
    # (and a browser's footer, «file:///…/plan.html 3/7»: the page of the count; a slide's number glued to
    # its footer by the text layer, wherever it stands: «7Fjellbu kommune» and «Fjellbu kommune 3» are one)
    # (a page count before it, «2 / 4Arkivsak 24/1187 – Saksframlegg», is masked the same way)
    key = re.sub(
        r"^\d{1,3}\s*/\s*\d{1,3}(?!\d)\s*|^\d+\s+|\s+\d+(?:\s*/\s*\d+)?$|^\d{1,3}(?=[^\W\d_])|(?<=[^\W\d_])\d{1,3}$",
        " ",
        s,
    )
    return key.strip() or s


def running_lines(pages: list[str], min_share: float = 0.5, min_pages: int = 3) -> Callable[[str], bool]:
    """A test for running headers/footers: lines recurring on at least `min_share` of the pages, and
    «Side N av M»."""
    counts: Counter[str] = Counter()
    edges: Counter[str] = Counter()  # lines at a page's top or foot
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        counts.update({_line_key(ln) for ln in lines})
        edges.update({_line_key(ln) for ln in lines[:2] + lines[-2:]})
    threshold = max(min_pages, int(len(pages) * min_share + 0.999))
    repeated = {k for k, n in counts.items() if n >= threshold} if len(pages) >= min_pages else set()
    if len(pages) >= min_pages:
        # a short document's header on every page but its cover («Bolignytt Sandvær · Desember 2025» on pages
        # 2 and 3 of 3, under the masthead of page 1)
        repeated |= {k for k, n in edges.items() if n >= max(2, len(pages) - 1)}

    def running(line: str) -> bool:
        return bool(line.strip()) and (
            _line_key(line) in repeated or bool(PAGE_MARKER.fullmatch(line.strip()))
        )

    return running


_LEADER_ONLY = re.compile(r"^\s*(?:\.\s*){4,}\d+\s*$")
_WITH_LEADER = re.compile(r"\S.*?(?:\s*\.){4,}\s*\d+\s*$")


_CONTENTS_HEAD = re.compile(
    r"^\s*(?:innhold|innhald|innholdsfortegnelse|innhaldsliste|innholdsliste|innhaldsoversikt|"
    r"innholdsoversikt|innhaldsregister)\s*:?\s*$",
    re.I,
)
_ENTRY = re.compile(r"^\s*\S.*?\s(\d{1,3})\s*$")  # «2.1 Bakgrunn 4», «Vedlegg 1: Deltakere 12»


def _without_leaderless_contents(lines: list[str]) -> list[str]:
    """A contents page set without leader dots: «Innhold» over «1 Sammendrag 4», «2.1 Bakgrunn 4» …: the
    entries that follow it and end in page numbers that never go down (three or more) are dropped, and the
    «Innhold» line with them."""
    head = next((i for i, line in enumerate(lines) if _CONTENTS_HEAD.match(line)), None)
    if head is None:
        return lines
    drop, last = [head], 0
    for i in range(head + 1, len(lines)):
        if not lines[i].strip():
            continue
        m = _ENTRY.match(lines[i])
        if not m or int(m.group(1)) < last:
            break
        last = int(m.group(1))
        drop.append(i)
    if len(drop) < 4:
        return lines
    gone = set(drop)
    return [line for i, line in enumerate(lines) if i not in gone]


def remove_contents_lines(page: str) -> str:
    """A table of contents' entries («1 Innledning . . . . 3», or the entry over a line of dots; or, on a
    page headed «Innhold», entries ending in page numbers), which would otherwise be read as headings of the
    page they are listed on."""
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
    return "\n".join(_without_leaderless_contents(kept))


NOTE_LINE = re.compile(r"^(\d{1,2})\s+[A-ZÆØÅ]")  # a footnote: «1 Tallene er hentet fra …»


def note_mark(n: str) -> re.Pattern[str]:
    """The mark of footnote `n` in the text: glued to a word of three letters or more («m2» is a unit),
    after a year's full stop («… i 2024.2 Av …»), or glued to a year («per 1. januar 20252.»)."""
    return re.compile(
        rf"(?<=[^\W_]{{3}}[.,;:)»]){n}(?=\s|$)|(?<=[^\W\d_]{{3}}){n}(?=[\s.,;:])"
        rf"|(?<=(?<!\d)(?:19|20)\d\d){n}(?=[.,;:]|\s+[a-zæøå])"
    )


def split_footnotes(page: str) -> tuple[str, list[str]]:
    """A page's text without its footnotes, and the footnotes («1 Tallene er hentet fra …» under the
    text), their marks taken out of the text («… boliger.1 Av disse …» → «… boliger. Av disse …»). A
    footnote opens a line in the page's lower half with the number of a mark glued to a word above it, and
    runs to the next footnote or the page's end."""
    lines = page.split("\n")
    starts: list[int] = []
    for i in range(len(lines) // 2, len(lines)):
        m = NOTE_LINE.match(lines[i].strip())
        if not m:
            continue
        mark = note_mark(m.group(1))
        above = [k for k in range(min(starts, default=i)) if mark.search(lines[k])]
        if above:
            lines[above[-1]] = mark.sub("", lines[above[-1]], count=1)
            starts.append(i)
    if not starts:
        return page, []
    bounds = [*starts, len(lines)]
    notes = [" ".join(ln.strip() for ln in lines[a:b] if ln.strip()) for a, b in itertools.pairwise(bounds)]
    return "\n".join(lines[: starts[0]]), notes


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
# Items that open in upper case («Ansette en bo-oppfølger …», «Innføre fast varsling …») could as well be the
# paragraph that goes on after the colon: such a list needs three items, each of one or two lines and one
# sentence at most, and it ends before the first that is longer (the paragraph after it).
CAPITAL_ITEMS = 3
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-ZÆØÅ]")


_GOES_ON = frozenset("og eller samt men i til for på med av som at en et ei de den det om fra frå å".split())


def _last_word(line: str) -> str:
    return line.rsplit(None, 1)[-1].lower() if line else ""


def _ends_sentence(lines: list[str], end: int) -> bool:
    """Whether the item that ends before line `end` ends in a full stop."""
    return lines[end - 1].rstrip().endswith(".")


def _bare_items(lines: list[str], colon: int, wrapped: float) -> list[tuple[int, int]]:
    """The items (first line, end) of a list without bullets after the line `colon` ends in «:»: each opens
    after a line narrower than the text column (in lower case, when the first one does); a line in lower
    case after a line as wide as the column goes on the item before."""
    items: list[tuple[int, int]] = []
    first = lines[colon + 1].strip()[:1] if colon + 1 < len(lines) else ""
    if not first.isalpha():
        return items
    lower = first.islower()
    j = colon + 1
    while j < len(lines):
        s = lines[j].strip()
        if not s or not s[0].isalpha():
            break
        before = lines[j - 1].strip()
        # (an item does not end in «eller» or «til»: the line went on, however short the column made it)
        # (and a line that ended a sentence went on to no next line, however wide it is)
        after_wide = (
            j > colon + 1
            and (len(before) >= wrapped or _last_word(before) in _GOES_ON)
            and not before.endswith((".", "!", "?"))
        )
        # (in a list whose items end in a full stop, a line in lower case after one without goes on it)
        goes_on = after_wide or (
            not lower
            and not before.endswith((".", "!", "?"))
            and any(_ends_sentence(lines, b) for _, b in items)
        )
        if s[0].islower() and goes_on and items:
            items[-1] = (items[-1][0], j + 1)  # wrapped onto this line
        elif not after_wide and (s[0].islower() or not lower):
            # (a list in upper case may hold items in lower case: «NAV Ringsaker, …», «frivillige
            # organisasjoner …»; one in lower case ends where a line opens in upper case)
            items.append((j, j + 1))
        elif not lower or not s[0].islower():
            break
        j += 1
    if lower:
        return items
    kept: list[tuple[int, int]] = []
    for a, b in items:
        text = " ".join(ln.strip() for ln in lines[a:b])
        if b - a > 2 or _SENTENCE_INSIDE.search(text):
            break
        if kept and text.endswith(".") and not any(_ends_sentence(lines, k) for _, k in kept):
            break  # a sentence after items that are none
        kept.append((a, b))
    return kept if len(kept) >= CAPITAL_ITEMS else []


def mark_bare_list_items(text: str) -> str:
    """The lines of a list that lost its bullets, each given «• » (as `normalize_bullets` gives a glyph):
    from a line ending in «:», the items of `_bare_items`, up to a blank line or one that opens with a
    bullet already. Fewer than two such items are left as they are (a colon ending a sentence that goes on)."""
    lines = text.split("\n")
    widest = max((len(ln.strip()) for ln in lines), default=0)
    wrapped = WRAPPED_SHARE * widest
    out = list(lines)
    i = 0
    while i < len(lines):
        if not lines[i].rstrip().endswith(":"):
            i += 1
            continue
        items = _bare_items(lines, i, wrapped)
        if len(items) >= 2:
            for a, _ in items:
                out[a] = "• " + lines[a].strip()
            end = items[-1][1]
            if end < len(lines) and lines[end].strip():
                out[end - 1] += "\n"  # the paragraph after the list is no part of its last item
            i = end
        else:
            i += 1
    return "\n".join(out)
