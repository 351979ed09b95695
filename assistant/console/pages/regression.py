"""``/staff/regression``: the labelled NLU and search sets against the running model."""

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console.rendering import render
from assistant.deps import from_services
from assistant.staff.auth import PagePrincipalDep

if TYPE_CHECKING:
    from assistant.regression.service import RegressionService

__all__ = ["router"]

router = APIRouter()


RegressionDep = Annotated["RegressionService", Depends(from_services("regression"))]


@router.get("/staff/regression")
def regression(request: Request, user: PagePrincipalDep, service: RegressionDep) -> Response:
    return render(request, "regression.html", principal=user, context={
        "job": service.state, "run": service.latest(),
    })


@router.post("/staff/regression")
def start_regression(user: PagePrincipalDep, service: RegressionDep) -> Response:
    service.start(started_by=user.name)
    return RedirectResponse("/staff/regression", status_code=303)
