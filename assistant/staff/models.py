"""Edge types of the staff API."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ParseIn", "ParseOut", "ParsedIntent", "SearchHitOut"]


class ParseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2000)


class ParsedIntent(BaseModel):
    name: str | None
    confidence: float


class SearchHitOut(BaseModel):
    code: str
    title: str
    score: float
    level: str | None = None


class ParseOut(BaseModel):
    text: str
    intent: ParsedIntent
    intent_ranking: list[ParsedIntent]
    entities: list[dict[str, Any]]
    language: Literal["vi", "en"] | None
    search: list[SearchHitOut]
