"""``POST /channels/telegram/webhook``: Telegram's updates, verified by the secret
header Telegram sends (``setWebhook(secret_token=…)``)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request

from assistant.channels.errors import ChannelDisabledError, ChannelNotReadyError
from assistant.channels.models import WebhookOut
from assistant.channels.telegram.adapter import CHANNEL, TelegramAdapter

__all__ = ["router"]

router = APIRouter(tags=["channels"])


def _telegram(
    request: Request,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> TelegramAdapter:
    """The Telegram adapter, once the caller proved to be Telegram (before the body is
    read)."""
    adapter = request.app.state.services.channels.adapter(CHANNEL)
    if not isinstance(adapter, TelegramAdapter) or not adapter.accepts_webhooks:
        raise ChannelDisabledError("Telegram (webhook)")
    if not adapter.is_ready:
        raise ChannelNotReadyError("Telegram")
    adapter.check_secret(secret)
    return adapter


TelegramDep = Annotated[TelegramAdapter, Depends(_telegram)]


@router.post("/channels/telegram/webhook", response_model=WebhookOut)
async def telegram_webhook(request: Request, telegram: TelegramDep) -> WebhookOut:
    """One update from Telegram; answered at once, processed in the background."""
    await telegram.receive(await request.body())
    return WebhookOut()
