"""Who is calling the staff surface, as FastAPI dependencies.

The API takes an ``Authorization: Bearer`` token (an API token, or the development
token) or the console's session cookie; a cookie-authenticated request that changes
something must also carry the session's CSRF token (``X-CSRF-Token`` header or the
``csrf_token`` form field). Console pages take the session cookie only and send
anyone without one to the log-in page.
"""

import hmac
from typing import Annotated

from fastapi import Depends, Request

from assistant.deps import from_services
from assistant.staff.errors import ForbiddenError, InvalidCsrfError, StaffTokenError
from assistant.staff.models import Principal
from assistant.staff.service import StaffService

__all__ = [
    "SESSION_COOKIE",
    "AdminDep",
    "AdminPageDep",
    "LoginRequired",
    "PageForbidden",
    "PagePrincipalDep",
    "StaffDep",
    "StaffServiceDep",
    "check_csrf",
]

SESSION_COOKIE = "assistant_staff"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequired(Exception):
    """A console page without a session: answered with a redirect to the log-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageForbidden(Exception):
    """A console page only administrators may open, asked for by ``principal``."""

    def __init__(self, principal: Principal) -> None:
        super().__init__(principal.name)
        self.principal = principal


StaffServiceDep = Annotated[StaffService, Depends(from_services("staff"))]


def _principal(request: Request, staff: StaffService) -> Principal | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return staff.bearer_principal(value)
    return staff.session_principal(request.cookies.get(SESSION_COOKIE, ""))


def check_csrf(principal: Principal, submitted: str | None) -> None:
    """Refuse a cookie-authenticated change without the session's CSRF token."""
    if principal.kind != "session":
        return  # a bearer token is not sent by browsers on their own
    if not submitted or not hmac.compare_digest(submitted.encode(), principal.csrf_token.encode()):
        raise InvalidCsrfError()


async def require_staff(request: Request, staff: StaffServiceDep) -> Principal:
    principal = _principal(request, staff)
    if principal is None:
        raise StaffTokenError()
    if request.method not in _SAFE_METHODS and principal.kind == "session":
        submitted = request.headers.get("x-csrf-token")
        if submitted is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            value = (await request.form()).get("csrf_token")
            submitted = value if isinstance(value, str) else None
        check_csrf(principal, submitted)
    return principal


async def require_admin(principal: Annotated[Principal, Depends(require_staff)]) -> Principal:
    if not principal.is_admin:
        raise ForbiddenError()
    return principal


StaffDep = Annotated[Principal, Depends(require_staff)]
AdminDep = Annotated[Principal, Depends(require_admin)]


async def require_page_user(request: Request, staff: StaffServiceDep) -> Principal:
    principal = staff.session_principal(request.cookies.get(SESSION_COOKIE, ""))
    if principal is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(path)
    if request.method not in _SAFE_METHODS:
        value = (await request.form()).get("csrf_token")
        check_csrf(principal, value if isinstance(value, str) else None)
    return principal


async def require_page_admin(
    principal: Annotated[Principal, Depends(require_page_user)],
) -> Principal:
    if not principal.is_admin:
        raise PageForbidden(principal)
    return principal


PagePrincipalDep = Annotated[Principal, Depends(require_page_user)]
AdminPageDep = Annotated[Principal, Depends(require_page_admin)]
