"""corpus/manifest.json: per-file metadata (title, kind, municipality, law names) keyed by relative file name."""

from __future__ import annotations

import json
from pathlib import Path

from planprat.models import DocumentMeta

MANIFEST = "manifest.json"


def load_manifest(corpus_dir: Path) -> dict[str, DocumentMeta]:
    """Read corpus_dir/manifest.json; keys are file paths relative to corpus_dir (posix). Missing file: {}."""
    path = Path(corpus_dir) / MANIFEST
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, DocumentMeta] = {}
    for e in entries:
        rel = Path(e["file"]).as_posix()
        d = {k: v for k, v in e.items() if k != "file"}
        d.setdefault("source", Path(rel).name)
        out[rel] = DocumentMeta.from_dict(d)
    return out


def meta_for(path: Path, manifest: dict[str, DocumentMeta]) -> DocumentMeta | None:
    """The manifest entry for `path` (relative to the corpus folder, or ending with a manifest key)."""
    p = Path(path).as_posix()
    if p in manifest:
        return manifest[p]
    for key, meta in manifest.items():
        if p.endswith("/" + key):
            return meta
    return None
