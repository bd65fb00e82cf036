"""The splitter follows the document's own structure: §, ledd, headings, pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.load import load_document
from ingest.manifest import load_manifest
from ingest.split import chunk_id, ledd_ref, split_document
from planprat.models import Block, Chunk, Citation, Document, DocumentMeta, Hit

pytestmark = pytest.mark.unit
CORPUS = Path("corpus")


def corpus_chunks(rel: str, **kw):
    meta = load_manifest(CORPUS)[rel]
    return split_document(load_document(CORPUS / rel, meta), **kw)


def test_boligsosialloven_one_chunk_per_paragraph():
    chunks = corpus_chunks("laws/boligsosialloven.txt")
    refs = [c.paragraph for c in chunks]
    assert refs == [f"§ {n}" for n in range(1, 13)]
    c6 = chunks[5]
    assert c6.text.startswith("§ 6. Plikt til å gi individuelt tilpasset bistand")
    assert c6.law == "boligsosialloven" and c6.paragraph == "§ 6" and c6.law_ref == "boligsosialloven § 6"
    assert "Bistanden kan blant annet gå ut på" in c6.text  # third ledd is inside the same chunk
    assert all(len(c.text) <= 1400 for c in chunks)


def test_law_chunks_carry_the_chapter_in_their_section_path():
    chunks = corpus_chunks("laws/sosialtjenesteloven.txt")
    c27 = next(c for c in chunks if c.paragraph == "§ 27")
    assert c27.section[0].startswith("Kapittel 4") and c27.section[-1].startswith("§ 27.")
    assert "Kommunen er forpliktet til å finne midlertidig botilbud" in c27.text


def test_a_regulations_remarks_are_headed_as_remarks_not_read_as_its_provisions():
    chunks = corpus_chunks("laws/forskrift-om-oversikt-over-folkehelsen.txt")
    remark = next(c for c in chunks if "Bestemmelsen angir nærmere innholdet i folkehelseloven § 5" in c.text)
    assert remark.section == (
        "Merknader til forskrift om oversikt over folkehelsen",
        "Til § 3 Oversiktenes innhold",
    )
    assert remark.paragraph is None and remark.law_ref is None
    p3 = next(c for c in chunks if c.paragraph == "§ 3")
    assert p3.section[-1].startswith("§ 3.") and "Merknader" not in " ".join(p3.section)


def test_long_paragraph_is_split_by_ledd_with_the_heading_line_on_every_piece():
    chunks = corpus_chunks("laws/boligsosialloven.txt", max_chars=400, min_chars=0)
    pieces = [c for c in chunks if c.paragraph == "§ 6"]
    assert len(pieces) >= 2
    for p in pieces:
        assert p.text.startswith("boligsosialloven § 6. Plikt til å gi individuelt tilpasset bistand")
        assert p.law_ref.startswith("boligsosialloven § 6 ") and p.law_ref.endswith(" ledd")
        assert len(p.text) <= 400
    third = next(p for p in pieces if "Bistanden kan blant annet gå ut på" in p.text)
    assert "tredje" in third.law_ref


def test_ledd_reference_words():
    assert ledd_ref([3]) == "tredje ledd"
    assert ledd_ref([1, 2]) == "første og andre ledd"
    assert ledd_ref([7, 8, 9]) == "sjuende til niende ledd"


def test_chunk_ids_are_stable_and_text_is_verbatim():
    a = corpus_chunks("plans/bodo-helhetlig-boligpolitisk-handlingsplan.txt")
    b = corpus_chunks("plans/bodo-helhetlig-boligpolitisk-handlingsplan.txt")
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    assert a[0].chunk_id == chunk_id(a[0].doc_id, 0, a[0].text) and len(a[0].chunk_id) == 32
    source = " ".join((CORPUS / "plans/bodo-helhetlig-boligpolitisk-handlingsplan.txt").read_text().split())
    for c in a:
        for line in c.text.split("\n"):
            if line:
                assert line in source


def test_sections_lists_and_merging():
    meta = DocumentMeta(doc_id="t", title="T", source="t.txt")
    blocks = (
        Block("heading", "Plan", level=1),
        Block("heading", "Mål", level=2),
        Block("text", "Kort."),
        Block("heading", "Tiltak", level=2),
        Block("list_item", "a " * 300),
        Block("list_item", "b " * 300),
        Block("heading", "Økonomi", level=2),
        Block("text", "Penger " * 60),
    )
    chunks = split_document(Document(meta, blocks), max_chars=700, min_chars=250)
    assert chunks[0].text.startswith("Plan\n\nMål\n\nKort.")  # tiny sections merged with their neighbour
    lists = [c for c in chunks if "a a a" in c.text or "b b b" in c.text]
    assert all(c.text.count("a a") == 0 or c.text.count("b b") == 0 for c in lists)  # list items kept whole
    assert chunks[-1].section == ("Plan", "Økonomi")
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_every_corpus_chunk_is_within_limits():
    m = load_manifest(CORPUS)
    for rel, meta in m.items():
        chunks = split_document(load_document(CORPUS / rel, meta))
        assert chunks, rel
        assert max(len(c.text) for c in chunks) <= 1400, rel
        if meta.kind in ("law", "regulation"):
            assert all(c.law_ref and c.law == meta.law_short for c in chunks if c.paragraph), rel


def test_whole_plan_og_bygningsloven_with_parts_and_subchapters():
    chunks = corpus_chunks("laws/plan-og-bygningsloven.txt")
    c112 = next(c for c in chunks if c.paragraph == "§ 11-1")
    assert c112.law_ref.startswith("plan- og bygningsloven § 11-1")
    assert c112.section[0].startswith("Kapittel 11")
    assert any(c.paragraph == "§ 29-4" for c in chunks)  # byggesaksdelen: the whole law, not the excerpt
    assert not any(c.text.startswith(("II. Nasjonale planoppgaver", "Andre del: Plandel")) for c in chunks)


def test_a_short_page_joined_to_the_next_keeps_where_each_page_begins():
    meta = DocumentMeta(doc_id="moss", title="Moss", source="moss.pdf")
    blocks = (
        Block("heading", "Boligsosial handlingsplan for Moss", level=1, page=1),
        Block("text", "Planen gjelder for 2025–2028.", page=1),
        Block("text", "Kommunen vil kjøpe 20 nye utleieboliger i 2026.", page=2),
        Block("text", "Bo-oppfølgingen skal styrkes.", page=3),
    )
    (chunk,) = split_document(Document(meta, blocks), max_chars=1400, min_chars=250)
    assert (chunk.page, chunk.page_end) == (1, 3)
    assert chunk.page_of("Planen gjelder for 2025–2028.") == 1
    assert chunk.page_of("Kommunen vil kjøpe 20 nye utleieboliger i 2026.") == 2
    assert chunk.page_of("utleieboliger i 2026.") == 2  # a quote from inside the page's text
    assert chunk.page_of("Bo-oppfølgingen skal styrkes.") == 3
    assert chunk.page_of("ikke i teksten") == 1  # a quote not found falls back on the chunk's first page


def test_page_marks_survive_merging_small_sections_and_storage():
    meta = DocumentMeta(doc_id="t", title="T", source="t.pdf")
    blocks = (
        Block("heading", "Plan", level=1, page=4),
        Block("heading", "Mål", level=2, page=4),
        Block("text", "Kort mål.", page=4),
        Block("heading", "Tiltak", level=2, page=5),
        Block("text", "Kommunen skal bygge flere boliger.", page=5),
    )
    (chunk,) = split_document(Document(meta, blocks), max_chars=700, min_chars=250)
    assert chunk.page_of("Kort mål.") == 4 and chunk.page_of("Kommunen skal bygge flere boliger.") == 5
    assert Chunk.from_dict(json.loads(json.dumps(chunk.to_dict()))) == chunk  # as the catalog stores it
    one_page = split_document(Document(meta, blocks[:3]))[0]
    assert one_page.page_marks == () and one_page.page_of("Kort mål.") == 4


def test_a_citation_gives_the_page_its_quote_stands_on():
    meta = DocumentMeta(doc_id="moss", title="Moss", source="moss.pdf", kind="plan", municipality="Moss")
    blocks = (
        Block("text", "Innledning.", page=1),
        Block("text", "Kommunen vil kjøpe 20 nye utleieboliger.", page=2),
    )
    (chunk,) = split_document(Document(meta, blocks))
    hit = Hit(chunk=chunk, doc=meta, score=1.0, retriever="hybrid")
    assert Citation.of(1, hit, "Kommunen vil kjøpe 20 nye utleieboliger.").page == 2
    assert Citation.of(2, hit, "Innledning.").page == 1


def test_every_corpus_page_mark_points_at_text_of_that_page():
    m = load_manifest(CORPUS)
    marked = 0
    for rel, meta in m.items():
        doc = load_document(CORPUS / rel, meta)
        page_text = {}
        for b in doc.blocks:
            if b.page is not None:
                page_text.setdefault(b.page, []).append(b.text)
        for c in split_document(doc):
            for offset, page in c.page_marks:
                marked += 1
                assert c.page <= page <= c.page_end
                head = c.text[offset : offset + 30]
                assert any(head in t for t in page_text[page]), (rel, page, head)
    assert marked >= 3  # Halden's and Tromsø's reports have chunks across pages


def test_short_sections_merged_into_one_chunk_keep_where_each_begins():
    meta = DocumentMeta(
        doc_id="sandnes", title="Plan", source="sandnes.pdf", kind="plan", municipality="Sandnes"
    )
    blocks = (
        Block("heading", "Boligsosial handlingsplan for Sandnes", level=1, page=1),
        Block("heading", "1 Innledning", level=2, page=1),
        Block("text", "Planen bygger på boligsosialloven.", page=1),
        Block("heading", "2 Status og utfordringer", level=2, page=2),
        Block("text", "Sandnes kommune disponerer 1 150 kommunale utleieboliger.", page=2),
    )
    (chunk,) = split_document(Document(meta, blocks), max_chars=1400, min_chars=250)
    status = "Sandnes kommune disponerer 1 150 kommunale utleieboliger."
    assert chunk.section_of(status).endswith("2 Status og utfordringer")
    assert chunk.section_of("Planen bygger på boligsosialloven.").endswith("1 Innledning")
    assert Chunk.from_dict(json.loads(json.dumps(chunk.to_dict()))) == chunk
    hit = Hit(chunk=chunk, doc=meta, score=1.0, retriever="hybrid")
    cited = Citation.of(1, hit, status)
    assert cited.section.endswith("2 Status og utfordringer") and cited.page == 2
