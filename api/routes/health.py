"""GET /healthz (the process answers) and GET /readyz (the index is loaded and non-empty)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServiceDep
from api.schemas import ErrorOut, Health

router = APIRouter(tags=["drift"])

NOT_READY = "Indeksen er ikke klar ennå: vent litt, eller kjør «planprat ingest corpus/» hvis den er tom."


@router.get("/healthz", response_model=Health, response_model_exclude_none=True, summary="Prosessen svarer")
def healthz() -> dict:
    return {"status": "ok"}


@router.get(
    "/readyz", response_model=Health, responses={503: {"model": ErrorOut}}, summary="Indeksen er lastet"
)
def readyz(service: ServiceDep):
    if not service.ready():
        return JSONResponse({"detail": NOT_READY}, status_code=503)
    return {"status": "ready", "documents": len(service.documents())}
