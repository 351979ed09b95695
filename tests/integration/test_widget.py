"""The website chat widget in a real browser against the real gateway and Rasa server.

Screenshots go to ``test-artifacts/widget/``.
"""

import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from assistant.runtime.stack import Stack
from tests.support.browser import WidgetPage, artifacts_dir, launch_chromium

pytestmark = pytest.mark.integration

XSS = "<img src=x onerror=alert(1)>"
STAFF = {"Authorization": "Bearer dev-staff-token"}
Open = Callable[..., WidgetPage]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def demo(browser: Any, stack: Stack) -> Iterator[Open]:
    """``demo(query="", viewport=…)``: the demo portal in a fresh browser context."""
    contexts: list[Any] = []

    def _open(query: str = "", *, viewport: tuple[int, int] = (1280, 800),
              **options: Any) -> WidgetPage:
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, **options
        )
        contexts.append(context)
        widget = WidgetPage(context.new_page(), artifacts_dir("widget"))
        widget.page.goto(f"{stack.gateway_url}/{query}")
        widget.wait_until_styled()
        return widget

    yield _open
    for context in contexts:
        context.close()


def test_question_quick_reply_and_history_after_reload(demo: Open) -> None:
    widget = demo()
    widget.shot("01-portal-closed")
    widget.open()
    answer = widget.ask("tôi muốn làm hộ chiếu")
    assert "hộ chiếu" in answer.lower()
    assert widget.replies.count() > 0
    widget.shot("02-passport-answer")

    title = widget.replies.first.inner_text()
    before = widget.bot_bubbles.count()
    widget.replies.first.click()
    widget.wait_for_bot(before)
    assert widget.user_bubbles.last.inner_text() == title  # the title, never the payload
    assert not widget.user_bubbles.last.inner_text().startswith("/")
    widget.shot("03-after-quick-reply")

    users = widget.user_bubbles.all_inner_texts()
    bots = widget.bot_bubbles.all_inner_texts()
    widget.page.reload()
    widget.open()
    assert widget.user_bubbles.all_inner_texts() == users
    assert widget.bot_bubbles.all_inner_texts() == bots
    assert not widget.errors


def test_language_switch_gets_an_english_reply(demo: Open) -> None:
    widget = demo()
    widget.open()
    widget.page.locator(".aw-lang[lang=en]").click()
    answer = widget.ask("tôi muốn làm hộ chiếu")
    # The catalogue's wording stays Vietnamese; the frame around it is English.
    assert re.search(r"Processing time|Who may apply|procedures", answer), answer
    assert "Thời gian giải quyết" not in answer
    assert widget.page.locator(".aw").get_attribute("lang") == "en"
    assert widget.stored()["isExplicit"] is True
    widget.shot("04-english")


def test_keyboard_only_open_and_close(demo: Open) -> None:
    widget = demo()
    keyboard = widget.page.keyboard
    for _ in range(60):  # the portal's links and buttons come first, then the launcher
        keyboard.press("Tab")
        if widget.active_class() == "aw-launcher":
            break
    assert widget.active_class() == "aw-launcher"
    keyboard.press("Enter")
    widget.panel.wait_for(state="visible")
    assert widget.active_class() == "aw-input"
    keyboard.type("xin chào")
    keyboard.press("Enter")
    widget.wait_for_bot(0)
    keyboard.press("Escape")
    widget.panel.wait_for(state="hidden")
    assert widget.active_class() == "aw-launcher"
    keyboard.press("Space")
    widget.panel.wait_for(state="visible")
    assert widget.active_class() == "aw-input"


def test_phone_viewport(demo: Open) -> None:
    widget = demo(viewport=(360, 740), is_mobile=True, has_touch=True)
    widget.shot("05-phone-closed")
    widget.open()
    assert widget.panel.bounding_box() == {"x": 0, "y": 0, "width": 360, "height": 740}
    widget.ask("tôi muốn làm hộ chiếu")
    assert widget.page.evaluate("() => document.documentElement.scrollWidth") <= 360
    widget.shot("06-phone-answer")


def test_markup_in_messages_is_shown_as_text(demo: Open) -> None:
    widget = demo()
    widget.open()
    widget.ask(XSS)
    assert widget.user_bubbles.last.inner_text() == XSS
    assert widget.injected_elements() == 0
    widget.page.reload()  # and again from the stored history
    widget.open()
    assert widget.user_bubbles.last.inner_text() == XSS
    assert widget.injected_elements() == 0
    widget.page.wait_for_timeout(300)
    assert widget.dialogs == []


def test_counter_deep_link_sends_its_context(demo: Open) -> None:
    widget = demo("?open=1&counter=Q3&mode=feedback&lang=en")
    widget.panel.wait_for(state="visible")
    requests: list[dict[str, Any]] = []
    widget.page.on("request", lambda request: requests.append(request.post_data_json)
                   if request.url.endswith("/api/chat") else None)
    widget.ask("hello")
    assert requests[0]["context"] == {"counter": "Q3", "mode": "feedback"}
    assert requests[0]["language"] == "en"
    widget.shot("07-counter-deep-link")


def test_a_followed_dossier_status_change_appears_in_the_open_widget(
    browser: Any, stack: Stack, gateway: httpx.Client
) -> None:
    code = f"H22.45-240302-{uuid.uuid4().int % 10_000:04d}"
    record = {
        "procedure_name": "Đăng ký thường trú", "agency": "Công an phường Hồng Hải",
        "channel": "online", "received_on": "2024-03-02", "due_on": "2024-03-09",
        "status": "received", "status_at": "2024-03-02T09:00:00+07:00",
    }
    assert gateway.put(f"/api/staff/dossiers/{code}", json=record,
                       headers=STAFF).status_code == 200
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    # A host page polling every second (the default is every 15 s).
    page.route(f"{stack.gateway_url}/poll-host", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8",
        body='<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Host</title>'
             '</head><body><script src="/widget.js" data-poll="1000"></script></body></html>'))
    widget = WidgetPage(page, artifacts_dir("widget"))
    try:
        page.goto(f"{stack.gateway_url}/poll-host")
        widget.wait_until_styled()
        widget.open()
        answer = widget.ask(f"tra cứu hồ sơ {code.lower()}")
        assert "Đã tiếp nhận" in answer, answer
        subscribe = page.locator(".aw-reply", has_text="Nhận thông báo")
        before = widget.bot_bubbles.count()
        subscribe.click()
        widget.wait_for_bot(before)
        assert "Đã đăng ký" in widget.bot_bubbles.last.inner_text()

        changed = {**record, "status": "result_ready",
                   "status_at": "2024-03-05T15:00:00+07:00", "result_ready_on": "2024-03-05"}
        pushed = gateway.put(f"/api/staff/dossiers/{code}", json=changed, headers=STAFF)
        assert pushed.json()["notifications"] == 1, pushed.text
        notice = page.locator(".aw-notice .aw-bubble")
        notice.wait_for(timeout=15_000)
        assert notice.inner_text() == (
            f"🔔 Hồ sơ {code} (Đăng ký thường trú) vừa chuyển sang trạng thái: Đã có kết quả."
        )
        widget.shot("07-dossier-notification")
        assert not widget.errors
    finally:
        context.close()
