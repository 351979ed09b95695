"""Channel tests run the real channel core, dialogue service and database; the
platforms (Telegram, Zalo) and Rasa's REST channel are local protocol peers."""

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import Engine

from assistant.app import create_app
from assistant.channels.service import ChannelService
from assistant.channels.settings import ChannelSettings
from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.client import RasaClient
from assistant.dialogue.service import DialogueService
from assistant.settings import Settings
from tests.support.rasa_rest import ScriptedRasa

# Retries without the waiting, so failure paths run in milliseconds.
FAST_RETRIES = ChannelSettings(
    send_attempts=3, retry_backoff_seconds=0.01, max_backoff_seconds=0.05, outbox_max_attempts=6
)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at head, migrated once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "assistant.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    engine.dispose()
    return path


@pytest.fixture
def engine(migrated_database: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "assistant.db"
    shutil.copyfile(migrated_database, path)
    engine = create_db_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def rasa() -> Iterator[ScriptedRasa]:
    with ScriptedRasa() as server:
        yield server


@pytest.fixture
async def dialogue(rasa: ScriptedRasa) -> AsyncIterator[DialogueService]:
    client = RasaClient(rasa.url, timeout=5.0)
    yield DialogueService(client, max_chars=2000)
    await client.aclose()


@pytest.fixture
async def core(engine: Engine, dialogue: DialogueService) -> AsyncIterator[ChannelService]:
    service = ChannelService(engine, dialogue=dialogue, settings=FAST_RETRIES)
    yield service
    await service.aclose()


@pytest.fixture
async def gateway(core: ChannelService, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real app and routes around ``core`` (the lifespan's heavy parts not run)."""
    app = create_app(Settings(data_dir=tmp_path))
    app.state.services = SimpleNamespace(channels=core)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        yield client
