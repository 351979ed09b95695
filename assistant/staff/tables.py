"""Tables of staff access: accounts, their browser sessions, API tokens."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.database.base import Base
from assistant.database.types import UtcDateTime

__all__ = ["StaffAccountRow", "StaffSessionRow", "StaffTokenRow"]


class StaffAccountRow(Base):
    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, salt included
    role: Mapped[str] = mapped_column(String(16))  # admin | staff
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(
        UtcDateTime(), nullable=True
    )


class StaffSessionRow(Base):
    """A logged-in browser. Only the hash of the cookie is kept: a copy of the database
    does not let anyone in."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class StaffTokenRow(Base):
    """An API token of a machine client. The token is random (256 bits), so a plain
    SHA-256 is enough to store it and lets a request find its row directly."""

    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
