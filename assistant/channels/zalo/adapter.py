"""The Zalo OA channel: signed webhook events in, customer-service messages out.

Zalo wants the webhook answered within two seconds, so an event is verified and
de-duplicated in the request and processed in the background.
"""

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from assistant.channels.errors import ChannelNotReadyError, WebhookRejectedError
from assistant.channels.service import ChannelService, Payload
from assistant.channels.texts import channel_text
from assistant.channels.zalo import render
from assistant.channels.zalo.client import ZaloClient
from assistant.channels.zalo.models import ZaloEvent, ZaloMessage
from assistant.channels.zalo.settings import ZaloSettings
from assistant.dialogue.models import ChatOut, IncomingMessage
from assistant.text import fold_diacritics

__all__ = ["CHANNEL", "ZaloAdapter", "zalo_signature"]

log = logging.getLogger(__name__)

CHANNEL = "zalo"
_SIGNATURE_HEADER = "X-ZEvent-Signature"
# Zalo has no bot commands: the words OA subscribers type to stop messages (folded).
# A ``"timestamp": 123`` or ``"timestamp": "123"`` key not inside a string (where its
# quotes would be escaped).
_TIMESTAMP = re.compile(rb'(?<!\\)"timestamp"\s*:\s*"?(\d{1,16})"?')
_STOP_WORDS = frozenset({"/stop", "stop", "tat thong bao", "huy thong bao", "dung thong bao"})


def zalo_signature(app_id: str, body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """``X-ZEvent-Signature``: ``mac=`` + SHA-256 of app id + raw body + the event's
    timestamp + the OA secret key."""
    digest = hashlib.sha256(
        app_id.encode() + body + timestamp.encode() + oa_secret_key.encode()
    ).hexdigest()
    return f"mac={digest}"


class ZaloAdapter:
    name = CHANNEL

    def __init__(self, settings: ZaloSettings, core: ChannelService) -> None:
        self._settings = settings
        self._core = core
        self._client = ZaloClient(settings, core, channel=CHANNEL)
        self._is_ready = False

    @property
    def is_ready(self) -> bool:
        return self._is_ready

    async def start(self) -> None:
        await self._client.load_tokens()
        self._is_ready = True

    async def aclose(self) -> None:
        self._is_ready = False
        await self._client.aclose()

    def check_webhook(self, headers: Mapping[str, str]) -> None:
        """Zalo signs the body: nothing to check before it is read but readiness."""
        if not self._is_ready:
            raise ChannelNotReadyError("Zalo OA")

    async def receive(self, headers: Mapping[str, str], body: bytes) -> None:
        """A webhook call: verify the signature and the event's age, drop replays and
        duplicates, process later."""
        event = self._verify(headers.get(_SIGNATURE_HEADER), body)
        if not event.is_from_user:
            log.debug("zalo event %s ignored", event.event_name)
            return
        if await self._core.claim_delivery(CHANNEL, event.delivery_id):
            self._core.spawn(self._handle(event), name=f"zalo {event.event_name}")

    def _verify(self, signature: str | None, body: bytes) -> ZaloEvent:
        # The signature covers the event's own timestamp, so it is read from the raw
        # bytes: nothing an unsigned caller sent is parsed as JSON.
        settings = self._settings
        given = (signature or "").strip().encode()
        timestamp = next(
            (
                stamp for stamp in _timestamps(body)
                if given and hmac.compare_digest(given, zalo_signature(
                    settings.app_id, body, stamp, settings.oa_secret_key).encode())
            ),
            None,
        )
        if timestamp is None:
            raise WebhookRejectedError("invalid signature")
        if abs(time.time() - int(timestamp) / 1000) > settings.max_clock_skew_seconds:
            raise WebhookRejectedError("stale or future event")
        try:
            data: Any = json.loads(body)
            event = ZaloEvent.model_validate(data)
        except (ValueError, RecursionError, ValidationError) as exc:
            raise WebhookRejectedError("malformed event") from exc
        if str(data.get("timestamp")) != timestamp:
            raise WebhookRejectedError("malformed event")
        return event

    async def _handle(self, event: ZaloEvent) -> None:
        assert event.sender is not None
        user_id = event.sender.id
        text = event.message.text if event.message else None
        if event.event_name != "user_send_text" or not text:
            language = await self._core.language_of(CHANNEL, _sender(user_id)) or "vi"
            await self._core.notify(CHANNEL, _sender(user_id), recipient_id=user_id,
                                    payloads=[{"text": channel_text("unsupported", language)}])
            return
        if _asks_to_stop(text):
            await self._stop(user_id)
            return
        message = IncomingMessage(
            channel=CHANNEL, sender_id=_sender(user_id), text=await self._payload(user_id, text)
        )

        async def render_for_user(reply: ChatOut) -> list[Payload]:
            return await self.render(user_id, reply)

        await self._core.converse(message, recipient_id=user_id, render=render_for_user)

    async def render(self, recipient_id: str, reply: ChatOut) -> list[Payload]:
        """Zalo messages for ``reply``; its numbered options are remembered for the
        user's next typed number."""
        rendered = await render.render_reply(reply, self._settings, self._save_key)
        await self._core.put_state(CHANNEL, f"options:{recipient_id}", rendered.options)
        return [dict(m) for m in rendered.messages]

    async def _stop(self, user_id: str) -> None:
        """Unsubscribe the user from every notification; the conversation goes on."""
        removed = await self._core.unsubscribe(CHANNEL, _sender(user_id))
        language = await self._core.language_of(CHANNEL, _sender(user_id)) or "vi"
        text = channel_text("stopped" if removed else "nothing_to_stop", language)
        await self._core.notify(CHANNEL, _sender(user_id), recipient_id=user_id,
                                payloads=[{"text": text}])

    async def _payload(self, user_id: str, text: str) -> str:
        """What a typed option number or a long button's key stands for; else the text."""
        typed = text.strip()
        if typed.isdigit():
            options = await self._core.get_state(CHANNEL, f"options:{user_id}") or []
            if 1 <= int(typed) <= len(options):
                return str(options[int(typed) - 1])
        if render.is_key(typed):
            return str(await self._core.get_state(CHANNEL, f"button:{typed}") or text)
        return text

    async def _save_key(self, key: str, payload: str) -> None:
        await self._core.put_state(CHANNEL, f"button:{key}", payload)

    async def send(self, recipient_id: str, payload: Payload) -> None:
        """Outbox sender: one customer-service message."""
        message: ZaloMessage = {"text": str(payload["text"])}
        if "attachment" in payload:
            message["attachment"] = payload["attachment"]
        await self._client.send_message(recipient_id, message)


def _asks_to_stop(text: str) -> bool:
    return " ".join(fold_diacritics(text).lower().split()) in _STOP_WORDS


def _timestamps(body: bytes) -> list[str]:
    """The values of ``"timestamp"`` keys in the raw event (a few at most), the
    candidates for the signed one."""
    return [m.group(1).decode() for m in _TIMESTAMP.finditer(body)][:3]


def _sender(user_id: str) -> str:
    return f"{CHANNEL}:{user_id}"
