import numpy as np
import pytest

from assistant.search.index.query_adapter import adapted, ensure_adapter, training_questions

_TITLES = ["Thủ tục cấp lại giấy phép lái xe (cấp tỉnh)", "Đăng ký khai sinh."]


def test_questions_are_generated_for_every_title_in_every_form() -> None:
    def gloss(title: str) -> str | None:
        return "Reissue driving licence" if "lái xe" in title else None

    pairs = training_questions(_TITLES, aliases=[("bằng lái", "giấy phép lái xe")], gloss=gloss)

    first = [q for q, position in pairs if position == 0]
    second = [q for q, position in pairs if position == 1]
    # No officialese opening, no bracketed level: the words a citizen would use.
    assert all("thủ tục cấp lại" not in q.lower() and "(" not in q for q in first)
    assert any("bằng lái" in q for q in first)  # the everyday word in place of the official
    assert any(q.isascii() and "reissue driving licence" in q for q in first)  # English
    assert any(q.isascii() and "dang ky khai sinh" in q for q in second)  # no diacritics
    assert len(second) == 3  # two templates + unaccented; no alias, no gloss
    assert pairs == training_questions(  # the same at every build
        _TITLES, aliases=[("bằng lái", "giấy phép lái xe")], gloss=gloss
    )


def test_written_questions_are_learnt_as_typed_and_without_diacritics() -> None:
    written = [("vi", "vợ tôi vừa sinh em bé, làm giấy tờ gì", 1), ("en", "new baby papers", 1)]
    pairs = training_questions(_TITLES, aliases=[], gloss=lambda _: None, written=written)
    assert ("vợ tôi vừa sinh em bé, làm giấy tờ gì", 1) in pairs
    assert ("vo toi vua sinh em be, lam giay to gi", 1) in pairs
    assert ("new baby papers", 1) in pairs


def test_the_adapter_learns_to_rank_each_question_s_row_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    passages = rng.normal(size=(20, 16)).astype(np.float32)
    passages /= np.linalg.norm(passages, axis=1, keepdims=True)
    # Questions sit nearer a fixed wrong row than their own one; the map moves them back.
    shift = np.roll(passages, 1, axis=0)
    queries = (0.4 * passages + 0.6 * shift).astype(np.float32)
    questions = [(f"q{i}", i) for i in range(20)] * 200
    calls = []

    def encode(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return np.stack([queries[int(t[1:])] for t in texts])

    def margin(vectors: list[np.ndarray]) -> float:
        """Mean of (own row's cosine − best other row's cosine)."""
        scores = np.stack(vectors) @ passages.T
        own = scores[np.arange(20), np.arange(20)]
        np.fill_diagonal(scores, -np.inf)
        return float(np.mean(own - scores.max(axis=1)))

    before = margin(list(queries / np.linalg.norm(queries, axis=1, keepdims=True)))
    matrix = ensure_adapter(
        cache_dir=tmp_path, model_name="toy", questions=questions, passages=passages, encode=encode
    )
    after = margin([adapted(q, matrix) for q in queries])

    assert after > before
    assert np.isclose(np.linalg.norm(adapted(queries[0], matrix)), 1.0, atol=1e-5)
    # Trained once: the same inputs come from the cache without encoding.
    again = ensure_adapter(
        cache_dir=tmp_path, model_name="toy", questions=questions, passages=passages, encode=encode
    )
    assert calls == [4000] and np.array_equal(matrix, again)
