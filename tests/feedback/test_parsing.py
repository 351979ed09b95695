import pytest

from actions.support.feedback_texts import helpful_buttons, rating_buttons, reason_buttons
from assistant.feedback.parsing import parse_contact, parse_control, parse_rating, parse_reasons
from assistant.text import detect_language


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("5", 5), ("5 sao", 5), ("4/5", 4), ("8/10", 4), ("chấm 3 điểm", 3),
        ("năm sao", 5), ("nam sao", 5), ("bốn sao nhé", 4), ("five stars", 5),
        ("I give it 2 stars", 2), ("⭐⭐⭐", 3), ("rất hài lòng", 5), ("rat hai long", 5),
        ("hài lòng", 4), ("bình thường", 3), ("không hài lòng", 2),
        ("rất không hài lòng", 1), ("very dissatisfied", 1), ("excellent", 5),
        ("cán bộ không tốt", 2),
    ],
)
def test_ratings_in_every_form(text: str, rating: int) -> None:
    assert parse_rating(text) == rating


@pytest.mark.parametrize("text", ["xin chào", "làm hộ chiếu ở đâu", "Bỏ qua", "0/5", "9/5"])
def test_no_rating(text: str) -> None:
    assert parse_rating(text) is None


def test_reasons_prefer_the_longest_phrase() -> None:
    assert parse_reasons("hướng dẫn không rõ ràng, chờ lâu quá") == ["slow", "unclear"]
    assert parse_reasons("huong dan ro rang, can bo nhiet tinh") == ["friendly", "clear"]
    assert parse_reasons("the staff were rude and I waited two hours") == ["slow", "rude"]
    assert parse_reasons("bắt bổ sung thêm giấy tờ") == ["extra_papers"]
    assert parse_reasons("ok") == []


@pytest.mark.parametrize(
    ("text", "control"),
    [
        ("thôi", "stop"), ("thôi không cần nữa", "stop"), ("Kết thúc", "stop"),
        ("Finish", "stop"), ("dung lai", "stop"), ("Bỏ qua", "skip"), ("không", "skip"),
        ("không có gì ạ", "skip"), ("Skip", "skip"), ("no thanks", "skip"), ("-", "skip"),
        ("Không cần", "skip"),
        ("cán bộ không tốt", None), ("rất không hài lòng", None), ("cảm ơn", None),
        ("chờ lâu quá", None),
    ],
)
def test_skip_and_stop_only_when_that_is_all_the_answer_says(text: str, control: str) -> None:
    assert parse_control(text) == control


def test_contacts() -> None:
    assert parse_contact("sđt của tôi 0912 345 678 nhé") == "0912345678"
    assert parse_contact("+84 912.345.678") == "+84912345678"
    assert parse_contact("email: an.nguyen@example.vn.") == "an.nguyen@example.vn"
    assert parse_contact("gọi cho tôi") is None


def test_button_payloads_carry_no_language() -> None:
    # A rating pressed in a Vietnamese chat must not switch the answers to English.
    buttons = [*rating_buttons("vi"), *reason_buttons(5, "vi"), *helpful_buttons("vi")]
    intents = [b["payload"] for b in buttons if b["payload"].startswith("/")]
    assert len(intents) == 5 + 4 + 2
    assert {detect_language(p) for p in intents} == {None}
