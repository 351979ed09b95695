"""Build and load the search index: one folder with a manifest, the FAISS file, the BM25
folder, the documents and the accent model.

The folder is written next to its final place and renamed into it, so readers see the
old index or the new one, never half of one. Loading refuses an index whose manifest
does not match the catalogue, the embedding model or this builder.
"""

import hashlib
import json
import logging
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.search.accents import AccentModel
from assistant.search.aliases import default_aliases_path
from assistant.search.documents import (
    IndexedDocument,
    build_documents,
    corpus_texts,
    load_documents,
    save_documents,
)
from assistant.search.errors import IndexMismatchError, IndexMissingError, SearchDependencyError
from assistant.search.lexical import LexicalIndex
from assistant.search.manifest import (
    mismatches,
    read_manifest,
    write_manifest,
)
from assistant.search.models import IndexManifest
from assistant.search.query import QueryAnalyser, load_vocabulary
from assistant.search.query_adapter import ADAPTER_FILE, ensure_adapter, training_questions
from assistant.search.ranking import SearchTuning
from assistant.search.vector_cache import encode_with_cache
from assistant.settings import Settings, project_root
from assistant.text import fold_diacritics

if TYPE_CHECKING:
    from assistant.catalogue.service import CatalogueService
    from assistant.search.encoder import Encoder

__all__ = [
    "BUILDER_VERSION",
    "SearchIndex",
    "build_index",
    "ensure_index",
    "is_stale",
    "load_index",
    "read_manifest",
    "resolve_model",
    "stale_reasons",
]

log = logging.getLogger(__name__)

# Questions are everyday speech and the catalogue is officialese: the accent model counts
# everyday texts (aliases, Vietnamese NLU examples) this many times, so "lam so do" becomes
# "làm sổ đỏ", not "lâm sở đó" (bench/search_quality.py, vi_plain dev R@5 .967 → .977,
# MRR .818 → .823; weight 10 gave .977 / .816).
_EVERYDAY_WEIGHT = 30
_ENTITY_MARKUP = re.compile(r"\[([^\]]+)\]\([^)]*\)")  # "[1.001193](procedure_code)"

# Bump when anything written here changes meaning (documents, terms, vectors).
BUILDER_VERSION = 5  # 2: title abbreviations spelled out; 3: everyday accent corpus; 4: adapter;
# 5: document profiles for the reranker
DENSE = "dense.faiss"
LEXICAL = "lexical"
DOCUMENTS = "documents.jsonl.gz"
ACCENTS = "accents.npz"
_KEPT_FILES = ("README.md",)  # the checkout's placeholder in index/


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
        swig_ptr = _faiss().swig_ptr
        self.dense.compute_distance_subset(
            1, swig_ptr(query), self.dense.ntotal, swig_ptr(scores), swig_ptr(rows)
        )
        return scores


def resolve_model(settings: Settings, *, build: bool) -> tuple[str, Path | None]:
    """``(model name, folder)`` of the configured encoder. The default is the bundled
    e5-small, named by its build key; its folder is built only when ``build`` is true
    (otherwise ``None`` is returned for it when absent)."""
    if settings.search.model_path is not None:
        return settings.search.model_path.name, settings.search.model_path
    from assistant.search.embedding_model import MODEL_NAME, e5_build_key, ensure_e5_model

    name = f"{MODEL_NAME}-{e5_build_key()[:12]}"
    folder = settings.models_dir / name
    if build:
        folder = ensure_e5_model(settings.models_dir)
        name = folder.name
    return name, folder if folder.is_dir() else None


def stale_reasons(settings: Settings, catalogue: "CatalogueService") -> list[str]:
    """Why the index on disk cannot serve ``catalogue`` with the configured model; ``[]``
    when it can."""
    manifest = read_manifest(settings.index_dir)
    if manifest is None:
        return ["no index"]
    model_name, _ = resolve_model(settings, build=False)
    return _mismatches(manifest, catalogue_hash=catalogue.content_hash, model_name=model_name)


def _mismatches(
    manifest: IndexManifest, *, catalogue_hash: str | None, model_name: str
) -> list[str]:
    return mismatches(
        manifest,
        builder_version=BUILDER_VERSION,
        catalogue_hash=catalogue_hash,
        everyday_hash=_texts_hash(_everyday_texts()),
        model_name=model_name,
    )


def is_stale(settings: Settings, catalogue: "CatalogueService") -> bool:
    return bool(stale_reasons(settings, catalogue))


def ensure_index(settings: Settings, *, progress: bool = True) -> Path:
    """The index folder, built from the configured catalogue when missing or stale."""
    from assistant.catalogue.service import CatalogueService

    catalogue = CatalogueService.load(settings.search.catalogue_path)
    reasons = stale_reasons(settings, catalogue)
    if not reasons:
        return settings.index_dir
    log.info("building the search index: %s", "; ".join(reasons))
    return build_index(settings, catalogue, progress=progress)


def build_index(
    settings: Settings,
    catalogue: "CatalogueService",
    *,
    progress: bool,
    folded_copies: bool = False,
) -> Path:
    """Build the index of ``catalogue`` into ``settings.index_dir``; return that folder.

    ``progress`` shows a progress bar when stderr is a terminal.
    """
    from assistant.search.encoder import Encoder

    started = time.perf_counter()
    procedures = catalogue.all()
    documents = build_documents(procedures)
    model_name, model_path = resolve_model(settings, build=True)
    assert model_path is not None
    # Queries in the precision searches use: the adapter learns the vectors it will map.
    encoder = Encoder.load(
        model_path,
        runtime=settings.search.runtime,
        query_precision=settings.search.query_precision,
    )
    target = settings.index_dir
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        # One cache per model, shared by every checkout and index folder: a clean
        # clone (CI) rebuilds its index without re-encoding known passages.
        cache = settings.cache_dir / "passages" / f"{model_name}.npz"
        vectors = _write_dense(
            scratch, documents, encoder, cache=cache, folded=folded_copies, progress=progress
        )
        lexical = LexicalIndex.build([d.lexical for d in documents])
        lexical.save(scratch / LEXICAL)
        save_documents(documents, scratch / DOCUMENTS)
        everyday = _everyday_texts()
        accents = AccentModel.train(
            corpus_texts(procedures), everyday=everyday, everyday_weight=_EVERYDAY_WEIGHT
        )
        accents.save(scratch / ACCENTS)
        adapter = _query_adapter(
            settings, documents, accents, encoder, vectors[: len(documents)], model_name
        )
        np.save(scratch / ADAPTER_FILE, adapter)
        write_manifest(
            scratch,
            builder_version=BUILDER_VERSION,
            catalogue_hash=catalogue.content_hash,
            everyday_hash=_texts_hash(everyday),
            model_name=model_name,
            model_path=str(model_path),
            dimension=encoder.dimension,
            has_folded_copies=folded_copies,
            has_query_adapter=True,
            documents=len(documents),
            vectors=len(vectors),
            lexical_terms=_lexical_terms(scratch / LEXICAL),
            accent_syllables=len(accents.vocabulary),
            build_seconds=round(time.perf_counter() - started, 2),
        )
        _swap_in(scratch, target)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    log.info(
        "built the search index of %d procedures in %.1f s",
        len(documents),
        time.perf_counter() - started,
    )
    return target


def load_index(settings: Settings, *, catalogue: "CatalogueService | None" = None) -> SearchIndex:
    """Load the index of ``settings.index_dir``; refuse one built for another catalogue
    (when ``catalogue`` is given), model or builder version."""
    folder = settings.index_dir
    manifest = read_manifest(folder)
    if manifest is None:
        raise IndexMissingError(folder)
    model_name, _ = resolve_model(settings, build=False)
    reasons = _mismatches(
        manifest,
        catalogue_hash=catalogue.content_hash if catalogue is not None else None,
        model_name=model_name,
    )
    if reasons:
        raise IndexMismatchError(folder, reasons)
    faiss = _faiss()
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


def _write_dense(
    folder: Path,
    documents: list[IndexedDocument],
    encoder: "Encoder",
    *,
    cache: Path,
    folded: bool,
    progress: bool,
) -> np.ndarray:
    faiss = _faiss()
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


def _query_adapter(
    settings: Settings,
    documents: list[IndexedDocument],
    accents: AccentModel,
    encoder: "Encoder",
    passages: np.ndarray,
    model_name: str,
) -> np.ndarray:
    """The query adapter of this catalogue (query_adapter.py), trained on questions
    analysed as the default search analyses them."""
    tuning = SearchTuning()
    vocabulary = load_vocabulary()
    titles = [d.title for d in documents]
    analyser = QueryAnalyser(
        accents=accents,
        aliases=vocabulary.aliases,
        glossary=vocabulary.english(
            titles, curated=True, title_terms=True, max_share=tuning.title_term_max_share
        ),
    )
    questions = training_questions(
        titles,
        aliases=vocabulary.aliases.rows if vocabulary.aliases is not None else [],
        gloss=vocabulary.title_terms.gloss,
    )
    analysed = [(analyser.analyse(text).dense_text, position) for text, position in questions]
    # Generated questions repeat across builds: their vectors are kept like passages'.
    cache = settings.cache_dir / "questions" / f"{model_name}-{encoder.query_precision}.npz"
    return ensure_adapter(
        cache_dir=settings.cache_dir,
        model_name=model_name,
        questions=analysed,
        passages=passages,
        encode=lambda texts: encode_with_cache(
            texts, encoder.encode_queries, path=cache, dimension=encoder.dimension
        ),
    )


def _texts_hash(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def _everyday_texts() -> list[str]:
    """Texts in the words citizens use: the alias table and the Vietnamese NLU examples
    (entity markup removed)."""
    texts = []
    aliases = default_aliases_path()
    if aliases.is_file():
        for line in aliases.read_text(encoding="utf-8").splitlines()[1:]:
            texts.extend(line.split("\t")[:2])
    for examples in sorted((project_root() / "nlu_data" / "nlu").glob("vi*.yml")):
        for line in examples.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("- ") and not line.startswith("- intent:"):
                texts.append(_ENTITY_MARKUP.sub(r"\1", line[2:]))
    return texts


def _swap_in(scratch: Path, target: Path) -> None:
    for name in _KEPT_FILES:
        if (target / name).is_file():
            shutil.copy2(target / name, scratch / name)
    scratch.chmod(0o755)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        scratch.rename(target)
    except OSError:
        if old is not None and not target.exists():
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _lexical_terms(folder: Path) -> int:
    vocab = folder / "vocab.index.json"
    return len(json.loads(vocab.read_text(encoding="utf-8"))) if vocab.is_file() else 0


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SearchDependencyError("faiss", "faiss-cpu>=1.8") from exc
    return faiss
