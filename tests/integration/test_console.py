"""The staff console against the real gateway and Rasa server: the intent tester, a
recorded conversation with its personal data masked, and both in a real browser.

Screenshots go to ``test-artifacts/console/``.
"""

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from assistant.database import create_db_engine
from assistant.dialogue.senders import api_conversation_id
from assistant.runtime.stack import Stack
from assistant.staff.service import StaffService
from tests.support.browser import artifacts_dir, launch_chromium
from tests.support.chat import Conversation

pytestmark = pytest.mark.integration

PASSWORD = "mật-khẩu-cán-bộ"
STAFF = {"Authorization": "Bearer dev-staff-token"}


@pytest.fixture(scope="module")
def account(stack: Stack) -> str:
    """A staff account in the running gateway's database."""
    engine = create_db_engine(stack.settings.effective_database_url)
    StaffService(engine, settings=stack.settings.staff).add_account(
        "can.bo", PASSWORD, role="staff")
    engine.dispose()
    return "can.bo"


def _login(client: httpx.Client, username: str) -> str:
    form = client.get("/staff/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    response = client.post("/staff/login", data={
        "username": username, "password": PASSWORD, "csrf_token": csrf, "next": "/staff/tester"})
    assert response.status_code == 303, response.text
    page = client.get("/staff/tester").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_intent_tester_page_runs_many_messages_against_rasa(
    gateway: httpx.Client, account: str
) -> None:
    csrf = _login(gateway, account)
    lines = "le phi lam ho chieu bao nhieu\nHow much does a passport cost?\nxyzzy qwrtp\n"
    page = gateway.post("/staff/tester", data={"messages": lines, "csrf_token": csrf})
    assert page.status_code == 200, page.text
    rows = re.findall(r'<tr class="result( low)?">(.*?)</tr>', page.text, re.S)
    assert len(rows) == 3
    first, english, _ = rows
    assert "<code>ask_fee</code>" in first[1] and first[0] == ""  # confident
    assert '<span class="tag">vi</span>' in first[1]
    assert '<span class="tag">en</span>' in english[1] and "ask_fee" in english[1]
    assert "hộ chiếu" in first[1].lower()  # the reply and the procedures found
    for is_low, cells in rows:  # highlighted exactly when the model is unsure
        name, confidence = re.search(
            r'class="top-intent">.*?<code>(.*?)</code> <span class="num">([\d.]+)', cells, re.S
        ).groups()  # type: ignore[union-attr]
        assert bool(is_low) == (float(confidence) < 0.5 or name == "nlu_fallback"), cells
    assert "3 câu, " in page.text


def test_parse_api_with_a_session_needs_the_csrf_header(
    gateway: httpx.Client, account: str
) -> None:
    csrf = _login(gateway, account)
    body = {"text": "cấp lại giấy khai sinh"}
    assert gateway.post("/api/staff/parse", json=body).status_code == 403
    parsed = gateway.post("/api/staff/parse", json=body, headers={"X-CSRF-Token": csrf})
    assert parsed.status_code == 200 and parsed.json()["language"] == "vi"


def test_a_conversation_is_recorded_masked(gateway: httpx.Client) -> None:
    chat = Conversation(gateway)
    chat.say("Tôi là Nguyễn Văn An, số 0912 345 678, tôi muốn làm hộ chiếu")
    chat.say("lệ phí bao nhiêu")
    listed = gateway.get("/api/staff/conversations", params={"q": "hộ chiếu"}, headers=STAFF)
    assert listed.status_code == 200
    server_id = api_conversation_id(chat.sender_id)  # web/API ids live under ``api:``
    (item,) = [i for i in listed.json()["items"] if i["sender_id"] == server_id]
    assert (item["channel"], item["language"], item["turns"]) == ("api", "vi", 2)
    detail = gateway.get(f"/api/staff/conversations/{item['id']}", headers=STAFF).json()
    user_turns = [t for t in detail["turns"] if t["who"] == "user"]
    assert user_turns[0]["text"] == "Tôi là [name], số [phone], tôi muốn làm hộ chiếu"
    assert user_turns[1]["intent"] == "ask_fee"
    assert any(t["who"] == "bot" and t["text"] for t in detail["turns"])
    exported = gateway.get("/api/staff/conversations/export.csv", headers=STAFF,
                           params={"q": "hộ chiếu"}).text
    assert "[name]" in exported and "0912" not in exported and "Nguyễn Văn An" not in exported
    fallback = gateway.get("/api/staff/conversations", headers=STAFF,
                           params={"fallback": "true"}).json()
    assert all(i["sender_id"] != server_id for i in fallback["items"])
    metrics = gateway.get("/metrics").text  # the actions searched, Rasa answered
    searched = re.search(r"^assistant_search_seconds_count (\S+)$", metrics, re.M)
    assert searched and float(searched.group(1)) > 0
    assert re.search(r'^assistant_turns_total\{channel="api",language="vi"\} [1-9]', metrics,
                     re.M)


def test_regression_run_against_the_running_model(gateway: httpx.Client, account: str) -> None:
    import time

    csrf = _login(gateway, account)
    started = gateway.post("/staff/regression", data={"csrf_token": csrf})
    assert started.status_code == 303
    deadline = time.monotonic() + 900
    page = ""
    while time.monotonic() < deadline:
        page = gateway.get("/staff/regression?lang=en").text
        if 'data-state="running"' not in page:
            break
        time.sleep(3)
    assert 'data-state="done"' in page, page[-2000:]
    scores = re.findall(r"<td>(Vietnamese with diacritics|Vietnamese without diacritics|"
                        r"English)</td>\s*<td class=\"num\">([\d.]+) %", page)
    assert len(scores) == 3
    assert all(float(accuracy) > 50 for _, accuracy in scores), scores
    assert "Found in top 5" in page and 'id="regression-failures"' in page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


def test_console_in_a_browser(browser: Any, stack: Stack, gateway: httpx.Client,
                              account: str) -> None:
    chat = Conversation(gateway)
    chat.say("cho tôi hỏi thủ tục đăng ký kết hôn, email tôi là lan.tran@gmail.com")
    shots = artifacts_dir("console")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = stack.gateway_url
    page.goto(f"{base}/staff/tester")
    assert page.url.startswith(f"{base}/staff/login")
    page.fill("input[name=username]", account)
    page.fill("input[name=password]", PASSWORD)
    page.screenshot(path=str(shots / "01-login.png"))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/staff/tester")
    page.fill("#messages", "đăng ký kết hôn cần giấy tờ gì\nhow to get a passport\nxyzzy qwrtp")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#tester-results")
    assert page.locator("#tester-results tr.result").count() == 3
    assert page.locator("#tester-results tr.result .top-intent").count() == 3
    page.screenshot(path=str(shots / "02-intent-tester.png"), full_page=True)

    page.click('nav.side a[href="/staff/conversations"]')
    page.fill("input[name=q]", "kết hôn")
    page.click("#conversation-filters button[type=submit]")
    page.wait_for_selector("#conversation-list")
    page.screenshot(path=str(shots / "03-conversations.png"), full_page=True)
    page.locator("#conversation-list a").first.click()
    page.wait_for_selector("#turns .turn.user")
    text = page.inner_text("#turns")
    assert "[email]" in text and "lan.tran@gmail.com" not in text
    assert page.locator("#turns .turn.bot").count() >= 1
    page.screenshot(path=str(shots / "04-conversation.png"), full_page=True)

    page.click("text=English")
    page.wait_for_selector("text=Citizen")
    page.screenshot(path=str(shots / "05-conversation-en.png"), full_page=True)
    assert errors == []
    context.close()


def test_retention_deletes_rasa_tracker_events_and_conversations(
    gateway: httpx.Client, stack: Stack
) -> None:
    """Against the tracker store the real Rasa server wrote (last: it empties both)."""
    import sqlite3
    from datetime import UTC, datetime, timedelta

    from assistant.conversations.service import ConversationService
    from assistant.retention.service import RetentionService

    chat = Conversation(gateway)
    chat.say("xin chào")
    tracker = stack.settings.tracker_db_path
    with sqlite3.connect(tracker) as db:
        count = "SELECT COUNT(*) FROM events WHERE sender_id = ?"
        assert db.execute(count, (api_conversation_id(chat.sender_id),)).fetchone()[0] > 0
    engine = create_db_engine(stack.settings.effective_database_url)
    later = datetime.now(UTC) + timedelta(days=stack.settings.retention.tracker_days + 1)
    report = RetentionService(
        engine, stack.settings.retention,
        conversations=ConversationService(engine, low_rating_max=2), tracker_db=tracker,
        now=lambda: later,
    ).run()
    engine.dispose()
    assert report.conversations >= 1 and report.tracker_events > 0
    with sqlite3.connect(tracker) as db:
        assert db.execute(count, (api_conversation_id(chat.sender_id),)).fetchone()[0] == 0
    listed = gateway.get("/api/staff/conversations", headers=STAFF).json()
    assert all(i["sender_id"] != api_conversation_id(chat.sender_id) for i in listed["items"])
