from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.channels.assembly import channel_links
from assistant.database import create_db_engine, upgrade_to_head
from assistant.feedback.service import FeedbackService
from assistant.feedback.settings import FeedbackSettings
from assistant.settings import Settings


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'feedback.db'}")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def service(engine: Engine) -> FeedbackService:
    feedback = FeedbackSettings(telegram_bot_username="hatinh_dvc_bot",
                                zalo_link_template="https://zalo.me/s/123/?start={start}")
    return FeedbackService.create(
        engine,
        settings=feedback,
        channel_links=channel_links(Settings(feedback=feedback)),
        public_url="https://dichvucong.example.gov.vn",
        organisation_vi="Trung tâm Phục vụ hành chính công tỉnh",
    )
