import pytest
from pydantic import ValidationError

from assistant.channels.telegram.settings import TelegramSettings
from assistant.channels.zalo.settings import ZaloSettings
from assistant.runtime.stack import settings_environment
from assistant.settings import Settings


def test_channels_are_off_by_default() -> None:
    settings = Settings()
    assert not settings.telegram.is_enabled and not settings.zalo.is_enabled


def test_telegram_secret_is_derived_from_the_token_unless_set() -> None:
    derived = TelegramSettings(bot_token="1:abc").effective_webhook_secret
    assert derived == TelegramSettings(bot_token="1:abc").effective_webhook_secret
    assert derived != TelegramSettings(bot_token="1:abd").effective_webhook_secret
    assert TelegramSettings(bot_token="1:abc", webhook_secret="s").effective_webhook_secret == "s"
    assert not TelegramSettings(bot_token="1:abc", mode="off").is_enabled
    with pytest.raises(ValidationError):
        TelegramSettings(webhook_secret="not allowed!")


def test_a_half_configured_zalo_channel_fails_at_start_up() -> None:
    with pytest.raises(ValidationError, match="ASSISTANT_ZALO__OA_SECRET_KEY"):
        ZaloSettings(app_id="1", access_token="t")
    with pytest.raises(ValidationError, match="APP_SECRET_KEY"):
        ZaloSettings(app_id="1", oa_secret_key="k", refresh_token="r")
    assert ZaloSettings(app_id="1", oa_secret_key="k", access_token="t").is_enabled


def test_channel_settings_travel_through_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Settings(
        telegram=TelegramSettings(bot_token="1:abc", mode="polling", base_url="http://x/bot"),
        zalo=ZaloSettings(app_id="1", oa_secret_key="k", access_token="t"),
    )
    for name, value in settings_environment(original).items():
        monkeypatch.setenv(name, value)
    rebuilt = Settings()
    assert rebuilt.telegram == original.telegram and rebuilt.zalo == original.zalo
    assert "ASSISTANT_TELEGRAM__BOT_TOKEN" in settings_environment(original)
