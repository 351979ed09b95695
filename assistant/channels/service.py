"""The core every channel adapter shares: delivery dedupe, one conversation turn at a
time per chat, per-chat state, the outbox, background work.

Adapters translate (platform payload → ``IncomingMessage``, ``ChatOut`` → platform
payloads) and call this; nothing here knows a platform.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import Engine

from assistant.channels.outbox import Outbox
from assistant.channels.settings import ChannelSettings
from assistant.channels.store import ChannelStore
from assistant.dialogue.models import ChatOut, IncomingMessage, Language

__all__ = [
    "ChannelAdapter",
    "ChannelService",
    "Dialogue",
    "Payload",
    "Unsubscriber",
]

log = logging.getLogger(__name__)

Payload = dict[str, Any]
"""One platform message as the adapter's ``send`` takes it (JSON, kept in the outbox)."""


Unsubscriber = Callable[[str, str], Awaitable[int]]
"""Ends a chat's subscriptions of one capability (e.g. dossier status notifications):
``(channel, sender_id)`` → how many were ended."""


class Dialogue(Protocol):
    async def handle(self, message: IncomingMessage) -> ChatOut: ...


class ChannelAdapter(Protocol):
    """One platform. ``start`` may fail (platform unreachable) and is retried.

    Its webhook, ``POST /channels/<name>/webhook``, calls ``check_webhook`` with the
    request's headers before the body is read (a caller that is not the platform is
    refused without it), then ``receive`` with the body; both raise the channels'
    typed errors."""

    name: str

    @property
    def is_ready(self) -> bool: ...

    def check_webhook(self, headers: Mapping[str, str]) -> None: ...

    async def receive(self, headers: Mapping[str, str], body: bytes) -> None: ...

    async def start(self) -> None: ...

    async def aclose(self) -> None: ...

    async def send(self, recipient_id: str, payload: Payload) -> None: ...

    async def render(self, recipient_id: str, reply: ChatOut) -> list[Payload]: ...


class ChannelService:
    def __init__(
        self, engine: Engine, *, dialogue: Dialogue, settings: ChannelSettings
    ) -> None:
        self.settings = settings
        self.store = ChannelStore(engine)
        self.outbox = Outbox(engine, settings)
        self._dialogue = dialogue
        self._adapters: dict[str, ChannelAdapter] = {}
        self._turns: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._starters: list[asyncio.Task[Any]] = []
        self._maintainer: asyncio.Task[Any] | None = None
        self._stopping = asyncio.Event()
        self._unsubscribers: list[Unsubscriber] = []

    # Adapters and life cycle.

    def add(self, adapter: ChannelAdapter) -> None:
        self._adapters[adapter.name] = adapter
        self.outbox.register(adapter.name, adapter.send)

    def adapter(self, name: str) -> ChannelAdapter | None:
        return self._adapters.get(name)

    def start(self) -> None:
        """Connect the adapters and run the outbox retry loop, in the background: a
        platform that is down at start-up does not keep the gateway from starting."""
        loop = asyncio.get_running_loop()
        for adapter in self._adapters.values():
            self._starters.append(loop.create_task(self._keep_starting(adapter)))
        if self._adapters:
            self._maintainer = loop.create_task(self._maintenance())

    async def start_adapters(self) -> None:
        """Start every adapter now (tests and commands that need them at once)."""
        for adapter in self._adapters.values():
            await adapter.start()

    async def aclose(self) -> None:
        """Stop the loops, finish the turns in progress, close the adapters."""
        self._stopping.set()
        for task in self._starters:
            task.cancel()
        await asyncio.gather(*self._starters, return_exceptions=True)
        if self._maintainer is not None:  # a retry round in progress ends normally
            await asyncio.wait({self._maintainer}, timeout=30)
            self._maintainer.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=30)
        for adapter in self._adapters.values():
            try:
                await adapter.aclose()
            except Exception:
                log.exception("closing the %s channel failed", adapter.name)

    def spawn(self, work: Coroutine[Any, Any, Any], *, name: str) -> None:
        """Run ``work`` after the webhook has answered (platforms want a fast 200);
        ``aclose`` waits for it."""
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    async def drain(self) -> None:
        """Wait until the spawned work is done (tests)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s failed", task.get_name(), exc_info=task.exception())

    async def _keep_starting(self, adapter: ChannelAdapter) -> None:
        delay = 1.0
        while True:
            try:
                await adapter.start()
                log.info("%s channel started", adapter.name)
                return
            except Exception as exc:
                log.warning("%s channel not started (%s); retrying in %.0f s",
                            adapter.name, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)

    async def _maintenance(self) -> None:
        retention = timedelta(days=self.settings.delivery_retention_days)
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._stopping.wait(), self.settings.outbox_retry_interval_seconds
                )
            if self._stopping.is_set():
                return
            try:
                await self.outbox.retry_pending()
                await asyncio.to_thread(self.store.forget_deliveries, older_than=retention)
            except Exception:
                log.exception("outbox maintenance failed")

    # Conversation turns.

    async def claim_delivery(self, channel: str, delivery_id: str) -> bool:
        """True the first time a platform delivery is seen; False for a retry."""
        is_new = await asyncio.to_thread(self.store.claim_delivery, channel, delivery_id)
        if not is_new:
            log.info("%s delivery %s already processed; dropped", channel, delivery_id)
        return is_new

    async def converse(
        self,
        message: IncomingMessage,
        *,
        recipient_id: str,
        render: Callable[[ChatOut], Awaitable[list[Payload]]],
    ) -> ChatOut:
        """One turn: the dialogue's answer to ``message`` (with the chat's remembered
        context), rendered by the adapter and delivered through the outbox. Turns of
        one chat run one at a time so replies keep their order."""
        async with self._turn(message.channel, message.sender_id):
            context = await self.get_state(message.channel, f"context:{message.sender_id}")
            if context:
                message = message.model_copy(
                    update={"context": {**context, **message.context}}
                )
            reply = await self._dialogue.handle(message)
            await self.put_state(message.channel, f"language:{message.sender_id}",
                                 reply.language)
            payloads = await render(reply)
            await self.outbox.deliver(message.channel, recipient_id, payloads)
        return reply

    async def notify(
        self, channel: str, sender_id: str, *, recipient_id: str, payloads: list[Payload]
    ) -> None:
        """Deliver a channel's own message (no dialogue turn), in order with the turns."""
        async with self._turn(channel, sender_id):
            await self.outbox.deliver(channel, recipient_id, payloads)

    async def deliver_reply(self, channel: str, sender_id: str, reply: ChatOut) -> None:
        """Deliver a dialogue reply made outside a turn (the rating asked after a
        handover), rendered as the channel renders its turns (buttons, options)."""
        adapter = self._adapters[channel]
        recipient_id = sender_id.removeprefix(f"{channel}:")
        async with self._turn(channel, sender_id):
            payloads = await adapter.render(recipient_id, reply)
            await self.outbox.deliver(channel, recipient_id, payloads)

    def on_unsubscribe(self, unsubscriber: Unsubscriber) -> None:
        """Register a capability that sends a chat messages of its own (notifications)."""
        self._unsubscribers.append(unsubscriber)

    async def unsubscribe(self, channel: str, sender_id: str) -> int:
        """The chat asked to stop every notification (e.g. Telegram's ``/stop``): the
        number of subscriptions ended across capabilities."""
        return sum([await unsubscriber(channel, sender_id)
                    for unsubscriber in self._unsubscribers])

    async def remember_context(
        self, channel: str, sender_id: str, context: dict[str, Any]
    ) -> None:
        """Context (e.g. the QR counter a chat started from) sent with every later turn."""
        await self.put_state(channel, f"context:{sender_id}", context)

    async def language_of(self, channel: str, sender_id: str) -> Language | None:
        """The language the dialogue last answered this chat in."""
        value = await self.get_state(channel, f"language:{sender_id}")
        return value if value in ("vi", "en") else None

    async def get_state(self, channel: str, key: str) -> Any:
        return await asyncio.to_thread(self.store.get, channel, key)

    async def put_state(self, channel: str, key: str, value: Any) -> None:
        await asyncio.to_thread(self.store.put, channel, key, value)

    @contextlib.asynccontextmanager
    async def _turn(self, channel: str, sender_id: str) -> AsyncIterator[None]:
        key = (channel, sender_id)
        lock, users = self._turns.get(key, (asyncio.Lock(), 0))
        self._turns[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._turns[key]
            if users == 1:
                del self._turns[key]
            else:
                self._turns[key] = (lock, users - 1)

