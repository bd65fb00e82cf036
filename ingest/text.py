"""Plain text and Markdown: # headings, numbered headings («1.», «2.3»), ALL-CAPS short lines, «- » list items."""

from __future__ import annotations

import re

from ingest.clean import clean_inline, clean_text
from planprat.models import Block

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+([A-ZÆØÅ«\"].*)$")
_LIST = re.compile(r"^(?:[-*•–▪◦]\s+|\(?[a-zæøå]\)\s+|\d{1,2}\)\s+)")
_END_PUNCT = (".", ",", ";", ":", "!", "?", ")", "»")


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return 3 <= len(letters) and len(line) <= 70 and all(c.isupper() for c in letters)


def heading_level(line: str, standalone: bool) -> int:
    """Heading level 1..6 for a heading-like line, 0 for body text. `standalone`: the line is its own paragraph."""
    s = line.strip()
    m = _MD_HEADING.match(s)
    if m:
        return len(m.group(1))
    if len(s) > 90 or not s:
        return 0
    m = _NUMBERED.match(s)
    if m and len(s.split()) <= 12 and not s.endswith((".", ",", ";")):
        return min(6, m.group(1).count(".") + 1)
    if _is_caps_heading(s) and len(s.split()) <= 10:
        return 2
    if standalone and len(s) <= 60 and len(s.split()) <= 9 and s[0].isupper() and not s.endswith(_END_PUNCT) and not _LIST.match(s):
        return 3
    return 0


def parse_text(text: str, page: int | None = None, line_mode: bool = False) -> list[Block]:
    """Blocks from plain text. Paragraphs are separated by blank lines; with `line_mode` (PDF) every
    line is a visual line and consecutive body lines are joined into one paragraph."""
    text = clean_text(text)
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            t = clean_inline(" ".join(para))
            if t:
                blocks.append(Block("text", t, page=page))
            para.clear()

    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    for p in paragraphs:
        lines = [ln for ln in p.split("\n") if ln.strip()]
        for i, line in enumerate(lines):
            s = line.strip()
            prev_ended = not para or para[-1].rstrip().endswith((".", ":", "!", "?"))
            standalone = len(lines) == 1 if not line_mode else (prev_ended and (i + 1 == len(lines) or not lines[i + 1][:1].islower()))
            lvl = heading_level(s, standalone)
            if lvl:
                flush()
                t = _MD_HEADING.match(s)
                blocks.append(Block("heading", clean_inline(t.group(2) if t else s), level=lvl, page=page))
            elif _LIST.match(s):
                flush()
                blocks.append(Block("list_item", clean_inline(s), page=page))
            elif blocks and blocks[-1].kind == "list_item" and not para and (line_mode or i > 0) and s[:1].islower():
                # a wrapped list item continues on the next line
                last = blocks.pop()
                blocks.append(Block("list_item", clean_inline(last.text + " " + s), page=page))
            else:
                para.append(s)
                if not line_mode and i + 1 < len(lines) and _LIST.match(lines[i + 1].strip()):
                    flush()
        if not line_mode:
            flush()
    flush()
    if blocks and blocks[0].kind == "heading" and page in (None, 1):
        b = blocks[0]
        blocks[0] = Block("heading", b.text, level=1, page=b.page)  # the document's title
    return blocks
