"""Detect a file's format from its content (magic bytes and sniffing), with the extension only as a hint."""

from __future__ import annotations

import io
import re
import zipfile

_MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]|Â[\u00a0-\u00bf]"
)


def decode_text(data: bytes) -> str:
    """Decode text: UTF-8 (BOM allowed) first, else cp1252, else latin-1; repairs UTF-8 read as cp1252 (mojibake)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return fix_mojibake(text)


def fix_mojibake(text: str) -> str:
    """«BoligsosialÃ¸» → «Boligsosialø» when the text is UTF-8 that was decoded as cp1252 (possibly twice)."""
    for _ in range(2):
        if len(_MOJIBAKE.findall(text)) < 2:
            break
        try:
            fixed = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        text = fixed
    return text


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return ctrl > max(2, len(sample) // 50)


# «§ 6. Plikt til …», «§ 10-1 a. …», and «§ 1 Formål» as laws are printed outside Lovdata
_PARAGRAPH_LINE = r"^§\s*\d+(?:\s?[A-Z])?(?:-\d+)?(?:\s?[a-z])?\s*(?:\.\s|\s[A-ZÆØÅ(])"


def is_law_text(text: str) -> bool:
    """Lovdata-style law text: a «Lovdata-ID:» header, many lines starting «§ N.», or a «Lov om …» /
    «Forskrift om …» title over a few of them."""
    head = text[:3000]
    if re.search(r"^Lovdata-ID:\s*(LOV|FOR)-", head, re.MULTILINE):
        return True
    paragraphs = len(re.findall(_PARAGRAPH_LINE, text, re.MULTILINE))
    # a law or regulation copied without Lovdata's header: «Lov om eierseksjoner (eierseksjonsloven)»
    titled = re.match(r"\s*(?:Lov|Forskrift) (?:om|til|for)\b", text)
    return paragraphs >= 5 or (titled is not None and paragraphs >= 2)


def detect_format(data: bytes, name: str = "") -> str:
    """One of "pdf", "docx", "html", "law", "scraped", "text", or "unsupported"."""
    if not data:
        return "empty"
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "unsupported"
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # old binary .doc/.xls
        return "unsupported"
    if data.lstrip()[:5] == b"{\\rtf":  # RTF is text, but its control words would be indexed as words
        return "unsupported"
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff") and _looks_binary(data):
        return "unsupported"
    text = decode_text(data[:200_000])
    low = text[:2000].lstrip().lower()
    starts_html = low.startswith(("<!doctype html", "<html")) or (low.startswith("<?xml") and "<html" in low)
    has_markup = text.count("<") > 5 and re.search(
        r"<(body|div|p|h1|article|main)[\s>]", text[:5000], re.IGNORECASE
    )
    if starts_html or has_markup:
        return "html"
    if is_law_text(text):
        return "law"
    from ingest.scraped import is_scraped

    if is_scraped(text):
        return "scraped"
    return "text"
