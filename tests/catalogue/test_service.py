import hashlib
from pathlib import Path

import pytest

from assistant.catalogue.errors import ProcedureNotFoundError
from assistant.catalogue.models import Procedure
from assistant.catalogue.service import CatalogueService
from assistant.catalogue.store import bundled_path
from assistant.errors import NotFoundError


def _procedure(code: str, title: str) -> Procedure:
    from assistant.catalogue.parsing.titles import family_of

    return Procedure(code=code, title=title, family=family_of(title))


@pytest.fixture(scope="module")
def bundled() -> CatalogueService:
    return CatalogueService.load()


def test_loads_the_bundled_catalogue(bundled: CatalogueService) -> None:
    assert len(bundled) > 2800
    assert bundled.content_hash == hashlib.sha256(bundled_path().read_bytes()).hexdigest()
    assert bundled.path == bundled_path()


def test_get_and_require(bundled: CatalogueService) -> None:
    procedure = bundled.get("1.000178")
    assert procedure is not None and procedure.ministry == "Bộ Công an"
    assert bundled.require(" 1.000178 ") == procedure
    assert bundled.get("9.999999") is None
    with pytest.raises(ProcedureNotFoundError) as error:
        bundled.require("9.999999")
    assert isinstance(error.value, NotFoundError) and error.value.status == 404
    assert error.value.code == "not_found"
    assert error.value.message("vi") == "Không tìm thấy thủ tục hành chính có mã 9.999999."
    assert error.value.message("en") == "No administrative procedure has the code 9.999999."


def test_all_is_sorted_by_code(bundled: CatalogueService) -> None:
    codes = [p.code for p in bundled.all()]
    assert codes == sorted(codes) and len(codes) == len(bundled)


def test_variants_group_the_same_procedure_at_several_levels(bundled: CatalogueService) -> None:
    codes = [p.code for p in bundled.variants("1.000757")]
    assert codes == ["1.000757", "1.014064", "2.001194"]  # Cấp lại thẻ căn cước


def test_upsert_is_idempotent_and_save_reloads(tmp_path: Path) -> None:
    catalogue = CatalogueService([_procedure("1.000001", "Thủ tục A (cấp tỉnh)")])
    before = catalogue.content_hash
    batch = [
        _procedure("1.000001", "Thủ tục A (cấp tỉnh)"),
        _procedure("HT.0001", "Thủ tục A (cấp xã)"),
    ]
    first = catalogue.upsert(batch)
    assert (first.added, first.updated, first.unchanged) == (["HT.0001"], [], ["1.000001"])
    after = catalogue.content_hash
    assert after != before
    second = catalogue.upsert(batch)
    assert (second.added, second.updated) == ([], [])
    assert catalogue.content_hash == after
    renamed = catalogue.upsert([_procedure("HT.0001", "Thủ tục A mới (cấp xã)")])
    assert renamed.updated == ["HT.0001"]
    path = catalogue.save(tmp_path / "out" / "catalogue.jsonl.gz")
    reloaded = CatalogueService.load(path)
    assert reloaded.content_hash == catalogue.content_hash
    assert reloaded.all() == catalogue.all()
    assert [p.code for p in reloaded.variants("1.000001")] == ["1.000001"]


def test_save_needs_a_path() -> None:
    with pytest.raises(ValueError):
        CatalogueService().save()
