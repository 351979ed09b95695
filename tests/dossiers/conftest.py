import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.database import create_db_engine, upgrade_to_head
from assistant.dossiers.service import DEMO_DATA, DossierService
from assistant.dossiers.settings import DossierSettings

TODAY = date(2024, 1, 20)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at head, migrated once and copied for each test (migrations are slow)."""
    path = tmp_path_factory.mktemp("template") / "app.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def engine(tmp_path: Path, migrated_database: Path) -> Iterator[Engine]:
    path = tmp_path / "app.db"
    shutil.copyfile(migrated_database, path)
    engine = create_db_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def make_service(engine: Engine, **settings: object) -> DossierService:
    service = DossierService.create(DossierSettings.model_validate(settings), engine)
    service._today = lambda: TODAY
    return service


@pytest.fixture
def service(engine: Engine) -> DossierService:
    return make_service(engine)


@pytest.fixture
def demo_service(service: DossierService) -> DossierService:
    report = service.import_file(DEMO_DATA, is_demo=True)
    assert report.created == 6 and not report.rejected
    return service
