"""CLI for evaluation and benchmarks; mounted by planprat/cli.py as `planprat eval` and `planprat bench …`.

    app.command("eval")(eval_command)
    app.add_typer(bench_app, name="bench")

`evals/bench_serve.py`, when present, adds `bench serve` to `bench_app` (imported lazily below): it must
define `register(bench_app)` or a typer command function `serve`.
"""

from __future__ import annotations

import glob
import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

# Tables are wide: never squeeze them into 80 columns when the output is a pipe or a CI log.
console = Console(width=None if Console().is_terminal else 160)
err_console = Console(stderr=True)

bench_app = typer.Typer(help="Ytelsesmålinger som skriver ut tall (fart, minne).", no_args_is_help=True)

QuestionsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--questions",
        "-q",
        help="Question file(s) (JSONL); repeatable, globs allowed. Default: evals/gold/*.jsonl.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")]


def _expand(questions: list[Path] | None) -> list[Path] | None:
    if not questions:
        return None
    out: list[Path] = []
    for q in questions:
        s = str(q)
        matches = sorted(glob.glob(s)) if any(c in s for c in "*?[") else [s]
        if not matches:
            raise typer.BadParameter(f"no file matches {s!r}", param_hint="--questions")
        out.extend(Path(m) for m in matches)
    return out


def _settings():
    from planprat.settings import get_settings

    return get_settings()


def _fail(err: Exception) -> None:
    err_console.print(f"[bold red]Feil:[/] {err}")
    raise typer.Exit(1)


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) <= 1.0 else f"{v:.1f}"
    return str(v)


def _metrics_table(rows: dict[str, dict], title: str) -> Table:
    keys = list(next(iter(rows.values())).keys())
    t = Table(title=title)
    t.add_column("pipeline")
    for k in keys:
        t.add_column(k, justify="right")
    for name, m in rows.items():
        t.add_row(name, *(_fmt(m[k]) for k in keys))
    return t


def eval_command(
    questions: QuestionsOpt = None,
    k: Annotated[
        int, typer.Option("-k", help="Cut-off for recall/MRR/nDCG (recall@5 is always reported).")
    ] = 10,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Run lexical, dense, hybrid and LlamaIndex's default pipeline; write evals/results/.",
        ),
    ] = False,
    robust: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Ask each question also in lower case, with a typo and without æ/ø/å; print how often the "
            "first quote stays the same (writes evals/results/robustness.json).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score retrieval and answers on the gold questions (recall, MRR, nDCG, abstention, citations, latency)."""
    from evals.datasets import DatasetError
    from evals.run import PIPELINES, evaluate, write_comparison, write_details, write_unjudged

    if robust:
        _robustness(questions, as_json)
        return
    try:
        files = _expand(questions)
        pipelines = PIPELINES if compare else ("hybrid",)
        results = evaluate(files, k=k, pipelines=pipelines, settings=_settings(), progress=not as_json)
    except (DatasetError, ValueError) as err:
        _fail(err)
    except Exception as err:
        from planprat.errors import PlanpratError

        if isinstance(err, PlanpratError):
            _fail(err)
        raise
    if compare:
        paths = write_comparison(results, files, k)
        payload = {"pipelines": {name: r.metrics for name, r in results.items()}}
    else:
        detail = write_details(results, files, k)
        payload = next(iter(results.values())).metrics
    pending, n_pending = write_unjudged(results, files)
    if n_pending:
        err_console.print(
            f"{n_pending} sitat(er) er ikke vurdert ennå og telles ikke i citation_precision_judged: {pending}",
            highlight=False,
        )
    if as_json:
        for name, r in results.items():
            if r.note:
                err_console.print(f"{name}: {r.note}", highlight=False)
        print(json.dumps(payload, ensure_ascii=False))
        return
    rows = {name: r.metrics for name, r in results.items()}
    console.print(_metrics_table(rows, "Planprat eval"))
    for name, r in results.items():
        if r.note:
            console.print(f"[dim]{name}: {r.note}[/]")
    if compare:
        console.print(f"Skrev {paths['json']}, {paths['md']} og {paths['png']}")
    else:
        console.print(f"[dim]Detaljer per spørsmål: {detail}[/]")


def _robustness(questions: list[Path] | None, as_json: bool) -> None:
    from dataclasses import asdict

    from assistant.service import Planprat
    from evals.datasets import DatasetError, load_questions
    from evals.robustness import robustness
    from evals.run import RESULTS_DIR

    try:
        qs = load_questions(_expand(questions))
        service = Planprat(_settings())
        with console.status("Spør med skrivefeil, små bokstaver og uten æ/ø/å …"):
            counts, changes = robustness(lambda q: service.ask(q), qs)
    except DatasetError as err:
        _fail(err)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / "robustness.json"
    path.write_text(
        json.dumps({"counts": counts, "changed": [asdict(c) for c in changes]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    if as_json:
        print(json.dumps(counts, ensure_ascii=False))
        return
    t = Table(title="Samme første sitat som for spørsmålet skrevet riktig")
    for col in ("endring", "like", "spurt", "andel"):
        t.add_column(col, justify="right" if col != "endring" else "left")
    for kind, c in counts.items():
        t.add_row(kind, str(c["held"]), str(c["asked"]), _fmt(c["share"]))
    console.print(t)
    console.print(f"[dim]Svarene som endret seg: {path}[/]")


def _print_kv(title: str, data: dict) -> None:
    t = Table(title=title, show_header=False)
    t.add_column("", style="bold")
    t.add_column("", justify="right")
    for key, v in data.items():
        if isinstance(v, dict):
            v = "  ".join(f"{a}={_fmt(b)}" for a, b in v.items())
        t.add_row(key, _fmt(v) if not isinstance(v, str) else v)
    console.print(t)


@bench_app.command("ingest")
def bench_ingest_command(as_json: JsonOpt = False) -> None:
    """Ingest the shipped corpus into a fresh temp data dir: pages/s, embedded chunks/s, seconds, peak RSS."""
    from evals.bench import bench_ingest

    out = bench_ingest(_settings())
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        _print_kv("bench ingest", out)


@bench_app.command("query")
def bench_query_command(
    questions: QuestionsOpt = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N questions.")] = None,
    no_llamaindex: Annotated[
        bool, typer.Option("--no-llamaindex", help="Skip the LlamaIndex baseline.")
    ] = False,
    rounds: Annotated[
        int,
        typer.Option(min=1, help="Passes over the questions; the pipelines are interleaved per question."),
    ] = 3,
    as_json: JsonOpt = False,
) -> None:
    """p50/p95 latency (after warm-up) of retrieval and of retrieve+answer, beside LlamaIndex's retrieval."""
    from evals.bench import bench_query

    out = bench_query(
        _settings(), _expand(questions), limit=limit, with_llamaindex=not no_llamaindex, rounds=rounds
    )
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
        return
    t = Table(title=f"bench query ({out['questions']} questions × {out['rounds']} rounds, after warm-up)")
    for col in ("pipeline", "p50 ms", "p95 ms"):
        t.add_column(col, justify="right" if col != "pipeline" else "left")
    for key, label in (
        ("planprat_retrieval", "Planprat retrieval (hybrid)"),
        ("planprat_retrieve_answer", "Planprat retrieve + answer"),
        ("llamaindex_retrieval", "LlamaIndex default retrieval"),
    ):
        if key in out:
            t.add_row(label, _fmt(out[key]["p50_ms"]), _fmt(out[key]["p95_ms"]))
    console.print(t)
    console.print(f"peak RSS {out['peak_rss_mb']} MB")


@bench_app.command("scale")
def bench_scale_command(
    chunks: Annotated[
        str, typer.Option("--chunks", help="Comma-separated sizes, e.g. 10000,100000.")
    ] = "10000,100000",
    as_json: JsonOpt = False,
) -> None:
    """Synthetic Norwegian chunks (recombined corpus sentences) at each size: ingest rate, query p50/p95, memory."""
    from evals.bench import bench_scale

    try:
        sizes = [int(x) for x in chunks.replace("_", "").split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(
            f"expected comma-separated integers, got {chunks!r}", param_hint="--chunks"
        ) from None
    if not sizes or min(sizes) < 1:
        raise typer.BadParameter("sizes must be positive", param_hint="--chunks")
    out = bench_scale(_settings(), sizes)
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
        return
    t = Table(title="bench scale")
    for col in SCALE_COLUMNS:
        t.add_column(col, justify="right")
    for r in out["sizes"]:
        t.add_row(*scale_row(r))
    console.print(t)
    console.print(f"[dim]{out['note']}[/]")


SCALE_COLUMNS = (
    "chunks",
    "ingest s",
    "chunks/s",
    "retrieval p50/p95 ms",
    "answer p50/p95 ms",
    "ingest peak RSS MB",
    "serving RSS MB",
    "data MB",
)


def scale_row(r: dict) -> list[str]:
    """One size of `bench scale` as the table shows it (SCALE_COLUMNS)."""
    return [
        str(r["chunks"]),
        _fmt(r["ingest_seconds"]),
        _fmt(r["ingest_chunks_per_s"]),
        f"{_fmt(r['retrieval']['p50_ms'])} / {_fmt(r['retrieval']['p95_ms'])}",
        f"{_fmt(r['retrieve_answer']['p50_ms'])} / {_fmt(r['retrieve_answer']['p95_ms'])}",
        _fmt(r["peak_rss_mb_ingest"]),
        _fmt(r["peak_rss_mb_serving"]),
        _fmt(r["data_dir_mb"]),
    ]


def _register_serve() -> None:
    """Mount `bench serve` from evals/bench_serve.py when that module exists (written by the API work)."""
    if importlib.util.find_spec("evals.bench_serve") is None:
        return
    try:
        mod = importlib.import_module("evals.bench_serve")
    except Exception as err:  # a broken optional module must not break `planprat eval`
        print(f"evals.bench_serve not loaded: {err}", file=sys.stderr)
        return
    if hasattr(mod, "register"):
        mod.register(bench_app)
    elif hasattr(mod, "serve"):
        bench_app.command("serve")(mod.serve)


_register_serve()

# Standalone use: `python -m evals.cli eval …` / `python -m evals.cli bench …`
app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.command("eval")(eval_command)
app.add_typer(bench_app, name="bench")

if __name__ == "__main__":  # pragma: no cover
    app()
