"""The search service on 18 real procedures, and fixed questions on the full catalogue."""

import pytest

from assistant.search.errors import InvalidSearchError
from assistant.search.service import SearchService
from assistant.settings import Settings

_CARD_14 = {"1.001247", "1.014061", "2.000200"}  # one family at three levels


def test_small_catalogue_finds_each_form(small_service: SearchService) -> None:
    assert small_service.size == 18
    for query in ("đăng ký khai sinh cho con", "dang ky khai sinh cho con",
                  "birth registration for my baby"):  # fmt: skip
        assert small_service.search(query, k=3)[0].code == "1.001193", query


def test_a_family_is_shown_once_with_its_other_levels(small_service: SearchService) -> None:
    hits = small_service.search("cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", k=5)
    assert hits[0].code in _CARD_14
    assert {hits[0].code, *hits[0].variants} == _CARD_14
    families = [h.family for h in hits]
    assert len(families) == len(set(families))
    assert sum(h.code in _CARD_14 for h in hits) == 1


def test_level_filter_picks_that_level_of_the_family(small_service: SearchService) -> None:
    hits = small_service.search("cấp thẻ căn cước cho người từ đủ 14 tuổi", k=5, level="Cấp tỉnh")
    assert hits[0].code == "2.000200"
    assert hits[0].variants == ()
    assert all("Cấp tỉnh" in h.level for h in hits)


def test_field_and_agency_filters(small_service: SearchService) -> None:
    hits = small_service.search("đăng ký", k=10, field="ho tich")
    assert hits and all(h.field == "Hộ tịch" for h in hits)
    hits = small_service.search("đăng ký", k=10, agency="công an")
    assert hits and all("Công an" in h.agency for h in hits)
    assert small_service.search("đăng ký", k=10, field="không có lĩnh vực này") == []


def test_hits_carry_what_callers_show(small_service: SearchService) -> None:
    hit = small_service.search("giay phep lai xe", k=1)[0]
    assert hit.code in {"3.000346", "3.000348"}
    assert hit.title and hit.level and hit.field and hit.agency and hit.family
    assert hit.url.startswith("https://")
    assert hit.score > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"k": 0}, "k must be"), ({"k": 51}, "k must be"), ({"level": "planet"}, "Unknown level")],
)
def test_bad_parameters_are_refused(
    small_service: SearchService, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidSearchError, match=message):
        small_service.search("khai sinh", **kwargs)  # type: ignore[arg-type]


def test_the_adapter_can_be_trained_in_another_batch_order(
    small_service: SearchService, small_index_settings: Settings
) -> None:
    other = small_service.with_adapter_seed(small_index_settings, 1)
    assert other is not small_service
    assert other.search("cap lai the can cuoc", k=3)  # still a working search
    same = small_service.with_adapter_seed(small_index_settings, 0)
    assert [h.code for h in same.search("đăng ký khai sinh", k=5)] == [
        h.code for h in small_service.search("đăng ký khai sinh", k=5)
    ]


def test_an_empty_query_is_refused(small_service: SearchService) -> None:
    with pytest.raises(InvalidSearchError, match="empty"):
        small_service.search(" \u200b ")


# Everyday questions, one per form, on the full catalogue (not from the bench set).
_LOST_CARD = {"1.014064", "1.000757", "2.001194"}  # cấp lại thẻ căn cước, three levels
FULL_CATALOGUE_QUESTIONS = [
    ("đánh rơi thẻ căn cước, xin cấp lại", _LOST_CARD),
    ("danh roi the can cuoc xin cap lai", _LOST_CARD),
    ("I dropped my ID card somewhere, how do I get it reissued?", _LOST_CARD),
    ("đăng ký khai sinh cho con", {"1.001193"}),
    ("dang ky khai sinh cho con", {"1.001193"}),
    ("register the birth of my baby", {"1.001193"}),
    ("how to notarise a copy of my diploma", {"2.000815", "2.000942"}),
    ("xin cấp lại giấy phép lái xe", {"3.000348"}),
    ("xin cap lai giay phep lai xe", {"3.000348"}),
    ("get a replacement driving licence", {"3.000348"}),
    ("đăng ký kết hôn", {"1.000894"}),
    ("dang ky ket hon", {"1.000894"}),
    ("marriage registration", {"1.000894"}),
]  # fmt: skip


@pytest.mark.parametrize(("query", "codes"), FULL_CATALOGUE_QUESTIONS)
def test_full_catalogue_top5(full_service: SearchService, query: str, codes: set[str]) -> None:
    hits = full_service.search(query, k=5)
    found = {h.code for h in hits} | {v for h in hits for v in h.variants}
    assert found & codes, [(h.code, h.title) for h in hits]


# A plain question means the plain procedure, not its "again" / foreign variants.
PLAIN_FIRST = [
    ("I need to register the birth of my child", "1.001193"),  # not đăng ký lại khai sinh
    ("How do we register a death?", "1.000656"),  # not đăng ký lại khai tử
]


@pytest.mark.parametrize(("query", "code"), PLAIN_FIRST)
def test_plain_question_ranks_the_plain_procedure_first(
    full_service: SearchService, query: str, code: str
) -> None:
    assert full_service.search(query, k=3)[0].code == code


def test_a_question_typed_as_chat_is_read_in_full(full_service: SearchService) -> None:
    analysed = full_service.analyse("toi muon dk ket hon thi can j")
    assert analysed.restored == "tôi muốn đăng ký kết hôn thì cần gì"
    assert "1.000894" in {h.code for h in full_service.search(analysed.text, k=5)}
