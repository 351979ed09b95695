"""The lexical side: BM25 (bm25s) over diacritic-folded syllables and syllable pairs.

Folding makes "cap lai the can cuoc" and "cấp lại thẻ căn cước" the same terms; pairs
keep multi-syllable words ("căn cước", "khai sinh") from matching their parts anywhere.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.search.errors import SearchDependencyError
from assistant.search.query.syllables import folded_syllables, lexical_tokens

if TYPE_CHECKING:
    import bm25s

__all__ = ["LexicalIndex"]


def _bm25s() -> Any:
    try:
        import bm25s
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SearchDependencyError("bm25s", "bm25s>=0.2") from exc
    return bm25s


class LexicalIndex:
    """BM25 scores of every document for a list of terms."""

    def __init__(self, model: "bm25s.BM25", size: int) -> None:
        self._model = model
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        """Index accented ``texts`` (folded here), one per document, in order."""
        bm25s = _bm25s()
        corpus = [lexical_tokens(folded_syllables(text)) or [""] for text in texts]
        model = bm25s.BM25()
        model.index(corpus, show_progress=False)
        return cls(model, len(texts))

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, *, size: int) -> "LexicalIndex":
        model = _bm25s().BM25.load(str(folder), show_progress=False, verbosity=0)
        return cls(model, size)

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of each document (float32, one per document) for ``terms``."""
        known = self._model.get_tokens_ids(terms)
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)
