"""Handover to a person: the queue, the transcript, the staff actions, and the citizen's
side of it (messages routed to staff instead of the bot, replies on their channel)."""

import asyncio
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Engine

from assistant.dialogue.models import BotMessage, Button, ChatOut, IncomingMessage
from assistant.handover.delivery import CitizenDelivery
from assistant.handover.errors import HandoverConflictError, HandoverNotFoundError
from assistant.handover.hours import OpeningHours
from assistant.handover.models import RequestOutcome
from assistant.handover.settings import HandoverSettings
from assistant.handover.store import ChatUpdate, Handover, HandoverStore, Turn
from assistant.handover.texts import CANCEL_PAYLOAD, text
from assistant.text import normalise_text

__all__ = ["HandoverService"]

log = logging.getLogger(__name__)

_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:\+?84|0)(?:[ .-]?\d){8,10}"
)
_FEEDBACK_PAYLOAD = "/give_feedback"


class _Bot(Protocol):
    async def send(
        self, sender_id: str, text: str, *, metadata: dict[str, Any]
    ) -> list[BotMessage]: ...


class HandoverService:
    def __init__(
        self, engine: Engine, *, settings: HandoverSettings, delivery_channels: Any,
        bot: _Bot | None = None, clock: Any = None,
    ) -> None:
        self.settings = settings
        self.store = HandoverStore(engine)
        self._hours: OpeningHours = settings.hours()
        self._delivery = CitizenDelivery(self.store, delivery_channels)
        self._bot = bot
        self._now = clock or (lambda: datetime.now(UTC))

    # The citizen's side.

    async def request(
        self, *, channel: str, sender_id: str, language: str,
        history: Iterable[tuple[str, str]] = (),
    ) -> RequestOutcome:
        """The citizen asked for a person: queue them while officers are on duty, else
        ask for a message. ``history`` (who, text) starts the transcript."""
        current = await asyncio.to_thread(self.store.open_for, channel, sender_id)
        if current is not None and current.status in ("waiting", "active"):
            return await self._outcome(current.id, "waiting")
        is_open = self._hours.is_open(self._now())
        turns = [(who, t) for who, t in history if t.strip()][-20:]
        preview = next((t for who, t in reversed(turns) if who == "citizen"), "")
        handover_id = await asyncio.to_thread(
            self.store.create, channel=channel, sender_id=sender_id, language=language,
            status="waiting" if is_open else "message", is_awaiting_message=not is_open,
            turns=turns, preview=preview, at=self._now(),
        )
        log.info("handover %d %s (%s)", handover_id, "queued" if is_open else "message",
                 channel)
        return await self._outcome(handover_id, "waiting" if is_open else "message")

    async def _outcome(self, handover_id: int, status: str) -> RequestOutcome:
        position = (await asyncio.to_thread(self.store.position, handover_id)
                    if status == "waiting" else 0)
        return RequestOutcome(handover_id=handover_id, status=status,  # type: ignore[arg-type]
                              position=position)

    def reply_for(
        self, outcome: RequestOutcome, language: str, *, hours: str, hotline: str
    ) -> list[BotMessage]:
        """What the assistant says when the citizen asks for a person."""
        if outcome.status == "waiting":
            return [BotMessage(text=text("waiting", language, position=outcome.position))]
        line = text("hotline", language, number=hotline) if hotline else ""
        return [BotMessage(
            text=text("closed_hours", language, hours=hours, hotline=line),
            buttons=[Button(title=text("no_message", language), payload=CANCEL_PAYLOAD)],
        )]

    async def intercept(self, message: IncomingMessage) -> ChatOut | None:
        """A message of a conversation under handover, taken away from the bot: the
        reply to show now (often none: staff answer later). None: the bot answers."""
        handover = await asyncio.to_thread(
            self.store.open_for, message.channel, message.sender_id)
        if handover is None:
            return None
        said = normalise_text(message.text)
        language = handover.language
        if said == CANCEL_PAYLOAD:
            await asyncio.to_thread(
                self.store.transition, handover.id, from_statuses=(handover.status,),
                status="closed", close_reason="cancelled", closed_at=self._now(),
                is_awaiting_message=False)
            return _out(text("cancelled", language), language)
        if not said:
            return _out("", language)
        if handover.status == "message":
            contact = _CONTACT.search(said)
            await asyncio.to_thread(
                self.store.add_turn, handover.id, "citizen", said, preview=said[:200],
                is_awaiting_message=False, contact=contact[0] if contact else None)
            how = text("by_contact" if contact else "here", language)
            return _out(text("message_kept", language, how=how), language)
        await asyncio.to_thread(self.store.add_turn, handover.id, "citizen", said,
                                preview=said[:200])
        return _out("", language)

    async def updates(self, sender_id: str) -> list[ChatUpdate]:
        """Messages for a polling chat not fetched before."""
        return await asyncio.to_thread(self.store.fetch_updates, sender_id)

    # The staff's side.

    async def get(self, handover_id: int) -> tuple[Handover, list[Turn]]:
        handover = await self._get(handover_id)
        return handover, await asyncio.to_thread(self.store.turns, handover_id)

    async def with_status(self, status: str | None) -> list[Handover]:
        return await asyncio.to_thread(self.store.with_status, status)

    def count(self) -> dict[str, int]:
        """Handovers per status (for metrics)."""
        return self.store.count()

    async def claim(self, handover_id: int, staff: str) -> Handover:
        handover = await self._get(handover_id)
        if handover.status == "active" and handover.claimed_by == staff:
            return handover
        is_won = await asyncio.to_thread(
            self.store.transition, handover_id, from_statuses=("waiting", "message"),
            status="active", claimed_by=staff, is_awaiting_message=False)
        if not is_won:
            current = await self._get(handover_id)
            raise HandoverConflictError(
                f"Yêu cầu {handover_id} đã được {current.claimed_by or 'người khác'} xử lý.",
                f"Handover {handover_id} is already taken by {current.claimed_by or 'someone'}.",
            )
        await self._tell(handover, text("claimed", handover.language, staff=staff))
        return await self._get(handover_id)

    async def reply(self, handover_id: int, staff: str, said: str) -> Handover:
        handover = await self._mine(handover_id, staff)
        await asyncio.to_thread(self.store.add_turn, handover_id, "staff", said, staff=staff)
        await self._delivery.send(
            handover.channel, handover.sender_id, [BotMessage(text=said)], author="staff",
            label=text("staff_label", handover.language, staff=staff))
        return handover

    async def close(self, handover_id: int, staff: str, *, is_hand_back: bool = False) -> Handover:
        """End the handover: the bot answers again. A closed one asks for a rating of
        the help; a hand-back does not (the officer did not finish)."""
        handover = await self._get(handover_id)
        reason = "handed_back" if is_hand_back else "closed"
        is_done = await asyncio.to_thread(
            self.store.transition, handover_id, from_statuses=("waiting", "active", "message"),
            status="closed", close_reason=reason, closed_at=self._now(),
            is_awaiting_message=False)
        if not is_done:
            raise HandoverConflictError(f"Yêu cầu {handover_id} đã kết thúc.",
                                        f"Handover {handover_id} is already closed.")
        await asyncio.to_thread(self.store.add_turn, handover_id, "bot",
                                text(reason, handover.language), staff=staff)
        await self._tell(handover, text(reason, handover.language))
        if not is_hand_back:
            await self._ask_rating(handover)
        return await self._get(handover_id)

    async def transfer(self, handover_id: int, staff: str, to: str) -> Handover:
        handover = await self._mine(handover_id, staff)
        if not await asyncio.to_thread(self.store.transition, handover_id,
                                       from_statuses=("active",), if_claimed_by=staff,
                                       claimed_by=to):
            raise HandoverConflictError(f"Yêu cầu {handover_id} không còn do anh/chị xử lý.",
                                        f"Handover {handover_id} is no longer yours.")
        await self._tell(handover, text("transferred", handover.language, staff=to))
        return await self._get(handover_id)

    async def expire_unclaimed(self) -> int:
        """Waiting handovers nobody claimed in time become messages; the citizen is told.
        Run periodically by the gateway (``HandoverWatcher``)."""
        limit = self._now() - timedelta(seconds=self.settings.unclaimed_timeout_seconds)
        expired = 0
        for handover in await asyncio.to_thread(self.store.waiting_since_before, limit):
            if await asyncio.to_thread(
                self.store.transition, handover.id, from_statuses=("waiting",),
                status="message", is_awaiting_message=True):
                expired += 1
                await self._tell(handover, text("unclaimed", handover.language))
        return expired

    # Helpers.

    async def _get(self, handover_id: int) -> Handover:
        handover = await asyncio.to_thread(self.store.get, handover_id)
        if handover is None:
            raise HandoverNotFoundError(handover_id)
        return handover

    async def _mine(self, handover_id: int, staff: str) -> Handover:
        handover = await self._get(handover_id)
        if handover.status == "waiting":
            raise HandoverConflictError(
                f"Cần nhận yêu cầu {handover_id} trước khi trả lời.",
                f"Claim handover {handover_id} before answering it.")
        if handover.status == "closed":
            raise HandoverConflictError(f"Yêu cầu {handover_id} đã kết thúc.",
                                        f"Handover {handover_id} is already closed.")
        if handover.claimed_by not in (None, staff):
            raise HandoverConflictError(
                f"Yêu cầu {handover_id} do {handover.claimed_by} xử lý.",
                f"Handover {handover_id} is handled by {handover.claimed_by}.")
        return handover

    async def _tell(self, handover: Handover, said: str) -> None:
        await self._delivery.send(handover.channel, handover.sender_id,
                                  [BotMessage(text=said)], author="bot")

    async def _ask_rating(self, handover: Handover) -> None:
        """The feedback flow, started for the citizen with the handover in its context."""
        if self._bot is None:
            return
        metadata = {"channel": handover.channel, "language": handover.language,
                    "language_is_explicit": False,
                    "context": {"handover": str(handover.id)}}
        try:
            replies = await self._bot.send(handover.sender_id, _FEEDBACK_PAYLOAD,
                                           metadata=metadata)
        except Exception:
            log.exception("handover %d: the rating could not be asked", handover.id)
            return
        await self._delivery.send(handover.channel, handover.sender_id, replies,
                                  language="en" if handover.language == "en" else "vi")


def _out(said: str, language: str) -> ChatOut:
    return ChatOut(messages=[BotMessage(text=said)] if said else [],
                   language="en" if language == "en" else "vi")
