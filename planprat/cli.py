"""The `planprat` command line. Thin: parse arguments, call the package, print."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from planprat.errors import PlanpratError
from planprat.models import Filters

app = typer.Typer(
    name="planprat",
    help="Planprat: spør boligsosiale planer, rapporter og lover – med kildehenvisning til hvert utsagn.\n\n"
    "Slik kommer du i gang:  planprat ingest corpus/  og så  planprat serve , og åpne http://127.0.0.1:8000",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


console = Console()
err_console = Console(stderr=True)

KindOpt = Annotated[
    list[str] | None, typer.Option("--kind", help="Bare disse dokumenttypene (plan, report, law, …).")
]
MuniOpt = Annotated[
    list[str] | None, typer.Option("--municipality", "-m", help="Bare dokumenter fra denne kommunen.")
]
LawOpt = Annotated[
    list[str] | None, typer.Option("--law", help="Bare denne loven (f.eks. boligsosialloven, sotjl.).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Skriv maskinlesbar JSON.")]


def _filters(kind: list[str] | None, municipality: list[str] | None, law: list[str] | None = None) -> Filters:
    return Filters(kinds=tuple(kind or ()), municipalities=tuple(municipality or ()), laws=tuple(law or ()))


def _fail(err: Exception, code: int = 1) -> None:
    err_console.print(f"[bold red]Feil:[/] {err}")
    raise typer.Exit(code)


def _service():
    from assistant.service import Planprat
    from planprat.settings import get_settings

    return Planprat(get_settings())


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Filer eller mapper som skal leses inn (mapper gjennomgås med undermapper)."),
    ],
    prune: Annotated[
        bool, typer.Option("--prune", help="Fjern dokumenter fra indeksen når filene deres er borte.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Les inn dokumenter: tolk, del opp, lag vektorer og lagre. Uendrede filer hoppes over; en endret fil erstatter sine gamle tekstbiter."""
    from ingest.pipeline import ingest_paths
    from planprat.settings import get_settings

    try:
        report = ingest_paths(paths, get_settings(), prune=prune, progress=not as_json)
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        console.print(
            f"Dokumenter: {report.documents}  nye: {report.added}  endret: {report.updated}  "
            f"uendret: {report.unchanged}  fjernet: {report.removed}  tekstbiter: {report.chunks}"
        )
        for f in report.failed:
            err_console.print(f"[red]Ikke lest:[/] {f.file}: {f.reason}")
    if report.failed:
        raise typer.Exit(2)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Hva du leter etter.")],
    k: Annotated[int, typer.Option("-k", help="Hvor mange tekstbiter.")] = 8,
    mode: Annotated[str, typer.Option(help="hybrid, dense (vektorer) eller lexical (ord).")] = "hybrid",
    kind: KindOpt = None,
    municipality: MuniOpt = None,
    law: LawOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Vis tekstbitene som passer best til QUERY, med dokument, del og side."""
    from planprat.models import hit_to_dict

    try:
        hits = _service().search(query, k=k, filters=_filters(kind, municipality, law), mode=mode)
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps([hit_to_dict(h) for h in hits], ensure_ascii=False, indent=1))
        return
    if not hits:
        console.print("Ingen treff.")
    for i, h in enumerate(hits, 1):
        where = ", ".join(
            x
            for x in [h.chunk.law_ref, h.chunk.section_title, f"s. {h.chunk.page}" if h.chunk.page else ""]
            if x
        )
        console.print(f"[bold]{i}. {h.doc.title}[/] [dim]({where}) score {h.score:.3f}[/]")
        console.print(h.chunk.text[:600] + ("…" if len(h.chunk.text) > 600 else ""), highlight=False)
        console.print()


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Spørsmålet, på bokmål eller nynorsk.")],
    kind: KindOpt = None,
    municipality: MuniOpt = None,
    law: LawOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Svar på QUESTION fra dokumentene, med nummerert kilde til hvert utsagn."""
    try:
        answer = _service().ask(question, filters=_filters(kind, municipality, law))
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
        return
    console.print(answer.text, highlight=False)
    for note in answer.notes:  # «Leste «komunen» som «kommunen».», «§ 27 finnes i flere lover …»
        if note not in answer.text:
            console.print(f"[dim]Merk: {escape(note)}[/]", highlight=False)
    if answer.citations:
        console.print("\n[bold]Kilder[/]")
        for c in answer.citations:
            where = ", ".join(x for x in [c.law_ref, c.section, f"s. {c.page}" if c.page else ""] if x)
            console.print(f"[{c.n}] {c.doc_title} ({where})", highlight=False)


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Adressen tjenesten lytter på (standard fra PLANPRAT_HOST).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (standard fra PLANPRAT_PORT, 8000).")] = None,
) -> None:
    """Start chat-siden og HTTP-API-et."""
    import uvicorn

    from planprat.settings import get_settings

    s = get_settings()
    console.print(f"Planprat kjører på http://{host or s.host}:{port or s.port}  (Ctrl+C for å stoppe)")
    uvicorn.run(
        "api.main:create_app", factory=True, host=host or s.host, port=port or s.port, log_level="info"
    )


def _mount_extras() -> None:
    """Evaluation, benchmarks and the planner tools live with their packages; they are mounted here."""
    from evals.cli import bench_app, eval_command

    app.command(
        "eval", help="Mål søke- og svarkvalitet på fasitspørsmål (recall, nDCG, «fant ikke», kilder)."
    )(eval_command)
    app.add_typer(bench_app, name="bench")
    try:
        from assistant import extra_cli
    except ImportError:  # pragma: no cover - the planner tools are optional while being built
        return
    for name, fn in extra_cli.COMMANDS.items():
        app.command(name)(fn)


_mount_extras()


def main() -> None:  # pragma: no cover - console entry
    try:
        app()
    except PlanpratError as err:
        err_console.print(f"Feil: {err}")
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
