"""Seeds 003/004 come from a document-sharing site: only the transcribed document is indexed, with pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.load import load_document
from ingest.manifest import load_manifest
from ingest.scraped import is_scraped
from ingest.split import split_document

pytestmark = pytest.mark.unit
CORPUS = Path("corpus")
HALDEN = "plans/halden-program-og-aktivitetsplan-boligsosialt-utviklingsprogram.txt"
TROMSO = "reports/tromso-prosjektrapport-samhandlingsarena-boligpolitiske-utfordringer.txt"


def chunks_of(rel):
    return split_document(load_document(CORPUS / rel, load_manifest(CORPUS)[rel]))


@pytest.mark.parametrize("rel", [HALDEN, TROMSO])
def test_listings_of_other_documents_never_reach_a_chunk(rel):
    assert detect_format((CORPUS / rel).read_bytes()) == "scraped"
    raw = (CORPUS / rel).read_text(encoding="utf-8")
    text = "\n".join(c.text for c in chunks_of(rel))
    for junk in (
        "Møller Ryen",
        "Volkswagen",
        "Like dokumenter",
        "Størrelse: px",
        "Begynne med side",
        "Download",
        "Transkript",
        "Hattfjelldal",
        "STAVANGER KOMMUNE",
    ):
        assert junk not in text, junk
    if rel == TROMSO:
        assert "Møller Ryen" in raw and "Volkswagen" in raw  # they were there before cleaning


def test_tromso_pages_and_running_title():
    chunks = chunks_of(TROMSO)
    doc = load_document(CORPUS / TROMSO)
    assert doc.meta.pages == 8
    hit = next(c for c in chunks if "Prosjektet startet og gikk over tre år" in c.text)
    assert hit.page <= 2 <= hit.page_end
    hit = next(c for c in chunks if "Vurdering av virkemidlenes hensiktsmessighet" in c.text)
    assert hit.page == 6
    assert chunks[-1].page_end == 8
    body = [b.text for b in doc.blocks if b.kind == "text"][1:]
    assert not any(t.startswith("Prosjektrapport Samhandlingsarena") for t in body)  # running title removed
    assert not any("Side 1 av 8" in c.text for c in chunks)


def test_halden_pages():
    chunks = chunks_of(HALDEN)
    assert max(c.page_end for c in chunks) == 29
    hit = next(c for c in chunks if "Formannskapet i Halden vedtok i møte 4.3.2010" in c.text)
    assert hit.page == 6


def test_detection_is_by_content_not_name(tmp_path):
    page = "Tittel på rapporten\n\nLike dokumenter\n\nAnnen rapport\n\nTranskript\n\n1 Første side tekst. Side 1 av 2\n\n2 Andre side tekst.\n\nReklame for bil\n"
    p = tmp_path / "vilkaarlig.txt"
    p.write_text(page, encoding="utf-8")
    assert is_scraped(page)
    doc = load_document(p)
    assert [(b.page, b.text) for b in doc.blocks if b.kind == "text"] == [
        (1, "Første side tekst."),
        (2, "Andre side tekst."),
    ]
    assert not is_scraped("Vanlig tekst\n\n1 Innledning\n")
