"""``POST /api/chat``: the channel-neutral chat API (the widget and other clients)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from assistant.client_address import client_address
from assistant.dialogue.models import ChatIn, ChatOut, IncomingMessage
from assistant.dialogue.senders import api_conversation_id
from assistant.dialogue.service import DialogueService

__all__ = ["router"]

router = APIRouter(tags=["chat"])


def _dialogue(request: Request) -> DialogueService:
    service: DialogueService = request.app.state.services.dialogue
    return service


DialogueDep = Annotated[DialogueService, Depends(_dialogue)]


@router.post("/api/chat", response_model=ChatOut)
async def chat(body: ChatIn, request: Request, dialogue: DialogueDep) -> ChatOut:
    """Send one user message; get the assistant's replies (text and buttons)."""
    message = IncomingMessage(
        channel="api",
        sender_id=api_conversation_id(body.sender_id),
        text=body.text,
        language=body.language,
        context=body.context.model_dump(exclude_none=True),
        client_ip=client_address(
            request, trusted_proxies=request.app.state.services.settings.server.trusted_proxies
        ),
    )
    return await dialogue.handle(message)
