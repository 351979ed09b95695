from assistant.catalogue.parsing.titles import (
    family_of,
    levels_from_label,
    levels_from_title,
    online_level_of,
)


def test_level_cells_get_labels_and_machine_keys_in_a_stable_order() -> None:
    levels = levels_from_label("Cấp xã, Cấp Bộ, Cơ quan khác, Cấp tỉnh")
    assert [(level.key, level.label) for level in levels] == [
        ("central", "Cấp bộ"),
        ("province", "Cấp tỉnh"),
        ("commune", "Cấp xã"),
        ("other", "Cơ quan khác"),
    ]
    assert [level.key for level in levels_from_label("Cấp huyện")] == ["district"]
    assert levels_from_label("Không có thông tin") == []


def test_levels_named_in_the_title() -> None:
    assert [x.key for x in levels_from_title("Cấp thẻ ABTC (thực hiện tại cấp Trung ương)")] == [
        "central"
    ]
    title = "Đăng ký xe tạm thời thực hiện tại cấp trung ương, cấp tỉnh, cấp xã"
    assert [x.key for x in levels_from_title(title)] == ["central", "province", "commune"]
    title = "Cấp đổi Giấy chứng nhận (thực hiện tại Công an cấp xã)"
    assert [x.key for x in levels_from_title(title)] == ["commune"]
    assert levels_from_title("Cấp giấy phép môi trường (cấp Bộ) (1.010719)")[0].key == "central"
    assert levels_from_title("Khai thuế môn bài") == []


def test_level_variants_share_one_family() -> None:
    central = "Tuyển chọn công dân vào Công an nhân dân (thực hiện tại cấp Trung ương)"
    province = "Tuyển chọn công dân vào Công an nhân dân  (thực hiện tại cấp tỉnh)"
    assert family_of(central) == family_of(province) == "Tuyển chọn công dân vào Công an nhân dân"
    assert family_of("Trả lại khu vực biển (cấp tỉnh)") == "Trả lại khu vực biển"
    assert family_of("Cấp giấy phép môi trường (cấp Bộ) (1.010719)") == "Cấp giấy phép môi trường"


def test_online_variants_share_one_family() -> None:
    full = "Đăng ký xe tạm thời thực hiện bằng dịch vụ công  trực  tuyến toàn trình"
    partial = (
        "Đăng ký xe tạm thời thực hiện bằng dịch vụ công trực tuyến một phần hoặc trực tiếp "
        "thực hiện tại cấp trung ương, cấp tỉnh, cấp xã"
    )
    assert family_of(full) == family_of(partial) == "Đăng ký xe tạm thời"


def test_a_title_without_suffix_is_its_own_family() -> None:
    assert family_of("Khai thuế môn bài") == "Khai thuế môn bài"
    assert family_of("Hỗ trợ dự án liên kết") == "Hỗ trợ dự án liên kết"


def test_online_level_from_title_or_channel_text() -> None:
    assert online_level_of("Cấp lại chứng nhận đăng ký xe bằng dịch vụ công trực tuyến toàn trình")
    assert online_level_of("…dịch vụ công trực tuyến một phần hoặc trực tiếp") == "partial"
    assert online_level_of(None, "Qua Cổng DVC Quốc gia đối với các TTHC đã toàn trình") == "full"
    # "trả lại một phần diện tích" is not about online service
    assert online_level_of("Trả lại một phần diện tích khu vực thăm dò khoáng sản") is None
