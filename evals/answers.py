"""Answer-level check: is each question answered right, question by question?

`planprat eval` scores retrieval and citations over a whole set; this module says, for every question, whether
the answer a user would see is right, and keeps the answer so two versions of the code can be compared answer
by answer (`--diff`). It runs any question file in the gold format, such as the blind probe sets in
`evals/probes/`.

A question is answered right when
- `none` (unanswerable): Planprat abstains;
- `fact` / `legal`: it does not abstain and its answer (text and quotes) contains at least one gold phrase;
- `list`: it does not abstain and contains at least half of the gold phrases (one per item).

A follow-up whose history holds only user turns is asked as a conversation: each earlier question is answered
first and its answer becomes the assistant's turn, as in the chat page.

    python -m evals.answers evals/probes/AD/questions.jsonl --out /tmp/ad.json
    python -m evals.answers evals/probes/AD/questions.jsonl --diff /tmp/ad_before.json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from evals.datasets import Question, load_questions, matched_phrases


@dataclass(frozen=True)
class Verdict:
    id: str
    kind: str
    right: bool
    abstained: bool
    found: int  # gold phrases the answer contains
    wanted: int  # gold phrases of the question
    answer: str
    sources: tuple[str, ...]


def needed(q: Question) -> int:
    """How many gold phrases a right answer must contain (0 for an unanswerable question)."""
    if not q.answerable:
        return 0
    return max(1, math.ceil(len(q.phrases) / 2)) if q.kind == "list" else 1


def judge(q: Question, answer_text: str, quotes: Sequence[str], abstained: bool) -> tuple[bool, int]:
    """(right, phrases found) for one answer; see the module docstring for the rule."""
    found = len(matched_phrases("\n".join([answer_text, *quotes]), q))
    if not q.answerable:
        return abstained, found
    return (not abstained and found >= needed(q)), found


def conversation(service, q: Question) -> list[dict[str, str]]:
    """The history to ask `q` with: given assistant turns are kept; user-only history is answered live."""
    if any(t["role"] == "assistant" for t in q.history):
        return [dict(t) for t in q.history]
    turns: list[dict[str, str]] = []
    for t in q.history:
        earlier = service.ask(t["content"], history=list(turns))
        turns += [{"role": "user", "content": t["content"]}, {"role": "assistant", "content": earlier.text}]
    return turns


def verdict(service, q: Question) -> Verdict:
    answer = service.ask(q.question, history=conversation(service, q))
    quotes = [c.quote for c in answer.citations]
    right, found = judge(q, answer.text, quotes, answer.abstained)
    sources = tuple(
        c.law_ref or " › ".join(x for x in (c.doc_title, c.section) if x) for c in answer.citations
    )
    return Verdict(q.id, q.kind, right, answer.abstained, found, len(q.phrases), answer.text, sources)


def summary(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    by_kind: dict[str, list[int]] = {}
    for v in verdicts:
        by_kind.setdefault(v.kind, [0, 0])
        by_kind[v.kind][0] += v.right
        by_kind[v.kind][1] += 1
    return {
        "right": sum(v.right for v in verdicts),
        "n": len(verdicts),
        "by_kind": {k: f"{r}/{n}" for k, (r, n) in sorted(by_kind.items())},
    }


def changes(before: Sequence[dict], after: Sequence[Verdict]) -> list[str]:
    """Lines naming each question whose verdict or answer text differs from an earlier run's."""
    old = {d["id"]: d for d in before}
    out = []
    for v in after:
        d = old.get(v.id)
        if d is None:
            out.append(f"new   {v.id}")
        elif d["right"] != v.right:
            out.append(f"{'FIXED' if v.right else 'BROKE'} {v.id}")
        elif d["answer"] != v.answer:
            out.append(f"text  {v.id} ({'right' if v.right else 'wrong'} both)")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("questions", nargs="+", help="question files (JSONL, globs and folders allowed)")
    p.add_argument("--out", type=Path, help="write every verdict as JSON here")
    p.add_argument("--diff", type=Path, help="an earlier --out file: print what changed")
    p.add_argument("-v", "--verbose", action="store_true", help="print each wrong answer")
    args = p.parse_args(argv)

    from assistant.service import Planprat

    service = Planprat()
    verdicts = [verdict(service, q) for q in load_questions(args.questions)]
    if args.verbose:
        for v in verdicts:
            if not v.right:
                print(f"--- {v.id} ({v.kind}, found {v.found}/{v.wanted})\n{v.answer[:600]}\n")
    if args.out:
        args.out.write_text(json.dumps([asdict(v) for v in verdicts], ensure_ascii=False, indent=1))
    if args.diff:
        for line in changes(json.loads(args.diff.read_text()), verdicts):
            print(line)
    s = summary(verdicts)
    print(f"right {s['right']}/{s['n']}  " + "  ".join(f"{k} {x}" for k, x in s["by_kind"].items()))
    print("wrong:", " ".join(v.id for v in verdicts if not v.right) or "none")
    print("kinds:", dict(Counter(v.kind for v in verdicts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
