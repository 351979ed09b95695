"""The staff API of recorded conversations: the list, one conversation, CSV export."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from assistant.conversations.models import ConversationDetail, ConversationPage, ConversationQuery
from assistant.conversations.service import ConversationService
from assistant.deps import from_services
from assistant.staff.auth import StaffDep

__all__ = ["ConversationsDep", "router"]

router = APIRouter(prefix="/api/staff/conversations", tags=["staff"])


ConversationsDep = Annotated[ConversationService, Depends(from_services("conversations"))]
QueryDep = Annotated[ConversationQuery, Query()]


@router.get("", response_model=ConversationPage)
def list_conversations(
    query: QueryDep, _: StaffDep, conversations: ConversationsDep
) -> ConversationPage:
    """Conversations, newest first, filtered; personal data is masked."""
    return conversations.search(query)


@router.get("/export.csv", response_class=Response)
def export(query: QueryDep, _: StaffDep, conversations: ConversationsDep) -> Response:
    """Every turn of the filtered conversations as CSV (masked like the pages)."""
    return Response(
        conversations.export_csv(query), media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="conversations.csv"'},
    )


@router.get("/{conversation_id}", response_model=ConversationDetail)
def conversation(
    conversation_id: int, _: StaffDep, conversations: ConversationsDep
) -> ConversationDetail:
    """One conversation's turns in order: who, when, text, intent."""
    return conversations.detail(conversation_id)
