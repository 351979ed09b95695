"""Sending through the OA API: token refresh on -216, retries, refusals kept."""

import httpx
from sqlalchemy import Engine, select

from assistant.channels.service import ChannelService
from assistant.channels.tables import OutboxReply
from assistant.channels.zalo.adapter import ZaloAdapter
from assistant.channels.zalo.settings import ZaloSettings
from tests.channels.zalo.conftest import post_event
from tests.support.zalo_server import ZaloServer, text_event

USER = "6142494823000000003"


async def _say(
    gateway: httpx.AsyncClient, api: ZaloServer, core: ChannelService, text: str
) -> None:
    response = await post_event(gateway, api, text_event(USER, text, app_id=api.app_id))
    assert response.status_code == 200
    await core.drain()


async def test_an_expired_token_is_refreshed_once_and_kept(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, core: ChannelService,
) -> None:
    zalo_api.expire_access_token()
    await _say(gateway, zalo_api, core, "xin chào")
    assert zalo_api.sent(USER) == [{"text": "echo: xin chào"}]
    [refresh] = zalo_api.refreshes()
    assert refresh.headers["secret_key"] == zalo_api.app_secret_key
    assert refresh.form == {"app_id": zalo_api.app_id, "grant_type": "refresh_token",
                            "refresh_token": "refresh-token-1"}
    await _say(gateway, zalo_api, core, "cảm ơn")
    assert len(zalo_api.refreshes()) == 1  # the new token is used from now on
    # After a restart the stored tokens are used: the configured refresh token is spent.
    restarted = ZaloAdapter(ZaloSettings(**{**zalo_api.settings(),
                                            "access_token": "access-token-1",
                                            "refresh_token": "refresh-token-1"}), core)
    await restarted.start()
    await restarted.send(USER, {"text": "vẫn gửi được"})
    await restarted.aclose()
    assert zalo_api.sent(USER)[-1] == {"text": "vẫn gửi được"}
    assert len(zalo_api.refreshes()) == 1


async def test_a_failed_send_is_retried(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, core: ChannelService,
) -> None:
    zalo_api.fail(500)
    await _say(gateway, zalo_api, core, "lệ phí")
    assert zalo_api.sent(USER) == [{"text": "echo: lệ phí"}]


async def test_a_message_that_cannot_be_sent_is_kept_in_the_outbox(
    gateway: httpx.AsyncClient, zalo: ZaloAdapter, zalo_api: ZaloServer, core: ChannelService,
    engine: Engine,
) -> None:
    zalo_api.expire_access_token()
    zalo_api.refresh_token = "revoked"  # the refresh fails too: nothing can be sent
    await _say(gateway, zalo_api, core, "xin chào")
    with engine.connect() as connection:
        [row] = connection.execute(select(OutboxReply))
    assert row.sent_at is None and row.attempts == 3
    assert "refresh refused" in row.last_error
    assert row.payload == {"text": "echo: xin chào"}
