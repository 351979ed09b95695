"""``/staff/tester``: type or paste messages, see what the assistant makes of them."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from assistant.console.rendering import page_language, render
from assistant.errors import AssistantError
from assistant.staff.auth import PagePrincipalDep
from assistant.staff.router import TesterDep
from assistant.staff.tester import MAX_LINES

__all__ = ["router"]

router = APIRouter()


@router.get("/staff/tester")
def tester_form(request: Request, user: PagePrincipalDep, tester: TesterDep) -> Response:
    return render(request, "tester.html", principal=user, context={
        "messages": "", "rows": None, "max_lines": MAX_LINES,
        "threshold": tester.low_confidence,
    })


@router.post("/staff/tester")
async def run_tester(
    request: Request,
    user: PagePrincipalDep,
    tester: TesterDep,
    messages: Annotated[str, Form(max_length=MAX_LINES * 2100)] = "",
) -> Response:
    error, rows = "", None
    try:
        rows = await tester.test_lines(messages.splitlines())
    except AssistantError as exc:
        error = exc.message(page_language(request))
    return render(request, "tester.html", principal=user, context={
        "messages": messages, "rows": rows, "error": error, "max_lines": MAX_LINES,
        "threshold": tester.low_confidence,
    })
