from pathlib import Path

import pytest

from assistant.search.query.accents import AccentModel

CORPUS = [
    "Cấp lại thẻ căn cước do bị mất.",
    "Cấp thẻ căn cước cho người dưới 14 tuổi.",
    "Đăng ký khai sinh cho trẻ em; đăng ký kết hôn.",
    "Cấp giấy phép lái xe. Cấp lại giấy phép lái xe bị mất.",
    "Thẻ bảo hiểm y tế. Cấp lại thẻ bảo hiểm y tế.",
    "Cập nhật thông tin. Cập nhật thông tin cư trú.",
    "Cấp lại giấy phép. Giấy phép lái xe.",
]


@pytest.fixture(scope="module")
def model() -> AccentModel:
    return AccentModel.train(CORPUS)


def test_restores_unaccented_syllables_from_context(model: AccentModel) -> None:
    assert model.restore("cap lai the can cuoc bi mat") == "cấp lại thẻ căn cước bị mất"
    # "cap nhat" is "cập nhật", not "cấp nhật": the pair decides.
    assert model.restore("cap nhat thong tin") == "cập nhật thông tin"


def test_everyday_texts_outweigh_officialese() -> None:
    official = ["Kiểm lâm sở đó", "Lâm sở đó quản lý"] * 5
    everyday = ["làm sổ đỏ", "muốn làm sổ đỏ lần đầu"]
    assert AccentModel.train(official + everyday).restore("lam so do") == "lâm sở đó"
    weighted = AccentModel.train(official, everyday=everyday, everyday_weight=30)
    assert weighted.restore("lam so do") == "làm sổ đỏ"


def test_keeps_case_unknown_words_digits_and_spacing(model: AccentModel) -> None:
    assert model.restore("Cap lai GPLX  cho 2 xe!") == "Cấp lại GPLX  cho 2 xe!"
    assert model.restore("DANG KY khai sinh") == "ĐĂNG KÝ khai sinh"


def test_syllables_typed_with_diacritics_are_kept(model: AccentModel) -> None:
    assert model.restore("cấp lai giay phep") == "cấp lại giấy phép"


def test_knows_folded_syllables_of_the_corpus(model: AccentModel) -> None:
    assert model.knows("cuoc")
    assert not model.knows("hello")


def test_round_trip(model: AccentModel, tmp_path: Path) -> None:
    model.save(tmp_path / "accents.npz")
    loaded = AccentModel.load(tmp_path / "accents.npz")
    assert loaded.vocabulary == model.vocabulary
    assert loaded.restore("cap lai giay phep lai xe") == "cấp lại giấy phép lái xe"
