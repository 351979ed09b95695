from dataclasses import replace

import numpy as np

from assistant.search.index.documents import IndexedDocument
from assistant.search.query.syllables import folded_syllables, syllables
from assistant.search.rerank import Reranker, RerankWeights, question_levels

_BASE = IndexedDocument(
    code="x", title="x", family="x", level="Cấp xã", level_keys=("commune",),
    field="Căn cước", agency="Công an cấp xã", url="", passage="x", lexical="x",
    is_citizen_facing=True, profile="",
)  # fmt: skip

# Filler procedures give the words of the titles below a realistic (non-zero) IDF.
_FILLER = [replace(_BASE, code=f"f{i}", title=f"Đăng ký khai sinh số {i}") for i in range(20)]


def _order(documents: list[IndexedDocument], question: str, **weights: float) -> list[str]:
    """Codes of ``documents`` (all scored alike by the first stage) after reranking."""
    catalogue = [*documents, *_FILLER]
    reranker = Reranker(catalogue)
    scores = np.ones(len(catalogue), dtype=np.float32)
    rescored = reranker.rescore(
        scores,
        np.arange(len(documents)),
        words=folded_syllables(question),
        accented=syllables(question),
        asked=frozenset(weights.pop("asked", ())),  # type: ignore[arg-type]
        weights=RerankWeights(**weights),
    )
    ranked = sorted(range(len(documents)), key=lambda i: -rescored[i])
    return [documents[i].code for i in ranked]


_CARD = replace(_BASE, code="card", title="Cấp thẻ căn cước")
_CARD_CHILD = replace(_BASE, code="child", title="Cấp thẻ căn cước cho người dưới 14 tuổi")


def test_a_question_without_the_variants_words_gets_the_plain_procedure() -> None:
    documents = [_CARD_CHILD, _CARD]
    assert _order(documents, "làm thẻ căn cước lần đầu", unsaid=0.1)[0] == "card"
    assert _order(documents, "lam the can cuoc lan dau", unsaid=0.1)[0] == "card"


def test_a_question_naming_the_variant_gets_it() -> None:
    documents = [_CARD, _CARD_CHILD]
    question = "làm thẻ căn cước cho bé dưới 14 tuổi"
    assert _order(documents, question, unsaid=0.1)[0] == "child"


def test_who_applies_tells_same_titled_procedures_apart() -> None:
    citizens = replace(_BASE, code="vn", title="Cấp giấy phép", profile="Công dân Việt Nam")
    foreigners = replace(_BASE, code="fr", title="Cấp giấy phép", profile="Người nước ngoài")
    documents = [citizens, foreigners]
    assert _order(documents, "người nước ngoài xin giấy phép", profile=0.05)[0] == "fr"


def test_the_level_the_question_names_wins() -> None:
    province = replace(_BASE, code="p", level_keys=("province",), title="Cấp giấy phép")
    commune = replace(_BASE, code="c", level_keys=("commune",), title="Cấp giấy phép")
    assert _order([province, commune], "xin giấy phép ở xã", level=0.05)[0] == "c"
    assert _order([commune, province], "xin giấy phép ở tỉnh", level=0.05)[0] == "p"


def test_an_asked_variant_is_lifted() -> None:
    again = replace(_BASE, code="again", title="Cấp lại thẻ căn cước")
    order = _order([_CARD, again], "mất thẻ", asked_variant=0.05, asked={"again"})
    assert order[0] == "again"


def test_only_the_candidates_are_rescored() -> None:
    catalogue = [_CARD, _CARD_CHILD, *_FILLER]
    scores = np.ones(len(catalogue), dtype=np.float32)
    rescored = Reranker(catalogue).rescore(
        scores,
        np.array([0]),
        words=folded_syllables("thẻ căn cước ở xã"),
        accented=syllables("thẻ căn cước ở xã"),
        asked=frozenset(),
        weights=RerankWeights(),
    )
    assert rescored[0] != 1.0
    assert np.all(rescored[1:] == 1.0)
    assert np.all(scores == 1.0)  # the caller's scores are left alone


def test_levels_named_by_a_question() -> None:
    assert question_levels(syllables("nộp ở ủy ban xã hay lên tỉnh")) == {"commune", "province"}
    assert question_levels(syllables("công an thành phố")) == {"province"}
    assert question_levels(syllables("đăng ký kết hôn")) == frozenset()
    assert question_levels(syllables("cán bộ xem bộ hồ sơ bảo hiểm xã hội")) == frozenset()
