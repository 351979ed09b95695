import pytest

from assistant.search.query.qualifiers import asked_qualifiers, title_qualifiers


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("Thủ tục đăng ký khai sinh", set()),
        ("Thủ tục đăng ký lại khai sinh", {"again"}),
        ("Cấp lại thẻ căn cước", {"again"}),
        ("Cấp đổi thẻ căn cước", {"exchange"}),
        ("Đổi giấy phép lái xe", {"exchange"}),
        ("Gia hạn tạm trú", {"extend"}),
        ("Xóa đăng ký thường trú", {"remove"}),
        ("Giải thể hợp tác xã", {"remove"}),
        ("Tạm ngừng kinh doanh hộ kinh doanh", {"pause"}),
        ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", {"amend"}),
        ("Cấp điều chỉnh giấy phép xây dựng", {"amend"}),
        ("Thủ tục đăng ký khai sinh có yếu tố nước ngoài", {"foreign"}),
        ("Thủ tục đăng ký lại kết hôn có yếu tố nước ngoài", {"again", "foreign"}),
        # An action later in the title is not the procedure's own.
        ("Cấp bổ sung xe tập lái, cấp lại Giấy phép xe tập lái", set()),
        ("Đăng ký, đăng ký lại, điều chỉnh đóng BHXH tự nguyện", set()),
    ],
)
def test_title_variants(title: str, names: set[str]) -> None:
    assert title_qualifiers(title) == names


def test_a_question_asks_for_a_variant_by_its_reason() -> None:
    assert asked_qualifiers(["làm giấy khai sinh cho con"]) == set()
    assert asked_qualifiers(["mất giấy khai sinh bản gốc"]) == {"again"}
    assert asked_qualifiers(["thẻ căn cước hết hạn"]) == {"exchange", "extend"}
    assert asked_qualifiers(["cắt hộ khẩu"]) == {"remove"}
    assert asked_qualifiers(["lấy chồng nước ngoài"]) == {"foreign"}


def test_reasons_are_whole_syllables_with_diacritics() -> None:
    assert asked_qualifiers(["sổ đỏ", "lái xe"]) == set()  # not "đổi", not "lại"
    assert asked_qualifiers(["I lost it", "bị mất, cấp lại"]) == {"again"}


def test_a_word_asks_for_a_variant_only_in_the_sense_that_names_a_reason() -> None:
    assert asked_qualifiers(["làm lại căn cước"]) == {"again"}
    assert asked_qualifiers(["bị mất bằng lái xe"]) == {"again"}
    assert asked_qualifiers(["mua lại xe máy cũ thì sang tên thế nào"]) == set()
    assert asked_qualifiers(["làm sổ đỏ mất bao lâu"]) == set()
    assert asked_qualifiers(["đăng ký kết hôn có mất phí không"]) == set()
    assert asked_qualifiers(["bố tôi mất, làm giấy khai tử ở đâu"]) == set()  # died
    assert asked_qualifiers(["ông nội mất để lại mảnh đất"]) == set()
    assert asked_qualifiers(["chồng mất giấy phép lái xe"]) == {"again"}  # lost a paper
    assert asked_qualifiers(["đóng bảo hiểm xã hội tự nguyện"]) == set()
    assert asked_qualifiers(["đóng cửa quán ăn"]) == {"remove"}
    assert asked_qualifiers(["hưởng chế độ nghỉ thai sản"]) == set()
    assert asked_qualifiers(["tạm nghỉ kinh doanh 3 tháng"]) == {"pause"}
    assert asked_qualifiers(["thêm ngành nghề cho hộ kinh doanh"]) == set()
