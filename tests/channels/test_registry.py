"""The channel registry: what one entry gives the gateway (its settings group, its
webhook route, its QR deep link, dossier notifications)."""

import httpx
import pytest
from sqlalchemy import Engine

from assistant.channels import CHANNELS, channel_entry
from assistant.channels.assembly import build_channels, channel_links
from assistant.channels.telegram.settings import TelegramSettings
from assistant.dossiers.settings import DossierSettings
from assistant.feedback.settings import FeedbackSettings
from assistant.settings import Settings


def test_each_channel_has_its_settings_group_under_its_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert [entry.name for entry in CHANNELS] == ["telegram", "zalo"]
    monkeypatch.setenv("ASSISTANT_TELEGRAM__BOT_TOKEN", "1:abc")
    monkeypatch.setenv("ASSISTANT_TELEGRAM__MODE", "polling")
    settings = Settings()
    telegram = channel_entry("telegram")
    assert telegram is not None
    group = telegram.settings_of(settings)
    assert isinstance(group, TelegramSettings) and group.is_enabled
    assert group.mode == "polling"
    assert channel_entry("viber") is None


def test_enabled_channels_get_an_adapter(engine: Engine) -> None:
    class _NoDialogue:
        async def handle(self, message: object) -> object:
            raise AssertionError("no turn here")

    settings = Settings(telegram={"bot_token": "1:abc", "mode": "polling"})  # type: ignore[arg-type]
    core = build_channels(settings, engine=engine, dialogue=_NoDialogue())  # type: ignore[arg-type]
    assert core.adapter("telegram") is not None
    assert core.adapter("zalo") is None


def test_deep_links_and_notifications_come_from_the_entries() -> None:
    feedback = FeedbackSettings(telegram_bot_username="@dvc_bot")
    links = channel_links(Settings(feedback=feedback))
    assert links["telegram"].build("counter_Q3") == "https://t.me/dvc_bot?start=counter_Q3"
    assert links["zalo"].build("counter_Q3") is None  # no link template configured
    assert links["zalo"].setting == "ASSISTANT_FEEDBACK__ZALO_LINK_TEMPLATE"
    assert DossierSettings().push_channels == "telegram,zalo"


async def test_webhooks_of_unknown_and_disabled_channels(gateway: httpx.AsyncClient) -> None:
    response = await gateway.post("/channels/viber/webhook", content=b"{}")
    assert response.status_code == 404
    assert response.json()["code"] == "http_error"
    response = await gateway.post("/channels/zalo/webhook", content=b"{}")
    assert response.status_code == 404
    assert response.json()["code"] == "channel_disabled"
