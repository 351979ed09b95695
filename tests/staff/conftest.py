"""A real gateway app (lifespan, SQLite, real services) with staff accounts; Rasa and
the search index are absent, which the staff surface must survive."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.app import create_app
from assistant.settings import RasaSettings, SearchSettings, Settings
from tests.support.ports import free_port

PASSWORD = "mật-khẩu-đủ-dài"


def app_settings(tmp_path: Path, **overrides: object) -> Settings:
    port = free_port()  # nothing listens there: Rasa is down
    overrides.setdefault("search", SearchSettings(index_dir=tmp_path / "no-index"))
    return Settings(
        data_dir=tmp_path,
        rasa=RasaSettings(url=f"http://127.0.0.1:{port}", port=port),
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings(tmp_path)), follow_redirects=False) as test_client:
        staff = test_client.app.state.services.staff  # type: ignore[attr-defined]
        staff.add_account("lan.admin", PASSWORD, role="admin")
        staff.add_account("minh", PASSWORD, role="staff")
        yield test_client


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form as a browser does; the session's CSRF token."""
    client.cookies.clear()
    form = client.get("/staff/login")
    csrf = _hidden(form.text, "csrf_token")
    response = client.post("/staff/login", data={
        "username": username, "password": password, "csrf_token": csrf, "next": "/staff/",
    })
    assert response.status_code == 303, response.text
    home = client.get("/staff/")
    assert home.status_code == 200
    return _hidden(home.text, "csrf_token")


def _hidden(html: str, name: str) -> str:
    import re

    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} field"
    return match.group(1)
