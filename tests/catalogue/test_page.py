from typing import Any

from assistant.catalogue.parsing.page import page_code, split_page


def test_sections_are_cut_in_page_order(dvc_records: dict[str, dict[str, Any]]) -> None:
    page = split_page(dvc_records["1.000178"]["raw_text"])
    assert page is not None
    assert page.steps.strip().startswith("Bước 1: Thụ lý giải quyết khiếu nại")
    assert page.channels.startswith("Hình thức nộpThời gianPhí, lệ phíMô tả")
    assert page.documents.startswith("--Tên giấy tờMẫu đơn, tờ khaiSố lượng")
    assert page.legal_basis.startswith("Tên văn bản pháp lýMã văn bản")
    assert page.agency == "Thanh tra Bộ"
    assert page.result.startswith("Quyết định giải quyết khiếu nại lần 1")
    assert "Từ khóa" not in page.result and page.keywords == "Không có thông tin"


def test_a_heading_word_inside_the_steps_does_not_end_them(
    dvc_records: dict[str, dict[str, Any]],
) -> None:
    # The crawler cut this record's steps at "mục 5.3 (Thành phần hồ sơ)" and filed the
    # rest of the steps as the dossier.
    record = dvc_records["1.001521"]
    assert record["trinh_tu_thuc_hien"].endswith("mục 5.3 (")
    page = split_page(record["raw_text"])
    assert page is not None
    assert "Bước 3. Nhận kết quả giải quyết" in page.steps
    assert "Tên giấy tờMẫu đơn, tờ khaiSố lượng" in page.documents
    assert "Bước 2" not in page.documents


def test_channel_note_quoting_the_legal_heading_stays_in_the_channels(
    dvc_records: dict[str, dict[str, Any]],
) -> None:
    page = split_page(dvc_records["3.000337"]["raw_text"])
    assert page is not None
    assert "(Căn cứ pháp lý: Thông tư 269/2016/TT-BTC" in page.channels
    assert page.legal_basis == "Không có thông tin"


def test_page_code_reveals_a_page_fetched_for_another_procedure(
    dvc_records: dict[str, dict[str, Any]],
) -> None:
    assert page_code(dvc_records["1.000178"]["raw_text"]) == "1.000178"
    assert page_code(dvc_records["2.001428"]["raw_text"]) == "3.000579"


def test_unexpected_text_has_no_sections() -> None:
    assert split_page("Trang không có các mục quen thuộc") is None
