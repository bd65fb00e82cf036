"""POST /api/chat: the answer streamed as server-sent events, with a server-side conversation.

Events, in order: "start" {conversation_id}, "delta" {text} …, "citations" (the /api/ask JSON without
`answer`: citations, abstained, mode, notes, hits), "done" {conversation_id}. A follow-up sends only `conversation_id` and the new question.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Iterator

from fastapi import APIRouter, HTTPException, Request
from sse_starlette.sse import EventSourceResponse

from api.deps import ConversationsDep, ReadAccess, ServiceDep, SettingsDep, check_question, run_answer
from api.schemas import ChatRequest, ErrorOut

router = APIRouter(prefix="/api", tags=["svar"], dependencies=[ReadAccess])

PIECE_DELAY_S = 0.012  # paces the pieces so a reader sees the text arrive; ~1 s for a long answer


def pieces(text: str, words: int = 3) -> Iterator[str]:
    """Split text into small pieces (a few words, whitespace kept) that join back to exactly `text`."""
    tokens = re.findall(r"\S+\s*|\s+", text)
    for i in range(0, len(tokens), words):
        yield "".join(tokens[i : i + words])


def _event(name: str, data: dict) -> dict:
    return {"event": name, "data": json.dumps(data, ensure_ascii=False)}


@router.post(
    "/chat",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Server-sent events: start, delta…, citations, done.",
        },
        401: {"model": ErrorOut},
        404: {"model": ErrorOut},
        422: {"model": ErrorOut},
        503: {"model": ErrorOut},
    },
    summary="Samtale med strømmet svar (SSE)",
)
async def chat(
    body: ChatRequest,
    request: Request,
    service: ServiceDep,
    settings: SettingsDep,
    conversations: ConversationsDep,
) -> EventSourceResponse:
    question = check_question(body.question, settings)
    if body.conversation_id:
        history = conversations.get(body.conversation_id)
        if history is None:
            raise HTTPException(
                404, "Fant ikke samtalen (serveren kan ha startet på nytt): start en ny samtale."
            )
        cid = body.conversation_id
    else:
        history = [h.model_dump() for h in body.history]
        cid = conversations.new()
    filters = body.filters.to_filters() if body.filters else None
    # Answer before the stream opens, so errors (index not ready, bad input) keep their HTTP status.
    answer = await run_answer(request, service.ask, question, filters=filters, history=history)
    conversations.append(cid, question, answer.text)
    data = answer.to_dict()

    async def events() -> AsyncIterator[dict]:
        yield _event("start", {"conversation_id": cid})
        for piece in pieces(answer.text):
            yield _event("delta", {"text": piece})
            await asyncio.sleep(PIECE_DELAY_S)
        yield _event("citations", {k: v for k, v in data.items() if k != "answer"})
        yield _event("done", {"conversation_id": cid})

    return EventSourceResponse(
        events(), ping=15, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
