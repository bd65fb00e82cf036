"""GET /api/search: the passages that best match a query."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from api.deps import ReadAccess, ServiceDep, SettingsDep, check_question, run_answer
from api.schemas import MAX_LIST, ErrorOut, HitOut
from planprat.models import Filters, hit_to_dict

router = APIRouter(prefix="/api", tags=["søk"], dependencies=[ReadAccess])


@router.get(
    "/search",
    response_model=list[HitOut],
    responses={401: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}},
    summary="Søk etter tekstbiter",
)
async def search(
    request: Request,
    service: ServiceDep,
    settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=20_000, description="What to look for, in Norwegian.")],
    k: Annotated[
        int | None, Query(ge=1, le=50, description="How many passages (default: settings.top_k).")
    ] = None,
    kind: Annotated[list[str], Query(max_length=MAX_LIST)] = [],  # noqa: B006 - FastAPI copies defaults
    municipality: Annotated[list[str], Query(max_length=MAX_LIST)] = [],  # noqa: B006
    law: Annotated[list[str], Query(max_length=MAX_LIST)] = [],  # noqa: B006
    mode: Annotated[Literal["hybrid", "dense", "lexical"], Query()] = "hybrid",
) -> list[dict]:
    query = check_question(q, settings)
    filters = Filters(kinds=tuple(kind), municipalities=tuple(municipality), laws=tuple(law))
    hits = await run_answer(request, service.search, query, k=k, filters=filters, mode=mode)
    return [hit_to_dict(h) for h in hits]
