"""Settings shared by every channel: how replies are retried and how long deliveries
are remembered (``ASSISTANT_CHANNELS__*``), and the base of each platform's own group
(``ASSISTANT_<CHANNEL>__*``)."""

from pydantic import BaseModel, Field

__all__ = ["ChannelSettings", "PlatformSettings"]


class ChannelSettings(BaseModel):
    send_attempts: int = Field(default=3, ge=1, le=10)  # tries right away, with backoff
    retry_backoff_seconds: float = Field(default=1.0, ge=0)  # 1 s, 2 s, 4 s …
    max_backoff_seconds: float = Field(default=30.0, ge=0)  # also caps a platform's retry-after
    outbox_retry_interval_seconds: float = Field(default=60.0, gt=0)  # background retry loop
    outbox_max_attempts: int = Field(default=10, ge=1)  # then the reply waits for staff
    delivery_retention_days: int = Field(default=7, ge=1)  # platforms retry for hours, not days


class PlatformSettings(BaseModel):
    """One platform's settings group, named as the channel in the one ``Settings``
    object (``ASSISTANT_TELEGRAM__*``)."""

    @property
    def is_enabled(self) -> bool:
        """The gateway runs the channel (its credentials are set)."""
        return False

    def several_workers_problem(self) -> str | None:
        """Why this configuration cannot run in several gateway workers (refused at
        start-up); None when it can."""
        return None
