"""CLI commands for the planner tools; `planprat.cli` mounts every function in COMMANDS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from planprat.errors import PlanpratError

console = Console()
err_console = Console(stderr=True)


def _service():
    from assistant.service import Planprat
    from planprat.settings import get_settings

    return Planprat(get_settings())


def _fail(err: Exception) -> None:
    err_console.print(f"[bold red]Feil:[/] {err}")
    raise typer.Exit(1)


def _emit(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Skrev {output}")
    else:
        print(text, end="")


def draft_command(
    topic: Annotated[
        str,
        typer.Argument(
            help="Emnet for kapittelet, f.eks. «bo-oppfølging», «midlertidige boliger», «startlån»."
        ),
    ],
    municipality: Annotated[
        str | None, typer.Option("--municipality", "-m", help="Kommunen planen skrives for.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="md eller docx.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Fil å skrive til (påkrevd for docx).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv JSON.")] = False,
) -> None:
    """Utkast til et kapittel i en boligsosial handlingsplan: disposisjon med siterte utdrag fra andre kommuner og lovkrav."""
    from assistant.draft import build_draft, draft_docx, draft_markdown

    if fmt not in ("md", "docx"):
        _fail(ValueError(f"Ukjent format «{fmt}»: bruk md eller docx."))
    if not topic.strip():
        _fail(ValueError("Emnet er tomt: skriv f.eks. «bo-oppfølging»."))
    try:
        draft = build_draft(_service(), topic, municipality=municipality)
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps(draft.to_dict(), ensure_ascii=False, indent=1))
        return
    if fmt == "docx":
        path = draft_docx(draft, output or Path(f"utkast-{topic.replace(' ', '-')}.docx"))
        console.print(f"Skrev {path}")
        return
    _emit(draft_markdown(draft), output)


def compare_command(
    question: Annotated[
        str, typer.Argument(help="F.eks. «Hvilke tiltak har kommunene mot mangel på utleieboliger?»")
    ],
    fmt: Annotated[str, typer.Option("--format", help="md eller csv.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil å skrive til.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv JSON.")] = False,
) -> None:
    """Sammenlign kommunene: tabell kommune × tiltak med aktør, år, beløp og kilde i hver celle."""
    from assistant.compare import compare, comparison_csv, comparison_markdown

    if fmt not in ("md", "csv"):
        _fail(ValueError(f"Ukjent format «{fmt}»: bruk md eller csv."))
    if not question.strip():
        _fail(
            ValueError(
                "Spørsmålet er tomt: skriv f.eks. «Hvilke tiltak har kommunene mot mangel på utleieboliger?»"
            )
        )
    try:
        result = compare(_service(), question)
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    _emit(comparison_csv(result) if fmt == "csv" else comparison_markdown(result), output)


def check_refs_command(
    source: Annotated[str, typer.Argument(help="Dokument-id i indeksen, eller en fil.")],
    year: Annotated[
        int | None, typer.Option("--year", help="Året dokumentet ble skrevet (for filer).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv JSON.")] = False,
) -> None:
    """Kontroller lovhenvisningene i en plan: gjeldende, opphevet, endret, ukjent eller tvetydig."""
    from assistant.checkrefs import (
        RefReport,
        check_document,
        check_references,
        chunks_from_file,
        law_side,
        report_markdown,
    )

    service = _service()
    try:
        path = Path(source)
        if path.is_file():
            meta, chunks = chunks_from_file(path)
            law_metas, law_chunks = law_side(service)
            doc_year = year if year is not None else meta.year
            report = RefReport(
                doc_id=None,
                title=meta.title,
                year=doc_year,
                refs=check_references(chunks, law_chunks, law_metas, doc_year),
            )
        else:
            report = check_document(service, source)
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    print(report_markdown(report), end="")


def duties_command(
    law: Annotated[
        str | None, typer.Argument(help="Loven (navn, forkortelse eller id); tom: alle lover og forskrifter.")
    ] = None,
    bound: Annotated[
        str | None,
        typer.Option("--bound", help="Bare plikter for denne (kommunen, NAV-kontoret, utleier …)."),
    ] = None,
    strength: Annotated[
        list[str] | None, typer.Option("--strength", help="skal, plikter, må, bør, kan.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv JSON.")] = False,
) -> None:
    """Pliktene i lovene, setning for setning: hvem som er bundet, hvor sterkt, og hvilken §."""
    from assistant.duties import duties_for_law, duties_markdown, filter_duties

    try:
        duties = filter_duties(duties_for_law(_service(), law), bound=bound, strengths=strength or ())
    except PlanpratError as err:
        _fail(err)
    if as_json:
        print(json.dumps([d.to_dict() for d in duties], ensure_ascii=False, indent=1))
        return
    print(duties_markdown(duties, title=f"Plikter i {law}" if law else "Plikter"), end="")


COMMANDS = {
    "draft": draft_command,
    "compare": compare_command,
    "check-refs": check_refs_command,
    "duties": duties_command,
}
