"""The dense side's text encoder: a sentence-transformers model (multilingual-e5-small by
default) with e5's "query: " / "passage: " prompts. torch and sentence-transformers are
imported only here, when a model is loaded."""

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.search.errors import SearchDependencyError

__all__ = ["Encoder"]

log = logging.getLogger(__name__)

_QUERY_CACHE = 4096  # distinct recent queries kept per encoder (chat users repeat)
# Queries are short; capping their length bounds the worst case of a pasted paragraph.
_QUERY_MAX_TOKENS = 64
# Passages are title + field + result + applicants (documents.py); 128 tokens holds
# nearly all of them and encoding cost grows with length.
_PASSAGE_MAX_TOKENS = 128


class Encoder:
    """Encodes queries and passages into L2-normalised float32 vectors."""

    def __init__(self, model: Any, *, name: str) -> None:
        self._model = model
        self.name = name
        # sentence-transformers 5 renamed the method; older releases only have the old name.
        dimension = getattr(model, "get_embedding_dimension", None)
        if dimension is None:
            dimension = model.get_sentence_embedding_dimension
        self.dimension = int(dimension())
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path | str, *, threads: int | None = None) -> "Encoder":
        """Load a sentence-transformers model directory (offline). ``threads`` sets
        torch's intra-op thread count, which is process-wide (torch's default when None)."""
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SearchDependencyError(
                "sentence-transformers", "sentence-transformers>=3.0"
            ) from exc
        if threads:
            torch.set_num_threads(threads)
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        model.eval()
        return cls(model, name=str(path))

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        self._model.max_seq_length = _PASSAGE_MAX_TOKENS
        vectors = self._model.encode(
            list(texts),
            prompt="passage: ",
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One query vector (shape ``(dimension,)``); recent queries come from a cache."""
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self._encode_query(text)
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > _QUERY_CACHE:
                self._cache.popitem(last=False)
        return vector

    def _encode_query(self, text: str) -> np.ndarray:
        self._model.max_seq_length = _QUERY_MAX_TOKENS
        vector = self._model.encode(
            [text],
            prompt="query: ",
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )[0]
        return np.ascontiguousarray(vector, dtype=np.float32)
