"""``/staff/accounts`` (administrators): the accounts, adding one, unlocking one."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console.i18n import translate
from assistant.console.rendering import page_language, render
from assistant.errors import AssistantError
from assistant.staff.auth import AdminPageDep, StaffServiceDep

__all__ = ["router"]

router = APIRouter()


def _page(request: Request, user: AdminPageDep, staff: StaffServiceDep, *,
          message: str = "", is_error: bool = False, status_code: int = 200) -> Response:
    return render(request, "accounts.html", principal=user, status_code=status_code, context={
        "accounts": staff.accounts(), "message": message, "is_error": is_error,
    })


@router.get("/staff/accounts")
def accounts(request: Request, user: AdminPageDep, staff: StaffServiceDep) -> Response:
    return _page(request, user, staff)


@router.post("/staff/accounts")
def add_account(
    request: Request,
    user: AdminPageDep,
    staff: StaffServiceDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[str, Form(max_length=16)],
) -> Response:
    try:
        account = staff.add_account(username, password, role=role)
    except AssistantError as exc:
        return _page(request, user, staff, message=exc.message(page_language(request)),
                     is_error=True, status_code=exc.status)
    message = translate("accounts.added", page_language(request), name=account.username)
    return _page(request, user, staff, message=message)


@router.post("/staff/accounts/unlock")
def unlock(
    user: AdminPageDep, staff: StaffServiceDep, username: Annotated[str, Form(max_length=64)]
) -> Response:
    staff.unlock(username)
    return RedirectResponse("/staff/accounts", status_code=303)
