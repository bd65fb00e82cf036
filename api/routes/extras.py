"""Planner tools over HTTP: draft, compare, duties, check-refs. Include with `app.include_router(extras.router)`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import ReadAccess, ServiceDep, SettingsDep, check_question
from api.schemas import ErrorOut
from planprat.errors import PlanpratError

ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
    503: {"model": ErrorOut},
}

router = APIRouter(prefix="/api", tags=["planleggerverktøy"], dependencies=[ReadAccess])


def _http(err: PlanpratError) -> HTTPException:
    return HTTPException(status_code=getattr(err, "status_code", 400), detail=str(err))


class DraftRequest(BaseModel):
    topic: str = Field(..., description="Emnet for kapittelet, f.eks. «bo-oppfølging».")
    municipality: str | None = Field(None, description="Kommunen planen skrives for.")
    format: Literal["json", "md", "docx"] = Field("json", description="json, md eller docx.")


class CompareRequest(BaseModel):
    question: str = Field(
        ..., description="F.eks. «Hvilke tiltak har kommunene mot mangel på utleieboliger?»"
    )
    format: Literal["json", "md", "csv"] = Field("json", description="json, md eller csv.")


class CheckRefsRequest(BaseModel):
    doc_id: str | None = Field(None, description="Et dokument i indeksen.")
    text: str | None = Field(None, description="Innlimt tekst (i stedet for doc_id).")
    year: int | None = Field(
        None, description="Året teksten ble skrevet; avgjør om en bestemmelse er endret siden."
    )
    name: str | None = Field(None, description="Navn på teksten i rapporten.")


@router.post("/draft", responses=ERRORS, summary="Utkast til kapittel i boligsosial handlingsplan")
def draft(req: DraftRequest, service: ServiceDep, settings: SettingsDep):
    """Disposisjon for et kapittel i en boligsosial handlingsplan, med siterte presedenser og lovkrav."""
    from assistant.draft import build_draft, draft_docx, draft_markdown

    topic = check_question(req.topic, settings)
    try:
        d = build_draft(service, topic, municipality=req.municipality)
    except PlanpratError as err:
        raise _http(err) from err
    if req.format == "md":
        return Response(draft_markdown(d), media_type="text/markdown; charset=utf-8")
    if req.format == "docx":
        with tempfile.TemporaryDirectory() as tmp:
            data = draft_docx(d, Path(tmp) / "utkast.docx").read_bytes()
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": 'attachment; filename="utkast.docx"'},
        )
    return d.to_dict()


@router.post("/compare", responses=ERRORS, summary="Sammenlign kommunene")
def compare(req: CompareRequest, service: ServiceDep, settings: SettingsDep):
    """Tabell kommune × tiltak (aktør, år, beløp), én kilde per celle."""
    from assistant.compare import compare as run_compare
    from assistant.compare import comparison_csv, comparison_markdown

    question = check_question(req.question, settings)
    try:
        result = run_compare(service, question)
    except PlanpratError as err:
        raise _http(err) from err
    if req.format == "csv":
        return Response(
            comparison_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="sammenligning.csv"'},
        )
    if req.format == "md":
        return Response(comparison_markdown(result), media_type="text/markdown; charset=utf-8")
    return result.to_dict()


@router.get("/duties", responses=ERRORS, summary="Plikter i lovene")
def duties(
    service: ServiceDep,
    law: Annotated[str | None, Query(description="Loven: navn, forkortelse eller id. Tom: alle.")] = None,
    bound: Annotated[str | None, Query(description="Bare plikter for denne parten, f.eks. kommunen.")] = None,
    strength: Annotated[list[str] | None, Query(description="skal, plikter, må, bør, kan.")] = None,
):
    """Pliktene i lovene setning for setning: hvem, hvor sterkt, hvilken §."""
    from assistant.duties import duties_for_law, filter_duties

    try:
        found = filter_duties(duties_for_law(service, law), bound=bound, strengths=strength or ())
    except PlanpratError as err:
        raise _http(err) from err
    return {"law": law, "count": len(found), "duties": [d.to_dict() for d in found]}


@router.post("/check-refs", responses=ERRORS, summary="Kontroller lovhenvisninger i en plan")
async def check_refs(request: Request, service: ServiceDep, settings: SettingsDep):
    """Lovhenvisningene i en plan: JSON {doc_id} eller {text, year}, eller en opplastet fil (multipart «file»)."""
    from assistant.checkrefs import (
        RefReport,
        check_document,
        check_references,
        check_text,
        chunks_from_file,
        law_side,
    )

    ctype = request.headers.get("content-type", "")
    try:
        if ctype.startswith("multipart/form-data"):
            form = await request.form()
            upload = form.get("file")
            if upload is None or not hasattr(upload, "read"):
                raise HTTPException(status_code=422, detail="Send filen i feltet «file».")
            data = await upload.read()
            if len(data) > settings.max_upload_mb * 1024 * 1024:
                raise HTTPException(status_code=413, detail="Filen er for stor.")
            name = Path(upload.filename or "opplastet").name
            year_raw = form.get("year")
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / name
                path.write_bytes(data)
                meta, chunks = chunks_from_file(path)
            law_metas, law_chunks = law_side(service)
            year = int(year_raw) if isinstance(year_raw, str) and year_raw.isdigit() else meta.year
            report = RefReport(
                doc_id=None, title=name, year=year, refs=check_references(chunks, law_chunks, law_metas, year)
            )
        else:
            body = CheckRefsRequest.model_validate(await request.json())
            if body.doc_id:
                report = check_document(service, body.doc_id)
            elif body.text and body.text.strip():
                report = check_text(service, body.text, name=body.name or "innlimt tekst", year=body.year)
            else:
                raise HTTPException(status_code=422, detail="Send doc_id, text eller en fil.")
    except PlanpratError as err:
        raise _http(err) from err
    except ValueError as err:
        raise HTTPException(status_code=422, detail=f"Ugyldig forespørsel: {err}") from err
    return report.to_dict()
