"""``/staff/conversations``: what citizens asked, filtered, and one conversation."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from assistant.console.rendering import render
from assistant.conversations.models import ConversationQuery
from assistant.conversations.router import ConversationsDep
from assistant.staff.auth import PagePrincipalDep

__all__ = ["router"]

router = APIRouter()
_PAGE = 50


def _filters(request: Request) -> dict[str, str]:
    """The filters the form sent, without empty ones or paging."""
    keep = ("q", "channel", "language", "intent", "fallback", "rated", "since", "until")
    return {k: v for k, v in request.query_params.items() if k in keep and v}


@router.get("/staff/conversations")
def conversations(
    request: Request,
    user: PagePrincipalDep,
    service: ConversationsDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    filters = _filters(request)
    query = ConversationQuery.model_validate(
        {**filters, "limit": _PAGE, "offset": (page - 1) * _PAGE}
    )
    result = service.search(query)
    pages = max(1, -(-result.total // _PAGE))
    return render(request, "conversations.html", principal=user, context={
        "result": result, "filters": filters, "page": page, "pages": pages,
        "query_string": urlencode(filters),
    })


@router.get("/staff/conversations/{conversation_id}")
def conversation(
    request: Request, conversation_id: int, user: PagePrincipalDep, service: ConversationsDep
) -> Response:
    return render(request, "conversation.html", principal=user, context={
        "detail": service.detail(conversation_id),
    })
