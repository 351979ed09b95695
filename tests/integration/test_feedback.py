"""Feedback through the real Rasa server and gateway: the form in Vietnamese, without
diacritics and in English, stopping half-way, the QR context, answer thumbs, and a QR
code opened in a real browser. What was stored is read back through the staff CSV."""

import io
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import zxingcpp
from PIL import Image

from assistant.dialogue.senders import api_conversation_id
from assistant.feedback.csv_io import parse_csv
from assistant.feedback.models import FeedbackRecord
from assistant.feedback.store import conversation_key
from assistant.runtime.stack import Stack
from assistant.secrets_file import persistent_secret
from tests.support.browser import WidgetPage, artifacts_dir, launch_chromium
from tests.support.chat import Conversation

pytestmark = pytest.mark.integration

QR_CONTEXT = {"mode": "feedback", "counter": "Q3", "agency": "stp"}


def _staff(stack: Stack) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.settings.effective_staff_token}"}


def _records(gateway: httpx.Client, stack: Stack, sender_id: str) -> list[FeedbackRecord]:
    response = gateway.get("/api/staff/feedback/export.csv", headers=_staff(stack))
    assert response.status_code == 200, response.text
    salt = persistent_secret(stack.settings.feedback_salt_file)
    key = conversation_key(api_conversation_id(sender_id), salt=salt)
    return [r for r in parse_csv(response.text) if r.conversation == key]


def _one(gateway: httpx.Client, stack: Stack, chat: Conversation) -> FeedbackRecord:
    (record,) = _records(gateway, stack, chat.sender_id)
    return record


def _press(chat: Conversation, title_part: str) -> None:
    button = next(b for b in chat.buttons if title_part in b["title"])
    chat.say(button["payload"])


def _rate(chat: Conversation, stars: int, **extra: Any) -> None:
    button = next(b for b in chat.buttons if f'"rating":"{stars}"' in b["payload"])
    chat.say(button["payload"], **extra)


def test_vietnamese_flow_with_comment_and_contact(gateway: httpx.Client, stack: Stack) -> None:
    chat = Conversation(gateway)
    chat.say("tôi muốn góp ý")
    assert "1 đến 5 sao" in chat.text
    assert len([b for b in chat.buttons if "rating" in b["payload"]]) == 5
    _rate(chat, 5)
    assert "hài lòng nhất" in chat.text
    _press(chat, "Cán bộ nhiệt tình")
    assert "góp ý thêm" in chat.text
    chat.say("Chị ở quầy hướng dẫn rõ ràng, cảm ơn chị")
    assert "số điện thoại hoặc email" in chat.text  # a comment may deserve a reply
    chat.say("số của tôi 0912 345 678")
    assert "Cảm ơn anh/chị đã góp ý" in chat.text and "0912345678" in chat.text
    record = _one(gateway, stack, chat)
    assert (record.rating, record.reasons) == (5, ["friendly", "clear"])
    assert record.comment == "Chị ở quầy hướng dẫn rõ ràng, cảm ơn chị"
    assert (record.contact, record.status, record.language) == ("0912345678", "complete", "vi")
    assert (record.source, record.counter) == ("chat", None)


def test_unaccented_flow_with_skips(gateway: httpx.Client, stack: Stack) -> None:
    chat = Conversation(gateway)
    chat.say("toi muon gop y")
    assert "1 đến 5 sao" in chat.text
    chat.say("2 sao")
    assert "chưa hài lòng về điều gì" in chat.text
    chat.say("cho lau qua")
    chat.say("bo qua")
    assert "số điện thoại hoặc email" in chat.text  # a low rating may deserve a reply
    chat.say("khong can")
    assert "xin lỗi vì trải nghiệm chưa tốt" in chat.text
    record = _one(gateway, stack, chat)
    assert (record.rating, record.reasons, record.comment, record.contact) == (
        2, ["slow"], None, None)
    assert record.status == "complete"


def test_english_flow_stopped_at_the_comment(gateway: httpx.Client, stack: Stack) -> None:
    chat = Conversation(gateway)
    chat.say("i want to complain")
    assert chat.last["language"] == "en"
    assert "1 to 5 stars" in chat.text
    chat.say("1")
    assert "What went wrong" in chat.text
    chat.say("the officer was rude")
    assert "Anything else" in chat.text
    _press(chat, "Finish")
    assert "Thank you for your feedback" in chat.text
    record = _one(gateway, stack, chat)
    assert (record.rating, record.reasons, record.status, record.language) == (
        1, ["rude"], "stopped", "en")


def test_a_rating_typed_first_and_stopping_half_way(gateway: httpx.Client, stack: Stack) -> None:
    chat = Conversation(gateway)
    chat.say("4/5")
    assert "hài lòng nhất" in chat.text  # the rating was taken from the first message
    chat.say("thôi")
    assert "Cảm ơn anh/chị đã góp ý" in chat.text
    record = _one(gateway, stack, chat)
    assert (record.rating, record.reasons, record.status) == (4, [], "stopped")
    # The conversation goes on normally, and a new round is a new record.
    chat.say("5 sao")
    _press(chat, "Kết thúc")
    assert sorted(r.rating or 0 for r in _records(gateway, stack, chat.sender_id)) == [4, 5]


def test_stopping_before_the_rating_keeps_the_opening_words(
    gateway: httpx.Client, stack: Stack
) -> None:
    chat = Conversation(gateway)
    chat.say("cán bộ rất nhiệt tình")
    assert "1 đến 5 sao" in chat.text
    chat.say("thôi không cần nữa")
    record = _one(gateway, stack, chat)
    assert (record.rating, record.reasons, record.status) == (None, ["friendly"], "stopped")
    assert record.opening_text == "cán bộ rất nhiệt tình"
    empty = Conversation(gateway)
    empty.say("tôi muốn góp ý")
    empty.say("thôi")
    assert "bất cứ lúc nào" in empty.text or "Khi nào cần" in empty.text
    assert _records(gateway, stack, empty.sender_id) == []


def test_qr_context_arrives_with_the_rating(gateway: httpx.Client, stack: Stack) -> None:
    chat = Conversation(gateway)
    chat.say("xin chào", context=QR_CONTEXT)  # the first words after scanning
    assert "tại quầy Q3" in chat.text
    _rate(chat, 3, context=QR_CONTEXT)
    chat.say("Kết thúc", context=QR_CONTEXT)
    record = _one(gateway, stack, chat)
    assert (record.rating, record.counter, record.agency, record.source) == (3, "Q3", "stp", "qr")
    assert record.status == "stopped"


def test_a_procedure_question_while_rating_is_answered(gateway: httpx.Client) -> None:
    chat = Conversation(gateway)
    chat.say("tôi muốn góp ý")
    chat.say("tôi muốn làm hộ chiếu")
    assert "1 đến 5 sao" not in chat.text
    assert chat.buttons and "hộ chiếu" in chat.text.lower()


def test_answer_thumbs_are_recorded(gateway: httpx.Client, stack: Stack) -> None:
    def answers() -> dict[str, int]:
        summary = gateway.get("/api/staff/feedback/summary", headers=_staff(stack)).json()
        return dict(summary["answers"])

    before = answers()
    chat = Conversation(gateway)
    chat.say("tôi muốn làm hộ chiếu")
    chat.choose_first_procedure()
    chat.say("lệ phí bao nhiêu")
    assert "hữu ích" in chat.text
    _press(chat, "👎")
    assert "Cảm ơn anh/chị, tôi sẽ ghi nhận" in chat.text
    after = answers()
    assert after["not_helpful"] == before["not_helpful"] + 1
    assert after["helpful"] == before["helpful"]


@pytest.fixture
def page(stack: Stack) -> Iterator[Any]:
    with launch_chromium() as browser:
        context = browser.new_context(viewport={"width": 420, "height": 800})
        try:
            yield context.new_page()
        finally:
            context.close()


def test_scanned_qr_code_opens_the_chat_in_feedback_mode(
    gateway: httpx.Client, stack: Stack, page: Any
) -> None:
    png = gateway.get("/api/staff/feedback/qr", headers=_staff(stack),
                      params={"agency": "stp", "counter": "Q7"})
    (scanned,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert scanned.text.startswith(stack.gateway_url)
    widget = WidgetPage(page, artifacts_dir("feedback"))
    page.goto(scanned.text)
    widget.wait_until_styled()
    widget.panel.wait_for(state="visible")  # open=1: already open
    answer = widget.ask("xin chào")
    assert "tại quầy Q7" in answer
    before = widget.bot_bubbles.count()
    widget.replies.filter(has_text=re.compile(r"^⭐{4} ")).first.click()
    widget.wait_for_bot(before)
    widget.shot("qr-feedback-reasons")
    before = widget.bot_bubbles.count()
    widget.replies.filter(has_text="Nhanh chóng").first.click()
    widget.wait_for_bot(before)
    conversation = widget.stored().get("senderId") or widget.stored().get("sender_id")
    assert conversation, widget.stored()
    (record,) = _records(gateway, stack, str(conversation))
    assert (record.rating, record.reasons, record.counter, record.agency, record.source) == (
        4, ["fast"], "Q7", "stp", "qr")
    assert widget.errors == []


def test_too_many_rounds_are_refused_and_what_was_given_is_kept(
    gateway: httpx.Client, stack: Stack
) -> None:
    limit = int(stack.settings.feedback.sender_rate_limit.split("/")[0])
    chat = Conversation(gateway)
    for _ in range(limit):
        chat.say("5 sao")
        assert "hài lòng nhất" in chat.text, chat.text
        chat.say("thôi")
    chat.say("5 sao")
    assert "gửi nhiều góp ý" in chat.text and "vẫn được ghi nhận" in chat.text, chat.text
    assert "Khi nào cần" not in chat.text  # the refusal is the only answer
    records = _records(gateway, stack, chat.sender_id)
    assert [r.rating for r in records] == [5] * limit
    chat.say("tôi muốn làm hộ chiếu")  # the conversation itself goes on
    assert "hộ chiếu" in chat.text.lower()
