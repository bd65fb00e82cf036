"""split_document: Document → Chunks along the document's own structure (sections, pages, §, ledd).

Chunk text is verbatim document text (so quotes can be verified); the heading path in `section` carries the
context. The one exception is a law § too long for one chunk: each piece starts with «<lov> § N. Overskrift».
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TypeVar

from planprat.models import Block, Chunk, Document

ORDINALS = [
    "første",
    "andre",
    "tredje",
    "fjerde",
    "femte",
    "sjette",
    "sjuende",
    "åttende",
    "niende",
    "tiende",
    "ellevte",
    "tolvte",
    "trettende",
    "fjortende",
    "femtende",
    "sekstende",
    "syttende",
    "attende",
    "nittende",
    "tjuende",
]
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[\w«\"(–-])")


def ordinal(n: int) -> str:
    """1 → «første», 3 → «tredje»; past the table: «21.»."""
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}."


def ledd_ref(ledds: list[int]) -> str:
    """[3] → «tredje ledd», [1, 2] → «første og andre ledd», [1, 2, 3] → «første til tredje ledd»."""
    ledds = sorted(set(ledds))
    if len(ledds) == 1:
        return f"{ordinal(ledds[0])} ledd"
    if len(ledds) == 2:
        return f"{ordinal(ledds[0])} og {ordinal(ledds[1])} ledd"
    return f"{ordinal(ledds[0])} til {ordinal(ledds[-1])} ledd"


def chunk_id(doc_id: str, ordinal_: int, text: str) -> str:
    """Stable id: sha256 of «doc_id|ordinal|text», first 32 hex digits."""
    return hashlib.sha256(f"{doc_id}|{ordinal_}|{text}".encode()).hexdigest()[:32]


@dataclass
class _Piece:
    text: str
    section: tuple[str, ...]
    pages: list[int] = field(default_factory=list)
    law_ref: str | None = None
    paragraph: str | None = None
    marks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, page) where a page begins
    # (offset in text, heading path) where a merged neighbour's text begins; empty: all under `section`
    sections: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)


def _split_long(text: str, max_chars: int) -> list[str]:
    """Split an over-long unit at sentence ends, then at word boundaries; pieces are verbatim substrings."""
    if len(text) <= max_chars:
        return [text]
    sentences = _SENTENCE.split(text)
    out: list[str] = []
    cur = ""
    for s in sentences:
        while len(s) > max_chars:  # a «sentence» longer than a chunk: cut at the last space that fits
            cut = s.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            head, s = s[:cut].rstrip(), s[cut:].lstrip()
            if cur:
                out.append(cur)
                cur = ""
            out.append(head)
        if cur and len(cur) + 1 + len(s) > max_chars:
            out.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}" if cur else s
    if cur:
        out.append(cur)
    return out


def _sep(kind: str) -> str:
    return "\n" if kind in ("list_item", "table_row") else "\n\n"


def _pack(
    units: list[tuple[str, str, int | None]], max_chars: int, min_chars: int = 0
) -> list[tuple[str, list[int], list[tuple[int, int]]]]:
    """Pack (kind, text, page) units into texts ≤ max_chars; units are never split unless longer than a chunk.
    A new page starts a new chunk once the current one has min_chars, so pages cited stay precise.
    Each text comes with its pages and its page marks: (offset, page) where the text moves to another page."""
    out: list[tuple[str, list[int], list[tuple[int, int]]]] = []
    cur, pages, marks = "", [], []
    for kind, text, page in units:
        for part in _split_long(text, max_chars):
            joined = f"{cur}{_sep(kind)}{part}" if cur else part
            new_page = page is not None and pages and page != pages[-1] and len(cur) >= min_chars
            if cur and (len(joined) > max_chars or new_page):
                out.append((cur, pages, marks))
                cur, pages, marks = part, [], []
            else:
                cur = joined
            if page is not None:
                if not marks or marks[-1][1] != page:
                    marks.append((len(cur) - len(part), page))
                pages.append(page)
    if cur:
        out.append((cur, pages, marks))
    return out


def _sections(blocks: tuple[Block, ...]) -> list[tuple[tuple[str, ...], Block | None, list[Block]]]:
    """(heading path, heading block, body blocks) per heading, in reading order."""
    out: list[tuple[tuple[str, ...], Block | None, list[Block]]] = []
    stack: list[tuple[int, str]] = []
    head: Block | None = None
    body: list[Block] = []
    for b in blocks:
        if b.kind == "heading":
            if head is not None or body:
                out.append((tuple(t for _, t in stack), head, body))
            while stack and stack[-1][0] >= max(1, b.level):
                stack.pop()
            stack.append((max(1, b.level), b.text))
            head, body = b, []
        else:
            body.append(b)
    if head is not None or body:
        out.append((tuple(t for _, t in stack), head, body))
    return out


def _law_pieces(
    law: str, path: tuple[str, ...], head: Block, body: list[Block], max_chars: int
) -> list[_Piece]:
    """One chunk per §; a § longer than max_chars is split by ledd, each piece headed «<lov> § N. …»."""
    ref = head.ref or ""
    groups: list[tuple[int | None, list[str]]] = []  # (ledd, lines)
    for b in body:
        if b.ledd is None and groups:  # amendment notes stay with their §, after the last ledd
            groups[-1][1].append(b.text)
        elif groups and b.ledd == groups[-1][0] and b.kind == "list_item":
            groups[-1][1].append(b.text)
        else:
            groups.append((b.ledd, [b.text]))
    texts = ["\n".join(lines) for _, lines in groups]
    full = "\n\n".join([head.text, *texts])
    if len(full) <= max_chars:
        return [_Piece(full, path, law_ref=f"{law} {ref}", paragraph=ref)]
    prefix = f"{law} {head.text}"
    budget = max_chars - len(prefix) - 2
    pieces: list[_Piece] = []
    cur: list[str] = []
    cur_ledd: list[int] = []

    def emit() -> None:
        if cur:
            lr = f"{law} {ref} {ledd_ref(cur_ledd)}" if cur_ledd else f"{law} {ref}"
            pieces.append(_Piece(prefix + "\n\n" + "\n\n".join(cur), path, law_ref=lr, paragraph=ref))
            cur.clear()
            cur_ledd.clear()

    for (ledd, lines), text in zip(groups, texts, strict=True):
        if len(text) > budget:  # one ledd longer than a chunk: split at list items, then sentences
            emit()
            units = [("list_item" if i else "text", ln, None) for i, ln in enumerate(lines)]
            for part, *_ in _pack(units, budget):
                cur.append(part)
                if ledd:
                    cur_ledd.append(ledd)
                emit()
            continue
        if cur and len("\n\n".join([*cur, text])) > budget:
            emit()
        cur.append(text)
        if ledd:
            cur_ledd.append(ledd)
    emit()
    return pieces


def _merge_small(pieces: list[_Piece], min_chars: int, max_chars: int) -> list[_Piece]:
    """Merge short neighbours under the same parent heading; never merges law pieces."""
    out: list[_Piece] = []
    for p in pieces:
        if out:
            a = out[-1]
            parent = a.section[:-1]
            same_parent = p.section[: len(parent)] == parent and len(p.section) >= len(parent)
            small = len(a.text) < min_chars or len(p.text) < min_chars
            if (
                small
                and same_parent
                and a.law_ref is None
                and p.law_ref is None
                and len(a.text) + 2 + len(p.text) <= max_chars
            ):
                if p.section[: len(a.section)] == a.section:
                    sec = p.section if len(a.text) < min_chars else a.section
                else:  # siblings: the chunk begins under the first one's heading
                    sec = a.section
                shift = len(a.text) + 2
                marks = a.marks + [(o + shift, pg) for o, pg in p.marks]
                sections = (a.sections or [(0, a.section)]) + [
                    (o + shift, path) for o, path in (p.sections or [(0, p.section)])
                ]
                out[-1] = _Piece(
                    a.text + "\n\n" + p.text, sec, a.pages + p.pages, marks=marks, sections=sections
                )
                continue
        out.append(p)
    return out


# Raise it whenever the splitter cuts the same file differently: ingest then re-splits files it has seen.
SPLIT_VERSION = 26  # 2: chunks keep page marks; 3: and section marks; 4: laws without a Lovdata header;
# 5: a regulation's «Merknader» headed as such; 6: a PDF's bullets alone on their lines kept;
# 7: Markdown *emphasis* unmarked, a web page's title without the site's name; 8: a web page's and a Word
# file's list items keep their bullet or number; 9: a PDF table pypdf gives one row per line kept row by row;
# 10: a PDF list that lost its bullets («Følgende grupper prioriteres:» + lines in lower case) kept as a list;
# 11: and the paragraph after it kept apart from its last item; 12: a PDF's ligatures as letters («ﬂ» → «fl»), a
# browser's «file:///… 3/7» footer dropped, a word the layout text split rejoined, numbered points that wrap kept
# as a list; 13: a Word file's numbered points keep their numbers; 14: a document's municipality read from «X
# kommune» also when X is missing from the list of municipalities (a new, renamed or made-up one), Markdown
# tables row by row, a PDF's text in two columns read column by column, headings that wrap in a narrow column
# kept whole; 15: a PDF list that lost its bullets also in upper case («Ansette …», «Innføre …»), a footer
# with the page number inside it («Plan 2025–2028 | Side 3 av 9») dropped, a page's footnotes apart from
# its text, a paragraph that runs on over a page break kept whole, a title that wrapped after its dash, a
# table of contents the layout read as a table dropped; a web page's FAQ questions (<summary>) kept as
# headings and a fact box (<aside>) within the article kept; 16: a Word file without heading styles gets its
# bold lines as headings and its typed «a) …» points as a list, a presentation's slides are read as a title and
# its points, a slide number glued to its footer («7Fjellbu kommune») dropped with the footer; 17: a short PDF's
# header on every page but the cover dropped, and a PDF's paragraphs kept apart where a blank line or a running
# line between them parts them («Startlån: Rekordmange fikk …» / «Publisert …» / «I 2024 innvilget …»), also
# in two columns; 18: a PDF paragraph of a line or two ending in no stop, parted from the text around it, is a
# headline; 19: a PDF cover's lines under its first heading are text, a page count before a running line
# («2 / 4Arkivsak …») masked, a minutes' part dated after a dash («Handsaming i Formannskapet – 11.03.2025») a
# heading, figures set flush right under a wider header read in the header's column; 20: a case document's labelled
# points («Alternativ 1: …», «Tiltak 2: …») a list like numbered ones; 21: a publisher's line at the top
# («RAVNÅSEN KOMMUNE») text, not the title, a PDF table's header of two lines («Talet på bustader» over «2023
# 2024») one row, a PDF line that goes on from a full one no heading, a Word file's bold lines under its styled
# headings headings, a plain text's «-----» rules dropped and its underlined lines headings; 22: a PDF's
# numbered headings and list points set with a hanging indent no table, a table page's footnotes once and
# without their marks, a footnote's mark glued to a year («1. januar 20252») taken out, a web page's
# definition terms (<dt>) headings, Markdown's links as their text and its block quotes without «>», a case
# paper titled by its case («Saksframlegg: Sal av …»); 23: a web page's link words for screen readers only
# («(åpner i nytt vindu)») dropped; 24: a PDF's contents page without leader dots dropped, a table pypdf gives
# a row per line read from the layout text (figures flush right under their header, thousands groups apart),
# a publisher's line with its partners («ØRNEVÅG KOMMUNE – NAV ØRNEVÅG – …») no title, a local regulation's
# own «§ 3 Boligtyper» a heading; 25: a Word letter's bold subject line its title, a masthead «Hovsdal kommune ·
# …» under the title its municipality; 26: a PDF table's first cell that stopped at «på», «for» … goes on in the
# line below it, a numbered point that wraps onto a line ending its sentence is no heading


T = TypeVar("T")


def _changes(marks: list[tuple[int, T]]) -> tuple[tuple[int, T], ...]:
    """The marks where the page (or the section) changes, or none for a chunk on one."""
    kept: list[tuple[int, int]] = []
    for offset, page in marks:
        if not kept or kept[-1][1] != page:
            kept.append((offset, page))
    return tuple(kept) if len(kept) > 1 else ()


def split_signature(max_chars: int, min_chars: int) -> str:
    """What decides a file's chunks besides its bytes; stored with the document."""
    return f"v{SPLIT_VERSION}:{max_chars}:{min_chars}"


def split_document(doc: Document, max_chars: int = 1400, min_chars: int = 250) -> list[Chunk]:
    """Chunks in reading order; ids are stable across runs."""
    meta = doc.meta
    law = meta.law_short or (meta.doc_id if meta.kind in ("law", "regulation") else None)
    pieces: list[_Piece] = []
    for path, head, body in _sections(doc.blocks):
        if law and head is not None and head.kind == "heading" and head.ref:
            pieces.extend(_law_pieces(law, path, head, body, max_chars))
            continue
        if law and not body:
            continue  # a chapter heading alone: it lives on in the section path of its §§
        units: list[tuple[str, str, int | None]] = []
        if head is not None:
            units.append(("heading", head.text, head.page))
        units.extend((b.kind, b.text, b.page) for b in body)
        for text, pages, marks in _pack(units, max_chars, min_chars):
            pieces.append(_Piece(text, path, pages, marks=marks))
    pieces = _merge_small(pieces, min_chars, max_chars)
    chunks: list[Chunk] = []
    for i, p in enumerate(pieces):
        chunks.append(
            Chunk(
                chunk_id=chunk_id(meta.doc_id, i, p.text),
                doc_id=meta.doc_id,
                text=p.text,
                ordinal=i,
                section=p.section,
                page=min(p.pages) if p.pages else None,
                page_end=max(p.pages) if p.pages else None,
                page_marks=_changes(p.marks),
                section_marks=_changes(p.sections),
                law_ref=p.law_ref,
                law=law if p.law_ref else None,
                paragraph=p.paragraph,
            )
        )
    return chunks
