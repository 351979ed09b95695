from pathlib import Path

from assistant.catalogue.service import CatalogueService
from assistant.search.index.documents import (
    build_documents,
    corpus_texts,
    load_documents,
    save_documents,
)


def test_documents_carry_each_side_and_the_hit_fields(small_catalogue: CatalogueService) -> None:
    by_code = {d.code: d for d in build_documents(small_catalogue.all())}
    card = by_code["1.014061"]
    assert card.passage == "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"
    assert card.lexical == f"{card.passage} . Cấp, quản lý căn cước"
    assert card.agency == "Công an cấp Xã"
    assert card.level == "Cấp xã" and card.level_keys == ("commune",)
    assert card.is_citizen_facing
    assert by_code["2.000200"].family == card.family


def test_round_trip(small_catalogue: CatalogueService, tmp_path: Path) -> None:
    documents = build_documents(small_catalogue.all())
    save_documents(documents, tmp_path / "documents.jsonl.gz")
    assert load_documents(tmp_path / "documents.jsonl.gz") == documents


def test_corpus_texts_cover_steps_and_documents(small_catalogue: CatalogueService) -> None:
    texts = list(corpus_texts(small_catalogue.all()))
    assert len(texts) > 5 * len(small_catalogue)
