"""Settings of the Zalo Official Account channel (``ASSISTANT_ZALO__*``); off until the
app id, the OA secret key and a token are set."""

from typing import Literal

from pydantic import Field, model_validator

from assistant.channels.settings import PlatformSettings

__all__ = ["ZaloSettings"]


class ZaloSettings(PlatformSettings):
    app_id: str = ""
    app_secret_key: str = ""  # the app's secret: the OAuth token refresh needs it
    oa_secret_key: str = ""  # the OA's secret (not the app's): webhook signatures
    access_token: str = ""  # OA access token; refreshed on error -216
    refresh_token: str = ""  # single use: each refresh returns a new one, kept in the DB
    api_base_url: str = "https://openapi.zalo.me"
    oauth_base_url: str = "https://oauth.zaloapp.com"
    max_clock_skew_seconds: float = Field(default=300.0, gt=0)  # older events are replays
    timeout_seconds: float = Field(default=10.0, gt=0)
    # Platform limits (Zalo OA API v3): text 2,000 characters, 5 buttons, titles 100,
    # query payloads 1,000.
    max_text_chars: int = Field(default=2000, ge=100)
    max_buttons: int = Field(default=5, ge=0, le=5)
    max_button_title_chars: int = Field(default=100, ge=10)
    max_payload_chars: int = Field(default=1000, ge=50)
    # oa.query.show echoes the tapped payload into the chat; oa.query.hide sends it
    # silently (the same user_send_text event reaches the webhook).
    button_type: Literal["oa.query.show", "oa.query.hide"] = "oa.query.show"

    @property
    def is_enabled(self) -> bool:
        has_token = bool(self.access_token or self.refresh_token)
        return bool(self.app_id and self.oa_secret_key) and has_token

    @model_validator(mode="after")
    def _complete_or_empty(self) -> "ZaloSettings":
        given = {
            "APP_ID": self.app_id,
            "OA_SECRET_KEY": self.oa_secret_key,
            "ACCESS_TOKEN or REFRESH_TOKEN": self.access_token or self.refresh_token,
        }
        missing = [name for name, value in given.items() if not value]
        if 0 < len(missing) < len(given):
            names = ", ".join(f"ASSISTANT_ZALO__{name}" for name in missing)
            raise ValueError(f"the Zalo channel is half configured: set {names}")
        if self.refresh_token and not self.app_secret_key:
            raise ValueError("ASSISTANT_ZALO__APP_SECRET_KEY is needed to refresh Zalo tokens")
        return self
