import unicodedata

import pytest

from assistant.text import fold_diacritics, has_diacritics


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("căn cước công dân", "can cuoc cong dan"),
        ("Giấy phép lái xe", "giay phep lai xe"),
        ("hộ chiếu phổ thông", "ho chieu pho thong"),
        ("ĐĂNG KÝ THƯỜNG TRÚ", "dang ky thuong tru"),
        ("already plain", "already plain"),
    ],
)
def test_fold_removes_every_vietnamese_mark(text: str, folded: str) -> None:
    assert fold_diacritics(text) == folded


def test_fold_handles_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Hộ kinh doanh")
    assert fold_diacritics(decomposed) == "ho kinh doanh"


def test_fold_can_keep_case() -> None:
    assert fold_diacritics("Đà Nẵng", lower=False) == "Da Nang"


def test_has_diacritics() -> None:
    assert has_diacritics("xin chào")
    assert has_diacritics("đi")
    assert not has_diacritics("xin chao")
    assert not has_diacritics("Hello")
