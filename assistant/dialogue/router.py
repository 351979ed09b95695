"""``POST /api/chat``: the channel-neutral chat API (the widget and other clients)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from assistant.deps import ClientAddressDep, from_services
from assistant.dialogue.models import ChatIn, ChatOut, IncomingMessage
from assistant.dialogue.senders import api_conversation_id
from assistant.dialogue.service import DialogueService

__all__ = ["router"]

router = APIRouter(tags=["chat"])

DialogueDep = Annotated[DialogueService, Depends(from_services("dialogue"))]


@router.post("/api/chat", response_model=ChatOut)
async def chat(body: ChatIn, dialogue: DialogueDep, client: ClientAddressDep) -> ChatOut:
    """Send one user message; get the assistant's replies (text and buttons)."""
    message = IncomingMessage(
        channel="api",
        sender_id=api_conversation_id(body.sender_id),
        text=body.text,
        language=body.language,
        context=body.context.model_dump(exclude_none=True),
        client_ip=client,
    )
    return await dialogue.handle(message)
