"""Loading the search index: the folder ``build.py`` wrote, checked against its manifest,
the catalogue and the configured model before anything is read."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.search.errors import IndexMismatchError, IndexMissingError
from assistant.search.index.build import (
    ACCENTS,
    DOCUMENTS,
    LEXICAL,
    index_mismatches,
    resolve_model,
)
from assistant.search.index.dense import DENSE, faiss_module
from assistant.search.index.documents import IndexedDocument, load_documents
from assistant.search.index.lexical import LexicalIndex
from assistant.search.index.manifest import read_manifest
from assistant.search.index.query_adapter import ADAPTER_FILE
from assistant.search.models import IndexManifest
from assistant.search.query.accents import AccentModel
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.catalogue.service import CatalogueService

__all__ = ["SearchIndex", "load_index"]


@dataclass
class SearchIndex:
    """An index in memory. Rows ``0 … n-1`` of ``dense`` are the documents' passages;
    with folded copies, rows ``n … 2n-1`` are the same passages without diacritics."""

    folder: Path
    manifest: IndexManifest
    documents: list[IndexedDocument]
    dense: Any  # faiss.IndexFlatIP
    lexical: LexicalIndex
    accents: AccentModel
    adapter: np.ndarray | None = None  # query_adapter.py's matrix

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Cosine of ``vector`` (normalised, float32) to every row of ``dense``, in row
        order."""
        # The inner product with a list of rows (all of them) skips the sort of a k = all
        # search (0.34 instead of 1.6 ms).
        query = np.ascontiguousarray(vector[None, :], dtype=np.float32)
        rows = np.arange(self.dense.ntotal, dtype=np.int64)
        scores = np.empty(self.dense.ntotal, dtype=np.float32)
        swig_ptr = faiss_module().swig_ptr
        self.dense.compute_distance_subset(
            1, swig_ptr(query), self.dense.ntotal, swig_ptr(scores), swig_ptr(rows)
        )
        return scores


def load_index(settings: Settings, *, catalogue: "CatalogueService | None" = None) -> SearchIndex:
    """Load the index of ``settings.index_dir``; refuse one built for another catalogue
    (when ``catalogue`` is given), model or builder version."""
    folder = settings.index_dir
    manifest = read_manifest(folder)
    if manifest is None:
        raise IndexMissingError(folder)
    model_name, _ = resolve_model(settings, build=False)
    reasons = index_mismatches(
        manifest,
        catalogue_hash=catalogue.content_hash if catalogue is not None else None,
        model_name=model_name,
    )
    if reasons:
        raise IndexMismatchError(folder, reasons)
    faiss = faiss_module()
    # A query scores a few thousand vectors, too little to share out: FAISS's OpenMP
    # workers only spun afterwards, 10 ms of CPU per query taken from the encoder's
    # threads (bench/search_speed.py, cpu_p50_ms 28 → 17.5 on one encoder thread).
    faiss.omp_set_num_threads(1)
    documents = load_documents(folder / DOCUMENTS)
    dense = faiss.read_index(str(folder / DENSE))
    if len(documents) != manifest.documents or dense.ntotal != manifest.vectors:
        raise IndexMismatchError(folder, ["files do not match the manifest counts"])
    return SearchIndex(
        folder=folder,
        manifest=manifest,
        documents=documents,
        dense=dense,
        lexical=LexicalIndex.load(folder / LEXICAL, size=len(documents)),
        accents=AccentModel.load(folder / ACCENTS),
        adapter=np.load(folder / ADAPTER_FILE) if manifest.has_query_adapter else None,
    )
