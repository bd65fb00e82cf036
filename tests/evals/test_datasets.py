"""The gold set: exact line format, and every evidence phrase verbatim in the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.datasets import (
    GOLD_DIR,
    KINDS,
    DatasetError,
    Question,
    contains,
    is_relevant,
    load_file,
    load_questions,
    matched_phrases,
    normalize,
)

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))


def _corpus_texts() -> dict[str, str]:
    """Normalized text of every corpus file: corpus/ once its manifest exists, else the shared sources."""
    corpus = ROOT / "corpus"
    if (corpus / "manifest.json").exists():
        files = [p for p in corpus.rglob("*") if p.is_file() and p.name != "manifest.json"]
    else:
        files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus-laws").rglob("*.txt"))
    out = {}
    for p in files:
        try:
            out[str(p)] = normalize(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # binary formats (PDF/DOCX) are checked through the shared text instead
            continue
    if not out:
        pytest.skip("no corpus text found (corpus/ or ../shared)")
    return out


def test_gold_files_exist_and_have_enough_questions():
    assert GOLD_FILES, "evals/gold/*.jsonl missing"
    qs = load_questions()
    assert len(qs) >= 70
    assert sum(q.kind == "none" for q in qs) >= 10
    assert {q.kind for q in qs} == set(KINDS)
    assert any(q.history for q in qs), "no follow-up turns"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_line_has_the_exact_format(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        d = json.loads(line)  # one object per line, no blank lines
        assert isinstance(d, dict), f"{path.name}:{n}"
        assert isinstance(d["id"], str) and d["id"], f"{path.name}:{n}"
        assert isinstance(d["question"], str) and d["question"].strip(), f"{path.name}:{n}"
        assert d["kind"] in KINDS, f"{path.name}:{n}"
        assert isinstance(d["relevant"], list), f"{path.name}:{n}"
        for r in d["relevant"]:
            assert set(r) == {"contains"} and isinstance(r["contains"], str), f"{path.name}:{n}"
        assert (d["kind"] == "none") == (not d["relevant"]), f"{path.name}:{n}: 'none' iff no phrases"
        for turn in d.get("history", []):
            assert turn["role"] in ("user", "assistant") and isinstance(turn["content"], str), (
                f"{path.name}:{n}"
            )
    load_file(path)  # and the loader agrees


def test_every_phrase_is_verbatim_in_the_corpus():
    texts = _corpus_texts()
    missing = []
    for q in load_questions():
        for phrase in q.phrases:
            if not any(normalize(phrase) in t for t in texts.values()):
                missing.append(f"{q.source} {q.id}: {phrase!r}")
    assert not missing, "phrases not found verbatim in the corpus:\n" + "\n".join(missing)


def test_scraped_seed_phrases_come_from_the_real_document():
    """Seeds 003/004 are scraped pages: only the document after «Transkript» counts, not the listings."""
    seeds = SHARED / "seeds"
    cut = {}
    for prefix, end in (("003", None), ("004", "Side 8 av 8")):
        files = sorted(seeds.glob(f"{prefix}_*.txt"))
        if not files:
            pytest.skip("shared seeds not available")
        t = files[0].read_text(encoding="utf-8")
        t = t[t.index("Transkript") :]
        if end:
            t = t[: t.index(end) + len(end)]
        cut[f"seeds/{prefix}"] = normalize(t)
    for q in load_questions():
        doc = q.extra.get("doc")
        if doc in cut:
            for phrase in q.phrases:
                assert normalize(phrase) in cut[doc], (
                    f"{q.id}: {phrase!r} is not in the real document of {doc}"
                )


def test_ids_are_unique_and_phrases_short():
    qs = load_questions()
    assert len({q.id for q in qs}) == len(qs)
    for q in qs:
        for p in q.phrases:
            assert 2 <= len(p.split()) <= 12, f"{q.id}: keep phrases short enough to survive chunking: {p!r}"


# ---------------------------------------------------------------- loader and relevance rules


def _write(tmp_path: Path, lines: list[str], name: str = "q.jsonl") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


GOOD = '{"id": "a", "question": "Hva?", "relevant": [{"contains": "Foo  Bar"}], "kind": "fact"}'


def test_loader_accepts_extra_keys_and_history(tmp_path):
    line = (
        '{"id": "b", "question": "Og så?", "relevant": [], "kind": "none", "doc": "x",'
        ' "history": [{"role": "user", "content": "hei"}, {"role": "assistant", "content": "hallo"}]}'
    )
    qs = load_file(_write(tmp_path, [GOOD, "", line]))
    assert [q.id for q in qs] == ["a", "b"]
    assert qs[1].history[0] == {"role": "user", "content": "hei"}
    assert qs[1].extra == {"doc": "x"}
    assert not qs[1].answerable and qs[0].answerable


@pytest.mark.parametrize(
    "line, needle",
    [
        ("{not json", "not valid JSON"),
        ('{"id": "a", "question": "q", "kind": "fact"}', "missing key"),
        ('{"id": "a", "question": "q", "relevant": [], "kind": "fakta"}', "'kind'"),
        ('{"id": "a", "question": "q", "relevant": [{"text": "x"}], "kind": "fact"}', "relevant[0]"),
        ('{"id": "a", "question": "q", "relevant": [], "kind": "fact"}', "no relevant phrases"),
        ('{"id": "a", "question": "q", "relevant": [{"contains": "x"}], "kind": "none"}', "unanswerable"),
        (
            '{"id": "a", "question": "q", "relevant": [], "kind": "none", "history": [{"role": "bot"}]}',
            "history[0]",
        ),
        ('["a"]', "one JSON object"),
    ],
)
def test_loader_errors_name_file_and_line(tmp_path, line, needle):
    p = _write(tmp_path, [GOOD, line], name="bad.jsonl")
    with pytest.raises(DatasetError) as exc:
        load_file(p)
    assert "bad.jsonl:2" in str(exc.value)
    assert needle in str(exc.value)


def test_duplicate_ids_across_files(tmp_path):
    a = _write(tmp_path, [GOOD], "a.jsonl")
    b = _write(tmp_path, [GOOD], "b.jsonl")
    with pytest.raises(DatasetError, match="duplicate id 'a'"):
        load_questions([a, b])


def test_globs_and_folders_expand(tmp_path):
    _write(tmp_path, [GOOD], "a.jsonl")
    _write(tmp_path, [GOOD.replace('"a"', '"c"')], "c.jsonl")
    assert [q.id for q in load_questions([str(tmp_path / "*.jsonl")])] == ["a", "c"]
    assert [q.id for q in load_questions([tmp_path])] == ["a", "c"]
    with pytest.raises(DatasetError, match="no file matches"):
        load_questions([str(tmp_path / "zzz*.jsonl")])


def test_relevance_is_case_and_whitespace_insensitive():
    q = Question(id="x", question="?", phrases=("Trygt å bo  for alle", "En dør inn"), kind="fact")
    assert contains("Visjon\nTRYGT å bo for\talle!", "trygt å bo for alle")
    assert matched_phrases("visjon: trygt å\nbo for alle", q) == {0}
    assert is_relevant("«En  dør inn» for alle", q)
    assert not is_relevant("Trygt å bo", q)
