from pathlib import Path

import numpy as np
import pytest

from assistant.search.embedding.encoder import Encoder, effective_runtime

_LONG = "Cấp giấy phép lái xe hạng A1 cho người đã có giấy phép bị mất " * 20  # > 128 tokens


@pytest.fixture(scope="module")
def encoder(e5_model_path: Path) -> Encoder:
    return Encoder.load(e5_model_path)


@pytest.fixture(scope="module")
def torch_encoder(e5_model_path: Path) -> Encoder:
    return Encoder.load(e5_model_path, runtime="torch", cache_size=0)


def test_vectors_are_normalised_float32(encoder: Encoder) -> None:
    passages = encoder.encode_passages(["Đăng ký khai sinh", "Cấp giấy phép lái xe"])
    assert passages.shape == (2, encoder.dimension) and passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-5)
    query = encoder.encode_query("làm giấy khai sinh cho con")
    assert query.shape == (encoder.dimension,)
    assert float(passages[0] @ query) > float(passages[1] @ query)


def test_the_bundled_model_runs_in_onnx_and_others_in_torch(
    encoder: Encoder, e5_model_path: Path, tmp_path: Path
) -> None:
    assert encoder.runtime == "onnx"
    assert effective_runtime(tmp_path, "auto") == "torch"  # not built by e5_model.py
    assert effective_runtime(e5_model_path, "torch") == "torch"


def test_onnx_gives_the_vectors_of_sentence_transformers(
    encoder: Encoder, torch_encoder: Encoder
) -> None:
    # Lengths differ within a batch (padding) and one passage is cut at 128 tokens.
    passages = ["Đăng ký khai sinh", _LONG, "a", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi"]
    onnx = encoder.encode_passages(passages, batch_size=2)
    reference = torch_encoder.encode_passages(passages, batch_size=2)
    assert np.min(np.sum(onnx * reference, axis=1)) > 0.9999
    for query in ["bằng lái xe bị mất", "My son just turned 14, where is the ID card?", _LONG]:
        assert float(encoder.encode_query(query) @ torch_encoder.encode_query(query)) > 0.9999


def test_int8_queries_stay_close_and_passages_stay_float32(
    e5_model_path: Path, encoder: Encoder, torch_encoder: Encoder
) -> None:
    int8 = Encoder.load(e5_model_path, query_precision="int8", cache_size=0)
    assert int8.query_precision == "int8" and encoder.query_precision == "float32"
    for query in ["bằng lái xe bị mất", "lam lai can cuoc", "How do I register a birth?"]:
        cosine = float(int8.encode_query(query) @ torch_encoder.encode_query(query))
        assert 0.98 < cosine < 0.99999  # close, and really the 8-bit graph
    passages = ["Đăng ký khai sinh", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi"]
    np.testing.assert_array_equal(int8.encode_passages(passages), encoder.encode_passages(passages))


def test_repeated_queries_come_from_the_cache(encoder: Encoder) -> None:
    first = encoder.encode_query("bằng lái xe bị mất")
    assert encoder.encode_query("bằng lái xe bị mất") is first


def test_no_cache_when_its_size_is_zero(torch_encoder: Encoder) -> None:
    first = torch_encoder.encode_query("sổ đỏ")
    second = torch_encoder.encode_query("sổ đỏ")
    assert second is not first
    np.testing.assert_allclose(first, second, rtol=1e-5)
