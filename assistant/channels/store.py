"""SQL storage of the channels capability: processed deliveries and per-channel state.

Blocking SQLAlchemy calls; ``ChannelService`` runs them in a worker thread.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from assistant.channels.tables import ChannelState, ProcessedDelivery

__all__ = ["ChannelStore"]


class ChannelStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def claim_delivery(self, channel: str, delivery_id: str) -> bool:
        """True the first time ``(channel, delivery_id)`` is seen, False for a duplicate.

        The unique constraint decides, so concurrent retries of one delivery (several
        workers, several replicas) let exactly one through."""
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    insert(ProcessedDelivery).values(
                        channel=channel, delivery_id=delivery_id[:128],
                        received_at=datetime.now(UTC),
                    )
                )
        except IntegrityError:
            return False
        return True

    def forget_deliveries(self, *, older_than: timedelta) -> int:
        cutoff = datetime.now(UTC) - older_than
        with self._engine.begin() as connection:
            result = connection.execute(
                delete(ProcessedDelivery).where(ProcessedDelivery.received_at < cutoff)
            )
        return result.rowcount or 0

    def get(self, channel: str, key: str) -> Any:
        """The value stored under ``key``; None when there is none."""
        with self._engine.connect() as connection:
            return connection.execute(
                select(ChannelState.value).where(
                    ChannelState.channel == channel, ChannelState.key == key
                )
            ).scalar_one_or_none()

    def put(self, channel: str, key: str, value: Any) -> None:
        """Store ``value`` (JSON) under ``key``, replacing what was there."""
        values = {"value": value, "updated_at": datetime.now(UTC)}
        where = (ChannelState.channel == channel, ChannelState.key == key)
        for _ in range(2):  # a concurrent first insert turns the second round into an update
            with self._engine.begin() as connection:
                if connection.execute(update(ChannelState).where(*where).values(**values)).rowcount:
                    return
            try:
                with self._engine.begin() as connection:
                    connection.execute(
                        insert(ChannelState).values(channel=channel, key=key, **values)
                    )
                return
            except IntegrityError:
                continue
