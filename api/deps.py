"""Dependencies shared by the routers: the service, the settings, access keys, conversations, limits."""

from __future__ import annotations

import functools
import hmac
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, HTTPException, Request

from planprat.settings import Settings

MAX_CONVERSATIONS = 500  # oldest conversation is forgotten beyond this (memory is bounded)
MAX_TURNS = 20  # messages kept per conversation (user + assistant)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_service(request: Request) -> Any:
    return request.app.state.service


T = TypeVar("T")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# Retrieval and answering are CPU-bound (embedding, BM25, sentence scoring). Running as many at once as there
# are CPUs, and queueing the rest, measured ~15 % more answers/s and a shorter tail than one thread per request
# (bench serve, 32 clients, 2 cores: 24 vs 21 req/s, p95 1.6 vs 2.2 s).
ANSWER_CONCURRENCY = max(2, _cpus())


async def run_answer(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a retrieval/answer call in a worker thread, at most ANSWER_CONCURRENCY at a time per app."""
    limiter = getattr(request.app.state, "answer_limiter", None)
    if limiter is None:  # created on first use, inside the event loop
        limiter = request.app.state.answer_limiter = anyio.CapacityLimiter(ANSWER_CONCURRENCY)
    return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=limiter)


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[Any, Depends(get_service)]


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization") or ""
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _matches(token: str | None, key: str | None) -> bool:
    return bool(token and key and hmac.compare_digest(token.encode(), key.encode()))


def require_read(request: Request) -> None:
    """Reading is open unless settings.read_key is set; then the read key or the API key is required."""
    s: Settings = request.app.state.settings
    if not s.read_key:
        return
    token = _bearer(request)
    if _matches(token, s.read_key) or _matches(token, s.api_key):
        return
    raise HTTPException(
        401,
        "Denne Planprat-serveren krever innlogging: send «Authorization: Bearer <nøkkel>» med lesenøkkelen.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def require_write(request: Request) -> None:
    """Uploads and deletes need settings.api_key; without a configured key they are refused."""
    s: Settings = request.app.state.settings
    if not s.api_key:
        raise HTTPException(
            403,
            "Opplasting og sletting er slått av på denne serveren: administrator må sette PLANPRAT_API_KEY.",
        )
    if not _matches(_bearer(request), s.api_key):
        raise HTTPException(
            401,
            "Mangler eller feil API-nøkkel: send «Authorization: Bearer <API-nøkkel>» for å laste opp eller slette.",
            headers={"WWW-Authenticate": "Bearer"},
        )


ReadAccess = Depends(require_read)
WriteAccess = Depends(require_write)


def check_question(question: str, settings: Settings) -> str:
    q = question.strip()
    if not q:
        raise HTTPException(422, "Spørsmålet er tomt: skriv et spørsmål.")
    if len(q) > settings.max_question_chars:
        raise HTTPException(
            422,
            f"Spørsmålet er for langt ({len(q)} tegn): kort det ned til høyst {settings.max_question_chars} tegn.",
        )
    return q


class Conversations:
    """Chat histories kept in memory, least recently used forgotten first; thread-safe."""

    def __init__(self, max_conversations: int = MAX_CONVERSATIONS, max_turns: int = MAX_TURNS):
        self._items: OrderedDict[str, list[dict]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_conversations = max_conversations
        self.max_turns = max_turns

    def new(self) -> str:
        cid = uuid.uuid4().hex
        with self._lock:
            self._items[cid] = []
            self._evict()
        return cid

    def get(self, cid: str) -> list[dict] | None:
        with self._lock:
            hist = self._items.get(cid)
            if hist is None:
                return None
            self._items.move_to_end(cid)
            return list(hist)

    def append(self, cid: str, question: str, answer: str) -> None:
        with self._lock:
            hist = self._items.setdefault(cid, [])
            hist += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
            del hist[: max(0, len(hist) - self.max_turns)]
            self._items.move_to_end(cid)
            self._evict()

    def __len__(self) -> int:
        return len(self._items)

    def _evict(self) -> None:
        while len(self._items) > self.max_conversations:
            self._items.popitem(last=False)


def get_conversations(request: Request) -> Conversations:
    return request.app.state.conversations


ConversationsDep = Annotated[Conversations, Depends(get_conversations)]
