"""Public search API: ``GET /api/procedures/search``.

The app includes this router before the catalogue's ``/api/procedures/{code}`` so that
"search" is not read as a procedure code.
"""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from assistant.deps import SearchDep

# FastAPI resolves the "SearchService" forward reference inside ``SearchDep`` against
# the globals of the module that declares the route, i.e. this one.
from assistant.search.models import SearchHitOut
from assistant.search.service import MAX_RESULTS, SearchService  # noqa: F401

__all__ = ["SearchOut", "router"]

router = APIRouter(tags=["search"])


class SearchOut(BaseModel):
    results: list[SearchHitOut]


@router.get(
    "/api/procedures/search",
    response_model=SearchOut,
    summary="Tìm thủ tục hành chính / Search administrative procedures",
    responses={
        422: {"description": "Empty question, k outside 1…50 or unknown level"},
        503: {"description": "The search index is still loading (raised by SearchDep)"},
    },
)
def search_procedures(
    search: SearchDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description="Câu hỏi / question (Vietnamese with or without diacritics, English)",
        ),
    ],
    k: Annotated[int, Query(ge=1, le=MAX_RESULTS, description="Number of results")] = 10,
    level: Annotated[
        str | None,
        Query(max_length=40, description="central / province / district / commune / other"),
    ] = None,
    field: Annotated[str | None, Query(max_length=200, description="Lĩnh vực contains")] = None,
    agency: Annotated[
        str | None, Query(max_length=200, description="Cơ quan thực hiện contains")
    ] = None,
) -> SearchOut:
    """The best procedures for ``q``; one per procedure family (best level first)."""
    hits = search.search(q, k=k, level=level, field=field, agency=agency)
    return SearchOut(results=[SearchHitOut.of(h) for h in hits])
