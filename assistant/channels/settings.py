"""Settings shared by every channel: how replies are retried and how long deliveries
are remembered. Part of the one ``Settings`` object as ``ASSISTANT_CHANNELS__*``."""

from pydantic import BaseModel, Field

__all__ = ["ChannelSettings"]


class ChannelSettings(BaseModel):
    send_attempts: int = Field(default=3, ge=1, le=10)  # tries right away, with backoff
    retry_backoff_seconds: float = Field(default=1.0, ge=0)  # 1 s, 2 s, 4 s …
    max_backoff_seconds: float = Field(default=30.0, ge=0)  # also caps a platform's retry-after
    outbox_retry_interval_seconds: float = Field(default=60.0, gt=0)  # background retry loop
    outbox_max_attempts: int = Field(default=10, ge=1)  # then the reply waits for staff
    delivery_retention_days: int = Field(default=7, ge=1)  # platforms retry for hours, not days
