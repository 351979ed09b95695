from assistant.search.query.syllables import folded_syllables, lexical_tokens, syllables


def test_syllables_lower_case_nfc_and_split_glued_table_cells() -> None:
    decomposed = "Thu\u0323 ly\u0301"  # "Thụ lý" with combining accents, as crawled
    assert syllables(decomposed) == ["thụ", "lý"]
    assert syllables("Hình thức nộpThời gian") == ["hình", "thức", "nộp", "thời", "gian"]


def test_codes_and_numbers_stay_whole() -> None:
    assert syllables("Thông tư 17/2024/TT-BCA, mã 1.000178") == [
        "thông", "tư", "17/2024/tt-bca", "mã", "1.000178",
    ]  # fmt: skip


def test_folded_syllables_drop_diacritics() -> None:
    assert folded_syllables("Đăng ký khai sinh") == ["dang", "ky", "khai", "sinh"]


def test_lexical_tokens_add_adjacent_pairs() -> None:
    assert lexical_tokens(["can", "cuoc", "moi"]) == [
        "can", "cuoc", "moi", "can_cuoc", "cuoc_moi",
    ]  # fmt: skip
    assert lexical_tokens([]) == []
