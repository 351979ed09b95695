from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from assistant.channels.service import ChannelService
from assistant.channels.zalo.adapter import ZaloAdapter
from assistant.channels.zalo.settings import ZaloSettings
from tests.support.zalo_server import ZaloServer, signed_event


@pytest.fixture
def zalo_api() -> Iterator[ZaloServer]:
    with ZaloServer() as server:
        yield server


@pytest.fixture
async def zalo(core: ChannelService, zalo_api: ZaloServer) -> AsyncIterator[ZaloAdapter]:
    adapter = ZaloAdapter(ZaloSettings(**zalo_api.settings()), core)
    core.add(adapter)
    await core.start_adapters()
    yield adapter
    await core.drain()
    await adapter.aclose()


async def post_event(
    gateway: httpx.AsyncClient, api: ZaloServer, event: dict[str, Any],
    *, headers: dict[str, str] | None = None,
) -> httpx.Response:
    body, signed = signed_event(event, app_id=api.app_id, oa_secret_key=api.oa_secret_key)
    return await gateway.post("/channels/zalo/webhook", content=body,
                              headers=headers if headers is not None else signed)
