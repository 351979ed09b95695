"""The public and staff dossier APIs through the real app factory and error handlers."""

import asyncio
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from assistant.app import create_app
from assistant.dossiers.service import DossierService
from assistant.settings import ServerSettings, Settings
from assistant.staff.service import StaffService
from tests.dossiers.conftest import make_service

STAFF = {"Authorization": "Bearer dev-staff-token"}
CODE = "H22.45-240105-0003"


@pytest.fixture
def client(demo_service: DossierService, engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path)
    app = create_app(settings)
    # The lifespan is not entered: the container holds only what these routes use.
    staff = StaffService(engine, settings=settings.staff,
                         shared_token=settings.effective_staff_token)
    app.state.services = SimpleNamespace(settings=settings, dossiers=demo_service, staff=staff)
    yield TestClient(app)


def test_public_lookup_shows_no_personal_data(client: TestClient) -> None:
    response = client.get("/api/dossiers/h22 45 240105 0003")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == CODE and body["is_verified"] is False
    assert body["status_label"]["vi"] == "Chờ bổ sung hồ sơ"
    for secret in ("Nguyễn", "Văn An", "0900001357", "1357", "applicant"):
        assert secret not in response.text


def test_second_factor_header(client: TestClient) -> None:
    verified = client.get(f"/api/dossiers/{CODE}", headers={"X-Phone-Last4": "1357"})
    assert verified.status_code == 200
    assert verified.json()["applicant_name_masked"] == "Nguyễn V. A."
    assert "0900001357" not in verified.text
    wrong = client.get(f"/api/dossiers/{CODE}", headers={"X-Phone-Last4": "0000"})
    assert wrong.status_code == 403 and wrong.json()["code"] == "verification_failed"
    malformed = client.get(f"/api/dossiers/{CODE}", headers={"X-Phone-Last4": "12a4"})
    assert malformed.status_code == 422


def test_format_error_and_not_found_are_told_apart(client: TestClient) -> None:
    bad = client.get("/api/dossiers/H22.45-2401", headers={"accept-language": "en"})
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_dossier_code"
    assert "not a valid receipt code format" in bad.json()["message"]
    missing = client.get("/api/dossiers/H22.45-240105-9999")
    assert missing.status_code == 404
    assert missing.json()["code"] == "dossier_not_found"
    assert "Không tìm thấy hồ sơ" in missing.json()["message"]


def test_client_address_is_rate_limited(engine: Engine, tmp_path: Path) -> None:
    service = make_service(engine, client_rate_limit="3/minute")
    service.load_demo_if_empty()
    settings = Settings(data_dir=tmp_path)
    app = create_app(settings)
    app.state.services = SimpleNamespace(settings=settings, dossiers=service)
    client = TestClient(app)
    for n in range(3):  # rotating sender ids does not help
        assert client.get(f"/api/dossiers/{CODE}?sender_id=s{n}").status_code == 200
    refused = client.get(f"/api/dossiers/{CODE}?sender_id=s9")
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_lookups"


def test_staff_push_and_widget_notifications(
    client: TestClient, demo_service: DossierService
) -> None:
    # Rasa knows the widget's conversation "w-1" as "api:w-1" (the gateway's namespace).
    asyncio.run(
        demo_service.subscribe(CODE, channel="api", recipient_id="api:w-1", language="vi")
    )
    body = {
        "procedure_name": "Thủ tục đăng ký khai sinh", "agency": "UBND phường Hồng Hải",
        "received_on": "2024-01-05", "due_on": "2024-01-08", "status": "Đang xử lý",
        "status_at": "2024-01-07T08:00:00+07:00",
    }
    assert client.put(f"/api/staff/dossiers/{CODE}", json=body).status_code == 401
    pushed = client.put(f"/api/staff/dossiers/{CODE}", json=body, headers=STAFF)
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["is_status_changed"] and pushed.json()["notifications"] == 1
    again = client.put(f"/api/staff/dossiers/{CODE}", json=body, headers=STAFF)
    assert again.json()["is_changed"] is False
    polled = client.get("/api/dossiers/notifications", params={"sender_id": "w-1"})
    assert polled.status_code == 200
    assert [n["status"] for n in polled.json()] == ["processing"]
    assert client.get("/api/dossiers/notifications?sender_id=w-1").json() == []
    bad = client.put(
        "/api/staff/dossiers/not-a-code", json={**body, "colour": "red"}, headers=STAFF
    )
    assert bad.status_code == 422


def test_staff_push_with_bad_code(client: TestClient) -> None:
    body = {
        "procedure_name": "X", "agency": "Y", "received_on": "2024-01-05", "status": "received",
    }
    response = client.put("/api/staff/dossiers/not-a-code", json=body, headers=STAFF)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_dossier_code"


def test_widget_stops_its_notifications(client: TestClient, demo_service: DossierService) -> None:
    asyncio.run(
        demo_service.subscribe(CODE, channel="api", recipient_id="api:w-2", language="vi")
    )
    asyncio.run(demo_service.subscribe(
        CODE, channel="telegram", recipient_id="telegram:7", language="vi"))
    # The public API cannot name a Telegram chat: channel ids are refused.
    spared = client.delete("/api/dossiers/subscriptions", params={"sender_id": "telegram:7"})
    assert spared.status_code == 422
    bad = client.delete("/api/dossiers/subscriptions",
                        params={"sender_id": "w-2", "code": "H22"},
                        headers={"Accept-Language": "en"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_dossier_code"
    assert client.delete("/api/dossiers/subscriptions").status_code == 422  # no sender
    gone = client.delete("/api/dossiers/subscriptions",
                         params={"sender_id": "w-2", "code": CODE.lower()})
    assert gone.json() == {"removed": 1}
    assert client.delete("/api/dossiers/subscriptions?sender_id=w-2").json() == {"removed": 0}
    assert demo_service.notifications.is_subscribed(
        CODE, channel="telegram", recipient_id="telegram:7")


def test_cross_origin_widget_may_call_the_get_and_delete_endpoints(
    demo_service: DossierService, tmp_path: Path
) -> None:
    portal = "https://dichvucong.example.gov.vn"
    settings = Settings(data_dir=tmp_path, server=ServerSettings(cors_origins=[portal]))
    app = create_app(settings)
    app.state.services = SimpleNamespace(settings=settings, dossiers=demo_service)
    client = TestClient(app)
    for method, path, headers in (
        ("GET", f"/api/dossiers/{CODE}", "x-phone-last4,accept-language"),
        ("GET", "/api/dossiers/notifications", ""),
        ("DELETE", "/api/dossiers/subscriptions", ""),
        ("POST", "/api/chat", "content-type"),
    ):
        preflight = client.options(path, headers={
            "Origin": portal, "Access-Control-Request-Method": method,
            **({"Access-Control-Request-Headers": headers} if headers else {}),
        })
        assert preflight.status_code == 200, (method, path, preflight.text)
        assert preflight.headers["access-control-allow-origin"] == portal
        assert method in preflight.headers["access-control-allow-methods"]
    for response in (
        client.get(f"/api/dossiers/{CODE}", headers={"Origin": portal}),
        client.get("/api/dossiers/notifications?sender_id=w-3", headers={"Origin": portal}),
        client.delete("/api/dossiers/subscriptions?sender_id=w-3", headers={"Origin": portal}),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["access-control-allow-origin"] == portal
    refused = client.options("/api/dossiers/notifications", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in refused.headers
    put = client.options(f"/api/staff/dossiers/{CODE}", headers={
        "Origin": portal, "Access-Control-Request-Method": "PUT"})
    assert put.status_code == 400  # the staff API is not for browsers on other sites
