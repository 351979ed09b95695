"""The dense side's text encoder: multilingual-e5-small by default, with e5's "query: " /
"passage: " prompts.

The bundled e5 runs in ONNX Runtime (onnx_export.py, onnx_encoder.py): one query costs
0.43–0.48× of torch's time there with the same vectors, and the process never imports
torch. Queries can run in the export's 8-bit graph (about half the time again); passages
always run in float32, and each graph is opened on first use, so a search process holds
only the query graph and an index build only the passage one. Any other
sentence-transformers model (a name or a folder) runs in sentence-transformers; torch and
sentence-transformers are imported only then."""

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from assistant.search.errors import SearchDependencyError

__all__ = ["Encoder", "Precision", "Runtime", "effective_runtime"]

log = logging.getLogger(__name__)

Runtime = Literal["auto", "onnx", "torch"]
Precision = Literal["int8", "float32"]

_QUERY_CACHE = 4096  # distinct recent queries kept per encoder (chat users repeat)
# Queries are short; capping their length bounds the worst case of a pasted paragraph.
_QUERY_MAX_TOKENS = 64
# Passages are title + field + result + applicants (index/documents.py); 128 tokens holds
# all but 13 of the 2,849 (median 25) and encoding cost grows with length.
_PASSAGE_MAX_TOKENS = 128
_QUERY_PROMPT = "query: "
_PASSAGE_PROMPT = "passage: "


class _Embedder(Protocol):
    dimension: int

    def embed(
        self,
        texts: Sequence[str],
        *,
        prompt: str,
        max_tokens: int,
        batch_size: int = 32,
        progress: bool = False,
    ) -> np.ndarray: ...


def effective_runtime(path: Path | str, runtime: Runtime) -> Literal["onnx", "torch"]:
    """``runtime`` with "auto" resolved: ONNX for a folder built by e5_model.py (the
    bundled e5), sentence-transformers for anything else."""
    if runtime != "auto":
        return runtime
    from assistant.search.embedding.e5_model import BUILD_INFO

    return "onnx" if (Path(path) / BUILD_INFO).is_file() else "torch"


class Encoder:
    """Encodes queries and passages into L2-normalised float32 vectors."""

    def __init__(
        self,
        *,
        passages: Callable[[], _Embedder],
        queries: Callable[[], _Embedder] | None = None,
        name: str,
        runtime: str,
        query_precision: Precision = "float32",
        cache_size: int = _QUERY_CACHE,
    ) -> None:
        """``passages`` and ``queries`` open the embedder of each side (the same one
        when ``queries`` is None), on first use."""
        self._open = {"passages": passages, "queries": queries or passages}
        self._embedders: dict[Callable[[], _Embedder], _Embedder] = {}
        self._opening = threading.Lock()
        self.name = name
        self.runtime = runtime
        self.query_precision = query_precision
        self._cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.dimension = int(self._embedder("queries").dimension)

    @classmethod
    def load(
        cls,
        path: Path | str,
        *,
        runtime: Runtime = "auto",
        query_precision: Precision = "float32",
        threads: int | None = None,
        cache_size: int = _QUERY_CACHE,
    ) -> "Encoder":
        """Load a sentence-transformers model (a folder or a name, offline).

        ``runtime`` "onnx" exports the folder once (cached beside it) and runs the export;
        "torch" runs sentence-transformers. ``query_precision`` "int8" encodes queries
        with the export's 8-bit graph (ONNX only; torch ignores it). ``threads`` is the
        intra-op thread count: of the ONNX sessions, or torch's process-wide one (each
        library's default when None). ``cache_size`` distinct recent query vectors are
        kept (none when 0).
        """
        chosen = effective_runtime(path, runtime)
        if chosen == "torch":
            model = _SentenceTransformersEmbedder.load(path, threads=threads)
            return cls(
                passages=lambda: model, name=str(path), runtime=chosen, cache_size=cache_size
            )
        from assistant.search.embedding.onnx_encoder import OnnxEmbedder
        from assistant.search.embedding.onnx_export import ensure_onnx_model

        folder = ensure_onnx_model(Path(path))

        def int8_queries() -> OnnxEmbedder:
            return OnnxEmbedder.load(folder, threads=threads, int8=True)

        return cls(
            passages=lambda: OnnxEmbedder.load(folder, threads=threads),
            queries=int8_queries if query_precision == "int8" else None,
            name=str(path),
            runtime=chosen,
            query_precision=query_precision,
            cache_size=cache_size,
        )

    def encode_passages(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        """One vector per passage (shape ``(len(texts), dimension)``), in order."""
        vectors = self._embedder("passages").embed(
            texts,
            prompt=_PASSAGE_PROMPT,
            max_tokens=_PASSAGE_MAX_TOKENS,
            batch_size=batch_size,
            progress=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_queries(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: bool = False
    ) -> np.ndarray:
        """One query vector per text, as :meth:`encode_query` gives it, in batches and
        without the cache (for training on many generated questions)."""
        vectors = self._embedder("queries").embed(
            texts,
            prompt=_QUERY_PROMPT,
            max_tokens=_QUERY_MAX_TOKENS,
            batch_size=batch_size,
            progress=progress,
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
        if not self._cache_size:
            return vector
        with self._lock:
            self._cache[text] = vector
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector

    def _encode_query(self, text: str) -> np.ndarray:
        embedder = self._embedder("queries")
        vector = embedder.embed([text], prompt=_QUERY_PROMPT, max_tokens=_QUERY_MAX_TOKENS)[0]
        return np.ascontiguousarray(vector, dtype=np.float32)

    def _embedder(self, side: str) -> _Embedder:
        opener = self._open[side]
        embedder = self._embedders.get(opener)
        if embedder is None:
            with self._opening:
                embedder = self._embedders.get(opener)
                if embedder is None:
                    embedder = self._embedders[opener] = opener()
        return embedder


class _SentenceTransformersEmbedder:
    """Any sentence-transformers model, through its own ``encode``."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._lock = threading.Lock()  # max_seq_length is per model, set per call
        # sentence-transformers 5 renamed the method; older releases only have the old name.
        dimension = getattr(model, "get_embedding_dimension", None)
        if dimension is None:
            dimension = model.get_sentence_embedding_dimension
        self.dimension = int(dimension())

    @classmethod
    def load(cls, path: Path | str, *, threads: int | None) -> "_SentenceTransformersEmbedder":
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
        return cls(model)

    def embed(
        self,
        texts: Sequence[str],
        *,
        prompt: str,
        max_tokens: int,
        batch_size: int = 32,
        progress: bool = False,
    ) -> np.ndarray:
        with self._lock:
            self._model.max_seq_length = max_tokens
            vectors = self._model.encode(
                list(texts),
                prompt=prompt,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=progress,
            )
        return np.asarray(vectors, dtype=np.float32)
