"""``/staff/login`` and ``/staff/logout``."""

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console.i18n import translate
from assistant.console.rendering import is_https, page_language, render
from assistant.errors import AssistantError
from assistant.staff.auth import SESSION_COOKIE, PagePrincipalDep, StaffServiceDep

__all__ = ["router"]

router = APIRouter()

# Before there is a session, the log-in form is protected by a double-submit token:
# a random value in a cookie only this path receives, echoed by the form.
_LOGIN_CSRF_COOKIE = "assistant_login_csrf"


def _safe_next(path: str | None) -> str:
    """Only a console path: never another site (``//evil``) after logging in."""
    if path and path.startswith("/staff") and not path.startswith("//") and "\\" not in path:
        return path
    return "/staff/"


def _form(
    request: Request, *, next_path: str, username: str = "", message: str = "",
    is_error: bool = False, status_code: int = 200,
) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", principal=None, status_code=status_code, context={
        "login_csrf": token, "next_path": _safe_next(next_path), "username": username,
        "message": message, "is_error": is_error,
    })
    response.set_cookie(
        _LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=is_https(request),
        path="/staff/login", max_age=3600,
    )
    return response


@router.get("/staff/login")
def login_form(request: Request, staff: StaffServiceDep, next: str = "/staff/") -> Response:
    if staff.session_principal(request.cookies.get(SESSION_COOKIE, "")) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    is_logged_out = "logged_out" in request.query_params
    message = translate("login.logged_out", page_language(request)) if is_logged_out else ""
    return _form(request, next_path=next, message=message)


@router.post("/staff/login")
def login(
    request: Request,
    staff: StaffServiceDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=128)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/staff/",
) -> Response:
    language = page_language(request)
    expected = request.cookies.get(_LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        return _form(request, next_path=next, username=username, is_error=True,
                     message=translate("login.csrf", language), status_code=403)
    try:
        cookie, _ = staff.login(username, password)
    except AssistantError as exc:
        return _form(request, next_path=next, username=username, is_error=True,
                     message=exc.message(language), status_code=exc.status)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, cookie, httponly=True, samesite="lax", secure=is_https(request),
        path="/", max_age=int(staff.settings.session_hours * 3600),
    )
    response.delete_cookie(_LOGIN_CSRF_COOKIE, path="/staff/login")
    return response


@router.post("/staff/logout")
def logout(request: Request, _: PagePrincipalDep, staff: StaffServiceDep) -> Response:
    staff.logout(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/staff/login?logged_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
