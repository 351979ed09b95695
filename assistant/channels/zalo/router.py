"""``POST /channels/zalo/webhook``: Zalo OA events, verified by ``X-ZEvent-Signature``
and the event's age."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request

from assistant.channels.errors import ChannelDisabledError, ChannelNotReadyError
from assistant.channels.models import WebhookOut
from assistant.channels.zalo.adapter import CHANNEL, ZaloAdapter

__all__ = ["router"]

router = APIRouter(tags=["channels"])


def _zalo(request: Request) -> ZaloAdapter:
    adapter = request.app.state.services.channels.adapter(CHANNEL)
    if not isinstance(adapter, ZaloAdapter):
        raise ChannelDisabledError("Zalo OA")
    if not adapter.is_ready:
        raise ChannelNotReadyError("Zalo OA")
    return adapter


ZaloDep = Annotated[ZaloAdapter, Depends(_zalo)]


@router.post("/channels/zalo/webhook", response_model=WebhookOut)
async def zalo_webhook(
    request: Request,
    zalo: ZaloDep,
    signature: Annotated[str | None, Header(alias="X-ZEvent-Signature")] = None,
) -> WebhookOut:
    """One Zalo OA event; answered at once (Zalo allows two seconds), processed after."""
    await zalo.receive(signature, await request.body())
    return WebhookOut()
