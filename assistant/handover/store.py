"""SQL storage of handovers, transcripts and chat updates (tables in ``tables.py``).

Every state change is a compare-and-set on ``status`` (``UPDATE … WHERE status IN …``),
so two staff members claiming one handover, or the timeout loop and a claim, never
both win."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from assistant.handover.tables import ChatUpdateRow, HandoverRow, HandoverTurnRow

__all__ = ["ChatUpdate", "Handover", "HandoverStore", "Turn"]


@dataclass(frozen=True)
class Handover:
    id: int
    channel: str
    sender_id: str
    status: str
    language: str
    created_at: datetime
    claimed_by: str | None
    closed_at: datetime | None
    close_reason: str | None
    is_awaiting_message: bool
    contact: str | None
    preview: str


@dataclass(frozen=True)
class Turn:
    who: str
    at: datetime
    text: str
    staff: str | None


@dataclass(frozen=True)
class ChatUpdate:
    author: str
    text: str
    buttons: list[dict[str, str]]
    at: datetime


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _handover(row: Any) -> Handover:
    return Handover(
        id=row.id, channel=row.channel, sender_id=row.sender_id, status=row.status,
        language=row.language, created_at=_utc(row.created_at) or row.created_at,
        claimed_by=row.claimed_by, closed_at=_utc(row.closed_at),
        close_reason=row.close_reason, is_awaiting_message=row.is_awaiting_message,
        contact=row.contact, preview=row.preview,
    )


class HandoverStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(
        self, *, channel: str, sender_id: str, language: str, status: str,
        is_awaiting_message: bool, turns: Iterable[tuple[str, str]], preview: str,
        at: datetime | None = None,
    ) -> int:
        now = at or datetime.now(UTC)
        with self._engine.begin() as connection:
            handover_id: int = connection.execute(
                insert(HandoverRow).values(
                    channel=channel, sender_id=sender_id, language=language, status=status,
                    created_at=now, updated_at=now, is_awaiting_message=is_awaiting_message,
                    preview=preview[:200],
                ).returning(HandoverRow.id)
            ).scalar_one()
            for who, text in turns:
                connection.execute(insert(HandoverTurnRow).values(
                    handover_id=handover_id, at=now, who=who, text=text))
        return handover_id

    def get(self, handover_id: int) -> Handover | None:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(HandoverRow).where(HandoverRow.id == handover_id)).first()
        return _handover(row) if row is not None else None

    def open_for(self, channel: str, sender_id: str) -> Handover | None:
        """The handover that takes this chat's messages instead of the bot, if any."""
        query = (
            select(HandoverRow)
            .where(HandoverRow.channel == channel, HandoverRow.sender_id == sender_id,
                   HandoverRow.status.in_(("waiting", "active"))
                   | ((HandoverRow.status == "message") & HandoverRow.is_awaiting_message))
            .order_by(HandoverRow.id.desc()).limit(1)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return _handover(row) if row is not None else None

    def position(self, handover_id: int) -> int:
        """1 for the oldest waiting handover."""
        with self._engine.connect() as connection:
            return int(connection.execute(
                select(func.count()).select_from(HandoverRow)
                .where(HandoverRow.status == "waiting", HandoverRow.id <= handover_id)
            ).scalar_one())

    def with_status(self, status: str | None, *, limit: int = 200) -> list[Handover]:
        query = select(HandoverRow)
        if status is not None:
            query = query.where(HandoverRow.status == status)
        # Waiting ones oldest first (the queue); the rest newest first.
        order = HandoverRow.id if status == "waiting" else HandoverRow.id.desc()
        with self._engine.connect() as connection:
            rows = connection.execute(query.order_by(order).limit(limit)).all()
        return [_handover(r) for r in rows]

    def count(self) -> dict[str, int]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(HandoverRow.status, func.count()).group_by(HandoverRow.status)).all()
        return {status: int(n) for status, n in rows}

    def turns(self, handover_id: int) -> list[Turn]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(HandoverTurnRow).where(HandoverTurnRow.handover_id == handover_id)
                .order_by(HandoverTurnRow.id)).all()
        return [Turn(r.who, _utc(r.at) or r.at, r.text, r.staff) for r in rows]

    def add_turn(
        self, handover_id: int, who: str, text: str, *, staff: str | None = None,
        **changes: Any,
    ) -> None:
        """Append to the transcript and apply ``changes`` to the handover at once."""
        now = datetime.now(UTC)
        with self._engine.begin() as connection:
            connection.execute(insert(HandoverTurnRow).values(
                handover_id=handover_id, at=now, who=who, text=text, staff=staff))
            connection.execute(update(HandoverRow).where(HandoverRow.id == handover_id)
                               .values(updated_at=now, **changes))

    def transition(
        self, handover_id: int, *, from_statuses: Iterable[str],
        if_claimed_by: str | None = None, **changes: Any,
    ) -> bool:
        """Apply ``changes`` if the handover is in one of ``from_statuses`` (and, when
        given, claimed by ``if_claimed_by``); False when another change came first."""
        query = update(HandoverRow).where(
            HandoverRow.id == handover_id, HandoverRow.status.in_(tuple(from_statuses)))
        if if_claimed_by is not None:
            query = query.where(HandoverRow.claimed_by == if_claimed_by)
        with self._engine.begin() as connection:
            result = connection.execute(
                query.values(updated_at=datetime.now(UTC), **changes))
        return bool(result.rowcount == 1)

    def waiting_since_before(self, moment: datetime) -> list[Handover]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(HandoverRow).where(HandoverRow.status == "waiting",
                                          HandoverRow.created_at < moment)).all()
        return [_handover(r) for r in rows]

    # Messages for chats that poll (the widget).

    def push_update(
        self, sender_id: str, author: str, text: str, buttons: list[dict[str, str]]
    ) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(ChatUpdateRow).values(
                sender_id=sender_id, author=author, text=text, buttons=buttons,
                created_at=datetime.now(UTC)))

    def fetch_updates(self, sender_id: str) -> list[ChatUpdate]:
        """The chat's messages not fetched before, oldest first; each is handed out once."""
        now = datetime.now(UTC)
        with self._engine.begin() as connection:
            rows = connection.execute(
                select(ChatUpdateRow).where(ChatUpdateRow.sender_id == sender_id,
                                            ChatUpdateRow.fetched_at.is_(None))
                .order_by(ChatUpdateRow.id).limit(100)).all()
            taken = []
            for row in rows:
                claimed = connection.execute(
                    update(ChatUpdateRow)
                    .where(ChatUpdateRow.id == row.id, ChatUpdateRow.fetched_at.is_(None))
                    .values(fetched_at=now))
                if claimed.rowcount == 1:
                    taken.append(ChatUpdate(row.author, row.text, list(row.buttons or []),
                                            _utc(row.created_at) or row.created_at))
        return taken
