from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from assistant.channels.telegram import render
from assistant.dialogue.models import BotMessage, Button, ChatOut


def test_deep_link_parameters_keep_only_known_keys() -> None:
    assert render.parse_start_parameter("counter_Q3") == {"counter": "Q3"}
    assert render.parse_start_parameter("counter_Q3__agency_STP-01") == {
        "counter": "Q3", "agency": "STP-01"
    }
    assert render.parse_start_parameter("mode_feedback__counter_Q3") == {
        "mode": "feedback", "counter": "Q3"
    }
    assert render.parse_start_parameter("admin_1__counter_") == {}
    assert render.parse_start_parameter("") == {}


async def test_long_payloads_get_a_short_key() -> None:
    saved: dict[str, str] = {}

    async def save(key: str, payload: str) -> None:
        saved[key] = payload

    assert await render.callback_data("/ask_fee", save) == "/ask_fee"
    long = "/choose_procedure{" + '"procedure_code":"1.001193",' * 3 + "}"
    key = await render.callback_data(long, save)
    assert len(key.encode()) <= 64 and saved == {key: long}
    assert key == render.button_key(long)  # the same payload, the same key


async def test_buttons_without_text_go_under_the_previous_message() -> None:
    async def save(key: str, payload: str) -> None:
        raise AssertionError("short payloads need no key")

    reply = ChatOut(language="vi", messages=[
        BotMessage(text="Thủ tục cấp hộ chiếu"),
        BotMessage(buttons=[Button(title="Lệ phí", payload="/ask_fee")]),
        BotMessage(buttons=[Button(title="Hồ sơ", payload="/ask_documents")]),
    ])
    first, second = await render.render_reply(reply, save)
    assert first["text"] == "Thủ tục cấp hộ chiếu"
    assert first["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/ask_fee"
    assert second["text"] == "Anh/chị chọn bên dưới:"


def test_marking_ticks_only_the_tapped_button() -> None:
    markup = InlineKeyboardMarkup([
        [InlineKeyboardButton("✓ A", callback_data="a")],
        [InlineKeyboardButton("B", callback_data="b")],
    ])
    marked = render.mark_pressed(markup, "b")
    assert [row[0].text for row in marked.inline_keyboard] == ["A", "✓ B"]
