"""Rows of staff access, read and written in short transactions."""

from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant.staff.errors import AccountExistsError
from assistant.staff.tables import StaffAccountRow, StaffSessionRow, StaffTokenRow

__all__ = ["StaffStore"]


class StaffStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    # Accounts.

    def add_account(self, row: StaffAccountRow) -> StaffAccountRow:
        with self.session() as db:
            db.add(row)
            try:
                db.commit()
            except IntegrityError as exc:
                raise AccountExistsError(row.username) from exc
        return row

    def account(self, username: str) -> StaffAccountRow | None:
        with self.session() as db:
            return db.scalar(select(StaffAccountRow).where(StaffAccountRow.username == username))

    def account_by_id(self, account_id: int) -> StaffAccountRow | None:
        with self.session() as db:
            return db.get(StaffAccountRow, account_id)

    def accounts(self) -> list[StaffAccountRow]:
        with self.session() as db:
            return list(db.scalars(select(StaffAccountRow).order_by(StaffAccountRow.username)))

    def save(self, row: StaffAccountRow | StaffTokenRow) -> None:
        with self.session() as db:
            db.merge(row)
            db.commit()

    # Sessions.

    def add_session(self, row: StaffSessionRow) -> None:
        with self.session() as db:
            db.add(row)
            db.commit()

    def session_row(self, token_hash: str) -> StaffSessionRow | None:
        with self.session() as db:
            return db.scalar(
                select(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash)
            )

    def delete_session(self, token_hash: str) -> None:
        with self.session() as db:
            db.execute(delete(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash))
            db.commit()

    def delete_expired_sessions(self, now: datetime) -> int:
        with self.session() as db:
            result = db.execute(delete(StaffSessionRow).where(StaffSessionRow.expires_at < now))
            db.commit()
            return int(getattr(result, "rowcount", 0) or 0)

    # API tokens.

    def add_token(self, row: StaffTokenRow) -> None:
        with self.session() as db:
            db.add(row)
            try:
                db.commit()
            except IntegrityError as exc:
                raise AccountExistsError(row.name) from exc

    def token_by_hash(self, token_hash: str) -> StaffTokenRow | None:
        with self.session() as db:
            return db.scalar(select(StaffTokenRow).where(StaffTokenRow.token_hash == token_hash))

    def token(self, name: str) -> StaffTokenRow | None:
        with self.session() as db:
            return db.scalar(select(StaffTokenRow).where(StaffTokenRow.name == name))

    def tokens(self) -> list[StaffTokenRow]:
        with self.session() as db:
            return list(db.scalars(select(StaffTokenRow).order_by(StaffTokenRow.name)))
