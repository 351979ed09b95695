"""The widget in a real browser (Chromium), against a scripted chat API peer.

What only the widget decides is tested here: safe rendering, links, failures and
retry, storage, keyboard and ARIA, layout. The same widget against the real gateway
and Rasa is in ``tests/integration/test_widget.py``.
"""

from collections.abc import Callable

from tests.support.browser import ChatPeer, WidgetPage
from tests.web.conftest import embed_page

Visit = Callable[..., WidgetPage]
XSS = "<img src=x onerror=alert(1)>"


def test_opens_as_a_labelled_dialog_with_focus_in_the_input(visit: Visit) -> None:
    widget = visit("/")
    assert widget.launcher.get_attribute("aria-expanded") == "false"
    assert widget.launcher.get_attribute("aria-label") == "Hỏi trợ lý ảo"
    widget.open()
    assert widget.launcher.is_hidden()
    assert widget.panel.get_attribute("role") == "dialog"
    assert widget.panel.get_attribute("aria-label", timeout=1000).startswith(
        "Trò chuyện với trợ lý ảo"
    )
    assert widget.active_class() == "aw-input"
    greeting = widget.page.locator(".aw-greeting").inner_text()
    assert "Trung tâm Phục vụ hành chính công" in greeting
    assert widget.page.locator("[aria-live=polite]").count() == 1
    for button in widget.page.locator(".aw-panel button").all():
        assert (button.get_attribute("aria-label") or button.inner_text()).strip()
    assert not widget.errors


def test_bot_and_user_markup_is_shown_as_text(visit: Visit, peer: ChatPeer) -> None:
    peer.reply(f"Kết quả: {XSS} <script>alert(2)</script>",
               buttons=[{"title": f"Nút {XSS}", "payload": "/choose{\"x\":1}"}])
    widget = visit("/")
    widget.open()
    widget.ask(XSS)
    assert widget.user_bubbles.last.inner_text() == XSS
    assert XSS in widget.bot_bubbles.last.inner_text()
    assert widget.replies.first.inner_text() == f"Nút {XSS}"
    assert widget.injected_elements() == 0
    widget.page.wait_for_timeout(300)
    assert widget.dialogs == []
    widget.shot("xss-as-text")


def test_stored_history_is_rendered_as_text_too(visit: Visit, web_url: str) -> None:
    widget = visit("/")
    widget.page.evaluate(
        """([key, xss]) => localStorage.setItem(key, JSON.stringify({
            senderId: 'web-1', lang: 'vi', isExplicit: false,
            messages: [{id: 'a', from: 'bot', text: xss,
                        buttons: [{title: xss, payload: xss}]}]}))""",
        [f"assistant-widget:{web_url}", XSS],
    )
    widget.page.reload()
    widget.open()
    assert widget.bot_bubbles.last.inner_text() == XSS
    assert widget.injected_elements() == 0
    assert widget.dialogs == []


def test_urls_become_safe_links_and_line_breaks_are_kept(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Dòng 1\nXem https://dichvucong.gov.vn/p/home/dvc-tthc.html?ma=1.001193.\n"
               "javascript:alert(1) (chi tiết: https://example.vn/a_(b))")
    widget = visit("/")
    widget.open()
    widget.ask("hộ chiếu")
    bubble = widget.bot_bubbles.last
    links = bubble.locator("a")
    assert links.count() == 2
    first = links.first
    assert first.get_attribute("href") == "https://dichvucong.gov.vn/p/home/dvc-tthc.html?ma=1.001193"
    assert first.get_attribute("target") == "_blank"
    assert "noopener" in (first.get_attribute("rel") or "")
    assert links.last.get_attribute("href") == "https://example.vn/a_(b)"
    assert bubble.inner_text().startswith("Dòng 1\nXem ")
    assert bubble.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-wrap"


def test_quick_reply_sends_its_payload_and_shows_its_title(
    visit: Visit, peer: ChatPeer
) -> None:
    payload = '/choose_procedure{"procedure_code":"1.001193"}'
    peer.reply("Anh/chị chọn thủ tục:", buttons=[{"title": "Cấp hộ chiếu", "payload": payload}])
    peer.reply("📄 Cấp hộ chiếu phổ thông")
    widget = visit("/")
    widget.open()
    widget.ask("hộ chiếu")
    widget.replies.first.click()
    widget.wait_for_bot(1)
    assert peer.requests[-1]["text"] == payload
    assert widget.user_bubbles.last.inner_text() == "Cấp hộ chiếu"
    assert widget.replies.count() == 0  # old buttons go once answered
    assert widget.active_class() == "aw-input"


def test_session_and_history_survive_a_reload(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Trả lời một", buttons=[{"title": "Lệ phí", "payload": "/ask_fee"}])
    widget = visit("/")
    widget.open()
    widget.ask("câu hỏi một")
    sender = peer.requests[0]["sender_id"]
    assert sender.startswith("web-") and len(sender) > 20
    widget.page.reload()
    widget.open()
    assert widget.user_bubbles.all_inner_texts() == ["câu hỏi một"]
    assert widget.bot_bubbles.all_inner_texts() == ["Trả lời một"]
    assert widget.replies.all_inner_texts() == ["Lệ phí"]  # still answerable
    peer.reply("Trả lời hai")
    widget.ask("câu hỏi hai")
    assert peer.requests[1]["sender_id"] == sender


def test_language_switch_is_sent_and_translates_the_widget(
    visit: Visit, peer: ChatPeer
) -> None:
    peer.reply("Xin chào")
    peer.reply("Hello", language="en")
    widget = visit("/")
    widget.open()
    widget.ask("xin chào")
    assert "language" not in peer.requests[0]  # detected by the assistant, not chosen
    widget.page.locator(".aw-lang[lang=en]").click()
    assert widget.page.locator(".aw-lang[lang=en]").get_attribute("aria-pressed") == "true"
    assert widget.input.get_attribute("placeholder", timeout=1000).startswith("Type your")
    assert "Hello!" in widget.page.locator(".aw-greeting").inner_text()
    widget.ask("xin chào")
    assert peer.requests[1]["language"] == "en"
    assert widget.page.locator(".aw").get_attribute("lang") == "en"


def test_ui_follows_the_language_the_assistant_answers_in(
    visit: Visit, peer: ChatPeer
) -> None:
    peer.reply("Hello! Which procedure?", language="en")
    widget = visit("/")
    widget.open()
    widget.ask("hello")
    assert widget.launcher.get_attribute("aria-label") == "Ask the assistant"
    assert widget.input.get_attribute("placeholder", timeout=1000).startswith("Type your")


def test_busy_server_keeps_the_message_for_retry(visit: Visit, peer: ChatPeer) -> None:
    peer.fail(503)
    peer.fail(429)
    peer.reply("Đã nhận")
    widget = visit("/")
    widget.open()
    widget.input.fill("làm hộ chiếu")
    widget.input.press("Enter")
    retry = widget.page.locator(".aw-retry")
    retry.wait_for()
    error = widget.page.locator(".aw-error").inner_text()
    assert "Hệ thống đang bận" in error and "Gửi lại" in error
    assert retry.get_attribute("aria-label") == "Gửi lại tin nhắn: làm hộ chiếu"
    widget.shot("busy-retry")
    retry.click()  # 429 → still busy
    widget.page.wait_for_function(
        "() => document.querySelector('#assistant-widget').shadowRoot"
        ".querySelector('.aw-retry') && !document.querySelector('#assistant-widget')"
        ".shadowRoot.querySelector('.aw-typing')")
    widget.page.locator(".aw-retry").click()
    widget.wait_for_bot(0)
    assert widget.page.locator(".aw-retry").count() == 0
    assert [r["text"] for r in peer.requests] == ["làm hộ chiếu"] * 3
    assert widget.user_bubbles.all_inner_texts() == ["làm hộ chiếu"]


def test_timeout_and_refusal_are_explained(visit: Visit, peer: ChatPeer) -> None:
    peer.hang()
    peer.fail(422)
    widget = visit("/embed.html", html=embed_page(timeout="800"))
    widget.open()
    widget.input.fill("một")
    widget.input.press("Enter")
    widget.page.locator(".aw-retry").wait_for()
    assert "phản hồi quá lâu" in widget.page.locator(".aw-error").inner_text()
    widget.input.fill("hai")
    widget.input.press("Enter")
    widget.page.locator(".aw-retry").nth(1).wait_for()
    refused = widget.page.locator(".aw-error").nth(1).inner_text()
    assert "không nhận tin nhắn" in refused and "status 422" in refused


def test_offline_message_is_kept_and_sent_when_back_online(
    visit: Visit, peer: ChatPeer
) -> None:
    widget = visit("/")
    widget.open()
    widget.page.context.set_offline(True)
    banner = widget.page.locator(".aw-banner")
    banner.wait_for()
    widget.input.fill("cấp lại căn cước")
    widget.input.press("Enter")
    widget.page.locator(".aw-retry").wait_for()
    assert "mất kết nối mạng" in widget.page.locator(".aw-error").inner_text()
    widget.shot("offline")
    widget.page.context.set_offline(False)
    banner.wait_for(state="hidden")
    widget.page.reload()  # the unsent message is not lost
    widget.open()
    assert widget.user_bubbles.all_inner_texts() == ["cấp lại căn cước"]
    assert widget.page.locator(".aw-retry").count() == 1
    peer.reply("Thủ tục cấp lại thẻ căn cước")
    widget.page.locator(".aw-retry").click()
    widget.wait_for_bot(0)
    assert peer.requests[-1]["text"] == "cấp lại căn cước"


def test_url_parameters_open_it_with_context(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Thank you for your feedback", language="en")
    widget = visit("/?open=1&counter=Q3&agency=so-tu-phap&mode=feedback&lang=en&utm_source=qr")
    widget.panel.wait_for(state="visible")
    assert widget.active_class() == "aw-input"
    assert "counter Q3" in widget.page.locator(".aw-greeting").inner_text()
    widget.ask("very good service")
    assert peer.requests[0]["context"] == {
        "counter": "Q3", "agency": "so-tu-phap", "mode": "feedback"
    }
    assert peer.requests[0]["language"] == "en"
    widget.shot("deep-link-feedback-en")


def test_event_contract_opens_asks_and_closes(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("📄 Đăng ký khai sinh")
    widget = visit("/")
    widget.page.evaluate(
        """() => { window.seen = [];
            for (const name of ['opened', 'closed']) {
                window.addEventListener('assistant:' + name, () => window.seen.push(name));
            } }""")
    widget.page.get_by_role("button", name="Hỏi về thủ tục này").nth(1).click()
    widget.wait_for_bot(0)
    assert peer.requests[0]["text"] == "đăng ký khai sinh cho con"
    widget.page.evaluate("() => window.dispatchEvent(new CustomEvent('assistant:close'))")
    widget.panel.wait_for(state="hidden")
    assert widget.page.evaluate("() => window.seen") == ["opened", "closed"]


def test_keyboard_only(visit: Visit) -> None:
    widget = visit("/embed.html", html=embed_page())
    keyboard = widget.page.keyboard
    for _ in range(5):  # the host page's one link, then the launcher
        keyboard.press("Tab")
        if widget.active_class() == "aw-launcher":
            break
    assert widget.active_class() == "aw-launcher"
    keyboard.press("Enter")
    assert widget.active_class() == "aw-input"
    keyboard.press("Shift+Tab")
    assert widget.active_class() == "aw-officer"  # "Gặp cán bộ", under the greeting
    keyboard.press("Shift+Tab")
    assert widget.active_class() == "aw-icon aw-close"
    keyboard.press("Escape")
    widget.panel.wait_for(state="hidden")
    assert widget.active_class() == "aw-launcher"
    keyboard.press("Space")
    widget.panel.wait_for(state="visible")
    assert widget.active_class() == "aw-input"
    keyboard.press("Tab")
    assert widget.active_class() == "aw-send"


def test_new_conversation_forgets_history_and_sender(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Một")
    widget = visit("/")
    widget.open()
    widget.ask("một")
    old = widget.stored()["senderId"]
    widget.page.locator(".aw-icon:not(.aw-close)").click()
    assert widget.user_bubbles.count() == 0
    assert widget.stored()["senderId"] != old
    assert widget.stored()["messages"] == []


def test_phone_viewport_is_full_screen_and_traps_focus(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Hồ sơ gồm:\n1. Tờ khai\n2. Ảnh chân dung", buttons=[
        {"title": "Lệ phí", "payload": "/ask_fee"}, {"title": "Nơi nộp", "payload": "/ask_where"}])
    widget = visit("/", viewport=(360, 740), is_mobile=True, has_touch=True)
    box = widget.launcher.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    widget.open()
    assert widget.panel.bounding_box() == {"x": 0, "y": 0, "width": 360, "height": 740}
    assert widget.panel.get_attribute("aria-modal") == "true"
    widget.ask("hộ chiếu")
    assert widget.page.evaluate(
        "() => document.documentElement.scrollWidth") <= 360
    widget.page.locator(".aw-send").focus()
    widget.page.keyboard.press("Tab")  # last → first inside the dialog
    assert widget.active_class() == "aw-lang"
    widget.shot("phone-360")


def test_colours_stay_readable_whatever_is_configured(visit: Visit) -> None:
    widget = visit("/embed.html", html=embed_page(color="#ffe14d", province="tỉnh Demo"))
    widget.open()
    background, ratio = widget.page.evaluate(
        """() => {
            const root = document.querySelector('#assistant-widget').shadowRoot;
            const rgb = (el, prop) => getComputedStyle(el)[prop].match(/[\\d.]+/g)
                .slice(0, 3).map(Number);
            const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                return (x + 0.05) / (y + 0.05); };
            const header = root.querySelector('.aw-header');
            const title = root.querySelector('.aw-title');
            return [getComputedStyle(header).backgroundColor,
                    ratio(rgb(title, 'color'), rgb(header, 'backgroundColor'))];
        }""")
    assert background == "rgb(255, 225, 77)"  # the configured colour is used…
    assert ratio >= 4.5  # …with a text colour readable on it
    assert widget.page.locator(".aw-subtitle").inner_text() == "tỉnh Demo"
    widget.shot("light-colour")


def test_escape_closes_after_a_click_in_the_conversation(visit: Visit) -> None:
    widget = visit("/")
    widget.open()
    widget.page.locator(".aw-greeting").click()
    widget.page.keyboard.press("Escape")
    widget.panel.wait_for(state="hidden")
    assert widget.active_class() == "aw-launcher"


def test_a_long_answer_is_shown_from_its_start(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Đầu câu trả lời\n" + "\n".join(f"{i}. Giấy tờ số {i}" for i in range(60)),
               buttons=[{"title": "Lệ phí", "payload": "/ask_fee"}])
    widget = visit("/")
    widget.open()
    widget.ask("hồ sơ cần nộp")
    body = widget.page.locator(".aw-body").bounding_box()
    answer = widget.bot_bubbles.last.bounding_box()
    assert body is not None and answer is not None
    assert body["y"] <= answer["y"] < body["y"] + body["height"] / 2


def test_the_host_page_can_send_only_the_known_context(visit: Visit, peer: ChatPeer) -> None:
    peer.reply("Xin chào")
    widget = visit("/")
    widget.page.evaluate(
        """() => window.dispatchEvent(new CustomEvent('assistant:open', {detail: {
            context: {page: 'ho-chieu', counter: 7, colour: 'red', agency: 'x'.repeat(150),
                      mode: {nested: true}},
            message: 'xin chào'}}))""")
    widget.wait_for_bot(0)
    # The chat API refuses other keys (422): the widget never sends them.
    assert peer.requests[0]["context"] == {"page": "ho-chieu", "counter": 7}
