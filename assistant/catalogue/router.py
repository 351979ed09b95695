"""Public catalogue API: one procedure by its code."""

from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as PathParam

from assistant.catalogue.models import Procedure

# FastAPI resolves the "CatalogueService" forward reference inside ``CatalogueDep``
# against the globals of the module that declares the route, i.e. this one.
from assistant.catalogue.service import CatalogueService  # noqa: F401
from assistant.deps import CatalogueDep

__all__ = ["router"]

router = APIRouter(tags=["catalogue"])

CodeParam = Annotated[str, PathParam(min_length=1, max_length=64, examples=["1.001193"])]


@router.get(
    "/api/procedures/{code}",
    response_model=Procedure,
    summary="Thủ tục hành chính theo mã / Administrative procedure by code",
    responses={404: {"description": "No procedure has this code"}},
)
def get_procedure(code: CodeParam, catalogue: CatalogueDep) -> Procedure:
    """The full procedure; ``ProcedureNotFoundError`` (404 ``not_found``) when unknown."""
    return catalogue.require(code)
