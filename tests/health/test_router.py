"""``/readyz`` names the part that is not ready, never an internal error or address."""

from pathlib import Path
from types import SimpleNamespace

from fastapi.testclient import TestClient

from assistant.app import create_app
from assistant.database import create_db_engine
from assistant.dialogue.client import RasaClient
from assistant.settings import ServerSettings, Settings
from tests.support.ports import free_port


def test_readiness_shows_no_exception_text_or_paths(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    app = create_app(settings)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'ready.db'}")
    rasa = RasaClient(f"http://127.0.0.1:{free_port()}", timeout=1.0)
    app.state.services = SimpleNamespace(
        settings=settings, rasa=rasa, db=engine, search=None,
        search_error="FileNotFoundError: /srv/secret/index/manifest.json",
    )
    response = TestClient(app).get("/readyz")
    engine.dispose()
    assert response.status_code == 503
    parts = response.json()["parts"]
    assert parts["search"] == {"is_ready": False, "detail": "failed to load"}
    assert parts["rasa"]["is_ready"] is False
    assert "/srv" not in response.text and "Error" not in response.text
    assert "127.0.0.1" not in response.text


def test_each_of_several_workers_takes_turns_only_once_its_index_is_loaded(
    tmp_path: Path, redis_url: str
) -> None:
    # uvicorn starts accepting on a worker when its lifespan start-up returns; with
    # several workers on one socket, a still-loading worker would answer without search.
    settings = Settings(
        data_dir=tmp_path, redis_url=redis_url, server=ServerSettings(workers=2)
    )
    with TestClient(create_app(settings)) as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        assert services.search is not None
        assert client.get("/readyz").json()["parts"]["search"]["is_ready"] is True
