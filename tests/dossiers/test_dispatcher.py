"""The gateway's periodic hand-over of notifications queued outside a request: a status
change loaded by ``assistant dossiers import`` (a separate process) reaches a Telegram
chat through the real channel core, against a local Telegram Bot API server."""

import asyncio
import json
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.channels.service import ChannelService
from assistant.channels.settings import ChannelSettings
from assistant.channels.telegram.adapter import TelegramAdapter
from assistant.channels.telegram.settings import TelegramSettings
from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.client import RasaClient
from assistant.dialogue.service import DialogueService
from assistant.dossiers.channel_sender import ChannelTextSender
from assistant.dossiers.dispatcher import NotificationDispatcher
from assistant.dossiers.notifications import DossierNotifications
from assistant.dossiers.service import DEMO_DATA, DossierService
from assistant.dossiers.settings import DossierSettings
from tests.support.telegram_server import TelegramServer

CHAT = 555_001
CODE = "H22.45-240105-0003"


@pytest.fixture
def telegram_api() -> Iterator[TelegramServer]:
    with TelegramServer() as server:
        yield server


@pytest.fixture
async def channels(engine: Engine, telegram_api: TelegramServer) -> AsyncIterator[ChannelService]:
    """The real channel core with the Telegram adapter; no dialogue turn happens here."""
    rasa = RasaClient("http://127.0.0.1:9", timeout=1.0)
    core = ChannelService(
        engine, dialogue=DialogueService(rasa, max_chars=2000), settings=ChannelSettings()
    )
    core.add(TelegramAdapter(TelegramSettings(
        bot_token=telegram_api.token, base_url=telegram_api.base_url,
        base_file_url=telegram_api.base_file_url, webhook_secret="secret_1",
    ), core))
    await core.start_adapters()
    yield core
    await core.aclose()
    await rasa.aclose()


def _import_in_another_process(engine: Engine, path: Path) -> None:
    env = {**os.environ, "ASSISTANT_DATABASE_URL": str(engine.url),
           "ASSISTANT_DATA_DIR": str(path.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "dossiers", "import", str(path)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 updated" in done.stdout


async def _until(condition: Callable[[], object], *, seconds: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_an_imported_status_change_reaches_telegram_without_a_put(
    engine: Engine, channels: ChannelService, telegram_api: TelegramServer, tmp_path: Path
) -> None:
    dossiers = DossierService.create(
        DossierSettings(notification_dispatch_seconds=0.1), engine,
        sender=ChannelTextSender(channels),
    )
    dossiers.import_file(DEMO_DATA, is_demo=True)
    await dossiers.subscribe(CODE, channel="telegram", recipient_id=f"telegram:{CHAT}",
                             language="vi")
    dossiers.start()
    assert dossiers.dispatcher.is_running
    record = next(d for d in json.loads(DEMO_DATA.read_text(encoding="utf-8"))["dossiers"]
                  if d["code"] == CODE)
    changed = {**record, "status": "processing", "status_at": "2024-01-07T08:00:00+07:00",
               "history": []}
    path = tmp_path / "changes.json"
    path.write_text(json.dumps({"dossiers": [changed]}, ensure_ascii=False), encoding="utf-8")

    await asyncio.to_thread(_import_in_another_process, engine, path)
    await _until(lambda: telegram_api.sent(CHAT))
    await asyncio.sleep(0.4)  # a few more rounds: still sent once
    assert [m["text"] for m in telegram_api.sent(CHAT)] == [
        "🔔 Hồ sơ H22.45-240105-0003 (Thủ tục đăng ký khai sinh) vừa chuyển sang trạng thái: "
        "Đang xử lý."
    ]
    await dossiers.aclose()
    assert not dossiers.dispatcher.is_running


async def test_an_error_is_logged_and_the_loop_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A database without its tables yet: every round fails until it is migrated.
    engine = create_db_engine(f"sqlite:///{tmp_path / 'empty.db'}")

    class _Sent:
        async def send_text(self, channel: str, recipient_id: str, text: str) -> None: ...

    notifications = DossierNotifications(
        engine, push_channels=frozenset({"telegram"}), poll_channels=frozenset({"api"}),
        max_per_recipient=5, sender=_Sent(),
    )
    dispatcher = NotificationDispatcher(notifications, interval_seconds=0.02)
    caplog.set_level(logging.ERROR, logger="assistant.dossiers.dispatcher")
    dispatcher.start()
    await _until(lambda: len(caplog.records) >= 2)
    assert dispatcher.is_running
    assert "not dispatched" in caplog.records[0].getMessage()
    await asyncio.to_thread(upgrade_to_head, engine)
    await asyncio.sleep(0.1)
    failures = len(caplog.records)
    await asyncio.sleep(0.2)
    assert len(caplog.records) == failures  # recovered with the database
    assert dispatcher.is_running
    await dispatcher.stop()
    assert not dispatcher.is_running
    engine.dispose()


async def test_an_interval_of_zero_turns_it_off(service: DossierService) -> None:
    dispatcher = NotificationDispatcher(service.notifications, interval_seconds=0)
    dispatcher.start()
    assert not dispatcher.is_running
    await dispatcher.stop()  # harmless when it never ran
