"""Bad files are refused with a Norwegian reason that says what to do."""

from __future__ import annotations

import pytest

from ingest.load import load_document
from planprat.errors import DocumentError, UnsupportedFormat
from tests.ingest.test_loaders import make_pdf

pytestmark = pytest.mark.unit


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "skadet.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n")
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert "skadet" in e.value.reason or "tekstlag" in e.value.reason


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", [["Hemmelig boligplan med tekst."]])
    w = PdfWriter()
    for page in PdfReader(plain).pages:
        w.add_page(page)
    w.encrypt(user_password="hemmelig", owner_password="eier")
    p = tmp_path / "plan.pdf"
    with open(p, "wb") as f:
        w.write(f)
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert "«plan.pdf» er kryptert og kan ikke leses: lagre en ukryptert kopi" in str(e.value)


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "skannet.pdf"
    c = canvas.Canvas(str(p))
    c.rect(100, 100, 300, 300, fill=1)  # a drawing, no text: like a scanned page
    c.showPage()
    c.save()
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert "OCR" in e.value.reason and "skannede PDF-er støttes ikke" in e.value.reason


def test_empty_file(tmp_path):
    p = tmp_path / "tom.txt"
    p.write_bytes(b"")
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert "tom" in e.value.reason


def test_unsupported_binary_even_with_txt_extension(tmp_path):
    p = tmp_path / "bilde.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(UnsupportedFormat) as e:
        load_document(p)
    assert "støttes ikke" in e.value.reason and "PDF" in e.value.reason


def test_too_large_file(tmp_path):
    p = tmp_path / "stor.txt"
    p.write_text("Boligsosial plan. " * 1000, encoding="utf-8")
    with pytest.raises(DocumentError) as e:
        load_document(p, max_bytes=1000)
    assert "for stor" in e.value.reason
    assert load_document(p, max_bytes=10**6).blocks  # under the limit it loads


def test_zip_that_is_not_docx_is_unsupported(tmp_path):
    import zipfile

    p = tmp_path / "plan.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hei.txt", "ikke et Word-dokument")
    with pytest.raises(UnsupportedFormat):
        load_document(p)


def test_corrupt_docx(tmp_path):
    import zipfile

    p = tmp_path / "plan.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert "Word-filen er skadet" in e.value.reason


def test_rtf_is_refused_rather_than_indexed_with_its_control_words(tmp_path):
    p = tmp_path / "plan.rtf"
    p.write_text(r"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} \f0\fs24 Boligsosial plan for Moss kommune.\par}")
    with pytest.raises(UnsupportedFormat) as e:
        load_document(p)
    assert "støttes ikke" in e.value.reason and "Word (.docx)" in e.value.reason
