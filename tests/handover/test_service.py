"""The handover service on a real SQLite database: queue, transcript, claims, the
citizen's messages routed away from the bot, left messages, the unclaimed timeout."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.models import IncomingMessage
from assistant.handover.errors import HandoverConflictError, HandoverNotFoundError
from assistant.handover.service import HandoverService
from assistant.handover.settings import HandoverSettings
from assistant.handover.texts import CANCEL_PAYLOAD

OPEN = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 09:00 in Vietnam
CLOSED = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)  # Sunday


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'handover.db'}")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> _Clock:
    return _Clock(OPEN)


@pytest.fixture
def service(engine: Engine, clock: _Clock) -> HandoverService:
    return HandoverService(engine, settings=HandoverSettings(unclaimed_timeout_seconds=300),
                           delivery_channels=None, clock=clock)


def _said(sender: str, text: str) -> IncomingMessage:
    return IncomingMessage(channel="api", sender_id=sender, text=text)


def test_queue_transcript_and_claim(service: HandoverService) -> None:
    async def scenario() -> None:
        first = await service.request(channel="api", sender_id="web-a", language="vi",
                                      history=[("citizen", "làm hộ chiếu"), ("bot", "…"),
                                               ("citizen", "gặp cán bộ")])
        second = await service.request(channel="api", sender_id="web-b", language="en")
        assert (first.status, first.position, second.position) == ("waiting", 1, 2)
        again = await service.request(channel="api", sender_id="web-a", language="vi")
        assert (again.handover_id, again.position) == (first.handover_id, 1)
        reply = service.reply_for(first, "vi", hours="", hotline="")
        assert "vị trí số 1" in reply[0].text

        taken = await service.intercept(_said("web-a", "Tôi cần  hỏi về hộ chiếu"))
        assert taken is not None and taken.messages == []
        assert await service.intercept(_said("web-c", "xin chào")) is None

        with pytest.raises(HandoverConflictError):
            await service.reply(first.handover_id, "lan", "Chào anh")  # not claimed yet
        claimed = await service.claim(first.handover_id, "lan")
        assert (claimed.status, claimed.claimed_by) == ("active", "lan")
        with pytest.raises(HandoverConflictError):
            await service.claim(first.handover_id, "minh")
        await service.reply(first.handover_id, "lan", "Chào anh, tôi là Lan.")
        handover, turns = await service.get(first.handover_id)
        assert handover.preview == "Tôi cần hỏi về hộ chiếu"
        assert [(t.who, t.text) for t in turns] == [
            ("citizen", "làm hộ chiếu"), ("bot", "…"), ("citizen", "gặp cán bộ"),
            ("citizen", "Tôi cần hỏi về hộ chiếu"), ("staff", "Chào anh, tôi là Lan.")]
        updates = await service.updates("web-a")
        assert [(u.author, u.text) for u in updates] == [
            ("bot", "Cán bộ lan đã tiếp nhận cuộc trò chuyện."),
            ("staff", "Chào anh, tôi là Lan.")]
        assert await service.updates("web-a") == []  # each handed out once

        moved = await service.transfer(first.handover_id, "lan", "minh")
        assert moved.claimed_by == "minh"
        with pytest.raises(HandoverConflictError):
            await service.reply(first.handover_id, "lan", "still me?")
        closed = await service.close(first.handover_id, "minh")
        assert (closed.status, closed.close_reason) == ("closed", "closed")
        assert await service.intercept(_said("web-a", "cảm ơn")) is None  # the bot again
        with pytest.raises(HandoverConflictError):
            await service.close(first.handover_id, "minh")
        with pytest.raises(HandoverNotFoundError):
            await service.claim(999, "lan")
        assert service.count() == {"closed": 1, "waiting": 1}

    asyncio.run(scenario())


def test_two_staff_claiming_at_once_one_wins(service: HandoverService) -> None:
    async def scenario() -> list[object]:
        outcome = await service.request(channel="api", sender_id="web-a", language="vi")
        return await asyncio.gather(
            *(service.claim(outcome.handover_id, name) for name in ("lan", "minh", "hoa")),
            return_exceptions=True)

    results = asyncio.run(scenario())
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert sum(isinstance(r, HandoverConflictError) for r in results) == 2


def test_outside_hours_a_message_with_contact(service: HandoverService, clock: _Clock) -> None:
    clock.now = CLOSED

    async def scenario() -> None:
        outcome = await service.request(channel="api", sender_id="web-a", language="en")
        assert outcome.status == "message"
        reply = service.reply_for(outcome, "en", hours="Mon-Fri", hotline="1900 1234")
        assert "outside office hours (Mon-Fri)" in reply[0].text
        assert "Hotline: 1900 1234" in reply[0].text
        assert reply[0].buttons[0].payload == CANCEL_PAYLOAD
        kept = await service.intercept(_said("web-a", "Please call me on 0912 345 678"))
        assert kept is not None and "using the contact you left" in kept.messages[0].text
        assert await service.intercept(_said("web-a", "passport")) is None  # bot again
        [left] = await service.with_status("message")
        assert left.contact == "0912 345 678"

        other = await service.request(channel="api", sender_id="web-b", language="vi")
        cancelled = await service.intercept(_said("web-b", CANCEL_PAYLOAD))
        assert cancelled is not None and "tiếp tục hỗ trợ" in cancelled.messages[0].text
        handover, _ = await service.get(other.handover_id)
        assert (handover.status, handover.close_reason) == ("closed", "cancelled")

    asyncio.run(scenario())


def test_unclaimed_handover_becomes_a_message(service: HandoverService, clock: _Clock) -> None:
    async def scenario() -> None:
        outcome = await service.request(channel="api", sender_id="web-a", language="vi")
        assert await service.expire_unclaimed() == 0
        clock.now = OPEN + timedelta(seconds=301)
        assert await service.expire_unclaimed() == 1
        [told] = await service.updates("web-a")
        assert "chưa có cán bộ nào tiếp nhận" in told.text
        kept = await service.intercept(_said("web-a", "Tôi cần hỏi về đất đai"))
        assert kept is not None and "tại đây" in kept.messages[0].text
        handover, _ = await service.get(outcome.handover_id)
        assert (handover.status, handover.is_awaiting_message) == ("message", False)

    asyncio.run(scenario())
