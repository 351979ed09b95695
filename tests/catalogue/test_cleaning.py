import unicodedata

from assistant.catalogue.parsing.cleaning import (
    clean_block,
    clean_inline,
    is_no_info,
    split_categories,
    split_outside_parens,
    strip_page_noise,
)


def test_clean_inline_composes_accents_and_folds_spaces() -> None:
    # The data mixes precomposed and decomposed accents, even inside one word.
    raw = unicodedata.normalize("NFD", "Thu\u0323 ly\u0301  gia\u0309i quyết\n")
    cleaned = clean_inline(raw)
    assert cleaned == "Thụ lý giải quyết"
    assert cleaned is not None and unicodedata.is_normalized("NFC", cleaned)


def test_no_information_markers_become_none() -> None:
    for marker in ("Không có thông tin", "  không có thông tin. ", "--", "----", "Không", ""):
        assert is_no_info(marker)
        assert clean_inline(marker) is None
    assert clean_inline(None) is None
    assert not is_no_info("Không quy định")


def test_clean_block_keeps_line_breaks_but_not_runs_of_blank_lines() -> None:
    raw = "Bước 1:  Nộp hồ sơ\r\n\r\n\r\n\r\nBước 2:\tNhận kết quả  "
    assert clean_block(raw) == "Bước 1: Nộp hồ sơ\n\nBước 2: Nhận kết quả"


def test_strip_page_noise_drops_the_submit_widget() -> None:
    text = (
        "Quyết định công nhậnChọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành "
        "phố --Phường/ XãSở-- Chọn Phường/ Xã --Hệ thống chỉ hiển thị những cơ quan đã áp dụng "
        "dịch vụ công trực tuyếnNộp hồ sơ"
    )
    assert strip_page_noise(text) == "Quyết định công nhận"


def test_split_outside_parens_keeps_parenthesised_commas() -> None:
    text = "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam"
    assert split_outside_parens(text) == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Công dân Việt Nam",
    ]


def test_applicant_categories_keep_multi_part_names() -> None:
    text = (
        "Công dân Việt Nam, Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX)"
    )
    assert split_categories(text) == [
        "Công dân Việt Nam",
        "Cán bộ, công chức, viên chức",
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    ]
    assert split_categories("Không có thông tin") == []
