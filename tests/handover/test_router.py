"""The handover API through the real app (error handlers, staff token), with the service
on a real SQLite database; no Rasa (the rating turn is covered by the integration tests)."""

import asyncio
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from assistant.app import create_app
from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.models import IncomingMessage
from assistant.handover.service import HandoverService
from assistant.handover.settings import HandoverSettings
from assistant.settings import Settings
from assistant.staff.service import StaffService

AUTH = {"Authorization": "Bearer s3cret-staff-token"}
SUNDAY = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'handover.db'}")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def service(engine: Engine) -> HandoverService:
    return HandoverService(engine, settings=HandoverSettings(), delivery_channels=None,
                           clock=lambda: SUNDAY)


@pytest.fixture
def client(service: HandoverService, engine: Engine) -> TestClient:
    settings = Settings(staff_token="s3cret-staff-token")
    app = create_app(settings)
    # No lifespan: only what these routes need is put on the app.
    staff = StaffService(engine, settings=settings.staff,
                         shared_token=settings.effective_staff_token)
    app.state.services = SimpleNamespace(settings=settings, handover=service, staff=staff)
    return TestClient(app)


def _left_message(service: HandoverService, sender: str, said: str) -> int:
    async def scenario() -> int:
        outcome = await service.request(channel="api", sender_id=sender, language="vi")
        await service.intercept(IncomingMessage(channel="api", sender_id=sender, text=said))
        return outcome.handover_id

    return asyncio.run(scenario())


def test_staff_routes_need_the_token(client: TestClient) -> None:
    assert client.get("/api/staff/handovers").status_code == 401
    assert client.post("/api/staff/handovers/1/close", json={"staff": "lan"}).status_code == 401


def test_a_left_message_listed_masked_then_answered(
    client: TestClient, service: HandoverService
) -> None:
    handover_id = _left_message(service, "api:web-a", "Gọi lại giúp tôi: 0912345678")
    [item] = client.get("/api/staff/handovers", params={"status": "message"},
                        headers=AUTH).json()["items"]
    assert set(item) >= {"id", "sender_id", "channel", "status", "created_at", "claimed_by",
                         "preview"}
    assert item["status"] == "message" and "0912345678" not in str(item)
    assert client.get("/api/staff/handovers", params={"status": "waiting"},
                      headers=AUTH).json() == {"items": []}
    detail = client.get(f"/api/staff/handovers/{handover_id}", headers=AUTH).json()
    assert detail["contact"] == "0912345678"
    assert detail["transcript"][-1]["who"] == "citizen"

    nameless = client.post(f"/api/staff/handovers/{handover_id}/claim", json={}, headers=AUTH)
    assert nameless.status_code == 422 and nameless.json()["code"] == "staff_name_required"
    claim = client.post(f"/api/staff/handovers/{handover_id}/claim", json={"staff": "lan"},
                        headers=AUTH)
    assert claim.json()["claimed_by"] == "lan"
    late = client.post(f"/api/staff/handovers/{handover_id}/claim", json={"staff": "minh"},
                       headers={**AUTH, "Accept-Language": "en"})
    assert late.status_code == 409
    assert late.json() == {"code": "handover_conflict",
                           "message": f"Handover {handover_id} is already taken by lan."}
    sent = client.post(f"/api/staff/handovers/{handover_id}/messages",
                       json={"staff": "lan", "text": "Chào chị"}, headers=AUTH)
    assert sent.status_code == 200
    updates = client.get("/api/chat/updates", params={"sender_id": "web-a"}).json()["messages"]
    assert [(m["from"], m["text"]) for m in updates][-1] == ("staff", "Chào chị")
    assert client.post(f"/api/staff/handovers/{handover_id}/messages",
                       json={"staff": "lan", "text": ""}, headers=AUTH).status_code == 422


def test_unknown_handover_and_bad_sender(client: TestClient) -> None:
    missing = client.post("/api/staff/handovers/42/claim", json={"staff": "lan"}, headers=AUTH)
    assert missing.status_code == 404 and missing.json()["code"] == "handover_not_found"
    assert client.get("/api/staff/handovers", params={"status": "lost"},
                      headers=AUTH).status_code == 422
    assert client.get("/api/chat/updates", params={"sender_id": "web-x"}).json() == {
        "messages": []}
    assert client.get("/api/chat/updates", params={"sender_id": "<script>"}).status_code == 422


def test_inbox_page_needs_a_session_and_has_no_outside_resources(
    client: TestClient
) -> None:
    anonymous = client.get("/staff/inbox", follow_redirects=False)
    assert anonymous.status_code in (303, 307)
    assert "/staff/login" in anonymous.headers["location"]
    services = client.app.state.services  # type: ignore[attr-defined]
    services.staff.add_account("lan", "mật-khẩu-của-lan", role="staff")
    form = client.get("/staff/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    signed_in = client.post("/staff/login", follow_redirects=False, data={
        "username": "lan", "password": "mật-khẩu-của-lan", "csrf_token": csrf,
        "next": "/staff/inbox"})
    assert signed_in.status_code == 303
    page = client.get("/staff/inbox")
    assert page.status_code == 200
    assert "Hộp thư cán bộ" in page.text and "Staff inbox" in page.text
    assert '<meta name="staff-name" content="lan">' in page.text
    assert not re.search(r"(src|href)=\"https?://", page.text)
