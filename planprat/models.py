"""Plain data at the seams between pipeline stages.

file -> Document (metadata + structural blocks) -> Chunk -> stores -> Hit -> Answer(Citation).
Every stage takes and returns these; nothing else crosses a package boundary.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocKind = Literal["plan", "report", "presentation", "case", "law", "regulation", "other"]
BlockKind = Literal["heading", "text", "list_item", "table_row"]


@dataclass(frozen=True)
class DocumentMeta:
    """What we know about a document, independent of its text."""

    doc_id: str  # stable slug, e.g. "bodo-boligpolitisk-handlingsplan"; from the manifest or the file name
    title: str
    source: str  # file name (never a path a user controls)
    kind: str = "other"  # one of DocKind
    municipality: str | None = None
    county: str | None = None
    year: int | None = None
    url: str | None = None
    law_short: str | None = None  # e.g. "sosialtjenesteloven" for laws and regulations
    law_abbrevs: tuple[str, ...] = ()  # e.g. ("sotjl.", "stjl.")
    content_hash: str = ""  # sha256 of the file bytes
    pages: int | None = None
    split: str = ""  # how its chunks were cut (splitter version, chunk sizes): a change re-splits the file

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["law_abbrevs"] = list(self.law_abbrevs)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentMeta:
        d = dict(d)
        d["law_abbrevs"] = tuple(d.get("law_abbrevs") or ())
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Block:
    """One structural unit of a parsed document, in reading order.

    heading: `level` 1..6 gives the depth. For laws: a chapter is a level-1 heading, a § is a
    level-2 heading whose `ref` is the provision ("§ 6") and whose text is "§ 6. Plikt til ...".
    text / list_item / table_row: body text. For laws `ledd` numbers the paragraph within its §.
    """

    kind: str  # one of BlockKind
    text: str
    level: int = 0
    page: int | None = None
    ref: str | None = None
    ledd: int | None = None


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    blocks: tuple[Block, ...]

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage. `chunk_id` is a hash of doc_id, position and text (idempotent)."""

    chunk_id: str
    doc_id: str
    text: str
    ordinal: int  # position of the chunk within its document, 0-based
    section: tuple[str, ...] = ()  # heading path, outermost first
    page: int | None = None  # first page the chunk is on (1-based)
    page_end: int | None = None
    law_ref: str | None = None  # "boligsosialloven § 6" or "boligsosialloven § 6 tredje ledd"
    law: str | None = None  # canonical short name of the law, "boligsosialloven"
    paragraph: str | None = None  # "§ 6"
    # Where the text moves to another page: (character offset in `text`, page), first mark at 0. Empty when
    # the chunk lies on one page. A citation gives its quote's own page from these, not the chunk's first.
    page_marks: tuple[tuple[int, int], ...] = ()
    # Where short sections merged into one chunk begin: (offset in `text`, heading path). Empty when the
    # chunk lies under one heading. A citation names its quote's own section.
    section_marks: tuple[tuple[int, tuple[str, ...]], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["section"] = list(self.section)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Chunk:
        d = dict(d)
        d["section"] = tuple(d.get("section") or ())
        d["page_marks"] = tuple((int(o), int(p)) for o, p in d.get("page_marks") or ())
        d["section_marks"] = tuple((int(o), tuple(path)) for o, path in d.get("section_marks") or ())
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})

    @property
    def section_title(self) -> str:
        return " › ".join(self.section)

    def section_of(self, quote: str) -> str:
        """The heading path `quote` stands under, as «A › B»: the chunk's own when it is under one heading."""
        path = _mark_at(self.section_marks, self.text, quote)
        return self.section_title if path is None else " › ".join(path)

    def page_of(self, quote: str) -> int | None:
        """The page `quote` begins on: the chunk's first page when it is on one page or not found."""
        page = _mark_at(self.page_marks, self.text, quote)
        return self.page if page is None else page


def _mark_at(marks: tuple[tuple[int, Any], ...], text: str, quote: str) -> Any:
    """The value of the last mark at or before where `quote` begins in `text`; None without marks or quote."""
    at = text.find(quote) if marks else -1
    if at < 0:
        return None
    return max((m for m in marks if m[0] <= at), key=lambda m: m[0])[1]


@dataclass(frozen=True)
class Filters:
    """Metadata filters for retrieval. Empty fields do not filter."""

    kinds: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    def is_empty(self) -> bool:
        return not (self.kinds or self.municipalities or self.laws or self.doc_ids or self.year_from or self.year_to)


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    doc: DocumentMeta
    score: float
    retriever: str  # "dense" | "lexical" | "hybrid" | "legal" | "section" | "rerank"
    rank_dense: int | None = None
    rank_lexical: int | None = None


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    doc_title: str
    kind: str
    municipality: str | None
    section: str
    page: int | None
    law_ref: str | None
    quote: str  # verbatim from the chunk text

    @classmethod
    def of(cls, n: int, hit: Hit, quote: str) -> Citation:
        """Citation [n] of `quote` in `hit`'s chunk, with the page the quote itself stands on."""
        c = hit.chunk
        return cls(
            n=n,
            chunk_id=c.chunk_id,
            doc_id=c.doc_id,
            doc_title=hit.doc.title,
            kind=hit.doc.kind,
            municipality=hit.doc.municipality,
            section=c.section_of(quote),
            page=c.page_of(quote),
            law_ref=c.law_ref,
            quote=quote,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    text: str  # with markers [1], [2] ... referring to citations
    citations: tuple[Citation, ...]
    abstained: bool
    hits: tuple[Hit, ...] = ()
    mode: str = "extractive"  # "extractive" | "llm" | "legal"
    notes: tuple[str, ...] = field(default=())  # e.g. "provision repealed", "LLM unavailable, extractive answer"

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "abstained": self.abstained,
            "mode": self.mode,
            "notes": list(self.notes),
            "citations": [c.to_dict() for c in self.citations],
            "hits": [hit_to_dict(h) for h in self.hits],
        }


def hit_to_dict(h: Hit) -> dict[str, Any]:
    """The public JSON shape of a search hit (CLI --json and the API share it)."""
    c = h.chunk
    return {
        "chunk_id": c.chunk_id,
        "doc_id": c.doc_id,
        "doc_title": h.doc.title,
        "kind": h.doc.kind,
        "municipality": h.doc.municipality,
        "year": h.doc.year,
        "section": c.section_title,
        "page": c.page,
        "law_ref": c.law_ref,
        "text": c.text,
        "score": round(float(h.score), 6),
        "retriever": h.retriever,
    }


@dataclass
class IngestFailure:
    file: str
    reason: str  # Norwegian, for end users


@dataclass
class IngestReport:
    documents: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    failed: list[IngestFailure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "chunks": self.chunks,
            "failed": [{"file": f.file, "reason": f.reason} for f in self.failed],
        }
