"""``POST /channels/<name>/webhook``: every channel's webhook. The adapter refuses a
caller that is not its platform (secret, signature, age) and answers at once; the
conversation turn runs after."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request

from assistant.channels.errors import ChannelDisabledError
from assistant.channels.models import WebhookOut
from assistant.channels.registry import channel_entry
from assistant.channels.service import ChannelService
from assistant.deps import from_services

__all__ = ["ChannelsDep", "router"]

router = APIRouter(tags=["channels"])

ChannelsDep = Annotated[ChannelService, Depends(from_services("channels"))]


@router.post("/channels/{channel}/webhook", response_model=WebhookOut)
async def webhook(channel: str, request: Request, channels: ChannelsDep) -> WebhookOut:
    """One delivery from the platform (Telegram's updates, Zalo OA's events)."""
    entry = channel_entry(channel)
    if entry is None:
        raise HTTPException(status_code=404, detail="Not Found")
    adapter = channels.adapter(entry.name)
    if adapter is None:
        raise ChannelDisabledError(entry.title)
    adapter.check_webhook(request.headers)  # before the body is read
    await adapter.receive(request.headers, await request.body())
    return WebhookOut()
