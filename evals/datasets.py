"""Gold question files: load, validate, and judge relevance.

One JSON object per line:
    {"id": str, "question": str, "relevant": [{"contains": "verbatim phrase"}, ...],
     "kind": "fact" | "list" | "legal" | "none"}
Extra keys are allowed ("history": [{"role", "content"}, ...] for follow-up turns, "doc": a hint).
A retrieved chunk is relevant to a phrase when the chunk's text contains the phrase after both are
lower-cased and their whitespace collapsed (see `normalize`).
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("fact", "list", "legal", "none")
REQUIRED_KEYS = ("id", "question", "relevant", "kind")
ROLES = ("user", "assistant")
GOLD_DIR = Path(__file__).parent / "gold"

_WS = re.compile(r"\s+")


class DatasetError(ValueError):
    """A gold file is malformed; the message names the file and line."""


def normalize(text: str) -> str:
    """Lower-case and collapse every run of whitespace to one space (the relevance test's view of text)."""
    return _WS.sub(" ", text).strip().lower()


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    phrases: tuple[str, ...]  # verbatim evidence phrases, as written in the file
    kind: str
    history: tuple[dict[str, str], ...] = ()
    source: str = ""  # "facts.jsonl:12", for messages
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def answerable(self) -> bool:
        return self.kind != "none"

    @property
    def norm_phrases(self) -> tuple[str, ...]:
        return tuple(normalize(p) for p in self.phrases)


def contains(text: str, phrase: str) -> bool:
    """True when `phrase` occurs in `text` after normalizing both."""
    return normalize(phrase) in normalize(text)


def matched_phrases(text: str, q: Question) -> set[int]:
    """Indices of the question's phrases that `text` contains."""
    t = normalize(text)
    return {i for i, p in enumerate(q.norm_phrases) if p and p in t}


def is_relevant(text: str, q: Question) -> bool:
    """A chunk is relevant to a question when it contains at least one of its phrases."""
    return bool(matched_phrases(text, q))


def _fail(where: str, msg: str) -> DatasetError:
    return DatasetError(f"{where}: {msg}")


def parse_line(line: str, where: str) -> Question:
    """Parse and validate one JSONL line; `where` is "file:line" for the error message."""
    try:
        d = json.loads(line)
    except json.JSONDecodeError as err:
        raise _fail(where, f"not valid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(d, dict):
        raise _fail(where, "each line must be one JSON object")
    missing = [k for k in REQUIRED_KEYS if k not in d]
    if missing:
        raise _fail(where, f"missing key(s) {missing}; required: {list(REQUIRED_KEYS)}")
    qid, question, relevant, kind = d["id"], d["question"], d["relevant"], d["kind"]
    if not isinstance(qid, str) or not qid.strip():
        raise _fail(where, "'id' must be a non-empty string")
    if not isinstance(question, str) or not question.strip():
        raise _fail(where, f"'question' of {qid!r} must be a non-empty string")
    if kind not in KINDS:
        raise _fail(where, f"'kind' of {qid!r} is {kind!r}; expected one of {list(KINDS)}")
    if not isinstance(relevant, list):
        raise _fail(where, f"'relevant' of {qid!r} must be a list of {{\"contains\": str}}")
    phrases: list[str] = []
    for j, r in enumerate(relevant):
        if not isinstance(r, dict) or set(r) != {"contains"} or not isinstance(r["contains"], str):
            raise _fail(where, f"'relevant[{j}]' of {qid!r} must be exactly {{\"contains\": str}}, got {r!r}")
        if not normalize(r["contains"]):
            raise _fail(where, f"'relevant[{j}]' of {qid!r} is empty")
        phrases.append(r["contains"])
    if kind == "none" and phrases:
        raise _fail(where, f"{qid!r} has kind 'none' but lists relevant phrases; 'none' means unanswerable")
    if kind != "none" and not phrases:
        raise _fail(where, f"{qid!r} has kind {kind!r} but no relevant phrases")
    history = d.get("history", [])
    if not isinstance(history, list):
        raise _fail(where, f'\'history\' of {qid!r} must be a list of {{"role", "content"}}')
    for j, turn in enumerate(history):
        if (
            not isinstance(turn, dict)
            or turn.get("role") not in ROLES
            or not isinstance(turn.get("content"), str)
        ):
            raise _fail(
                where, f'\'history[{j}]\' of {qid!r} must be {{"role": user|assistant, "content": str}}'
            )
    extra = {k: v for k, v in d.items() if k not in (*REQUIRED_KEYS, "history")}
    return Question(
        id=qid,
        question=question,
        phrases=tuple(phrases),
        kind=kind,
        history=tuple({"role": t["role"], "content": t["content"]} for t in history),
        source=where,
        extra=extra,
    )


def load_file(path: str | Path) -> list[Question]:
    """Load one JSONL file; blank lines are skipped. Raises DatasetError naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise DatasetError(f"{path}: not UTF-8 ({err.reason})") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            out.append(parse_line(line, f"{path.name}:{n}"))
    return out


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand globs and folders (a folder means its *.jsonl) into a sorted, de-duplicated file list."""
    out: list[Path] = []
    for p in paths:
        s = str(p)
        if any(c in s for c in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                raise DatasetError(f"{s}: no file matches this pattern")
            out.extend(Path(m) for m in matches)
        elif Path(s).is_dir():
            out.extend(sorted(Path(s).glob("*.jsonl")))
        else:
            out.append(Path(s))
    seen: set[Path] = set()
    uniq = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            uniq.append(p)
    return uniq


def load_questions(paths: Sequence[str | Path] | None = None) -> list[Question]:
    """Load every question from the given files (globs and folders allowed; default: the shipped gold set).

    Ids must be unique across all files.
    """
    files = expand_paths(paths) if paths else sorted(GOLD_DIR.glob("*.jsonl"))
    if not files:
        raise DatasetError("no question files given")
    questions: list[Question] = []
    first: dict[str, str] = {}
    for f in files:
        for q in load_file(f):
            if q.id in first:
                raise DatasetError(f"{q.source}: duplicate id {q.id!r} (first at {first[q.id]})")
            first[q.id] = q.source
            questions.append(q)
    return questions
