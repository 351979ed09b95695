"""How long personal traces are kept."""

from pydantic import BaseModel, Field

__all__ = ["RetentionSettings"]


class RetentionSettings(BaseModel):
    conversation_days: int = Field(default=90, ge=1)  # recorded turns for staff
    lookup_audit_days: int = Field(default=365, ge=1)  # who looked up which dossier
    tracker_days: int = Field(default=90, ge=1)  # Rasa's conversation events
    # The gateway deletes once shortly after start and then every this many hours;
    # 0 leaves it to `assistant retention run` (e.g. from cron).
    run_every_hours: float = Field(default=24.0, ge=0)
