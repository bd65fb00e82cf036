"""Lovdata-style law and regulation text: header block, «Kapittel N. …», «§ N. …», ledd, list items, notes."""

from __future__ import annotations

import re

from ingest.clean import clean_inline, clean_text
from planprat.models import Block

_HEADER = re.compile(
    r"^(Tittel|Korttittel|Lovdata-ID|Ikrafttredelse|Versjon|Kilde|Maskinlesbar kilde|Departement|Merknad):\s*(.*)$"
)
_CHAPTER = re.compile(r"^(Kapittel\s+\d+\s*[A-Z]?\.?\s.*|Kapittel\s+\d+\s*[A-Z]?\.?)$")
_ROMAN = re.compile(
    r"^[IVX]{1,5}\.\s+[A-ZÆØÅ][^.]{2,80}$"
)  # «IV. Kommunal planlegging» between part and chapter
_APPENDIX = re.compile(r"^VEDLEGG\b.*$")
# The ministry's comments Lovdata prints before a regulation: «Merknader til forskrift om …», «Til § 3 …»
_REMARKS = re.compile(r"^Merknader til\s.+$")
_REMARK_ON = re.compile(r"^Til §\s*\d+[a-z]?(?:-\d+)?\b.{0,100}$")
_PART = re.compile(r"^(Første|Andre|Annen|Tredje|Fjerde|Femte|Sjette|Sjuende|Syvende|Åttende) del[:.]\s.*$")
# «§ 6. Plikt til …», «§ 3-7. (Opphevet)», «§ 10-1 a. …», «§ 12 A-1. …»
# also «§ 1 Formål», as laws are printed outside Lovdata: without the full stop, a capitalised title follows
_PARAGRAPH = re.compile(
    r"^§\s*(\d+(?:\s?[A-Z])?(?:-\d+)?(?:\s?[a-z])?)\s*(?:\.(?:\s+(.*))?|\s+([A-ZÆØÅ(].*))$"
)
_LIST_ITEM = re.compile(r"^(?:[a-zæøå]\.|\d{1,2}\.|\d{1,2}\)|[a-zæøå]\)|–|-)\s+\S")
_NOTE = re.compile(
    r"^\*?\s*(Endret|Endres|Tilføyd|Tilføyes|Opphevet|Oppheves|Jf\.|Se|Gjelder|Endra|Tilføydd)\b.*\b(lov|forskrift|res\.)",
    re.I,
)


def parse_header(text: str) -> dict[str, str]:
    """The «Key: value» header before the first blank line."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            if out:
                break
            continue
        m = _HEADER.match(line.strip())
        if not m:
            break
        out[m.group(1)] = m.group(2).strip()
    return out


def law_short_from_header(header: dict[str, str]) -> str | None:
    """«Helse- og omsorgstjenesteloven – hol» → «helse- og omsorgstjenesteloven»."""
    k = header.get("Korttittel")
    if not k:
        return None
    return k.split(" – ")[0].strip().lower()


_TITLE = re.compile(r"^(Lov|Forskrift)\s+(?:om|til|for)\b.*$", re.I)
_SHORT_IN_TITLE = re.compile(r"\(([^()]*?(?:loven|lova|forskriften|forskrifta))\)", re.I)


def title_line(text: str) -> str:
    """The text's first line when it is a law's or regulation's title («Lov om eierseksjoner
    (eierseksjonsloven)»), else ""."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first if _TITLE.match(first) else ""


def kind_and_short_from_title(title: str) -> tuple[str, str]:
    """(«law» or «regulation», canonical short name) from a title: the name in brackets when it has one
    («eierseksjonsloven»), else the title itself in lower case without a trailing date («lov om …»); a law
    Planprat knows by another name gets that name."""
    from assistant.legal import normalize_law

    kind = "regulation" if title.lower().startswith("forskrift") else "law"
    m = _SHORT_IN_TITLE.search(title)
    if m:
        short = m.group(1).strip().lower()
    else:
        short = re.sub(r"\s*\(.*\)\s*$", "", title)
        short = re.sub(r"\s+(?:av\s+)?\d{1,2}\.?\s*\w+\s+\d{4}.*$", "", short)  # «… av 16. juni 2017 nr. 65»
        short = " ".join(short.split()).lower()
    # a law Planprat already knows by another name keeps that name («Lov om husleieavtaler» → husleieloven)
    return kind, normalize_law(short) or short


def parse_law(text: str) -> list[Block]:
    """Blocks: chapters (heading level 1), § (heading level 2, ref "§ 6"), ledd (text with ledd=n).
    List items belong to the ledd that introduces them; amendment notes keep the § ref, ledd=None."""
    text = clean_text(text)
    header = parse_header(text)
    lines = text.splitlines()
    i = 0
    if header:  # skip header lines up to the first blank line after it
        while i < len(lines) and lines[i].strip():
            i += 1
    title = header.get("Tittel", "")
    blocks: list[Block] = []
    ref: str | None = None
    ledd = 0
    prev_blank = True
    body = lines[i:]
    following = [""] * len(body)  # the next non-blank line after each line
    nxt = ""
    for k in range(len(body) - 1, -1, -1):
        following[k] = nxt
        if body[k].strip():
            nxt = body[k].strip()
    for k, raw in enumerate(body):
        s = raw.strip()
        if not s:
            prev_blank = True
            continue
        if title and clean_inline(s) == clean_inline(title) and not blocks:
            prev_blank = False
            continue  # the title line repeats the header
        s = clean_inline(s)
        m = _PARAGRAPH.match(s)
        if m:
            ref = "§ " + m.group(1)
            ledd = 0
            blocks.append(Block("heading", s, level=2, ref=ref))
        elif (
            _CHAPTER.match(s)
            or _PART.match(s)
            or _APPENDIX.match(s)
            or (_ROMAN.match(s) and (_CHAPTER.match(following[k]) or following[k].startswith("§")))
        ):
            ref = None
            ledd = 0
            blocks.append(Block("heading", s, level=1))
        elif not ref and not any(b.ref for b in blocks) and (_REMARKS.match(s) or _REMARK_ON.match(s)):
            # comments, not the regulation: headed as such, so a citation says where it stands
            blocks.append(Block("heading", s, level=2 if _REMARKS.match(s) else 3))
        elif _NOTE.match(s) and ref:
            blocks.append(Block("text", s, ref=ref, ledd=None))
        elif (
            _LIST_ITEM.match(s)
            and ref
            and ledd
            and not (prev_blank and blocks[-1].kind == "text" and blocks[-1].ledd is None)
        ):
            blocks.append(Block("list_item", s, ref=ref, ledd=ledd))
        elif ref:
            ledd += 1
            blocks.append(Block("text", s, ref=ref, ledd=ledd))
        else:
            blocks.append(Block("text", s))
        prev_blank = False
    return blocks
