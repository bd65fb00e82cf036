"""PDF (pypdf), one page at a time: Block.page is set; running headers/footers removed; headings guessed."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import replace

from ingest.clean import (
    NOTE_LINE,
    clean_inline,
    mark_bare_list_items,
    normalize_bullets,
    note_mark,
    remove_contents_lines,
    running_lines,
    split_footnotes,
    unligature,
)
from ingest.pdf_tables import figure_rows, looks_tabular, table_blocks
from ingest.text import parse_text
from planprat.errors import DocumentError
from planprat.models import Block

log = logging.getLogger(__name__)


def parse_pdf(data: bytes, file_name: str) -> tuple[int, list[Block], str]:
    """(page count, blocks, title from the PDF's own metadata or ""). Raises DocumentError for corrupt,
    encrypted or text-less (scanned) PDFs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as e:  # pypdf raises many types for broken files
        raise DocumentError(
            file_name, "PDF-filen er skadet og kan ikke leses: åpne den og lagre den på nytt som PDF."
        ) from e
    if encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:
            ok = 0
        if not ok:
            raise DocumentError(
                file_name, f"«{file_name}» er kryptert og kan ikke leses: lagre en ukryptert kopi."
            )
    try:
        raw_pages = []
        tables: dict[int, str] = {}  # page number → its layout text, for pages that look like a table
        for n, page in enumerate(reader.pages, start=1):
            try:
                raw_pages.append(unligature(page.extract_text() or ""))
            except Exception as e:  # one bad page should not sink the document
                log.warning("pdf %s: page text failed: %s", file_name, e)
                raw_pages.append("")
                continue
            # (or a table pypdf gives a row per line, whose columns the layout text keeps apart: «Innvilgede
            # startlån 44 47 53 49 60 per år» under «Indikator 2021 2022 2023 2024 Mål 2025»)
            if looks_tabular(raw_pages[-1]) or figure_rows(raw_pages[-1]) is not None:
                try:
                    tables[n] = unligature(page.extract_text(extraction_mode="layout") or "")
                except Exception as e:  # the page is still read as text, only its table is not
                    log.warning("pdf %s: page %d layout text failed: %s", file_name, n, e)
    except (PdfReadError, Exception) as e:
        raise DocumentError(
            file_name, "PDF-filen er skadet og kan ikke leses: åpne den og lagre den på nytt som PDF."
        ) from e
    if not any(p.strip() for p in raw_pages):
        raise DocumentError(
            file_name,
            "PDF-filen har ikke noe tekstlag (skannet eller bare bilder). OCR/skannede PDF-er støttes ikke: "
            "lagre en PDF med søkbar tekst, eller kjør OCR først.",
        )
    # bullets first: a glyph alone on its line («\x7f» above each item) is on every page, and would go
    # with the running headers, taking the list structure with it
    # (and a list a browser printed keeps no glyphs at all: its items are the lines in lower case after a «:»)
    bulleted = [remove_contents_lines(mark_bare_list_items(normalize_bullets(p))) for p in raw_pages]
    running = running_lines(bulleted)
    # a page's footnotes go after its text, where they do not break a paragraph that runs on to the next
    # (a running line within the page ends what stands above it: «Startlån: Rekordmange fikk kjøpe …» over
    # «Publisert 3. desember 2025» is a headline, not the first words of the article under it)
    split = [split_footnotes(_without_running(page, running)) for page in bulleted]
    pages = [text for text, _ in split]
    law = _law_blocks("\n".join(pages))
    if law:
        return len(raw_pages), law, _metadata_title(reader)
    slides = _is_slide_deck(reader, pages)
    blocks: list[Block] = []
    for n, text in enumerate(pages, start=1):
        page_blocks = _page_blocks(text, n, tables.get(n), running, slide=slides)
        # (a table's page is read from its layout text, which still has its footnotes)
        have = {b.text for b in page_blocks}
        notes = [clean_inline(note) for note in split[n - 1][1]]
        if n in tables and notes:  # (and their marks)
            page_blocks = _without_marks(page_blocks, notes)
        blocks.extend(page_blocks)
        blocks.extend(Block("text", note, page=n) for note in notes if note not in have)
    if len(pages) >= 3 and not slides:
        blocks = _cover_as_text(blocks)
    return len(raw_pages), _across_pages(blocks), _metadata_title(reader)


def _without_marks(blocks: list[Block], notes: list[str]) -> list[Block]:
    """A table page's text blocks without the marks of its footnotes `notes` («Kostnadene er anslag5 og må
    …» → «… anslag og må …»): the last mark above each note's place goes."""
    out = list(blocks)
    for note in notes:
        n = note.split()[0]
        mark = note_mark(n)
        at = next(
            (
                i
                for i in range(len(out) - 1, -1, -1)
                if out[i].kind != "table_row" and out[i].text != note and mark.search(out[i].text)
            ),
            None,
        )
        if at is not None:
            out[at] = replace(out[at], text=mark.sub("", out[at].text, count=1))
    return out


COVER_WORDS = 60  # words a cover page holds at most


def _cover_as_text(blocks: list[Block]) -> list[Block]:
    """A cover page's lines under its first heading are text, not sections: «Helse og velferd,
    boligkontoret» at the foot of a plan's cover would otherwise head every chapter after it. A cover is a
    first page of a few short lines and no sentence."""
    cover = [b for b in blocks if b.page == 1]
    words = sum(len(b.text.split()) for b in cover)
    if not cover or words > COVER_WORDS or any(b.text.rstrip().endswith((".", "!", "?")) for b in cover):
        return blocks
    first = next((i for i, b in enumerate(cover) if b.kind == "heading"), None)
    kept = [
        b if i == first else Block("text", b.text, page=1) if b.kind in ("heading", "table_row") else b
        for i, b in enumerate(cover)
    ]
    if first is not None:
        kept[first] = replace(kept[first], level=1)
    return kept + [b for b in blocks if b.page != 1]


def _without_running(page: str, running) -> str:
    """The page without its running lines; one that stood between two lines of text leaves a paragraph break."""
    lines = page.splitlines()
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not running(line):
            kept.append(line)
        elif kept and kept[-1].strip() and any(ln.strip() and not running(ln) for ln in lines[i + 1 :]):
            kept.append("")
    return "\n".join(kept)


def _page_blocks(text: str, n: int, layout: str | None, running, slide: bool = False) -> list[Block]:
    """The blocks of page `n`: its text, and its tables (from the `layout` text, when it has one). A
    `slide`'s lines are its title and its points (see `_slide_blocks`)."""
    parts = table_blocks(layout, running, plain=text) if layout is not None else None
    if parts is None and slide:
        return _slide_blocks(text, n)
    if parts is None:  # a table pypdf gives one row per line, cells one space apart
        parts = figure_rows(text)
    if parts is None:
        return parse_text(text, page=n, line_mode=True)
    if _contents(parts):  # a table of contents the layout gave as a table («Forord | 2», «Sammendrag | 3»)
        parts = [(kind, part) for kind, part in parts if kind != "row"]
    # a table's rows as a Word table's («cell | cell | cell»), the text around it as text
    blocks: list[Block] = []
    for kind, part in parts:
        if kind == "row":
            blocks.append(Block("table_row", part, page=n))
        else:
            blocks.extend(parse_text(normalize_bullets(part), page=n, line_mode=True))
    if slide:  # (a slide's title is a slide's, however large its table makes it look)
        blocks = [replace(b, level=2) if b.kind == "heading" and n > 1 else b for b in blocks]
    return blocks


SLIDE_LINES = 14  # lines a slide holds at most, on average: a landscape page with more is a report's


def _is_slide_deck(reader, pages: list[str]) -> bool:
    """Whether the PDF is a presentation exported page by slide: three or more pages, (nearly) all of them
    landscape, with few lines each («Tiltak 2026» over four short points)."""
    if len(pages) < 3:
        return False
    try:
        boxes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    except Exception:  # a damaged page box says nothing either way
        return False
    wide = sum(1 for w, h in boxes if h and w / h >= 1.2)
    lines = [sum(1 for ln in page.splitlines() if ln.strip()) for page in pages]
    return wide >= 0.8 * len(boxes) and sum(lines) / len(lines) <= SLIDE_LINES


_POINT_GOES_ON = re.compile(r"^[a-zæøå(]|^\d+\s*%")  # a point's second line goes on in lower case


def _slide_blocks(text: str, n: int) -> list[Block]:
    """A slide's first line is its title and each line after it a point of its own (a presentation's points
    are fragments without full stops: «Kjøpe 6 boliger for barnefamilier», «Venteliste: 38 husstander (okt.
    2025)»); a point that wraps goes on in lower case. The first slide's lines under its title are the
    deck's subtitle and byline, text."""
    lines = [clean_inline(ln) for ln in text.splitlines() if ln.strip()]
    if not lines:
        return []
    points: list[str] = []
    for line in lines[1:]:
        if points and _POINT_GOES_ON.match(line):
            points[-1] = f"{points[-1]} {line}"
        else:
            points.append(line)
    blocks = [Block("heading", lines[0], level=1 if n == 1 else 2, page=n)]
    if n == 1:
        return blocks + [Block("text", p, page=n) for p in points]
    return blocks + [Block("list_item", p if p.startswith("• ") else f"• {p}", page=n) for p in points]


_PAGE_NUMBERS = re.compile(r"\d{1,3}(?: \d{1,3})*")


def _contents(parts: list[tuple[str, str]]) -> bool:
    """Whether the page's table rows are a table of contents: three or more, each ending in page numbers that
    never go down («1 Innledning | 1.1 Bakgrunn … | 4 4 4 4», «4 Drøfting | 10»)."""
    rows = [part for kind, part in parts if kind == "row"]
    last = [row.rsplit(" | ", 1)[-1].strip() for row in rows]
    if len(rows) < 3 or not all(
        " | " in r and _PAGE_NUMBERS.fullmatch(x) for r, x in zip(rows, last, strict=True)
    ):
        return False
    pages = [int(x.split()[0]) for x in last]
    return pages == sorted(pages)


def _across_pages(blocks: list[Block]) -> list[Block]:
    """A paragraph that runs on over a page break is one paragraph: the page's first block opens in lower
    case after one that ended mid-sentence («… en bolig de har» / «kjøpt selv. Tallet på …»), with the
    page's footnotes between them in the PDF."""
    out: list[Block] = []
    for b in blocks:
        at = len(out) - 1
        while (
            at > 0
            and out[at].kind == "text"
            and NOTE_LINE.match(out[at].text)
            and out[at].page == out[at - 1].page
        ):
            at -= 1  # (the footnotes at the foot of the page before)
        last = out[at] if out else None
        if (
            last is not None
            and b.kind == last.kind == "text"
            and b.page is not None
            and last.page is not None
            and b.page == last.page + 1
            and b.text[:1].islower()
            and not last.text.rstrip().endswith((".", "!", "?", ":", ";"))
        ):
            out[at] = replace(last, text=f"{last.text.rstrip()} {b.text.lstrip()}")
            continue
        out.append(b)
    return out


# Titles that word processors and printers write by themselves, not the document's name (a file name:
# «fjellbu.html», «boligplan_2024_v3»; an address).
_NO_TITLE = re.compile(
    r"^(untitled|uten tittel|microsoft (word|powerpoint)\b|dokument\d*$|document\d*$)|\.(docx?|pdf|odt|pptx?|html?|rtf|txt)$|^[\w-]+_[\w-]*$|^https?://",
    re.I,
)


def _metadata_title(reader) -> str:
    """The title the PDF carries in its metadata («Boligsosial handlingsplan for … 2024–2027»), when it is
    one a person wrote; else "" and the loader falls back to the first heading."""
    try:
        title = " ".join(str((reader.metadata or {}).get("/Title") or "").split())
    except Exception:  # damaged metadata is no reason to lose the document
        return ""
    return title if len(title) >= 4 and not _NO_TITLE.search(title) else ""


def _law_blocks(text: str) -> list[Block]:
    """A law or regulation printed to PDF («Lov om …» over «§ N. …» lines) parsed by §, else []."""
    from ingest.detect import is_law_text
    from ingest.law import parse_law, title_line

    if not (title_line(text) and is_law_text(text)):
        return []
    return parse_law(_unwrap(text))


_STARTS_BLOCK = re.compile(r"^(?:§|Kapittel\s+\d|[a-zæøå]\.\s|\d{1,2}\.\s|\d{1,2}\)\s|[-–]\s)")


def _unwrap(text: str) -> str:
    """PDF lines back into paragraphs, one per line with a blank line between: a line continues the one
    before unless that one ended a sentence or a heading, or the line itself opens a §, a chapter or a
    list item («Loven skal legge til rette for at eiendommer» + «kan deles i eierseksjoner.»)."""
    out: list[str] = []
    heading = True
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        starts = bool(_STARTS_BLOCK.match(line))
        if out and not heading and not starts and not out[-1].endswith((".", ":", "!", "?", ";")):
            out[-1] = f"{out[-1]} {line}"
            continue
        out.append(line)
        heading = line.startswith(("§", "Kapittel")) or not out[:-1]  # a title or heading ends its line
    return "\n\n".join(out)
