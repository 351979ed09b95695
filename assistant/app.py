"""The gateway's app factory. Only ``assistant.server`` calls it at import time."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import AssistantError
from assistant.settings import Settings

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway for ``settings`` (read from the environment when None)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from assistant.container import Services

        services = Services.create(settings)
        app.state.services = services
        services.start()
        if settings.server.workers > 1:
            # Workers share one socket and uvicorn accepts on a worker only after its
            # lifespan started: waiting here keeps a worker whose index is still loading
            # from taking turns that its ready siblings would answer with search.
            await services.search_loaded()
        try:
            yield
        finally:
            await services.aclose()

    app = FastAPI(
        title="Trợ lý ảo dịch vụ công / Public-service virtual assistant",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.max_body_bytes = settings.server.max_body_bytes
    _add_error_handlers(app)
    _add_routers(app)
    from assistant.request_context import RequestIdMiddleware

    app.add_middleware(RequestIdMiddleware)
    from assistant.console.router import install_console

    install_console(app)
    if settings.server.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        # What the widget calls from a portal page: the chat (POST), the dossier lookup
        # and notification poll (GET), stopping notifications (DELETE).
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.server.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["content-type", "accept-language", "x-phone-last4"],
        )
    from assistant.body_limit import BodyLimitMiddleware

    app.add_middleware(
        BodyLimitMiddleware, max_bytes=settings.server.max_body_bytes,
        larger={"/actions/": settings.server.max_action_body_bytes},
    )
    return app


def _add_routers(app: FastAPI) -> None:
    from assistant.catalogue.router import router as catalogue_router
    from assistant.channels.router import router as channels_router
    from assistant.conversations.router import router as conversations_router
    from assistant.dialogue.action_endpoint import router as action_router
    from assistant.dialogue.router import router as chat_router
    from assistant.dossiers.router import router as dossiers_router
    from assistant.dossiers.staff_router import router as dossiers_staff_router
    from assistant.feedback.router import router as feedback_router
    from assistant.handover.console import router as handover_console_router
    from assistant.handover.router import router as handover_router
    from assistant.handover.router import updates_router as chat_updates_router
    from assistant.health.router import router as health_router
    from assistant.metrics.router import router as metrics_router
    from assistant.search.router import router as search_router
    from assistant.staff.router import router as staff_router
    from assistant.web.router import router as web_router

    for router in (
        health_router,
        metrics_router,
        chat_router,
        search_router,
        catalogue_router,
        staff_router,
        conversations_router,
        dossiers_router,
        dossiers_staff_router,
        feedback_router,
        handover_router,
        chat_updates_router,
        handover_console_router,
        action_router,
        channels_router,
        web_router,
    ):
        app.include_router(router)


def _language(request: Request) -> str:
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "vi"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
        return JSONResponse(
            {"code": exc.code, "message": exc.message(_language(request))},
            status_code=exc.status,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"),
             "problem": err.get("msg", "")}
            for err in exc.errors()
        ]
        message = (
            "Invalid request: " if _language(request) == "en" else "Yêu cầu không hợp lệ: "
        ) + "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
        return JSONResponse(
            {"code": "invalid_input", "message": message, "problems": problems},
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI answers a body it cannot decode (e.g. bytes that are not UTF-8)
        # with a bare 400; to a caller that is the same mistake as malformed JSON.
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            english = _language(request) == "en"
            message = (
                "Invalid request: the body is not valid UTF-8 JSON."
                if english
                else "Yêu cầu không hợp lệ: nội dung gửi lên không phải JSON UTF-8 hợp lệ."
            )
            return JSONResponse({"code": "invalid_input", "message": message}, status_code=422)
        if exc.status_code == 413:
            message = (
                "The request is too large: at most {limit} kB."
                if _language(request) == "en"
                else "Yêu cầu quá lớn: tối đa {limit} kB."
            ).format(limit=request.app.state.max_body_bytes // 1024)
            return JSONResponse({"code": "body_too_large", "message": message}, status_code=413)
        return JSONResponse(
            {"code": "http_error", "message": str(exc.detail)},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        metrics = getattr(getattr(request.app.state, "services", None), "metrics", None)
        if metrics is not None:
            metrics.count_error("internal")
        message = (
            "Something went wrong on our side; please try again."
            if _language(request) == "en"
            else "Hệ thống gặp lỗi, anh/chị vui lòng thử lại."
        )
        return JSONResponse({"code": "internal_error", "message": message}, status_code=500)
