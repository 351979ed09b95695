"""Handover to a person through the real gateway and the real Rasa server: the web
chat API, Telegram and Zalo (local servers speaking their APIs), the unclaimed timeout,
and a real browser with the widget and the staff inbox side by side."""

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.database import create_db_engine
from assistant.feedback.csv_io import parse_csv
from assistant.handover.tables import HandoverRow
from assistant.runtime.stack import Stack
from assistant.staff.service import StaffService
from tests.support.browser import WidgetPage, artifacts_dir, launch_chromium
from tests.support.stack import INTEGRATION_HANDOVER, WEBHOOK_SECRET, LocalPlatforms
from tests.support.telegram_server import TelegramServer, message_update
from tests.support.zalo_server import ZaloServer, signed_event, text_event

pytestmark = pytest.mark.integration

SECRET = WEBHOOK_SECRET
STAFF = {"Authorization": "Bearer dev-staff-token"}
TIMEOUT = 60.0
UNCLAIMED_SECONDS = INTEGRATION_HANDOVER.unclaimed_timeout_seconds


@dataclass
class Desk:
    stack: Stack
    gateway: httpx.Client
    telegram: TelegramServer
    zalo: ZaloServer

OFFICER_PASSWORD = "mật-khẩu-của-lan"


@pytest.fixture(scope="module")
def desk(stack: Stack, local_platforms: LocalPlatforms) -> Iterator[Desk]:
    """The session's stack (its handover settings are this module's), with an officer."""
    engine = create_db_engine(stack.settings.effective_database_url)
    StaffService(engine, settings=stack.settings.staff).add_account(
        "lan", OFFICER_PASSWORD, role="staff")
    engine.dispose()
    with httpx.Client(base_url=stack.gateway_url, timeout=30.0) as gateway:
        yield Desk(stack, gateway, local_platforms.telegram, local_platforms.zalo)


def _chat(desk: Desk, sender: str, text: str) -> list[str]:
    response = desk.gateway.post("/api/chat", json={"sender_id": sender, "text": text})
    assert response.status_code == 200, response.text
    return [m["text"] for m in response.json()["messages"]]


def _handover_of(desk: Desk, sender: str, status: str) -> dict[str, Any]:
    items = desk.gateway.get("/api/staff/handovers", params={"status": status},
                             headers=STAFF).json()["items"]
    # Web/API conversations live under ``api:`` server-side; channels keep their own ids.
    return next(i for i in items if i["sender_id"] in (sender, f"api:{sender}"))


def _staff(desk: Desk, handover_id: int, action: str, **body: str) -> httpx.Response:
    return desk.gateway.post(f"/api/staff/handovers/{handover_id}/{action}", json=body,
                             headers=STAFF)


def _wait(check: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_web_chat_whole_loop(desk: Desk) -> None:
    sender = f"web-{uuid.uuid4().hex}"
    assert _chat(desk, sender, "tôi muốn làm hộ chiếu")
    [queued] = _chat(desk, sender, "tôi muốn gặp cán bộ")
    assert "vị trí số" in queued
    assert _chat(desk, sender, "Tôi cần hỏi về hộ chiếu cho con") == []  # to staff, not bot
    handover = _handover_of(desk, sender, "waiting")
    assert (handover["channel"], handover["claimed_by"]) == ("api", None)
    assert handover["preview"] == "Tôi cần hỏi về hộ chiếu cho con"

    assert _staff(desk, handover["id"], "claim", staff="lan").status_code == 200
    second = _staff(desk, handover["id"], "claim", staff="minh")
    assert second.status_code == 409 and second.json()["code"] == "handover_conflict"
    assert _staff(desk, handover["id"], "messages", staff="lan",
                  text="Chào anh, con anh bao nhiêu tuổi?").status_code == 200
    updates = desk.gateway.get("/api/chat/updates", params={"sender_id": sender}).json()
    assert [(m["from"], m["text"]) for m in updates["messages"]] == [
        ("bot", "Cán bộ lan đã tiếp nhận cuộc trò chuyện."),
        ("staff", "Chào anh, con anh bao nhiêu tuổi?")]
    assert desk.gateway.get("/api/chat/updates",
                            params={"sender_id": sender}).json() == {"messages": []}
    assert _chat(desk, sender, "Cháu 8 tuổi") == []

    detail = desk.gateway.get(f"/api/staff/handovers/{handover['id']}", headers=STAFF).json()
    said = [(t["who"], t["text"]) for t in detail["transcript"]]
    assert ("citizen", "tôi muốn làm hộ chiếu") in said  # the conversation before
    assert said[-2:] == [("staff", "Chào anh, con anh bao nhiêu tuổi?"),
                         ("citizen", "Cháu 8 tuổi")]

    assert _staff(desk, handover["id"], "close", staff="lan").json()["status"] == "closed"
    closing = desk.gateway.get("/api/chat/updates", params={"sender_id": sender}).json()
    texts = [m["text"] for m in closing["messages"]]
    assert "Cán bộ đã kết thúc cuộc trò chuyện" in texts[0]
    assert any("hài lòng" in t for t in texts)  # the rating is asked
    assert any(m["buttons"] for m in closing["messages"])
    tracker = httpx.get(f"{desk.stack.settings.rasa.url}/conversations/api:{sender}/tracker",
                        params={"token": desk.stack.settings.rasa.token}, timeout=10.0).json()
    user_events = [e for e in tracker["events"] if e["event"] == "user"]
    assert user_events[-1]["metadata"]["context"] == {"handover": str(handover["id"])}
    assert _chat(desk, sender, "5")  # the bot answers again (the rating goes on)
    export = desk.gateway.get("/api/staff/feedback/export.csv", headers=STAFF)
    rated = [r for r in parse_csv(export.text) if r.handover_id == handover["id"]]
    assert [r.rating for r in rated] == [5]


@pytest.mark.parametrize("asking", ["gap nhan vien", "talk to a human"])
def test_other_wordings_and_hand_back(desk: Desk, asking: str) -> None:
    sender = f"web-{uuid.uuid4().hex}"
    [queued] = _chat(desk, sender, asking)
    assert "vị trí số" in queued or "number" in queued
    handover = _handover_of(desk, sender, "waiting")
    assert _staff(desk, handover["id"], "claim", staff="lan").status_code == 200
    assert _staff(desk, handover["id"], "hand-back", staff="lan").status_code == 200
    assert _chat(desk, sender, "làm hộ chiếu")  # the bot answers again


def test_unknown_sender_gets_no_updates_and_staff_routes_need_a_token(desk: Desk) -> None:
    assert desk.gateway.get("/api/chat/updates",
                            params={"sender_id": "web-nobody"}).json() == {"messages": []}
    assert desk.gateway.get("/api/staff/handovers").status_code == 401
    assert desk.gateway.post("/api/staff/handovers/1/claim", json={}).status_code == 401


def _age_waiting_handover(desk: Desk, sender: str, seconds: float) -> None:
    """Moves the handover's request back in time, as if nobody had claimed it for
    ``seconds`` (the gateway's own watcher then finds it)."""
    engine = create_db_engine(desk.stack.settings.effective_database_url)
    with Session(engine) as session, session.begin():
        row = session.scalars(select(HandoverRow).where(
            HandoverRow.sender_id.in_((sender, f"api:{sender}")),
            HandoverRow.status == "waiting")).one()
        row.created_at -= timedelta(seconds=seconds)
    engine.dispose()


def test_unclaimed_handover_offers_a_message(desk: Desk) -> None:
    sender = f"web-{uuid.uuid4().hex}"
    _chat(desk, sender, "cho tôi gặp nhân viên")
    time.sleep(2)  # the watcher has looked once: still in time, nothing said
    assert desk.gateway.get("/api/chat/updates", params={"sender_id": sender}).json()[
        "messages"] == []
    _age_waiting_handover(desk, sender, UNCLAIMED_SECONDS)
    told = _wait(lambda: desk.gateway.get("/api/chat/updates", params={"sender_id": sender})
                 .json()["messages"], "the unclaimed notice", timeout=30)
    assert "chưa có cán bộ nào tiếp nhận" in told[0]["text"]
    [kept] = _chat(desk, sender, "Tôi cần hỏi về đất đai, số tôi 0912345678")
    assert "liên hệ" in kept
    left = _handover_of(desk, sender, "message")
    assert left["contact"] != "0912345678" and left["contact"]  # masked in lists
    detail = desk.gateway.get(f"/api/staff/handovers/{left['id']}", headers=STAFF).json()
    assert detail["contact"] == "0912345678"


def test_telegram_staff_reply_is_sent(desk: Desk) -> None:
    chat = 720001
    api = desk.telegram

    def post(text: str) -> None:
        response = desk.gateway.post("/channels/telegram/webhook",
                                     json=message_update(chat, text),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert response.status_code == 200

    post("tôi muốn gặp cán bộ")
    _wait(lambda: any("vị trí số" in m["text"] for m in api.sent(chat)), "the queue notice")
    post("Hồ sơ của tôi bị trả lại")
    handover = _wait(lambda: next((i for i in desk.gateway.get(
        "/api/staff/handovers", params={"status": "waiting"}, headers=STAFF).json()["items"]
        if i["sender_id"] == f"telegram:{chat}" and "trả lại" in i["preview"]), None),
        "the citizen's message in the queue")
    seen = len(api.sent(chat))
    assert _staff(desk, handover["id"], "claim", staff="lan").status_code == 200
    assert _staff(desk, handover["id"], "transfer", staff="lan", to="minh").status_code == 200
    assert _staff(desk, handover["id"], "messages", staff="minh",
                  text="Anh gửi giúp tôi mã hồ sơ nhé.").status_code == 200
    _wait(lambda: any("Anh gửi giúp tôi mã hồ sơ nhé." in m["text"]
                      for m in api.sent(chat)[seen:]), "the staff reply on Telegram")
    assert _staff(desk, handover["id"], "close", staff="minh").status_code == 200
    rating = _wait(lambda: next((m for m in api.sent(chat)[seen:] if "hài lòng" in m["text"]),
                                None), "the rating question on Telegram")
    stars = [b["callback_data"] for row in rating["reply_markup"]["inline_keyboard"]
             for b in row]
    assert '/give_feedback{"rating":"5"}' in stars  # tappable, as in a turn


def test_zalo_staff_reply_is_sent(desk: Desk) -> None:
    user = "7002000000000000001"
    api = desk.zalo

    def say(text: str) -> None:
        event = text_event(user, text, app_id=api.app_id)
        body, headers = signed_event(event, app_id=api.app_id, oa_secret_key=api.oa_secret_key)
        assert desk.gateway.post("/channels/zalo/webhook", content=body,
                                 headers=headers).status_code == 200

    say("cho tôi nói chuyện với người thật")
    _wait(lambda: any("vị trí số" in m["text"] for m in api.sent(user)), "the queue notice")
    handover = _wait(lambda: next((i for i in desk.gateway.get(
        "/api/staff/handovers", params={"status": "waiting"}, headers=STAFF).json()["items"]
        if i["sender_id"] == f"zalo:{user}"), None), "the Zalo handover")
    assert _staff(desk, handover["id"], "claim", staff="hoa").status_code == 200
    assert _staff(desk, handover["id"], "messages", staff="hoa",
                  text="Chào chị, tôi có thể giúp gì?").status_code == 200
    _wait(lambda: any("Chào chị, tôi có thể giúp gì?" in m["text"] for m in api.sent(user)),
          "the staff reply on Zalo")
    seen = len(api.sent(user))
    assert _staff(desk, handover["id"], "close", staff="hoa").status_code == 200
    _wait(lambda: any("hài lòng" in m["text"] for m in api.sent(user)[seen:]),
          "the rating question on Zalo")
    asked = len(api.sent(user))
    say("1")  # the first of the numbered options (or buttons) the rating was shown with
    _wait(lambda: len(api.sent(user)) > asked, "the rating taken on Zalo")
    export = desk.gateway.get("/api/staff/feedback/export.csv", headers=STAFF)
    assert [r.channel for r in parse_csv(export.text) if r.handover_id == handover["id"]] == [
        "zalo"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


def test_widget_and_inbox_in_a_browser(desk: Desk, browser: Any) -> None:
    shots = artifacts_dir("handover")
    citizen = browser.new_context(viewport={"width": 1280, "height": 800})
    officer = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        widget = WidgetPage(citizen.new_page(), shots)
        widget.page.goto(f"{desk.stack.gateway_url}/")
        widget.wait_until_styled()
        widget.open()
        before = widget.bot_bubbles.count()
        widget.page.locator(".aw-officer").click()  # "Gặp cán bộ"
        widget.wait_for_bot(before)
        assert "vị trí số" in widget.bot_bubbles.last.inner_text()
        widget.input.fill("Tôi cần hỏi về giấy phép xây dựng")
        widget.input.press("Enter")

        inbox = officer.new_page()
        inbox.goto(f"{desk.stack.gateway_url}/staff/inbox")  # → the console's log-in
        inbox.fill("input[name=username]", "lan")
        inbox.fill("input[name=password]", OFFICER_PASSWORD)
        inbox.click("button[type=submit]")
        inbox.wait_for_url(f"{desk.stack.gateway_url}/staff/inbox")
        waiting = inbox.locator("#list-waiting button", has_text="giấy phép xây dựng")
        waiting.wait_for(timeout=10_000)  # appears without reloading
        waiting.click()
        inbox.locator("#transcript li", has_text="giấy phép xây dựng").wait_for()
        inbox.locator("#claim").click()
        inbox.locator("#reply-form:not([hidden])").wait_for()
        inbox.locator("#reply").fill("Chào anh, anh xây nhà ở đâu ạ?")
        started = time.monotonic()
        inbox.locator("#reply-form button[type=submit]").click()
        staff_reply = widget.page.locator(".aw-staff .aw-bubble",
                                          has_text="anh xây nhà ở đâu")
        staff_reply.wait_for(timeout=5_000)
        assert time.monotonic() - started < 3.0  # polled every 1.5 s while open
        widget.shot("staff-reply")
        inbox.screenshot(path=str(shots / "inbox.png"))
        assert not widget.errors
    finally:
        citizen.close()
        officer.close()
