"""Personal data in what citizens type is masked before a turn is stored."""

import pytest

from assistant.conversations.masking import mask_conversation_text


@pytest.mark.parametrize(("text", "masked"), [
    ("Tôi là Nguyễn Văn An, số điện thoại 0912 345 678, email an.nguyen@gmail.com",
     "Tôi là [name], số điện thoại [phone], email [email]"),
    ("ten toi la tran thi be o ha tinh, cccd 079203012345",
     "ten toi la [name] o ha tinh, cccd [id-number]"),
    ("em tên Hoa, sđt +84 987654321", "em tên [name], sđt [phone]"),
    ("Họ và tên: Đỗ Quang Huy", "Họ và tên: [name]"),
    ("cấp lại giấy khai sinh cho con tôi tên Phạm Minh Khoa sinh năm 2019",
     "cấp lại giấy khai sinh cho con tôi tên [name] sinh năm 2019"),
    ("hồ sơ của Lê Thị Hồng bị chậm, CMND 182345678", "hồ sơ của [name] bị chậm, CMND [id-number]"),
    ("My name is John Smith and I need a passport", "My name is [name] and I need a passport"),
    ("I am Lan, mail me at lan+dvc@example.vn", "I am [name], mail me at [email]"),
])
def test_personal_data_is_masked(text: str, masked: str) -> None:
    assert mask_conversation_text(text) == masked


@pytest.mark.parametrize("text", [
    "tôi là sinh viên muốn làm hộ chiếu",
    "thủ tục ở TP Hồ Chí Minh",
    "Sở Tư pháp Hà Tĩnh",
    "lệ phí cấp hộ chiếu bao nhiêu",
    "H22.45-240105-0003",  # a dossier code is not personal
])
def test_ordinary_questions_are_kept(text: str) -> None:
    assert mask_conversation_text(text) == text
