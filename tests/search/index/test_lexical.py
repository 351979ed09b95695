from pathlib import Path

import numpy as np

from assistant.search.index.lexical import LexicalIndex
from assistant.search.query.syllables import folded_syllables, lexical_tokens

TEXTS = ["Cấp lại thẻ căn cước", "Đăng ký khai sinh", "Cấp giấy phép lái xe"]


def _terms(text: str) -> list[str]:
    return lexical_tokens(folded_syllables(text))


def test_folded_terms_match_accented_documents() -> None:
    index = LexicalIndex.build(TEXTS)
    scores = index.scores(_terms("dang ky khai sinh"))
    assert scores.shape == (3,) and int(np.argmax(scores)) == 1
    assert not index.scores(["unknownterm"]).any()
    assert not index.scores([]).any()


def test_round_trip(tmp_path: Path) -> None:
    index = LexicalIndex.build(TEXTS)
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical", size=3)
    query = _terms("cap lai the can cuoc")
    np.testing.assert_allclose(loaded.scores(query), index.scores(query))
