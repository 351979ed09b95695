"""The console's pages as one router, and what the app needs to serve them."""

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from assistant.console.pages import (
    accounts,
    catalogue,
    conversations,
    dossiers,
    home,
    login,
    regression,
    tester,
    tokens,
    unanswered,
)
from assistant.console.rendering import build_environment, render
from assistant.staff.auth import LoginRequired, PageForbidden

__all__ = ["install_console", "router"]

router = APIRouter(include_in_schema=False)
for _page in (
    login, home, tester, conversations, unanswered, regression, catalogue, dossiers,
    accounts, tokens,
):
    router.include_router(_page.router)


@router.get("/staff")
def _no_slash() -> Response:
    return RedirectResponse("/staff/", status_code=307)


def install_console(app: FastAPI) -> None:
    """Templates for the app, the console router, and the answers for a page opened
    without a session (to the log-in page) or without the role (403 page)."""
    app.state.console_templates = build_environment()
    app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        return RedirectResponse(f"/staff/login?next={quote(exc.next_path)}", status_code=303)

    @app.exception_handler(PageForbidden)
    async def _forbidden(request: Request, exc: PageForbidden) -> Response:
        return render(request, "forbidden.html", principal=exc.principal, status_code=403)
