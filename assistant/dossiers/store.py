"""The SQL store of dossiers: upsert (idempotent, with history), read, the lookup audit.

An upsert that changes a dossier's status queues one notification per subscriber in
the same transaction, so a status change is told once and never lost.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from assistant.database import retry_when_locked
from assistant.dossiers.models import (
    Dossier,
    DossierChannel,
    DossierIn,
    DossierStatus,
    Requester,
    StatusEvent,
    StatusEventIn,
    UpsertOut,
    now_utc,
)
from assistant.dossiers.tables import (
    DossierLookupRow,
    DossierNotificationRow,
    DossierRow,
    DossierStatusEventRow,
    DossierSubscriptionRow,
)
from assistant.dossiers.texts import notification_text
from assistant.logs import mask_personal_data

__all__ = ["DossierStore"]

_FIELDS = (
    "procedure_code", "procedure_name", "agency", "channel", "received_on", "due_on",
    "result_ready_on", "applicant_name", "applicant_phone",
)


class DossierStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def count(self) -> int:
        with Session(self._engine) as session:
            return session.scalar(select(func.count()).select_from(DossierRow)) or 0

    def get(self, code: str) -> Dossier | None:
        with Session(self._engine) as session:
            row = session.scalar(
                select(DossierRow)
                .where(DossierRow.code == code)
                .options(selectinload(DossierRow.events))
            )
            return None if row is None else _to_model(row)

    @retry_when_locked()
    def upsert(self, code: str, data: DossierIn, *, is_demo: bool = False) -> UpsertOut:
        """Create or update ``code``; repeating the same data changes nothing."""
        now = now_utc()
        with Session(self._engine) as session, session.begin():
            row = session.scalar(
                select(DossierRow)
                .where(DossierRow.code == code)
                .options(selectinload(DossierRow.events))
                .with_for_update()
            )
            is_created = row is None
            if row is None:
                row = DossierRow(code=code, is_demo=is_demo, created_at=now)
                session.add(row)
            old_status = row.status
            values = {name: getattr(data, name) for name in _FIELDS}
            values["channel"] = data.channel.value
            is_changed = is_created or any(getattr(row, k) != v for k, v in values.items())
            for name, value in values.items():
                setattr(row, name, value)
            added = _merge_events(row, data, now=now)
            row.status = data.status.value
            is_changed = is_changed or bool(added) or old_status != row.status
            if is_changed:
                row.updated_at = now
            session.flush()
            is_status_changed = not is_created and old_status != row.status
            queued = _queue_notifications(session, row, now=now) if is_status_changed else 0
        return UpsertOut(
            code=code, is_created=is_created, is_changed=is_changed,
            is_status_changed=is_status_changed, status=data.status, notifications=queued,
        )

    def failed_verifications(self, code: str, *, since: datetime) -> list[datetime]:
        """When wrong second factors were given for ``code`` since ``since``."""
        with Session(self._engine) as session:
            moments = session.scalars(
                select(DossierLookupRow.at).where(
                    DossierLookupRow.at > since, DossierLookupRow.code == _audited(code),
                    DossierLookupRow.outcome == "verification_failed",
                )
            ).all()
        return [_utc(at) for at in moments]

    def has_verified(
        self, code: str, *, channel: str, sender_id: str, since: datetime
    ) -> bool:
        """True when this conversation gave ``code``'s right second factor since ``since``."""
        with Session(self._engine) as session:
            found = session.scalar(
                select(DossierLookupRow.id).where(
                    DossierLookupRow.at > since, DossierLookupRow.code == _audited(code),
                    DossierLookupRow.outcome == "found_verified",
                    DossierLookupRow.channel == channel[:32],
                    DossierLookupRow.sender_id == sender_id[:128],
                ).limit(1)
            )
        return found is not None

    @retry_when_locked()
    def record_lookup(
        self, requester: Requester, *, code: str | None, outcome: str, has_second_factor: bool
    ) -> None:
        """One line of the audit trail; the second factor itself is never stored."""
        with Session(self._engine) as session, session.begin():
            session.add(DossierLookupRow(
                at=now_utc(),
                channel=requester.channel[:32],
                sender_id=(requester.sender_id or None) and requester.sender_id[:128],
                client_ip=requester.client_ip,
                code=None if code is None else _audited(code),
                outcome=outcome,
                has_second_factor=has_second_factor,
            ))


def _merge_events(
    row: DossierRow, data: DossierIn, *, now: datetime
) -> list[DossierStatusEventRow]:
    """Add the steps of ``data`` not yet in the history. A current status without a time
    is a new step only when it differs from the latest one known."""
    known = {(e.status, _utc(e.at)) for e in row.events}
    incoming: list[StatusEventIn] = sorted(
        (e for e in data.history if e.at is not None), key=lambda e: _utc(e.at)
    )
    timeless = [e for e in data.history if e.at is None]
    current = StatusEventIn(status=data.status, at=data.status_at, note=data.note)
    added: list[DossierStatusEventRow] = []
    for event in [*incoming, *timeless, current]:
        if event.at is None:
            latest = _latest(row.events)
            if latest is not None and latest.status == event.status.value:
                if event.note and latest.note != event.note:
                    latest.note = event.note
                continue
            at = now
        else:
            at = _utc(event.at)
        if (event.status.value, at) in known:
            continue
        known.add((event.status.value, at))
        new = DossierStatusEventRow(status=event.status.value, at=at, note=event.note)
        row.events.append(new)
        added.append(new)
    return added


def _queue_notifications(session: Session, row: DossierRow, *, now: datetime) -> int:
    latest = _latest([e for e in row.events if e.status == row.status])
    if latest is None:
        return 0
    subscriptions = session.scalars(
        select(DossierSubscriptionRow).where(DossierSubscriptionRow.dossier_code == row.code)
    ).all()
    queued = 0
    for subscription in subscriptions:
        exists = session.scalar(
            select(DossierNotificationRow.id).where(
                DossierNotificationRow.subscription_id == subscription.id,
                DossierNotificationRow.event_id == latest.id,
            )
        )
        if exists is not None:
            continue
        status = DossierStatus(row.status)
        session.add(DossierNotificationRow(
            subscription_id=subscription.id,
            event_id=latest.id,
            channel=subscription.channel,
            recipient_id=subscription.recipient_id,
            dossier_code=row.code,
            status=status.value,
            text=notification_text(
                code=row.code, procedure=row.procedure_name, status=status,
                language=subscription.language,
                note=mask_personal_data(latest.note) if latest.note else None,
            ),
            created_at=now,
        ))
        queued += 1
    return queued


def _latest(events: Iterable[DossierStatusEventRow]) -> DossierStatusEventRow | None:
    return max(events, key=lambda e: (_utc(e.at), e.id or 0), default=None)


def _audited(code: str) -> str:
    """A code as the audit trail keeps it (anything that looks personal masked)."""
    return mask_personal_data(code)[:80]


def _utc(value: datetime | None) -> datetime:
    """SQLite hands back times without a zone; they were stored as UTC."""
    assert value is not None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _to_model(row: DossierRow) -> Dossier:
    return Dossier(
        code=row.code,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        agency=row.agency,
        channel=DossierChannel(row.channel),
        received_on=row.received_on,
        due_on=row.due_on,
        status=DossierStatus(row.status),
        history=[
            StatusEvent(status=DossierStatus(e.status), at=_utc(e.at), note=e.note)
            for e in sorted(row.events, key=lambda e: (_utc(e.at), e.id))
        ],
        result_ready_on=row.result_ready_on,
        applicant_name=row.applicant_name,
        applicant_phone=row.applicant_phone,
        is_demo=row.is_demo,
    )
