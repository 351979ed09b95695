"""The HTTP contract of GET /api/procedures/search on a tiny app."""

from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.app import _add_error_handlers
from assistant.search.router import router
from assistant.search.service import SearchService


def _client(search: SearchService | None) -> TestClient:
    app = FastAPI()
    _add_error_handlers(app)
    app.include_router(router)
    app.state.services = SimpleNamespace(search=search)
    return TestClient(app)


@pytest.fixture(scope="module")
def client(small_service: SearchService) -> TestClient:
    return _client(small_service)


def test_results(client: TestClient) -> None:
    response = client.get("/api/procedures/search", params={"q": "dang ky ket hon", "k": 3})
    assert response.status_code == 200
    results = response.json()["results"]
    assert 1 <= len(results) <= 3
    assert results[0]["code"] == "1.000894"
    assert set(results[0]) == {"code", "title", "score", "level", "field", "agency", "url"}


def test_filters(client: TestClient) -> None:
    response = client.get(
        "/api/procedures/search", params={"q": "căn cước", "level": "province", "k": 10}
    )
    assert response.status_code == 200
    assert all("Cấp tỉnh" in r["level"] for r in response.json()["results"])


@pytest.mark.parametrize(
    "params",
    [{"q": ""}, {"q": "   "}, {}, {"q": "x", "k": 0}, {"q": "x", "k": 51}, {"q": "x", "k": "a"},
     {"q": "x", "level": "planet"}],
)  # fmt: skip
def test_bad_requests_are_422_with_a_message(client: TestClient, params: dict) -> None:
    response = client.get("/api/procedures/search", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] in {"invalid_input", "invalid_search"} and body["message"]


def test_not_loaded_yet_is_503() -> None:
    response = _client(None).get(
        "/api/procedures/search", params={"q": "x"}, headers={"accept-language": "en"}
    )
    assert response.status_code == 503
    assert response.json()["code"] == "not_ready"
    assert "starting" in response.json()["message"]
