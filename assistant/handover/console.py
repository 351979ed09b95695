"""``GET /staff/inbox``: the officers' inbox page (waiting and active handovers, live).

The page holds no data itself: its script calls ``/api/staff/handovers…`` with the
staff token (or, once the console's sessions are in, the session cookie and the CSRF
token the page carries in ``<meta name="csrf-token">``)."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_PAGE = Path(__file__).parent / "templates" / "inbox.html"


@router.get("/staff/inbox", response_class=HTMLResponse)
def inbox() -> HTMLResponse:
    return HTMLResponse(_PAGE.read_text(encoding="utf-8"), headers={"cache-control": "no-store"})
