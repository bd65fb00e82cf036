"""POST /api/ask: one question, one cited answer (Answer.to_dict())."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import ReadAccess, ServiceDep, SettingsDep, check_question, run_answer
from api.schemas import AnswerOut, AskRequest, ErrorOut

router = APIRouter(prefix="/api", tags=["svar"], dependencies=[ReadAccess])

ERRORS = {401: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}}


@router.post("/ask", response_model=AnswerOut, responses=ERRORS, summary="Svar på et spørsmål med kilder")
async def ask(body: AskRequest, request: Request, service: ServiceDep, settings: SettingsDep) -> dict:
    """Answer from the documents; every statement carries a numbered source. `abstained` means «fant ikke»."""
    question = check_question(body.question, settings)
    filters = body.filters.to_filters() if body.filters else None
    history = [h.model_dump() for h in body.history]
    answer = await run_answer(request, service.ask, question, filters=filters, history=history)
    return answer.to_dict()
