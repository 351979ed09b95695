"""``/healthz`` (the process is alive) and ``/readyz`` (every part it needs answers)."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from assistant.database import is_reachable
from assistant.deps import ServicesDep

__all__ = ["router"]

router = APIRouter(tags=["health"])


class PartOut(BaseModel):
    is_ready: bool
    detail: str


class ReadyOut(BaseModel):
    is_ready: bool
    parts: dict[str, PartOut]


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", response_model=ReadyOut, responses={503: {"model": ReadyOut}})
async def readyz(services: ServicesDep) -> JSONResponse:
    """200 only when Rasa has a model loaded, the database answers and the search
    index is in memory; otherwise 503 naming the part that is not ready (the reason
    is in the gateway's log, never in this public answer)."""
    status, db_ok = await asyncio.gather(
        services.rasa.status(), asyncio.to_thread(is_reachable, services.db)
    )
    search = services.search
    parts = {
        "rasa": PartOut(
            is_ready=status.has_model,
            detail="model loaded" if status.has_model else "no answer or no model loaded",
        ),
        "database": PartOut(is_ready=db_ok, detail="reachable" if db_ok else "unreachable"),
        "search": PartOut(
            is_ready=search is not None,
            detail=(
                f"{search.size} procedures indexed"
                if search is not None
                else "failed to load" if services.search_error else "loading"
            ),
        ),
    }
    body = ReadyOut(is_ready=all(p.is_ready for p in parts.values()), parts=parts)
    return JSONResponse(body.model_dump(), status_code=200 if body.is_ready else 503)
