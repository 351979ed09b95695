"""The dense side of the index: passage vectors in a FAISS inner-product index."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.search.embedding.vector_cache import encode_with_cache
from assistant.search.errors import SearchDependencyError
from assistant.search.index.documents import IndexedDocument
from assistant.text import fold_diacritics

if TYPE_CHECKING:
    from assistant.search.embedding.encoder import Encoder

__all__ = ["DENSE", "faiss_module", "write_dense"]

DENSE = "dense.faiss"


def write_dense(
    folder: Path,
    documents: list[IndexedDocument],
    encoder: "Encoder",
    *,
    cache: Path,
    folded: bool,
    progress: bool,
) -> np.ndarray:
    """Encode the documents' passages (through the vector cache ``cache``), write them
    to ``folder``'s FAISS file and return them."""
    faiss = faiss_module()
    texts = [d.passage for d in documents]
    # Folded copies of the passages bring unaccented questions closer in e5's space
    # (notes/search-findings.md), but accent restoration does that better here, and the
    # copies draw English questions (which look unaccented) away from the right titles:
    # R@5 en .62 without, .55 with, Vietnamese unchanged (bench/search_quality.py).
    if folded:
        texts += [fold_diacritics(p, lower=False) for p in texts]
    show = progress and sys.stderr.isatty()
    vectors = encode_with_cache(
        texts,
        lambda missing: encoder.encode_passages(missing, progress=show),
        path=cache,
        dimension=encoder.dimension,
    )
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.write_index(index, str(folder / DENSE))
    return vectors


def faiss_module() -> Any:
    """The ``faiss`` module, or a ``SearchDependencyError`` that says what to install."""
    try:
        import faiss
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SearchDependencyError("faiss", "faiss-cpu>=1.8") from exc
    return faiss
