"""``GET /staff/inbox``: the officers' inbox page (waiting and active handovers, live).

The page holds no data itself: its script calls ``/api/staff/handovers…`` with the
console session's cookie and the CSRF token the page carries in
``<meta name="csrf-token">``; the signed-in officer is who claims and replies."""

from html import escape
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from assistant.staff.auth import PagePrincipalDep

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_PAGE = Path(__file__).parent / "templates" / "inbox.html"


@router.get("/staff/inbox", response_class=HTMLResponse)
def inbox(principal: PagePrincipalDep) -> HTMLResponse:
    session = (
        f'<meta name="csrf-token" content="{escape(principal.csrf_token)}">'
        f'<meta name="staff-name" content="{escape(principal.name)}">'
    )
    page = _PAGE.read_text(encoding="utf-8").replace("</head>", f"{session}\n</head>", 1)
    return HTMLResponse(page, headers={"cache-control": "no-store"})
