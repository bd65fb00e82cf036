"""OpenAI-compatible chat: POST /v1/chat/completions (streamed or not) and GET /v1/models.

Existing chat front-ends and the official `openai` client can talk to Planprat. The sources travel twice: as
[n] markers plus a «Kilder:» list in the message text (for front-ends that only show text), and as a structured
`citations` field on the response (on the final chunk when streaming).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse

from api.deps import ReadAccess, ServiceDep, SettingsDep, check_question, run_answer
from api.routes.chat import pieces
from api.schemas import ErrorOut, OAIChatRequest, OAIChatResponse, OAIModelList

router = APIRouter(prefix="/v1", tags=["openai-kompatibel"], dependencies=[ReadAccess])

MODEL_ID = "planprat"
CREATED = 1_767_225_600  # 2026-01-01, a fixed "created" for the one model


def sources_text(citations: list[dict]) -> str:
    """«Kilder:» list in plain text, one line per numbered source."""
    if not citations:
        return ""
    lines = ["Kilder:"]
    for c in citations:
        where = ", ".join(
            x
            for x in [
                c.get("municipality"),
                c.get("law_ref"),
                c.get("section"),
                f"s. {c['page']}" if c.get("page") else "",
            ]
            if x
        )
        lines.append(f"[{c['n']}] {c['doc_title']}" + (f" ({where})" if where else ""))
    return "\n".join(lines)


def full_text(data: dict) -> str:
    src = sources_text(data["citations"])
    return data["answer"] + (f"\n\n{src}" if src else "")


def _split_messages(body: OAIChatRequest) -> tuple[str, list[dict]]:
    """The last user message is the question; earlier user/assistant messages are the history."""
    convo = [(m.role, m.text()) for m in body.messages if m.role in ("user", "assistant")]
    if not convo or convo[-1][0] != "user":
        raise HTTPException(422, "Siste melding må være fra brukeren (role «user») og inneholde et spørsmål.")
    history = [{"role": r, "content": t} for r, t in convo[:-1] if t.strip()]
    return convo[-1][1], history[-20:]


def _tokens(text: str) -> int:
    return max(1, len(text.split())) if text else 0


@router.get("/models", response_model=OAIModelList, summary="Modeller (OpenAI-kompatibel)")
def models() -> dict:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "planprat"}],
    }


@router.post(
    "/chat/completions",
    response_model=OAIChatResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "JSON, or chat.completion.chunk events with stream=true.",
        },
        401: {"model": ErrorOut},
        422: {"model": ErrorOut},
        503: {"model": ErrorOut},
    },
    summary="Chat completions (OpenAI-kompatibel)",
)
async def chat_completions(
    body: OAIChatRequest, request: Request, service: ServiceDep, settings: SettingsDep
):
    question, history = _split_messages(body)
    question = check_question(question, settings)
    filters = body.filters.to_filters() if body.filters else None
    answer = await run_answer(request, service.ask, question, filters=filters, history=history)
    data = answer.to_dict()
    text = full_text(data)
    cid = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    extra = {k: v for k, v in data.items() if k not in ("answer", "citations", "hits")}
    prompt_tokens = _tokens(question) + sum(_tokens(h["content"]) for h in history)
    if not body.stream:
        return {
            "id": cid,
            "object": "chat.completion",
            "created": created,
            "model": MODEL_ID,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": _tokens(text),
                "total_tokens": prompt_tokens + _tokens(text),
            },
            "citations": data["citations"],
            "planprat": extra,
        }

    def chunk(delta: dict, finish: str | None = None, **more) -> str:
        obj = {
            "id": cid,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **more,
        }
        return f"data: {json.dumps(obj, ensure_ascii=False)}\n\n"

    async def stream() -> AsyncIterator[str]:
        yield chunk({"role": "assistant", "content": ""})
        for piece in pieces(text):
            yield chunk({"content": piece})
            await asyncio.sleep(0)
        yield chunk({}, "stop", citations=data["citations"], planprat=extra)
        yield "data: [DONE]\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})
