from assistant.catalogue.parsing.results import parse_results


def test_names_without_their_database_codes() -> None:
    text = (
        "Thực hiện miễn thuế theo quy địnhMã: KQ.G12.001222Thông báo lý do không thuộc diện "
        "được miễn thuếMã: KQ.G12.001223"
    )
    assert parse_results(text).items == [
        "Thực hiện miễn thuế theo quy định",
        "Thông báo lý do không thuộc diện được miễn thuế",
    ]


def test_malformed_codes() -> None:
    text = (
        "Quyết định cấp lại chứng chỉMã: utwChứng chỉ hành nghề Quản tài viênMã: sgga"
        "Văn bản trả lờiMã: KQ.G10.000209-văn bản thông báoMã: Chưa xác định"
    )
    assert parse_results(text).items == [
        "Quyết định cấp lại chứng chỉ",
        "Chứng chỉ hành nghề Quản tài viên",
        "Văn bản trả lời",
        "văn bản thông báo",
    ]


def test_widget_text_is_removed() -> None:
    text = "Giấy phépMã: KQ.G17.000039Chọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngànhNộp hồ sơ"
    assert parse_results(text).items == ["Giấy phép"]


def test_empty_results() -> None:
    assert parse_results("").status == "empty"
    assert parse_results(None).status == "empty"
