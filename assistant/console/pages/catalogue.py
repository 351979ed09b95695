"""``/staff/catalogue``: browse and search procedures, one procedure's fields."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

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
    })


@router.get("/staff/catalogue/{code}")
def procedure(request: Request, code: str, user: PagePrincipalDep,
              services: ServicesDep) -> Response:
    return render(request, "procedure.html", principal=user, context={
        "p": services.catalogue.require(code[:64]),
    })
