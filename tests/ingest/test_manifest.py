"""corpus/manifest.json describes every shipped document."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.manifest import load_manifest, meta_for

pytestmark = pytest.mark.unit
CORPUS = Path("corpus")


def test_every_corpus_file_has_an_entry_and_vice_versa():
    m = load_manifest(CORPUS)
    files = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.txt")}
    assert set(m) == files
    assert len({meta.doc_id for meta in m.values()}) == len(m)
    assert "laws/plan-og-bygningsloven.txt" in m and not any("utdrag" in f for f in files)


def test_law_entries_carry_short_names_and_abbreviations():
    m = load_manifest(CORPUS)
    sotjl = m["laws/sosialtjenesteloven.txt"]
    assert sotjl.kind == "law" and sotjl.law_short == "sosialtjenesteloven" and "sotjl." in sotjl.law_abbrevs
    assert m["laws/helse-og-omsorgstjenesteloven.txt"].law_abbrevs == ("hol.", "hotjl.")
    assert m["laws/forskrift-om-bustotte.txt"].kind == "regulation"
    assert m["plans/bodo-helhetlig-boligpolitisk-handlingsplan.txt"].municipality == "Bodø"


def test_meta_for_finds_relative_paths(tmp_path):
    m = load_manifest(CORPUS)
    assert meta_for(Path("laws/boligsosialloven.txt"), m).doc_id == "boligsosialloven"
    assert meta_for(Path("ukjent.txt"), m) is None
    assert load_manifest(tmp_path) == {}
