"""Settings of handovers to a person (the ``handover`` group, ``ASSISTANT_HANDOVER__…``)."""

from datetime import date

from pydantic import BaseModel, Field, model_validator

from assistant.handover.hours import OpeningHours

__all__ = ["HandoverSettings"]


class HandoverSettings(BaseModel):
    """When officers answer, and how long a citizen waits for one."""

    # ``always`` or e.g. ``Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30``.
    opening_hours: str = "Mon-Fri 07:30-11:30,13:30-17:00"
    timezone: str = "Asia/Ho_Chi_Minh"
    # Closed all day, e.g. ``["2026-09-02"]`` (JSON list in the environment).
    holidays: list[date] = Field(default_factory=list)
    # A waiting handover nobody claims within this time is turned into a message.
    unclaimed_timeout_seconds: float = Field(default=600.0, gt=0)
    # How often the gateway looks for such handovers; 0 turns the loop off.
    check_interval_seconds: float = Field(default=15.0, ge=0)

    @model_validator(mode="after")
    def _readable_hours(self) -> "HandoverSettings":
        self.hours()  # an unreadable setting stops the start-up with its reason
        return self

    def hours(self) -> OpeningHours:
        return OpeningHours.parse(
            self.opening_hours, timezone=self.timezone, holidays=self.holidays
        )
