"""Stored regression runs."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.database.base import Base
from assistant.database.types import UtcDateTime

__all__ = ["RegressionRunRow"]


class RegressionRunRow(Base):
    __tablename__ = "regression_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime())
    model: Mapped[str] = mapped_column(String(255))  # the Rasa model file that answered
    started_by: Mapped[str] = mapped_column(String(64))
    # {"nlu": {form: {"n", "correct"}}, "search": {form: {"n", "hits"}}}
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    # [{"kind", "form", "text", "expected", "got"}]
    failures: Mapped[list[Any]] = mapped_column(JSON)
