from dataclasses import replace

import numpy as np
import pytest

from assistant.search.index.documents import IndexedDocument
from assistant.search.ranking import FilterColumns, family_groups, fuse, level_key

_BASE = IndexedDocument(
    code="x", title="x", family="x", level="Cấp tỉnh", level_keys=("province",),
    field="Hộ tịch", agency="Ủy ban nhân dân cấp xã", url="", passage="x", lexical="x",
    is_citizen_facing=True,
)  # fmt: skip


def _doc(code: str, family: str, *keys: str, field: str = "Hộ tịch") -> IndexedDocument:
    return replace(_BASE, code=code, title=code, family=family, level_keys=keys, field=field)


def test_fuse_scales_each_side_by_its_best_score_above_baseline() -> None:
    dense = np.array([0.8, 0.9, 0.7], dtype=np.float32)
    lexical = np.array([10.0, 0.0, 5.0], dtype=np.float32)
    fused = fuse([(dense, 1.0, 0.7), (lexical, 0.5, 0.0)])
    np.testing.assert_allclose(fused, [0.5 + 0.5, 1.0, 0.25], rtol=1e-5)


def test_fuse_ignores_a_side_without_signal() -> None:
    dense = np.array([0.2, 0.4], dtype=np.float32)
    fused = fuse([(dense, 1.0, 0.0), (np.zeros(2, dtype=np.float32), 0.5, 0.0)])
    np.testing.assert_allclose(fused, [0.5, 1.0])


def test_family_groups_keep_the_best_variant_and_expose_the_others() -> None:
    docs = [_doc("a1", "A", "central"), _doc("a2", "A", "province"), _doc("b", "B", "commune")]
    scores = np.array([0.9, 0.95, 0.5])
    members = {"A": (0, 1), "B": (2,)}
    ranked = family_groups(
        [1, 0, 2], scores, families=[d.family for d in docs], members=members, mask=None, k=2
    )
    assert [(r.position, r.variants) for r in ranked] == [(1, (0,)), (2, ())]


def test_family_groups_respect_the_filter_mask_for_variants() -> None:
    scores = np.array([0.9, 0.8])
    ranked = family_groups(
        [0], scores, families=["A", "A"], members={"A": (0, 1)},
        mask=np.array([True, False]), k=5,
    )  # fmt: skip
    assert ranked[0].variants == ()


@pytest.mark.parametrize(
    ("given", "key"),
    [("province", "province"), ("Cấp tỉnh", "province"), ("tinh", "province"),
     ("cấp xã", "commune"), ("Cấp bộ", "central"), ("trung ương", "central"),
     ("planet", None)],
)  # fmt: skip
def test_level_key_accepts_keys_labels_and_folded_words(given: str, key: str | None) -> None:
    assert level_key(given) == key


def test_filter_columns_mask() -> None:
    docs = [
        _doc("a", "A", "central", field="Hộ tịch"),
        _doc("b", "B", "province", "commune", field="Đất đai"),
    ]
    columns = FilterColumns.of(docs)
    assert columns.mask(level=None, field=None, agency=None) is None
    assert columns.mask(level="commune", field=None, agency=None).tolist() == [False, True]
    assert columns.mask(level=None, field="dat dai", agency=None).tolist() == [False, True]
    assert columns.mask(level=None, field=None, agency="UBND").tolist() == [False, False]
    assert columns.mask(level=None, field=None, agency="ủy ban").tolist() == [True, True]
