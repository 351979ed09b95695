from pathlib import Path

import numpy as np
import pytest

from assistant.search.encoder import Encoder


@pytest.fixture(scope="module")
def encoder(e5_model_path: Path) -> Encoder:
    return Encoder.load(e5_model_path)


def test_vectors_are_normalised_float32(encoder: Encoder) -> None:
    passages = encoder.encode_passages(["Đăng ký khai sinh", "Cấp giấy phép lái xe"])
    assert passages.shape == (2, encoder.dimension) and passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-5)
    query = encoder.encode_query("làm giấy khai sinh cho con")
    assert query.shape == (encoder.dimension,)
    assert float(passages[0] @ query) > float(passages[1] @ query)


def test_repeated_queries_come_from_the_cache(encoder: Encoder) -> None:
    first = encoder.encode_query("bằng lái xe bị mất")
    assert encoder.encode_query("bằng lái xe bị mất") is first
