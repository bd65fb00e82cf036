"""The documents: list (with filter facets), one with its chunks, a cited passage in context, upload, delete."""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Query, UploadFile
from fastapi.responses import JSONResponse

from api.deps import ReadAccess, ServiceDep, SettingsDep, WriteAccess
from api.schemas import Deleted, DocumentDetail, DocumentList, ErrorOut, PassageOut, UploadOut

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/documents", tags=["dokumenter"])

ALLOWED_SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md"}
READ_ERRORS = {401: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


def sanitize_name(name: str) -> str:
    """A display name from an uploaded file name: no folders, no control or path characters.

    The result is left unchanged by `Indexer.ingest_upload`, which stores the file under data_dir/uploads by it.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" ._")
    return base[:150] or "opplasting.txt"


@router.get("", response_model=DocumentList, dependencies=[ReadAccess], summary="Alle dokumenter")
def list_documents(service: ServiceDep) -> dict:
    """Every indexed document, and the values the filters can take (kind, municipality, law)."""
    docs = service.documents()
    return {
        "documents": [d.to_dict() for d in docs],
        "facets": {
            "kind": sorted({d.kind for d in docs}),
            "municipality": service.municipalities(),
            "law": service.laws(),
        },
    }


@router.get(
    "/{doc_id}",
    response_model=DocumentDetail,
    responses=READ_ERRORS,
    dependencies=[ReadAccess],
    summary="Ett dokument med tekstbitene",
)
def get_document(doc_id: str, service: ServiceDep) -> dict:
    meta, chunks = service.document(doc_id)
    return {"doc": meta.to_dict(), "chunk_count": len(chunks), "chunks": [c.to_dict() for c in chunks]}


@router.get(
    "/{doc_id}/passage",
    response_model=PassageOut,
    responses=READ_ERRORS,
    dependencies=[ReadAccess],
    summary="En sitert tekstbit med teksten rundt",
)
def get_passage(
    doc_id: str,
    service: ServiceDep,
    chunk: Annotated[
        str, Query(min_length=1, max_length=200, description="chunk_id from a citation or hit.")
    ],
    context: Annotated[int, Query(ge=0, le=5, description="Chunks before and after.")] = 1,
) -> dict:
    return service.passage(doc_id, chunk, context=context)


@router.post(
    "",
    status_code=201,
    response_model=UploadOut,
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        413: {"model": ErrorOut},
        415: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
    dependencies=[WriteAccess],
    summary="Last opp et dokument (PDF, DOCX, HTML, TXT)",
)
def upload_document(
    service: ServiceDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, HTML or TXT.")],
):
    """Ingest with the same pipeline as `planprat ingest`; a file that cannot be read gives 422 with the reason."""
    name = sanitize_name(file.filename or "")
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        raise HTTPException(415, f"«{name}»: filtypen støttes ikke. Last opp PDF, DOCX, HTML eller TXT.")
    limit = int(settings.max_upload_mb * 1024 * 1024)
    incoming = settings.data_dir / "uploads" / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    tmp = incoming / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"  # never the user's name as a path
    size = 0
    try:
        with open(tmp, "wb") as out:
            while block := file.file.read(1 << 20):
                size += len(block)
                if size > limit:
                    raise HTTPException(
                        413, f"«{name}» er for stor: grensen er {settings.max_upload_mb:g} MB per fil."
                    )
                out.write(block)
        if size == 0:
            raise HTTPException(422, f"«{name}» er tom: last opp en fil med innhold.")
        report = service.ingest_file(tmp, name)
    finally:
        tmp.unlink(missing_ok=True)
    rep = report.to_dict()
    if report.failed:
        _forget_upload(service, settings, name)
        f = report.failed[0]
        return JSONResponse({"detail": f"«{name}»: {f.reason}", "report": rep}, status_code=422)
    doc = _find_uploaded(service, settings, name)
    if doc is None:
        log.error("upload %s ingested but not found in the catalog", name)
        raise HTTPException(500, "Dokumentet ble lest, men finnes ikke i indeksen etterpå. Prøv igjen.")
    chunks = len(service.document(doc.doc_id)[1])
    return {"doc_id": doc.doc_id, "title": doc.title, "chunks": chunks, "report": rep}


def _upload_path(settings, name: str) -> Path:
    return (settings.data_dir / "uploads").resolve() / name


def _forget_upload(service, settings, name: str) -> None:
    """Remove a stored upload that no catalog entry uses (a failed upload leaves nothing behind)."""
    path = _upload_path(settings, name)
    if str(path) not in service.catalog.doc_ids_by_source():
        path.unlink(missing_ok=True)


def _find_uploaded(service, settings, name: str):
    """The catalog entry of the file `ingest_upload` stored as data_dir/uploads/<name>."""
    doc_id = service.catalog.doc_ids_by_source().get(str(_upload_path(settings, name)))
    if doc_id is None:
        return None
    return next((d for d in service.documents() if d.doc_id == doc_id), None)


@router.delete(
    "/{doc_id}",
    response_model=Deleted,
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}},
    dependencies=[WriteAccess],
    summary="Slett et dokument",
)
def delete_document(doc_id: str, service: ServiceDep, settings: SettingsDep) -> dict:
    sources = [s for s, d in service.catalog.doc_ids_by_source().items() if d == doc_id]
    service.delete(doc_id)
    uploads = (settings.data_dir / "uploads").resolve()
    for source in sources:  # an uploaded file goes with its document; shipped files are never touched
        path = Path(source)
        if path.parent == uploads:
            _forget_upload(service, settings, path.name)
    return {"doc_id": doc_id, "deleted": True}
