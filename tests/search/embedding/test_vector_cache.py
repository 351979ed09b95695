from pathlib import Path

import numpy as np

from assistant.search.embedding.vector_cache import encode_with_cache


class _Counting:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_only_new_texts_are_encoded_and_the_cache_keeps_every_build(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "passages.npz"
    encode = _Counting()
    first = encode_with_cache(["a", "bb", "a"], encode, path=path, dimension=2)
    assert encode.seen == ["a", "bb"]
    assert first.tolist() == [[1, 1], [2, 1], [1, 1]]
    encode = _Counting()
    second = encode_with_cache(["bb", "ccc"], encode, path=path, dimension=2)
    assert encode.seen == ["ccc"]
    assert second.tolist() == [[2, 1], [3, 1]]
    with np.load(path) as data:
        assert len(data["keys"]) == 3  # shared by checkouts: earlier passages stay
    encode = _Counting()
    encode_with_cache(["a"], encode, path=path, dimension=2)
    assert encode.seen == []


def test_a_cache_of_another_dimension_or_unreadable_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "passages.npz"
    encode_with_cache(["a"], _Counting(), path=path, dimension=2)
    encode = _Counting()
    encode_with_cache(["a"], lambda t: np.ones((len(t), 3), np.float32), path=path, dimension=3)
    path.write_bytes(b"not numpy")
    encode_with_cache(["a"], encode, path=path, dimension=2)
    assert encode.seen == ["a"]
