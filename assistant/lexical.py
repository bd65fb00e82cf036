"""Lexical retrieval: BM25 (bm25s) over Norwegian Snowball stems plus character 4-grams.

Stems join inflections («boligene», «boliger» → «bolig»); 4-grams join compounds («leieboliger» finds
«utleieboliger»), which Norwegian forms freely. § references stay whole tokens («§ 3-7» → "§3-7").
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# Bokmål and nynorsk function words (Snowball's Norwegian list plus common nynorsk and bokmål forms).
STOPWORDS: frozenset[str] = frozenset(
    """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min
    mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans ham hvor eller hva skal selv sjøl her
    alle vil bli ble blei blitt kunne inn når være vore vere kom noen noe nokon noko ville dere som deres kun ja
    etter ned skulle denne for deg si sine sitt mot å meget hvorfor kvifor dette disse desse uten utan hvordan
    korleis ingen inga din ditt blir samme same hvilken kva kvar hvilke kven hvem hvis viss hvilket kvifor
    fordi før hos mange mye mykje mer meir mest også òg ogso sånn slik slike her hit hjå hjå
    eg ein eit eitt me mi mine dei deira deim dykk dykkar du di dine ho hennar henne hennes honom hoss hossen
    kvarhelst kvart kvi nokor nokre noka nokon somt somme sia sidan so til um upp ut å frå berre bare både
    av at ei enn enda ennå er ikkje inkje inni ja jo kan kom korso kun kunne kvi kvifor la le lenger lite
    man mellom men mot nei no nok nå og også om opp oss på seg sin sjølv skal skulle slik so som så ta
    til under ut utan var vart vore vors vort vår vårt våre vi vil ville vere verte vert være vært
    hver hvert hverandre kvarandre hvert eller enten verken både altså dessuten likevel derfor difor
    """.split()
)

# "§ 4 a" is a letter provision; a spaced letter is only taken from a-h so "§ 27 i loven" stays "§27".
_NUM = r"\d+(?:[a-zæøå]\b|\s[a-h]\b)?"
_SECTION = re.compile(rf"§+\s*({_NUM}(?:\s*[-–]\s*{_NUM})?)", re.IGNORECASE)
# Letters only (digits are kept as separate tokens); Norwegian letters are covered by \w minus digits/underscore.
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)?", re.UNICODE)
_GRAM = 4
_BM25_FILES = "bm25"
MMAP_ABOVE = 20_000  # chunks; the index of 100,000 chunks is memory-mapped (serving stays < 2 GB)
_META = "planprat-lexical.json"


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("norwegian")


def section_tokens(text: str) -> list[str]:
    """«§ 3-7», «§§ 27 a» → ["§3-7", "§27a"]."""
    return ["§" + re.sub(r"\s+", "", m.group(1)).replace("–", "-").lower() for m in _SECTION.finditer(text)]


def _grams(word: str) -> list[str]:
    padded = f"<{word}>"
    return ["#" + padded[i : i + _GRAM] for i in range(len(padded) - _GRAM + 1)]


def tokenize(text: str) -> list[str]:
    """Lower-cased Norwegian tokens: Snowball stems, '#'-prefixed character 4-grams of each word, § numbers."""
    text = text.lower()
    tokens = section_tokens(text)
    words = [w for w in _TOKEN.findall(_SECTION.sub(" ", text)) if w not in STOPWORDS]
    stem = _stemmer().stemWord
    for w in words:
        if w[0].isdigit():
            tokens.append(w)
            continue
        if len(w) < 2:
            continue
        tokens.append(stem(w))
        tokens.extend(_grams(w))
    return tokens


class LexicalIndex:
    """BM25 over chunk texts, searchable by chunk id; persisted with bm25s's own format."""

    def __init__(self, k1: float = 1.5, b: float = 0.75):
        self.k1 = k1
        self.b = b
        self.ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._bm25: Any = None
        self._vocab: dict[str, int] = {}
        self._lock = threading.Lock()  # bm25s' retrieve is not documented as thread-safe

    def __len__(self) -> int:
        return len(self.ids)

    def build(self, ids: list[str], texts: list[str]) -> LexicalIndex:
        """Index texts (ids[i] names texts[i]); replaces whatever was indexed before."""
        import bm25s

        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        self.ids = list(ids)
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        if not self.ids:
            self._bm25, self._vocab = None, {}
            return self
        bm = bm25s.BM25(k1=self.k1, b=self.b, method="lucene")
        bm.index([tokenize(t) for t in texts], show_progress=False)
        self._bm25 = bm
        self._vocab = bm.vocab_dict
        return self

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """The k best (chunk_id, BM25 score) with a positive score, optionally only among `allowed` ids."""
        if self._bm25 is None or k <= 0:
            return []
        q = [t for t in tokenize(query) if t in self._vocab]
        if not q:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=np.float32)
            idx = [self._pos[c] for c in allowed if c in self._pos]
            if not idx:
                return []
            mask[idx] = 1.0
        # n_threads=0: a plain map; any other value starts a thread pool for every query (~0.2 ms)
        with self._lock:
            docs, scores = self._bm25.retrieve(
                [q], k=min(k, len(self.ids)), show_progress=False, weight_mask=mask, n_threads=0
            )
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def doc_freq(self, terms: list[str]) -> dict[str, int]:
        """How many indexed chunks hold each term (a stem or '#'-gram as `tokenize` makes them)."""
        if self._bm25 is None:
            return {t: 0 for t in terms}
        indptr = self._bm25.scores["indptr"]
        out = {}
        for t in terms:
            i = self._vocab.get(t)
            out[t] = int(indptr[i + 1] - indptr[i]) if i is not None else 0
        return out

    # -- persistence ------------------------------------------------------------------------------
    def save(self, path: Path, stamp: Any) -> None:
        """Write the index and its stamp (the catalog generation) atomically.

        `path` is a symlink to a versioned sibling folder; the new folder is written completely, then the link
        is swapped with one rename, so a reader always sees a whole index (the old one or the new one).
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}-v-", dir=path.parent))
        try:
            if self._bm25 is not None:
                self._bm25.save(str(tmp / _BM25_FILES), show_progress=False)
            (tmp / "ids.json").write_text(json.dumps(self.ids))
            meta = {
                "stamp": stamp,
                "k1": self.k1,
                "b": self.b,
                "count": len(self.ids),
                "empty": self._bm25 is None,
            }
            (tmp / _META).write_text(json.dumps(meta))
            os.chmod(tmp, 0o755)
            if path.exists() and not path.is_symlink():  # a plain folder (older layout): move it aside first
                shutil.rmtree(path)
            link = path.with_name(f".{path.name}-link-{os.getpid()}-{threading.get_ident()}")
            link.unlink(missing_ok=True)
            link.symlink_to(tmp.name, target_is_directory=True)
            os.replace(link, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        # Old versions: readers that memory-mapped them keep their open files (Linux unlinks lazily).
        for old in path.parent.glob(f".{path.name}-v-*"):
            if old.name != tmp.name:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, path: Path, mmap: bool | None = None) -> tuple[LexicalIndex, Any]:
        """Read an index written by `save`; returns (index, stamp). The score matrix is memory-mapped for
        big indexes (`mmap` None: above MMAP_ABOVE chunks); a small one is read into memory, where each
        query is ~0.3 ms faster (numpy's memmap wraps every slice it hands out)."""
        import bm25s

        path = Path(path).resolve()  # one version throughout, even if a save swaps the link meanwhile
        meta = json.loads((path / _META).read_text())
        index = cls(k1=meta["k1"], b=meta["b"])
        index.ids = json.loads((path / "ids.json").read_text())
        index._pos = {cid: i for i, cid in enumerate(index.ids)}
        if mmap is None:
            mmap = meta["count"] > MMAP_ABOVE
        if not meta["empty"]:
            bm = bm25s.BM25.load(str(path / _BM25_FILES), mmap=mmap, show_progress=False, verbosity=0)
            index._bm25 = bm
            index._vocab = bm.vocab_dict
        if len(index.ids) != meta["count"]:
            raise ValueError(f"lexical index at {path} is inconsistent")
        return index, meta["stamp"]
