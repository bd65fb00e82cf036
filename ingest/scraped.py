"""Pages scraped from document-sharing sites: keep only the transcript of the real document, with page numbers.

Such a page lists OTHER documents («Like dokumenter», download prompts, «Størrelse: px», «Begynne med side:»)
before and after the transcript. The transcript is a run of page texts, each starting with its page number
(«1 Prosjektrapport …», «2 …»), or split by «Side N av M» markers.
"""

from __future__ import annotations

import re

from ingest.clean import PAGE_MARKER, clean_inline
from planprat.models import Block

_TRANSCRIPT = re.compile(r"^\s*Transkript(?:sjon)?\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
_PAGE_START = re.compile(r"^(\d{1,4})\s+(\S.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«])")


def is_scraped(text: str) -> bool:
    """A transcript heading followed by a page run starting at «1 …»."""
    m = _TRANSCRIPT.search(text)
    if not m:
        return False
    rest = [ln for ln in text[m.end() :].splitlines() if ln.strip()]
    return bool(rest) and bool(re.match(r"^1\s+\S", rest[0].strip()))


def _page_run(lines: list[str]) -> list[str]:
    """Consecutive «N text» lines with N = 1, 2, 3 …; stops at the first line that breaks the sequence."""
    pages: list[str] = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = _PAGE_START.match(s)
        if m and int(m.group(1)) == len(pages) + 1:
            pages.append(m.group(2))
        else:
            break
    return pages


def _strip_running_title(pages: list[str]) -> list[str]:
    """Drop a running title that starts most pages («Prosjektrapport Samhandlingsarena … kommune»)."""
    if len(pages) < 3:
        return pages
    words = [p.split() for p in pages]
    best = 0
    for n in range(3, 25):
        prefix = words[1][:n]
        if len(prefix) < n:
            break
        share = sum(1 for w in words if w[:n] == prefix) / len(words)
        if share >= 0.6:
            best = n
        else:
            break
    if not best:
        return pages
    prefix = words[1][:best]
    return [" ".join(w[best:]) if w[:best] == prefix and len(w) > best else " ".join(w) for w in words]


def _split_on_markers(text: str) -> list[str]:
    """Split text at «Side N av M» markers: the text before a marker is page N."""
    parts = PAGE_MARKER.split(text)
    return [p for p in parts if p.strip()]


def parse_scraped(text: str) -> tuple[str, list[Block]]:
    """(title, blocks) of the transcribed document only; blocks carry page numbers."""
    m = _TRANSCRIPT.search(text)
    head = text[: m.start()] if m else ""
    title = next((clean_inline(ln) for ln in head.splitlines() if ln.strip()), "")
    title = clean_inline(PAGE_MARKER.sub("", title))
    lines = text[m.end() :].splitlines() if m else text.splitlines()
    pages = _page_run(lines)
    if not pages:
        pages = _split_on_markers(" ".join(ln.strip() for ln in lines if ln.strip()))
    pages = _strip_running_title(pages)
    blocks: list[Block] = []
    if title:
        blocks.append(Block("heading", title, level=1, page=1))
    for n, page in enumerate(pages, start=1):
        body = clean_inline(PAGE_MARKER.sub(" ", page))
        if body:
            blocks.append(Block("text", body, page=n))
    return title, blocks
