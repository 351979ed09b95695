from typing import Any

from assistant.catalogue.parsing.legal import find_legal_number, parse_legal_table
from assistant.catalogue.parsing.page import split_page


def _pairs(record: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    page = split_page(record["raw_text"])
    assert page is not None
    parsed = parse_legal_table(page.legal_basis)
    assert parsed.status == "clean"
    return [(d.number, d.title) for d in parsed.items]


def test_title_and_number_cells_glued(dvc_records: dict[str, dict[str, Any]]) -> None:
    assert _pairs(dvc_records["1.000178"]) == [
        (
            "68/2013/TT-BCA",
            "Hướng dẫn xử lý khiếu nại, kiến nghị, phản ánh; giải quyết khiếu nại và quản lý "
            "công tác giải quyết khiếu nại trong công an nhân dân",
        ),
        # "…năm 2011" + "02/2011/QH13": the year stays in the title
        ("02/2011/QH13", "Luật Khiếu nại năm 2011"),
        ("11/2015/TT-BCA", "Quy định quy trình giải quyết khiếu nại trong công an nhân dân"),
        ("05/2012/NĐ-CP", "Nghị định 05/2012/NĐ-CP"),
    ]


def test_numbers_in_a_row_and_numbers_inside_titles(dvc_records: dict[str, dict[str, Any]]) -> None:
    pairs = _pairs(dvc_records["1.014240"])
    assert ("54/2024/QH15", "Luật Địa chất và Khoáng sản") in pairs
    assert ("193/2025/NĐ-CP", "193/2025/NĐ-CP") in pairs
    number, title = pairs[0]
    assert number == "36/2025/TT-BNNMT"
    assert title is not None and title.startswith("Thông tư 36/2025/TT-BNNMT quy định về khai thác")


def test_number_cell_with_its_type_and_issuer(dvc_records: dict[str, dict[str, Any]]) -> None:
    pairs = _pairs(dvc_records["2.002004"])
    assert [number for number, _ in pairs] == ["210/2025/NĐ-CP", "04/2017/QH14", "38/2018/NĐ-CP"]
    assert pairs[0][1] is not None and pairs[0][1].endswith("khởi nghiệp sáng tạo")


def test_type_word_of_the_number_cell_leaves_the_title() -> None:
    text = "Tên văn bản pháp lýMã văn bảnLuật Các tổ chức tín dụngLuật số 32/2024/QH15"
    (document,) = parse_legal_table(text).items
    assert (document.number, document.title) == ("32/2024/QH15", "Luật Các tổ chức tín dụng")


def test_upper_case_title_after_a_number() -> None:
    text = (
        "Tên văn bản pháp lýMã văn bản01/2016/TT-BLĐTBXHBAN HÀNH QUY TRÌNH GIẢI QUYẾT47/2015/NĐ-CP"
    )
    numbers = [d.number for d in parse_legal_table(text).items]
    assert numbers == ["01/2016/TT-BLĐTBXH", "47/2015/NĐ-CP"]


def test_no_legal_basis() -> None:
    assert parse_legal_table("Không có thông tin").status == "empty"
    assert parse_legal_table("Tên văn bản pháp lýMã văn bảnKhông có thông tin").status == "empty"


def test_find_legal_number() -> None:
    text = "Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021 của Thủ tướng Chính phủ"
    assert find_legal_number(text) == "12/2021/QĐ-TTg"
    assert find_legal_number("Nghị định số 165/2024/NĐ- CP ngày 26/12/2024") == "165/2024/NĐ-CP"
    assert find_legal_number("Quyết định 601/QĐ-BTC") == "601/QĐ-BTC"
    assert find_legal_number("BỘ LUẬT HÀNG HẢI VIỆT NAM") is None
