"""``/staff/catalogue``: browse and search procedures, one procedure's fields."""

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from assistant.console.rendering import render
from assistant.deps import ServicesDep
from assistant.staff.auth import PagePrincipalDep

__all__ = ["router"]

router = APIRouter()
_PAGE = 50


@router.get("/staff/catalogue")
def catalogue(
    request: Request,
    user: PagePrincipalDep,
    services: ServicesDep,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> Response:
    """Without a query: every procedure by title; with one: what search finds (the
    same ranking citizens get), or titles containing it while search is loading."""
    scores: dict[str, float] = {}
    if q.strip() and services.search is not None:
        hits = services.search.search(q, k=_PAGE)
        scores = {hit.code: hit.score for hit in hits}
        procedures = [p for p in (services.catalogue.get(h.code) for h in hits) if p]
    else:
        needle = q.strip().lower()
        procedures = sorted(
            (p for p in services.catalogue.all() if needle in p.title.lower()),
            key=lambda p: p.title)
    total = len(procedures)
    shown = procedures[(page - 1) * _PAGE: page * _PAGE]
    return render(request, "catalogue.html", principal=user, context={
        "q": q, "procedures": shown, "scores": scores, "total": total, "page": page,
        "pages": max(1, -(-total // _PAGE)), "count": len(services.catalogue),
        "refresh": services.catalogue_refresh.state,
    })


_SUFFIXES = {".csv", ".json", ".jsonl", ".xlsx", ".gz"}
_MAX_BYTES = 50 * 1024 * 1024


@router.post("/staff/catalogue/import")
async def import_catalogue(request: Request, user: PagePrincipalDep, services: ServicesDep,
                           file: Annotated[UploadFile, Form()]) -> Response:
    """Merge a catalogue file (as `assistant catalogue import FILE`), then rebuild the
    index; the page shows the progress."""
    name = (file.filename or "").lower()
    suffix = ".jsonl.gz" if name.endswith(".jsonl.gz") else "." + name.rsplit(".", 1)[-1]
    content = await file.read(_MAX_BYTES + 1)
    if suffix not in _SUFFIXES | {".jsonl.gz"} or not content or len(content) > _MAX_BYTES:
        return render(request, "refresh.html", principal=user, status_code=422, context={
            "refresh": services.catalogue_refresh.state, "is_refused": True})
    services.catalogue_refresh.start_import(content, suffix=suffix)
    return RedirectResponse("/staff/catalogue/refresh", status_code=303)


@router.post("/staff/catalogue/rebuild")
def rebuild_index(user: PagePrincipalDep, services: ServicesDep) -> Response:
    services.catalogue_refresh.start_rebuild()
    return RedirectResponse("/staff/catalogue/refresh", status_code=303)


@router.get("/staff/catalogue/refresh")
def refresh(request: Request, user: PagePrincipalDep, services: ServicesDep) -> Response:
    return render(request, "refresh.html", principal=user, context={
        "refresh": services.catalogue_refresh.state, "is_refused": False})


# Last: its path parameter would take /staff/catalogue/refresh.
@router.get("/staff/catalogue/{code}")
def procedure(request: Request, code: str, user: PagePrincipalDep,
              services: ServicesDep) -> Response:
    return render(request, "procedure.html", principal=user, context={
        "p": services.catalogue.require(code[:64]),
    })
