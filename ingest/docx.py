"""DOCX (python-docx): Heading 1..6 → heading blocks, list paragraphs → list_item, table rows → table_row."""

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
    number = 0  # the point's number in a numbered list running now (Word keeps the numbers out of the text)
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(el, d)
            text = clean_inline(p.text)
            if not text:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            m = re.match(r"(?:Heading|Overskrift)\s*(\d)", style, re.I)
            if m:
                blocks.append(Block("heading", text, level=min(6, int(m.group(1)))))
            elif style.lower() in ("title", "tittel"):
                blocks.append(Block("heading", text, level=1))
            elif "list" in style.lower() or "liste" in style.lower() or el.find(".//{*}numPr") is not None:
                # a point of a list reads as one in the chunk text (Word keeps the bullet in the numbering); a
                # numbered one keeps its number: «prioriteres i denne rekkefølgen: 1. … 2. …» is an order
                if _numbered(d, el, style) and not re.match(r"^\d{1,2}[.)]\s", text):
                    number += 1
                    blocks.append(Block("list_item", f"{number}. {text}"))
                    continue
                blocks.append(Block("list_item", text if re.match(r"^[-*•–▪◦]\s", text) else f"• {text}"))
            else:
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
    title = clean_inline(d.core_properties.title or "") or next(
        (b.text for b in blocks if b.kind == "heading"), ""
    )
    return title, blocks


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
