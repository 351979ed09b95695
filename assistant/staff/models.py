"""Edge types of staff access and the staff API."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.search import SearchHitOut
from assistant.text import Language

__all__ = [
    "ROLES",
    "AccountOut",
    "CreatedToken",
    "ParseIn",
    "ParseOut",
    "ParsedIntent",
    "Principal",
    "Role",
    "TokenOut",
]

Role = Literal["admin", "staff"]
ROLES: tuple[Role, ...] = ("admin", "staff")


@dataclass(frozen=True)
class Principal:
    """Who is calling: a logged-in account, an API token, or the development token."""

    name: str
    role: Role
    kind: Literal["session", "token", "shared"]
    csrf_token: str = ""  # sessions only: what every form and unsafe fetch must carry

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class AccountOut(BaseModel):
    username: str
    role: Role
    created_at: datetime
    last_login_at: datetime | None
    is_locked: bool


class TokenOut(BaseModel):
    name: str
    role: Role
    prefix: str
    created_at: datetime
    created_by: str | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CreatedToken(BaseModel):
    token: TokenOut
    secret: str  # shown once, never stored


class ParseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2000)


class ParsedIntent(BaseModel):
    name: str | None
    confidence: float


class ParseOut(BaseModel):
    text: str
    intent: ParsedIntent
    intent_ranking: list[ParsedIntent]
    entities: list[dict[str, Any]]
    language: Language | None
    search: list[SearchHitOut]
