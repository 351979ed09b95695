"""Staff access: accounts with roles, log-in with lock-out, sessions, API tokens."""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from assistant.staff.errors import (
    InvalidCredentialsError,
    LockedOutError,
    StaffInputError,
    UnknownTokenError,
)
from assistant.staff.models import ROLES, AccountOut, CreatedToken, Principal, Role, TokenOut
from assistant.staff.passwords import (
    MIN_PASSWORD_CHARS,
    hash_password,
    needs_rehash,
    verify_password,
)
from assistant.staff.settings import StaffSettings
from assistant.staff.store import StaffStore
from assistant.staff.tables import StaffAccountRow, StaffSessionRow, StaffTokenRow

__all__ = ["MIN_SHARED_TOKEN_CHARS", "StaffService"]

# Shorter bearer values are refused before any comparison: an empty or trivial
# token must never open the staff API, whatever is configured.
MIN_SHARED_TOKEN_CHARS = 12
_TOKEN_PREFIX = "ast_"
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_LAST_USED_EVERY = timedelta(minutes=1)  # one write a minute per busy token, not per call


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class StaffService:
    def __init__(
        self,
        engine: Engine,
        *,
        settings: StaffSettings,
        shared_token: str = "",
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = StaffStore(engine)
        self.settings = settings
        self._shared_token = shared_token
        self._now = now

    # Accounts.

    def add_account(self, username: str, password: str, *, role: str) -> AccountOut:
        username = username.strip().lower()
        if not _USERNAME.match(username):
            raise StaffInputError(
                "Tên đăng nhập gồm 2–64 chữ thường không dấu, số, dấu chấm, gạch ngang.",
                "A username is 2–64 lowercase letters, digits, dots, dashes or underscores.",
            )
        _check_role(role)
        if len(password) < MIN_PASSWORD_CHARS:
            raise StaffInputError(
                f"Mật khẩu cần ít nhất {MIN_PASSWORD_CHARS} ký tự.",
                f"A password needs at least {MIN_PASSWORD_CHARS} characters.",
            )
        row = self.store.add_account(StaffAccountRow(
            username=username, password_hash=hash_password(password), role=role,
            created_at=self._now(), failed_logins=0,
        ))
        return self._account_out(row)

    def accounts(self) -> list[AccountOut]:
        return [self._account_out(row) for row in self.store.accounts()]

    def unlock(self, username: str) -> None:
        row = self.store.account(username)
        if row is not None:
            row.failed_logins, row.locked_until = 0, None
            self.store.save(row)

    def _account_out(self, row: StaffAccountRow) -> AccountOut:
        locked = row.locked_until is not None and row.locked_until > self._now()
        return AccountOut(
            username=row.username, role=_check_role(row.role), created_at=row.created_at,
            last_login_at=row.last_login_at, is_locked=locked,
        )

    # Log-in and sessions.

    def login(self, username: str, password: str) -> tuple[str, Principal]:
        """A new session for correct credentials: (cookie value, who). Too many failures
        in a row lock the account for a while, whether or not the password is right."""
        now = self._now()
        row = self.store.account(username.strip().lower())
        if row is not None and row.locked_until is not None and row.locked_until > now:
            raise LockedOutError(_minutes_left(row.locked_until - now))
        if row is None or not verify_password(row.password_hash if row else None, password):
            if row is not None:
                self._count_failure(row, now)
            raise InvalidCredentialsError()
        if needs_rehash(row.password_hash):
            row.password_hash = hash_password(password)
        row.failed_logins, row.locked_until, row.last_login_at = 0, None, now
        self.store.save(row)
        cookie = secrets.token_urlsafe(32)
        session = StaffSessionRow(
            token_hash=_digest(cookie), account_id=row.id, csrf_token=secrets.token_urlsafe(32),
            created_at=now, expires_at=now + timedelta(hours=self.settings.session_hours),
        )
        self.store.add_session(session)
        self.store.delete_expired_sessions(now)
        return cookie, Principal(
            name=row.username, role=_check_role(row.role), kind="session",
            csrf_token=session.csrf_token,
        )

    def _count_failure(self, row: StaffAccountRow, now: datetime) -> None:
        row.failed_logins += 1
        if row.failed_logins >= self.settings.max_failed_logins:
            row.failed_logins = 0
            row.locked_until = now + timedelta(minutes=self.settings.lockout_minutes)
        self.store.save(row)
        if row.locked_until is not None and row.locked_until > now:
            raise LockedOutError(_minutes_left(row.locked_until - now))

    def session_principal(self, cookie: str) -> Principal | None:
        if not cookie:
            return None
        session = self.store.session_row(_digest(cookie))
        if session is None or session.expires_at <= self._now():
            return None
        account = self.store.account_by_id(session.account_id)
        if account is None:
            return None
        return Principal(
            name=account.username, role=_check_role(account.role), kind="session",
            csrf_token=session.csrf_token,
        )

    def logout(self, cookie: str) -> None:
        if cookie:
            self.store.delete_session(_digest(cookie))

    # API tokens.

    def create_token(self, name: str, *, role: str, created_by: str | None = None) -> CreatedToken:
        name = name.strip()
        if not 1 <= len(name) <= 64:
            raise StaffInputError(
                "Tên mã truy cập cần 1–64 ký tự.", "A token name needs 1–64 characters."
            )
        _check_role(role)
        secret = _TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = StaffTokenRow(
            name=name, role=role, token_hash=_digest(secret), prefix=secret[:10],
            created_at=self._now(), created_by=created_by,
        )
        self.store.add_token(row)
        return CreatedToken(token=_token_out(row), secret=secret)

    def tokens(self) -> list[TokenOut]:
        return [_token_out(row) for row in self.store.tokens()]

    def revoke_token(self, name: str) -> TokenOut:
        row = self.store.token(name)
        if row is None:
            raise UnknownTokenError(name)
        if row.revoked_at is None:
            row.revoked_at = self._now()
            self.store.save(row)
        return _token_out(row)

    def bearer_principal(self, secret: str) -> Principal | None:
        """Who an ``Authorization: Bearer`` value belongs to; None for anything else."""
        secret = secret.strip()
        if len(secret) < MIN_SHARED_TOKEN_CHARS:
            return None
        if self._shared_token and hmac.compare_digest(
            secret.encode(), self._shared_token.encode()
        ):
            return Principal(name="development", role="admin", kind="shared")
        row = self.store.token_by_hash(_digest(secret))
        if row is None or row.revoked_at is not None:
            return None
        now = self._now()
        if row.last_used_at is None or now - row.last_used_at > _LAST_USED_EVERY:
            row.last_used_at = now
            self.store.save(row)
        return Principal(name=row.name, role=_check_role(row.role), kind="token")


def _check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise StaffInputError(
        "Vai trò phải là admin hoặc staff.", "The role must be admin or staff."
    )


def _minutes_left(left: timedelta) -> int:
    return max(1, int(left.total_seconds() // 60) + (left.total_seconds() % 60 > 0))


def _token_out(row: StaffTokenRow) -> TokenOut:
    return TokenOut(
        name=row.name, role=_check_role(row.role), prefix=row.prefix, created_at=row.created_at,
        created_by=row.created_by, last_used_at=row.last_used_at, revoked_at=row.revoked_at,
    )
