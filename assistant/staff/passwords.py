"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106)."""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["MIN_PASSWORD_CHARS", "hash_password", "needs_rehash", "verify_password"]

MIN_PASSWORD_CHARS = 10
_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the username is unknown, so a wrong name takes as long as a wrong
    password and response times do not reveal which accounts exist."""
    return _HASHER.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
