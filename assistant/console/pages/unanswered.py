"""``/staff/unanswered``: questions the assistant could not answer, grouped; adding a
training example; retraining with its progress."""

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console.i18n import translate
from assistant.console.rendering import page_language, render
from assistant.deps import ServicesDep, from_services
from assistant.errors import AssistantError
from assistant.staff.auth import PagePrincipalDep

if TYPE_CHECKING:
    from assistant.unanswered.service import UnansweredService

__all__ = ["router"]

router = APIRouter()


UnansweredDep = Annotated["UnansweredService", Depends(from_services("unanswered"))]


async def _page(request: Request, user: PagePrincipalDep, services: ServicesDep,
                unanswered: "UnansweredService", *, days: int, message: str = "",
                is_error: bool = False, status_code: int = 200) -> Response:
    status = await services.rasa.status()
    running = str(status.get("model_file") or "")
    return render(request, "unanswered.html", principal=user, status_code=status_code, context={
        "groups": unanswered.groups(days=days)[:100], "days": days,
        "intents": unanswered.intents(), "message": message, "is_error": is_error,
        "is_stale": bool(running) and unanswered.is_model_stale(running),
        "training": unanswered.training_state,
    })


@router.get("/staff/unanswered")
async def unanswered_page(
    request: Request, user: PagePrincipalDep, services: ServicesDep,
    unanswered: UnansweredDep, days: Annotated[int, Query(ge=1, le=365)] = 30,
) -> Response:
    return await _page(request, user, services, unanswered, days=days)


@router.post("/staff/unanswered/examples")
async def add_example(
    request: Request,
    user: PagePrincipalDep,
    services: ServicesDep,
    unanswered: UnansweredDep,
    intent: Annotated[str, Form(max_length=64)],
    text: Annotated[str, Form(max_length=300)],
) -> Response:
    language = page_language(request)
    try:
        is_new = unanswered.add_example(intent=intent, text=text)
    except AssistantError as exc:
        return await _page(request, user, services, unanswered, days=30, is_error=True,
                           message=exc.message(language), status_code=exc.status)
    key = "unanswered.added" if is_new else "unanswered.known"
    return await _page(request, user, services, unanswered, days=30,
                       message=translate(key, language, intent=intent))


@router.post("/staff/training")
def start_training(_: PagePrincipalDep, unanswered: UnansweredDep) -> Response:
    unanswered.start_retraining()
    return RedirectResponse("/staff/training", status_code=303)


@router.get("/staff/training")
def training(request: Request, user: PagePrincipalDep, unanswered: UnansweredDep) -> Response:
    return render(request, "training.html", principal=user, context={
        "training": unanswered.training_state,
    })
