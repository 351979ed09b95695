import gzip
import json

import pytest

from assistant.catalogue.store import bundled_path
from assistant.search.query.title_terms import TitleTerm, TitleTerms


@pytest.fixture(scope="module")
def terms() -> TitleTerms:
    return TitleTerms(
        [
            TitleTerm("thủ tục", ("procedure",), is_gloss_only=True),
            TitleTerm("cấp", ("issue", "grant"), is_gloss_only=False),
            TitleTerm("cấp lại", ("reissue",), is_gloss_only=False),
            TitleTerm("cấp giấy phép", ("issue licence",), is_gloss_only=False),
            TitleTerm("lái xe", ("driving",), is_gloss_only=False),
            TitleTerm("giấy phép lái xe", ("driving licence",), is_gloss_only=False),
            TitleTerm("giấy phép", ("licence", "permit"), is_gloss_only=False),
            TitleTerm("cho", ("for",), is_gloss_only=True),
            TitleTerm("người nước ngoài", ("foreigner",), is_gloss_only=False),
            TitleTerm("văn bản", ("document",), is_gloss_only=False),
        ]
    )


def test_a_title_is_glossed_term_by_term_longest_first(terms: TitleTerms) -> None:
    assert terms.gloss("Thủ tục cấp lại Giấy phép lái xe cho người nước ngoài") == (
        "Reissue driving licence for foreigner"
    )


def test_a_title_is_read_in_the_fewest_and_longest_terms(terms: TitleTerms) -> None:
    # Not "cấp giấy phép" + "lái xe" ("Issue licence driving").
    assert terms.gloss("Cấp giấy phép lái xe") == "Issue driving licence"


def test_a_title_of_mostly_unknown_words_has_no_gloss(terms: TitleTerms) -> None:
    assert terms.gloss("Cấp phù hiệu xe taxi, xe hợp đồng") is None


def test_glossary_rows_leave_out_linking_frequent_and_question_words(terms: TitleTerms) -> None:
    titles = ["Cấp giấy phép A", "Cấp giấy phép B", "Cấp lại giấy phép lái xe", "Cấp C"]

    rows = terms.glossary_rows(titles, max_share=0.5)

    assert ("reissue", "cấp lại") in rows
    assert ("driving licence", "giấy phép lái xe") in rows
    assert ("foreigner", "người nước ngoài") in rows
    # "cấp" is in every title and "giấy phép" in three of four: they tell nothing apart.
    assert not [row for row in rows if row[1] in ("cấp", "giấy phép")]
    assert not [row for row in rows if row[1] in ("cho", "thủ tục")]  # linking words
    assert ("document", "văn bản") not in rows  # "what documents do I need?"


def test_the_bundled_table_glosses_most_of_the_catalogue() -> None:
    terms = TitleTerms.load()
    with gzip.open(bundled_path(), "rt", encoding="utf-8") as handle:
        titles = [json.loads(line)["title"] for line in handle]

    glossed = [terms.gloss(t) for t in titles]

    assert sum(g is not None for g in glossed) / len(titles) > 0.8
    assert terms.gloss("Đăng ký khai sinh") == "Register a birth"
    assert terms.gloss("Cấp đổi giấy phép lái xe") == "Renew driving licence"
    assert terms.gloss("Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)") == (
        "Reissue ID card at provincial level"
    )
    assert terms.gloss("Cấp thẻ căn cước cho người dưới 14 tuổi") == (
        "Issue ID card for children under 14"
    )
