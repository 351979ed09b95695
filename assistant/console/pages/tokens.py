"""``/staff/tokens`` (administrators): API tokens, creating and revoking them."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console.rendering import page_language, render
from assistant.errors import AssistantError
from assistant.staff.auth import AdminPageDep, StaffServiceDep
from assistant.staff.models import CreatedToken

__all__ = ["router"]

router = APIRouter()


def _page(request: Request, user: AdminPageDep, staff: StaffServiceDep, *,
          created: CreatedToken | None = None, message: str = "", status_code: int = 200,
          ) -> Response:
    return render(request, "tokens.html", principal=user, status_code=status_code, context={
        "tokens": staff.tokens(), "created": created, "message": message,
        "is_error": bool(message),
    })


@router.get("/staff/tokens")
def tokens(request: Request, user: AdminPageDep, staff: StaffServiceDep) -> Response:
    return _page(request, user, staff)


@router.post("/staff/tokens")
def create_token(
    request: Request,
    user: AdminPageDep,
    staff: StaffServiceDep,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
) -> Response:
    try:
        created = staff.create_token(name, role=role, created_by=user.name)
    except AssistantError as exc:
        return _page(request, user, staff, message=exc.message(page_language(request)),
                     status_code=exc.status)
    return _page(request, user, staff, created=created)


@router.post("/staff/tokens/revoke")
def revoke_token(
    user: AdminPageDep, staff: StaffServiceDep, name: Annotated[str, Form(max_length=64)]
) -> Response:
    staff.revoke_token(name)
    return RedirectResponse("/staff/tokens", status_code=303)
