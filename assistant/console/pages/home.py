"""``/staff/``: the overview."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from assistant.console.rendering import render
from assistant.deps import ServicesDep
from assistant.staff.auth import PagePrincipalDep

__all__ = ["router"]

router = APIRouter()


@router.get("/staff/")
async def home(request: Request, user: PagePrincipalDep, services: ServicesDep) -> Response:
    status = await services.rasa.status()
    return render(request, "home.html", principal=user, context={
        "procedures": f"{len(services.catalogue):,}".replace(",", "."),
        "rasa_ready": status.has_model,
        "search_ready": services.search is not None,
    })
