"""load_document: any supported file → Document(meta, blocks). The format comes from the content."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from pathlib import Path

from ingest.detect import decode_text, detect_format
from planprat.errors import DocumentError, UnsupportedFormat
from planprat.models import Block, Document, DocumentMeta


def slugify(text: str) -> str:
    """«Bodø boligplan 2014» → «bodo-boligplan-2014»."""
    t = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "a")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "dokument"


def _parse(fmt: str, data: bytes, name: str) -> tuple[str, list[Block], int | None, dict]:
    """(title, blocks, pages, extra meta) for a detected format."""
    if fmt == "pdf":
        from ingest.pdf import parse_pdf

        pages, blocks, title = parse_pdf(data, name)
        return title, blocks, pages, {}
    if fmt == "docx":
        from ingest.docx import parse_docx

        try:
            title, blocks = parse_docx(data)
        except Exception as e:
            raise DocumentError(
                name, "Word-filen er skadet og kan ikke leses: åpne den og lagre den på nytt som .docx."
            ) from e
        return title, blocks, None, {}
    text = decode_text(data)
    if fmt == "html":
        from ingest.html import parse_html

        title, blocks, site = parse_html(text)
        return title, blocks, None, {"owner": site}
    if fmt == "law":
        from ingest.law import (
            kind_and_short_from_title,
            law_short_from_header,
            parse_header,
            parse_law,
            title_line,
        )

        header = parse_header(text)
        extra: dict = {}
        lid = header.get("Lovdata-ID", "")
        if lid:
            extra["kind"] = "law" if lid.startswith("LOV") else "regulation"
            extra["law_short"] = law_short_from_header(header)
        elif first := title_line(text):  # copied from elsewhere: the title says what it is and its name
            extra["kind"], extra["law_short"] = kind_and_short_from_title(first)
            return first, parse_law(text), None, extra
        if header.get("Kilde", "").startswith("http"):
            extra["url"] = header["Kilde"]
        return header.get("Tittel", ""), parse_law(text), None, extra
    if fmt == "scraped":
        from ingest.scraped import parse_scraped

        title, blocks = parse_scraped(text)
        pages = max((b.page or 0 for b in blocks), default=0) or None
        return title, blocks, pages, {}
    from ingest.text import parse_text

    return "", parse_text(text), None, {}


def _as_law(title: str, blocks: list[Block], extra: dict) -> tuple[str, list[Block], dict]:
    """A law or regulation printed to PDF or saved as Word/HTML («Lov om eierseksjoner (eierseksjonsloven)»
    over «§ 1. …» lines) is parsed by § like a law text, so it is cited and looked up by § and ledd (its
    pages are not kept: a provision is cited by its §). Other documents are returned as they are."""
    from ingest.detect import is_law_text
    from ingest.law import kind_and_short_from_title, parse_law, title_line

    text = "\n\n".join(b.text for b in blocks)
    first = title_line(text) or (title if title_line(title) else "")
    if not first or not is_law_text(f"{first}\n\n{text}"):
        return title, blocks, extra
    kind, short = kind_and_short_from_title(first)
    # a PDF's law text was parsed by § already (from its lines, which the blocks have joined)
    law_blocks = blocks if any(b.ref for b in blocks) else parse_law(text)
    return first, law_blocks, {**extra, "kind": kind, "law_short": short}


# «RAVNÅSEN KOMMUNE», «Sølvberg kommune», «Vestland fylkeskommune»: who published the document, on its own line
_ORG = r"[A-ZÆØÅ][\w-]*(?: [A-ZÆØÅ][\w-]*){0,2} (?:(?:fylkes)?kommune|herad|(?:FYLKES)?KOMMUNE|HERAD)"
# (with its partners: «ØRNEVÅG KOMMUNE – NAV ØRNEVÅG – ØRNEVÅG BUSTADSTIFTING» over a meeting's minutes)
_ORG_LINE = re.compile(rf"^(?P<org>{_ORG})(?:\s*[–—|]\s*[A-ZÆØÅ][\w-]*(?: [A-ZÆØÅ][\w-]*){{0,3}})*$")
_ORG_REACH = 4  # blocks from the top within which the publisher's line and the document's title stand


# «Heggdal kommune – Saksframlegg»: the publisher and a kind of paper that every case of theirs shares
_ORG_TYPE = re.compile(
    rf"^(?P<org>{_ORG})\s*[–—:-]\s*(?P<type>Saksfr[ae]mlegg|Saksutgreiing|Saksutredning|"
    r"Møtebok|Særutskrift|Notat)$",
    re.I,
)
_CASE_REACH = 16  # blocks within which a case paper's own heading follows its header (a table of dates)


def _case_title(
    typed: re.Match[str], first: int, title: str, blocks: list[Block], extra: dict
) -> tuple[str, list[Block], dict]:
    """«Heggdal kommune – Saksframlegg» over a table of case numbers and «Sal av kommunale einebustader …»:
    the paper is titled by its case («Saksframlegg: Sal av kommunale einebustader …») and owned by the
    publisher."""
    org = typed.group("org")
    owner = org if not org.isupper() else f"{org.rsplit(' ', 1)[0].title()} kommune"
    extra = {**extra, "owner": extra.get("owner") or owner}
    case = next((b.text for b in blocks[first + 1 : first + _CASE_REACH] if b.kind == "heading"), None)
    if case and (not title or title == blocks[first].text):
        title = f"{typed.group('type').capitalize()}: {case}"
    return title, blocks, extra


def _publisher_apart(title: str, blocks: list[Block], extra: dict) -> tuple[str, list[Block], dict]:
    """A publisher's line at the top that the parser took for the document's heading («RAVNÅSEN KOMMUNE»
    over «RUTINE FOR TILDELING AV KOMMUNAL UTLEIEBOLIG», a cover's «BREKKVOLL KOMMUNE» over «Bustadpolitisk
    plan»): it is text and says whose document it is; the heading after it is the title (in plain letters
    when it was set in capitals)."""
    first = next((i for i, b in enumerate(blocks[:_ORG_REACH]) if b.kind == "heading"), None)
    if first is None:
        return title, blocks, extra
    if typed := _ORG_TYPE.match(blocks[first].text):
        return _case_title(typed, first, title, blocks, extra)
    line = _ORG_LINE.match(blocks[first].text)
    if not line:
        return title, blocks, extra
    blocks = list(blocks)
    org = blocks[first]
    blocks[first] = Block("text", org.text, page=org.page)
    name = line.group("org")
    owner = name if not name.isupper() else f"{name.rsplit(' ', 1)[0].title()} kommune"
    extra = {**extra, "owner": extra.get("owner") or owner}
    nxt = next(
        (i for i in range(first + 1, min(len(blocks), first + _ORG_REACH)) if blocks[i].kind == "heading"),
        None,
    )
    if nxt is not None and not title:
        blocks[nxt] = dataclasses.replace(blocks[nxt], level=1)
        head = blocks[nxt].text
        title = head[:1] + head[1:].lower() if head.isupper() else head
    return title, blocks, extra


def load_document(path: Path, meta: DocumentMeta | None = None, max_bytes: int | None = None) -> Document:
    """Read, detect, parse. Raises DocumentError (Norwegian reason) for empty, corrupt, encrypted, scanned,
    unsupported or too large files."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        raise DocumentError(
            name, "Filen finnes ikke eller kan ikke leses: sjekk filnavnet og tilgangen."
        ) from e
    if max_bytes is not None and size > max_bytes:
        raise DocumentError(
            name,
            f"Filen er for stor ({size / 1e6:.1f} MB, grensen er {max_bytes / 1e6:.1f} MB): del den opp eller komprimer den.",
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(name, "Filen er tom: last opp en fil med innhold.")
    fmt = detect_format(data, name)
    if fmt == "unsupported":
        raise UnsupportedFormat(
            name, "Filtypen støttes ikke: bruk PDF, Word (.docx), HTML, Markdown eller ren tekst (.txt)."
        )
    title, blocks, pages, extra = _parse(fmt, data, name)
    if fmt in ("pdf", "docx", "html") and blocks:
        title, blocks, extra = _as_law(title, blocks, extra)
    if extra.get("kind") not in ("law", "regulation"):
        title, blocks, extra = _publisher_apart(title, blocks, extra)
    if not any(b.kind != "heading" or b.text for b in blocks) or not blocks:
        raise DocumentError(name, "Fant ingen tekst i filen: sjekk at den ikke er tom eller bare bilder.")
    content_hash = hashlib.sha256(data).hexdigest()
    if meta is None:  # no manifest entry: what the document says about itself
        from ingest.infer import infer

        first_heading = next((b.text for b in blocks if b.kind == "heading"), "")
        doc_title = title or first_heading or path.stem
        head = "\n".join(b.text for b in blocks[:80])[:6000]
        guess = infer(doc_title, head, extra.get("owner", ""))
        law = extra.get("kind") in ("law", "regulation")
        meta = DocumentMeta(
            doc_id=slugify(path.stem),
            title=doc_title,
            source=name,
            kind=extra.get("kind") or guess.kind or "other",
            municipality=None if law else guess.municipality,
            year=guess.year,
            url=extra.get("url"),
            law_short=extra.get("law_short"),
            content_hash=content_hash,
            pages=pages,
        )
    else:
        meta = dataclasses.replace(
            meta, content_hash=content_hash, pages=pages if pages is not None else meta.pages
        )
    return Document(meta=meta, blocks=tuple(blocks))
