"""Sentence vectors from an ONNX export (onnx_export.py) with ONNX Runtime and the fast
tokenizer; neither torch nor sentence-transformers is imported."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.search.embedding.onnx_export import ONNX_FILE, QUERY_INT8_FILE, TOKENIZER, pad_id
from assistant.search.errors import SearchDependencyError

__all__ = ["OnnxEmbedder"]


class OnnxEmbedder:
    """Embeds texts into L2-normalised float32 vectors; safe to call
    from several threads (the tokenizer is used without state, the session is shared)."""

    def __init__(self, session: Any, tokenizer: Any, *, pad: int) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._pad = pad
        self.dimension = int(session.get_outputs()[0].shape[-1])

    @classmethod
    def load(
        cls, folder: Path, *, threads: int | None = None, int8: bool = False
    ) -> OnnxEmbedder:
        """Open ``folder`` (an export): its float32 graph, or its 8-bit one (for queries)
        when ``int8``. ``threads`` is ONNX Runtime's intra-op thread count for this
        session only (its default, one per core, when None)."""
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SearchDependencyError("onnxruntime", "onnxruntime>=1.18") from exc
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(folder / (QUERY_INT8_FILE if int8 else ONNX_FILE)),
            options,
            providers=["CPUExecutionProvider"],
        )
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        return cls(session, tokenizer, pad=pad_id(folder))

    def embed(
        self,
        texts: Sequence[str],
        *,
        prompt: str,
        max_tokens: int,
        batch_size: int = 32,
        progress: bool = False,
    ) -> np.ndarray:
        """One row per text (``prompt`` prepended, as the model was exported with prompt
        tokens pooled), in order. Texts are batched by token count so a batch pads little;
        each is cut to ``max_tokens`` (its closing special token kept)."""
        encoded = self._tokenizer.encode_batch([prompt + text for text in texts])
        ids = [_truncated(e.ids, max_tokens) for e in encoded]
        vectors = np.empty((len(ids), self.dimension), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]), reverse=True)
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        for rows in _progress(batches, enabled=progress):
            vectors[rows] = self._run([ids[i] for i in rows])
        return vectors

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        input_ids = np.full((len(batch), width), self._pad, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        output = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        return np.asarray(output[0], dtype=np.float32)


def _truncated(ids: list[int], limit: int) -> list[int]:
    # As Hugging Face tokenizers truncate one sequence: drop tokens from the right, keep
    # the closing "</s>" the template appended.
    return ids if len(ids) <= limit else [*ids[: limit - 1], ids[-1]]


def _progress(batches: list[list[int]], *, enabled: bool) -> Any:
    if not enabled:
        return batches
    from tqdm import tqdm

    return tqdm(batches, desc="passages", unit="batch")
