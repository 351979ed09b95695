"""Settings of the feedback capability (``ASSISTANT_FEEDBACK__*``): deep links, abuse
limits, the dashboard's thresholds and the font of the printable sheets."""

from pathlib import Path

from pydantic import BaseModel, Field

__all__ = ["FeedbackSettings"]


class FeedbackSettings(BaseModel):
    # Deep links carried by QR codes besides the web chat. Empty → that variant is off.
    telegram_bot_username: str = Field(default="", pattern=r"^@?[A-Za-z0-9_]{0,64}$")
    # A Zalo link with a ``{start}`` placeholder for the same start code as Telegram's,
    # e.g. ``https://zalo.me/s/<mini-app-id>/?start={start}``: an OA chat link itself
    # has no documented way to carry context, so the deployer names the one they use.
    zalo_link_template: str = ""
    # Key of the one-way conversation hash stored with feedback; empty: a random one
    # kept in <data_dir>/secrets/feedback-salt (set it when several hosts share a database).
    conversation_salt: str = ""
    ask_if_helpful: bool = True  # "was this helpful?" thumbs after procedure answers
    # Feedback rounds started and answer thumbs given, each counted per conversation and
    # per client address (`limits` notation, several separated by ";"). The address
    # limit is loose: people at a one-stop-shop share its Wi-Fi (one address).
    sender_rate_limit: str = "10/hour;30/day"
    client_rate_limit: str = "100/hour;1000/day"
    rate_limit_storage: str = "memory://"  # e.g. redis://… when several gateway workers run
    low_rating_max: int = Field(default=2, ge=1, le=4)  # ratings ≤ this are "low"
    low_ratings_shown: int = Field(default=20, ge=1, le=500)
    # Periods and trend buckets are local dates; Vietnam has one zone and no DST.
    utc_offset_hours: float = Field(default=7.0, ge=-12, le=14)
    default_period_days: int = Field(default=30, ge=1, le=3660)
    # A TrueType font with Vietnamese glyphs for the PDF sheets; default: DejaVu Sans
    # from Debian's fonts-dejavu-core (`make setup` installs it).
    font_path: Path | None = None
    font_bold_path: Path | None = None
