"""Recorded conversations on a real SQLite database: recording, filters, the detail,
the CSV export (masked) and deleting old ones."""

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.conversations.errors import ConversationNotFoundError
from assistant.conversations.models import ConversationQuery, RecordedTurn
from assistant.conversations.service import ConversationService
from assistant.database import create_db_engine, upgrade_to_head
from assistant.feedback.store import conversation_key
from assistant.feedback.tables import AnswerFeedbackRow

SALT = "installation-salt"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 4, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'app.db'}")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(engine: Engine, clock: Clock) -> ConversationService:
    service = ConversationService(
        engine, low_rating_max=2, now=clock,
        feedback_key=lambda conversation: conversation_key(conversation, salt=SALT),
    )
    turns = [
        ("web-1", "api", "vi", "Tôi là Nguyễn Văn An, sđt 0912345678, làm hộ chiếu",
         "ask_procedure", False),
        ("web-1", "api", "vi", "lệ phí bao nhiêu", "ask_fee", False),
        ("tg-7", "telegram", "en", "how do I register a marriage", "ask_procedure", False),
        ("zl-3", "zalo", "vi", "asdf qwer", "nlu_fallback", True),
    ]
    for sender, channel, language, text, intent, is_fallback in turns:
        clock.now += timedelta(hours=1)
        service.record(RecordedTurn(
            channel=channel, sender_id=sender, language=language, user_text=text,
            intent=intent, confidence=0.9, is_fallback=is_fallback,
            replies=[f"Trả lời cho {sender}: gọi 0987 654 321"],
        ))
    return service


def test_list_newest_first_with_counts(service: ConversationService) -> None:
    page = service.search(ConversationQuery())
    assert page.total == 3
    assert [c.sender_id for c in page.items] == ["zl-3", "tg-7", "web-1"]
    web = page.items[2]
    assert (web.turns, web.channel, web.language, web.last_intent) == (2, "api", "vi", "ask_fee")
    assert web.first_message == "Tôi là [name], sđt [phone], làm hộ chiếu"
    assert web.started_at < web.last_at


@pytest.mark.parametrize(("query", "senders"), [
    ({"channel": "telegram"}, ["tg-7"]),
    ({"language": "vi"}, ["zl-3", "web-1"]),
    ({"intent": "ask_fee"}, ["web-1"]),
    ({"fallback": True}, ["zl-3"]),
    ({"fallback": False}, ["tg-7", "web-1"]),
    ({"q": "HỘ CHIẾU"}, ["web-1"]),
    ({"q": "hộ chiếu"}, ["web-1"]),
    ({"q": "marriage"}, ["tg-7"]),
    ({"since": date(2026, 5, 4), "until": date(2026, 5, 4)}, ["zl-3", "tg-7", "web-1"]),
    ({"until": date(2026, 5, 3)}, []),
])
def test_filters(service: ConversationService, query: dict[str, object],
                 senders: list[str]) -> None:
    page = service.search(ConversationQuery.model_validate(query))
    assert [c.sender_id for c in page.items] == senders
    assert page.total == len(senders)


def test_rated_unhelpful_follows_the_thumbs(service: ConversationService, engine: Engine) -> None:
    from sqlalchemy.orm import Session

    with Session(engine) as db, db.begin():
        for sender, helpful in (("web-1", False), ("tg-7", True)):
            db.add(AnswerFeedbackRow(
                created_at=datetime(2026, 5, 4, tzinfo=UTC), is_helpful=helpful, channel="api",
                language="vi", conversation=conversation_key(sender, salt=SALT)))
    unhelpful = service.search(ConversationQuery(rated="unhelpful"))
    assert [c.sender_id for c in unhelpful.items] == ["web-1"]
    helpful = service.search(ConversationQuery(rated="helpful"))
    assert [c.sender_id for c in helpful.items] == ["tg-7"]


def test_paging(service: ConversationService) -> None:
    page = service.search(ConversationQuery(limit=2, offset=2))
    assert page.total == 3 and [c.sender_id for c in page.items] == ["web-1"]


def test_detail_turns_in_order_and_masked(service: ConversationService) -> None:
    web = service.search(ConversationQuery(channel="api")).items[0]
    detail = service.detail(web.id)
    assert [(t.who, t.intent) for t in detail.turns] == [
        ("user", "ask_procedure"), ("bot", None), ("user", "ask_fee"), ("bot", None)]
    assert detail.turns[0].text == "Tôi là [name], sđt [phone], làm hộ chiếu"
    assert detail.turns[1].text == "Trả lời cho web-1: gọi [phone]"
    with pytest.raises(ConversationNotFoundError):
        service.detail(999)


def test_csv_export_is_masked(service: ConversationService) -> None:
    text = service.export_csv(ConversationQuery())
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 8
    joined = " ".join(r["text"] for r in rows)
    assert "0912345678" not in joined and "Nguyễn" not in joined and "[name]" in joined


def test_old_conversations_are_deleted(service: ConversationService, clock: Clock) -> None:
    clock.now += timedelta(days=30)  # 30 days after the last message, minus hours
    assert service.delete_older_than(days=30) == 2  # web-1 and tg-7 ended first
    assert [c.sender_id for c in service.search(ConversationQuery()).items] == ["zl-3"]


def test_turns_recorded_together_keep_their_order(engine: Engine, clock: Clock) -> None:
    service = ConversationService(engine, low_rating_max=2, now=clock)
    service.record_many([
        RecordedTurn(channel="api", sender_id="b-1", language="vi", user_text=text,
                     intent=None, confidence=None, is_fallback=False, replies=[f"→ {text}"])
        for text in ("một", "hai")
    ] + [RecordedTurn(channel="api", sender_id="b-2", language="en", user_text="three",
                      intent=None, confidence=None, is_fallback=False, replies=[])])
    page = service.search(ConversationQuery())
    assert sorted((c.sender_id, c.turns) for c in page.items) == [("b-1", 2), ("b-2", 1)]
    first = next(c for c in page.items if c.sender_id == "b-1")
    assert [t.text for t in service.detail(first.id).turns] == ["một", "→ một", "hai", "→ hai"]
