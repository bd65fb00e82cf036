"""DOCX (python-docx): Heading 1..6 → heading blocks, list paragraphs → list_item, table rows → table_row.

A document written without heading styles, its headings only bold lines («2.1 Vilkår» in bold Normal),
gets those lines as headings: the largest at the top is the title, a numbered one is as deep as its number.
"""

from __future__ import annotations

import io
import re

from ingest.clean import clean_inline
from planprat.models import Block


def parse_docx(data: bytes) -> tuple[str, list[Block]]:
    """(title, blocks) in body order; the core-properties title or the first heading is the title."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(io.BytesIO(data))
    blocks: list[Block] = []
    styled = any(_HEADING_STYLE.match(p.style.name or "") for p in d.paragraphs if p.style is not None)
    title_size = None if styled else _title_size(d.paragraphs)
    styled_level = 0  # the level of the last heading set in a heading style
    number = 0  # the point's number in a numbered list running now (Word keeps the numbers out of the text)
    subject: int | None = None  # a letter's subject line: the last bold line before the first heading
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(el, d)
            text = clean_inline(p.text)
            if not text:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            m = _HEADING_STYLE.match(style)
            level = None if styled else _bold_heading_level(p, text, title_size)
            if level and level > 1 and title_size and not any(b.kind == "heading" for b in blocks):
                level = None  # a line over the title («Ospedal kommune»), not a section of its own
            if styled and not m and blocks and _bold_heading_level(p, text, None) and len(text.split()) <= 8:
                # a bold line under a styled heading heads a part of its section («Finansiering» under «4.5
                # Ressursbruk»), as a writer who did not use Word's heading styles for it meant it
                level = min(6, styled_level + 1) if styled_level else None
            if m:
                styled_level = min(6, int(m.group(1)))
                blocks.append(Block("heading", text, level=styled_level))
            elif style.lower() in ("title", "tittel"):
                styled_level = 1
                blocks.append(Block("heading", text, level=1))
            elif level:
                blocks.append(Block("heading", text, level=level))
            elif "list" in style.lower() or "liste" in style.lower() or el.find(".//{*}numPr") is not None:
                # a point of a list reads as one in the chunk text (Word keeps the bullet in the numbering); a
                # numbered one keeps its number: «prioriteres i denne rekkefølgen: 1. … 2. …» is an order
                if _numbered(d, el, style) and not re.match(r"^\d{1,2}[.)]\s", text):
                    number += 1
                    blocks.append(Block("list_item", f"{number}. {text}"))
                    continue
                blocks.append(Block("list_item", text if re.match(r"^[-*•–▪◦]\s", text) else f"• {text}"))
            elif _TYPED_ITEM.match(text):  # «a) personar som er utan bustad …» typed by hand
                blocks.append(Block("list_item", text))
            else:
                if styled and _bold_line(p, text) and not any(b.kind == "heading" for b in blocks):
                    subject = len(blocks)
                blocks.append(Block("text", text))
            number = 0
        elif tag == "tbl":
            number = 0
            for row in Table(el, d).rows:
                cells: list[str] = []
                for c in row.cells:
                    t = clean_inline(c.text)
                    if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                        cells.append(t)
                if cells:
                    blocks.append(Block("table_row", " | ".join(cells)))
    headings = [b for b in blocks if b.kind == "heading"]
    if subject is not None and not any(b.level == 1 for b in headings):
        # «Høringsuttalelse – Boligpolitisk plan 2026–2036» in bold over «1. Generelle merknader»: a letter's
        # subject is its title, and its numbered points are its sections
        blocks[subject] = Block("heading", blocks[subject].text, level=1)
        headings = [b for b in blocks if b.kind == "heading"]
    title = clean_inline(d.core_properties.title or "") or next(
        (b.text for b in headings if b.level == 1), headings[0].text if headings else ""
    )
    return title, blocks


# a point typed with its own mark instead of Word's numbering: «a) …», «(b) …», «- …», «• …»
_TYPED_ITEM = re.compile(r"^(?:\(?[a-zæøå]\)|[-•–▪◦])\s+\S")
_HEADING_STYLE = re.compile(r"(?:Heading|Overskrift)\s*(\d)", re.I)
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S")
_MAX_HEADING = 100  # characters: a longer bold paragraph is emphasis, not a heading


def _bold(paragraph) -> bool:
    """Every run with text is bold, by itself or by its paragraph's style."""
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs)


def _size(paragraph) -> float:
    """The largest font size (points) the paragraph's runs set, 0 when they set none."""
    return max((r.font.size.pt for r in paragraph.runs if r.text.strip() and r.font.size), default=0.0)


def _bold_line(paragraph, text: str) -> bool:
    """A bold line of a few words standing alone, not a sentence («… er oppfylte.»), a lead-in («Merk:») or a
    long emphasised paragraph: a heading where no heading styles are used, else a letter's subject
    («Høringsuttalelse – Boligpolitisk plan 2026–2036») or its letterhead, which a later subject line replaces."""
    return len(text) <= _MAX_HEADING and not text.endswith((".", ":", ";", ",")) and _bold(paragraph)


def _title_size(paragraphs) -> float | None:
    """The size of the title in a document without heading styles: a bold line near the top set larger
    than every other bold line («Retningsliner for tildeling av kommunal bustad» in 18 pt), or None."""
    bold = [p for p in paragraphs if p.text.strip() and _bold(p)]
    sizes = sorted({_size(p) for p in bold}, reverse=True)
    if len(sizes) < 2 or not sizes[0]:
        return None
    top = [p for p in paragraphs if p.text.strip()][:5]
    return sizes[0] if any(_bold(p) and _size(p) == sizes[0] for p in top) else None


def _bold_heading_level(paragraph, text: str, title_size: float | None) -> int | None:
    """A bold line standing alone is a heading in a document without heading styles: the title (level 1),
    a numbered heading as deep as its number («2.1 Vilkår» → 3 under the title), or one without a number
    (level 2). Not a sentence («… er oppfylte.»), a lead-in («Merk:») or a long emphasised paragraph."""
    if not _bold_line(paragraph, text):
        return None
    if title_size and _size(paragraph) >= title_size:
        return 1
    m = _SECTION_NUMBER.match(text)
    return min(6, 2 + m.group(1).count(".")) if m else 2


_NUMBER_FORMATS = frozenset(
    {"decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}
)


def _numbered(document, el, style: str) -> bool:
    """Whether a list paragraph is a numbered point: its style says so («List Number», «Nummerert liste»),
    or the numbering Word gives it counts (not a bullet)."""
    if re.search(r"number|nummer", style, re.I):
        return True
    num_id = el.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if not num_id:
        return False
    level = (el.xpath("./w:pPr/w:numPr/w:ilvl/@w:val") or ["0"])[0]
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # a document without a numbering part
        return False
    abstract = numbering.xpath(f'./w:num[@w:numId="{num_id[0]}"]/w:abstractNumId/@w:val')
    if not abstract:
        return False
    fmt = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
    )
    return bool(fmt) and fmt[0] in _NUMBER_FORMATS
