from typing import Any

from assistant.catalogue.parsing.documents import (
    parse_document_table,
    parse_quantity_note,
    split_template,
)
from assistant.catalogue.parsing.page import split_page

HEADER = "--Tên giấy tờMẫu đơn, tờ khaiSố lượng"


def _table(record: dict[str, Any]) -> str:
    page = split_page(record["raw_text"])
    assert page is not None
    return page.documents


def test_rows_with_form_templates_and_quantities(dvc_records: dict[str, dict[str, Any]]) -> None:
    parsed = parse_document_table(_table(dvc_records["1.002010"]))
    assert parsed.status == "clean"
    by_name = {d.name: d for d in parsed.items}
    premises = by_name["Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư."]
    assert (premises.originals, premises.copies, premises.template) == (0, 1, None)
    form = by_name["Giấy đề nghị đăng ký hoạt động theo mẫu thống nhất"]
    assert (form.template, form.originals) == ("Mẫu TP-LS-02-sđ.docx", 1)


def test_several_form_files_glued_together(dvc_records: dict[str, dict[str, Any]]) -> None:
    parsed = parse_document_table(_table(dvc_records["1.004312"]))
    templates = [d.template.split("; ") for d in parsed.items if d.template]
    assert [
        "MauBankhaichung.docx",
        "MauBankhainguoitrontrentau.docx",
        "MauBankhaivukhivavatlieuno.docx",
        "MauDanhsachhanhkhach.docx",
        "MauDanhsachthuyenvien.docx",
    ] in templates


def test_a_count_repeated_in_the_name_is_not_a_row(dvc_records: dict[str, dict[str, Any]]) -> None:
    # "…trị giá thấp: 01 bản chính1 bản chính": one paper, one original.
    parsed = parse_document_table(_table(dvc_records["1.000096"]))
    assert [(d.name, d.originals, d.copies) for d in parsed.items] == [
        ("Tờ khai hàng hóa xuất khẩu trị giá thấp: 01 bản chính", 1, None),
        ("Hóa đơn thương mại (nếu có): 01 bản chụp", 0, 1),
    ]


def test_count_glued_to_a_year_at_the_end_of_a_name() -> None:
    name = "Văn bản đề nghị theo Phụ lục IX Nghị định số 56/2023/NĐ-CP ngày 24/07/2023"
    text = f"{HEADER}{name}1 bản chính"
    (document,) = parse_document_table(text).items
    assert document.name.endswith("ngày 24/07/2023")
    assert document.originals == 1


def test_groups_and_a_trailing_note(dvc_records: dict[str, dict[str, Any]]) -> None:
    parsed = parse_document_table(_table(dvc_records["1.011440"]))
    assert parsed.status == "clean"
    assert parsed.items[0].template == "Mẫu số 08d_Phieu yeu cau cap ban sao vb chung nhan.docx"
    assert parsed.note is not None and parsed.note.startswith("Trường hợp nộp qua hệ thống")
    assert "documents_trailing_note" in parsed.issues


def test_named_groups_are_kept() -> None:
    text = (
        "* Đối với tổ chức:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị1 bản chính"
        "* Đối với cá nhân:Tên giấy tờMẫu đơn, tờ khaiSố lượngBản sao căn cước0 bản chính,1 bản sao"
    )
    parsed = parse_document_table(text)
    assert [(d.group, d.name) for d in parsed.items] == [
        ("* Đối với tổ chức:", "Đơn đề nghị"),
        ("* Đối với cá nhân:", "Bản sao căn cước"),
    ]


def test_dossier_list_recovered_from_a_shifted_page(dvc_records: dict[str, dict[str, Any]]) -> None:
    record = dvc_records["1.001521"]
    assert "Tên giấy tờ" not in record["thanh_phan_ho_so"]  # the crawler's field lost it
    parsed = parse_document_table(_table(record))
    assert parsed.status == "clean" and len(parsed.items) >= 4


def test_split_template_variants() -> None:
    assert split_template("Văn bản đề nghị điều chỉnh dự án đầu tưMẫu I.1.8.docx") == (
        "Văn bản đề nghị điều chỉnh dự án đầu tư",
        "Mẫu I.1.8.docx",
    )
    assert split_template("Văn bản đề nghị (theo mẫu)12.1.PLCpgiyphpcungcpDVHKnngh.docx") == (
        "Văn bản đề nghị (theo mẫu)",
        "12.1.PLCpgiyphpcungcpDVHKnngh.docx",
    )
    assert split_template("Đơn đề nghị hỗ trợ;MẪU ĐƠN ĐỀ NGHỊ HỖ TRỢ.docx") == (
        "Đơn đề nghị hỗ trợ;",
        "MẪU ĐƠN ĐỀ NGHỊ HỖ TRỢ.docx",
    )
    assert split_template("Bản sao giấy phép") == ("Bản sao giấy phép", None)


def test_quantity_note_of_the_ministry_of_defence() -> None:
    assert parse_quantity_note("Bản chính: 1\nBản sao: 0") == (1, 0)
    assert parse_quantity_note("") == (None, None)


def test_no_table() -> None:
    assert parse_document_table("--").status == "empty"
    parsed = parse_document_table("KQ.G04.000398")
    assert parsed.status == "failed" and parsed.note == "KQ.G04.000398"
