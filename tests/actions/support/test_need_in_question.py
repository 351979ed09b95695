import pytest

from actions.support.need_in_question import need_in_question


@pytest.mark.parametrize(
    "question",
    [
        "còn lệ phí thì sao?",
        "con le phi thi sao",
        "cần mang giấy tờ gì",
        "can mang giay to gi",
        "mất bao lâu",
        "nộp ở đâu vậy ạ",
        "how long does it take?",
        "what documents do I need?",
        "how much does it cost",
        "có nộp online được không",
    ],
)
def test_a_question_about_a_detail_names_no_need(question: str) -> None:
    assert need_in_question(question) is None


@pytest.mark.parametrize(
    ("question", "need"),
    [
        ("lệ phí làm hộ chiếu bao nhiêu", "hộ chiếu"),
        ("le phi lam ho chieu bao nhieu", "ho chieu"),
        ("làm lại căn cước cần giấy tờ gì", "lại căn cước"),
        ("gia hạn tạm trú mất bao lâu", "gia hạn tạm trú"),
        ("thị thực nộp ở đâu", "thị thực"),
        ("how much is a passport renewal", "passport renewal"),
    ],
)
def test_the_need_a_question_names_is_kept(question: str, need: str) -> None:
    assert need_in_question(question) == need
