"""One real gateway + Rasa server for the whole test session.

Every integration test that needs Rasa shares ``stack`` (each conversation uses its own
sender id), so the Rasa model loads once per session. The gateway also speaks to local
Telegram and Zalo servers, so the channel and handover tests share it too. Only the
tests of the Rasa process itself (``test_rasa_process``: another action endpoint, Rasa
stopped), the scale-out ones (two gateways, two Rasa processes, PostgreSQL, Redis) and
the API fuzzing start more of their own.
"""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.runtime.stack import Stack
from tests.support.stack import (
    LocalPlatforms,
    integration_settings,
    running_stack,
    with_platforms,
)
from tests.support.telegram_server import TelegramServer
from tests.support.zalo_server import ZaloServer


@pytest.fixture(scope="session")
def local_platforms() -> Iterator[LocalPlatforms]:
    """Local servers speaking the Telegram Bot API and the Zalo OA API."""
    with TelegramServer() as telegram, ZaloServer() as zalo:
        yield LocalPlatforms(telegram, zalo)


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, local_platforms: LocalPlatforms
) -> Iterator[Stack]:
    data_dir: Path = tmp_path_factory.mktemp("var")
    settings = with_platforms(integration_settings(data_dir), local_platforms)
    with running_stack(settings) as running:
        yield running


@pytest.fixture
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30.0) as client:
        yield client
