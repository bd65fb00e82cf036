"""The Planprat web app: JSON API, OpenAI-compatible endpoints and the chat page at /.

uvicorn --factory api.main:create_app      (what `planprat serve` runs)
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import Conversations
from api.routes import ask, chat, documents, extras, health, openai_compat, search
from planprat.errors import PlanpratError
from planprat.settings import Settings, get_settings

log = logging.getLogger("planprat.api")

STATIC = Path(__file__).parent / "static"
MAX_JSON_BYTES = 1024 * 1024  # any request other than an upload
GENERIC_500 = (
    "Noe gikk galt på serveren. Prøv igjen om litt; vedvarer feilen, kontakt den som drifter Planprat."
)

STATUS_NO = {
    400: "Ugyldig forespørsel.",
    401: "Mangler eller feil nøkkel.",
    403: "Ikke tillatt.",
    404: "Fant ikke siden eller ressursen du ba om.",
    405: "Metoden er ikke tillatt for denne adressen.",
    406: "Formatet du ba om kan ikke leveres.",
    413: "Forespørselen er for stor.",
    415: "Innholdstypen støttes ikke.",
    422: "Ugyldig forespørsel.",
    429: "For mange forespørsler: vent litt og prøv igjen.",
    500: GENERIC_500,
    503: "Tjenesten er ikke klar ennå: prøv igjen om litt.",
}

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class CatchAll:
    """Turn an unexpected exception into the generic Norwegian 500 JSON, here rather than in Starlette's
    ServerErrorMiddleware, which re-raises after answering and so makes uvicorn drop the keep-alive connection
    (the client's next request on it fails). The stack trace goes to the log only."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:  # too late for an error response: let the server close the stream
                raise
            log.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))
            await JSONResponse({"detail": GENERIC_500}, status_code=500)(scope, receive, send)


class BodyLimit:
    """Refuse bodies over the limit (413, Norwegian) from Content-Length or while reading a chunked body."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.upload_limit = int(settings.max_upload_mb * 1024 * 1024) + 64 * 1024  # multipart overhead
        self.max_upload_mb = settings.max_upload_mb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        is_upload = scope["method"] == "POST" and scope["path"].rstrip("/") == "/api/documents"
        limit = self.upload_limit if is_upload else MAX_JSON_BYTES
        detail = (
            f"Filen er for stor: grensen er {self.max_upload_mb:g} MB per fil."
            if is_upload
            else f"Forespørselen er for stor (over {MAX_JSON_BYTES // 1024} kB)."
        )
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > limit
            except ValueError:
                too_big = False
            if too_big:
                return await JSONResponse({"detail": detail}, status_code=413)(scope, receive, send)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    # FastAPI's HTTPException: FastAPI re-raises it while parsing a body (others become 400).
                    raise HTTPException(413, detail)
            return msg

        return await self.app(scope, limited, send)


def _validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "Ugyldig forespørsel."
    e = errors[0]
    loc = [str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path", "header")]
    field = ".".join(loc) or "forespørselen"
    kind = e.get("type", "")
    if kind == "missing":
        what = "mangler"
    elif kind in ("string_too_long", "too_long"):
        what = "er for lang"
    elif kind in ("string_too_short", "too_short"):
        what = "er for kort eller tom"
    elif kind.startswith("json") or kind == "model_attributes_type" or kind == "dict_type":
        what = "er ikke gyldig JSON av riktig form"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        what = "er utenfor tillatt område"
    elif kind == "literal_error" or kind == "enum":
        what = "har en verdi som ikke er tillatt"
    else:
        what = "har feil type eller format"
    return f"Ugyldig forespørsel: «{field}» {what}."


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(PlanpratError)
    async def planprat_error(request: Request, exc: PlanpratError) -> JSONResponse:
        status = getattr(exc, "status_code", 400) or 400
        if status >= 500:
            log.error("%s %s failed: %r", request.method, request.url.path, exc)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        # Starlette's own messages ("Not Found", "Method Not Allowed") are English: say it in Norwegian.
        if not isinstance(detail, str) or not any(ch in detail for ch in "æøåÆØÅ«:"):
            detail = STATUS_NO.get(exc.status_code, "Forespørselen kunne ikke behandles.")
        return JSONResponse(
            {"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error in %s %s", request.method, request.url.path)
        return JSONResponse({"detail": GENERIC_500}, status_code=500)


def _install_docs(app: FastAPI) -> None:
    """/docs with Swagger UI's files from the swagger-ui-bundle package, so the page renders offline."""
    from fastapi.openapi.docs import get_swagger_ui_html

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # pragma: no cover - the package is a dependency; without it /docs is left out
        log.warning("swagger-ui-bundle missing: /docs is not served")
        return
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="Planprat – API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )


def create_app(settings: Settings | None = None, service: Any = None) -> FastAPI:
    """The app; `service` defaults to `assistant.service.Planprat(settings)`, warmed up in the background."""
    settings = settings or get_settings()
    if service is None:
        from assistant.service import Planprat

        service = Planprat(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        def warm() -> None:
            try:
                service.warm_up()
            except Exception:  # a cold or empty index is reported by /readyz, not fatal
                log.warning("warm-up failed; /readyz will say 503 until the index is usable", exc_info=True)

        threading.Thread(target=warm, name="planprat-warm-up", daemon=True).start()
        yield

    app = FastAPI(
        title="Planprat",
        summary="Spør boligsosiale planer, rapporter og lover – med kildehenvisning til hvert utsagn.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served below from the swagger-ui-bundle package: no CDN, works offline
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.service = service
    app.state.conversations = Conversations()

    _install_handlers(app)
    app.add_middleware(CatchAll)  # innermost of ours: sees what the routes and exception handlers let through
    app.add_middleware(BodyLimit, settings=settings)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path == "/" or request.url.path.startswith("/static/"):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    for module in (ask, chat, search, documents, openai_compat, health):
        app.include_router(module.router)
    app.include_router(extras.router)

    _install_docs(app)
    # check_dir=False: the app (and its API) must start even in a checkout without the chat page.
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        page = STATIC / "index.html"
        if not page.is_file():
            raise HTTPException(
                404, "Chat-siden er ikke installert på denne serveren: bruk API-et under /docs."
            )
        return FileResponse(page, media_type="text/html; charset=utf-8")

    return app
