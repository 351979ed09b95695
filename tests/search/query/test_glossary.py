import pytest

from assistant.search.query.glossary import (
    EnglishGlossary,
    default_glossary_path,
    english_stem,
    english_words,
)


@pytest.fixture(scope="module")
def glossary() -> EnglishGlossary:
    return EnglishGlossary(
        [
            ("register", "đăng ký"),
            ("birth", "khai sinh"),
            ("register birth", "đăng ký khai sinh"),
            ("birth registration", "đăng ký khai sinh"),
            ("driving licence", "giấy phép lái xe"),
            ("lose", "bị mất, cấp lại"),
            ("certificate", "giấy chứng nhận"),
            ("land use right certificate", "giấy chứng nhận quyền sử dụng đất"),
        ]
    )


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (("licence", "licences"), "licenc"),
        (("register", "registered", "registering", "registers"), "register"),
        (("marry", "married", "marrying"), "marry"),
        (("issue", "issued", "issuing", "issues"), "issu"),
        (("lose", "lost", "losing"), "los"),
        (("company", "companies"), "company"),
        (("tax", "taxes"), "tax"),
        (("business", "businesses"), "business"),
        (("get", "getting"), "get"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...], stem: str) -> None:
    assert {english_stem(form) for form in forms} == {stem}


def test_function_words_and_possessives_are_left_out() -> None:
    assert english_words("How do I register the birth of my son's baby?") == [
        "register",
        "birth",
        "son",
        "baby",
    ]


def test_terms_match_across_word_forms_and_function_words(glossary: EnglishGlossary) -> None:
    assert glossary.translations("I need to register the birth of my child") == [
        "đăng ký khai sinh"
    ]
    assert glossary.translations("Where are birth registrations done?") == ["đăng ký khai sinh"]
    assert glossary.translations("My wife lost her driving licences") == [
        "bị mất, cấp lại",
        "giấy phép lái xe",
    ]


def test_the_longest_term_wins_over_the_terms_inside_it(glossary: EnglishGlossary) -> None:
    matches = glossary.match("replace a land use right certificate")
    assert [m.term for m in matches] == ["land use right certificate"]
    assert (matches[0].start, matches[0].end) == (1, 5)


def test_unknown_words_match_nothing(glossary: EnglishGlossary) -> None:
    assert glossary.translations("what is the weather like today") == []


def test_the_bundled_glossary_loads_and_covers_common_needs() -> None:
    bundled = EnglishGlossary.load(default_glossary_path())
    assert bundled.size > 500
    for question, wording in [
        ("How do I get a criminal record certificate?", "phiếu lý lịch tư pháp"),
        ("notarise a copy of my diploma", "chứng thực"),
        ("transfer the red book into my name", "đăng ký biến động quyền sử dụng đất, sang tên"),
        ("how to get a red book", "giấy chứng nhận quyền sử dụng đất"),
        ("register a household business", "hộ kinh doanh"),
        ("my ID card expired", "hết hạn, cấp đổi"),
    ]:
        assert wording in bundled.translations(question), question


def test_fallback_rows_only_translate_words_the_own_rows_leave(
    glossary: EnglishGlossary,
) -> None:
    extended = glossary.extended(
        [("driving licence test", "sát hạch lái xe"), ("shop", "cửa hàng")]
    )

    # The own "register birth" keeps its words; the fallback fills "shop" only.
    assert extended.translations("register the birth of my shop") == [
        "đăng ký khai sinh",
        "cửa hàng",
    ]
    # A longer fallback term never displaces an own term inside it.
    assert extended.translations("driving licence test") == ["giấy phép lái xe"]
    assert extended.translations("licence test") == []
