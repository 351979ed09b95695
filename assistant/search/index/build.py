"""Build the search index: one folder with a manifest, the FAISS file, the BM25 folder,
the documents, the accent model and the query adapter; and decide when it is stale.

The folder is written next to its final place and renamed into it, so readers see the
old index or the new one, never half of one. ``load.py`` refuses an index whose manifest
does not match the catalogue, the embedding model or this builder.
"""

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.search.embedding.vector_cache import encode_with_cache
from assistant.search.index.dense import write_dense
from assistant.search.index.documents import (
    IndexedDocument,
    build_documents,
    corpus_texts,
    save_documents,
)
from assistant.search.index.everyday import (
    EVERYDAY_WEIGHT,
    everyday_hash,
    everyday_questions,
    everyday_texts,
)
from assistant.search.index.lexical import LexicalIndex
from assistant.search.index.manifest import (
    mismatches,
    read_manifest,
    write_manifest,
)
from assistant.search.index.query_adapter import ADAPTER_FILE, ensure_adapter, training_questions
from assistant.search.models import IndexManifest
from assistant.search.query.accents import AccentModel
from assistant.search.query.analyser import QueryAnalyser, load_vocabulary
from assistant.search.ranking import SearchTuning
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.catalogue.service import CatalogueService
    from assistant.search.embedding.encoder import Encoder

__all__ = [
    "ACCENTS",
    "BUILDER_VERSION",
    "DOCUMENTS",
    "LEXICAL",
    "build_index",
    "ensure_index",
    "index_mismatches",
    "is_stale",
    "read_manifest",
    "resolve_model",
    "stale_reasons",
    "train_query_adapter",
]

log = logging.getLogger(__name__)

# Bump when anything written here changes meaning (documents, terms, vectors).
BUILDER_VERSION = 5  # 2: title abbreviations spelled out; 3: everyday accent corpus; 4: adapter;
# 5: document profiles for the reranker
LEXICAL = "lexical"
DOCUMENTS = "documents.jsonl.gz"
ACCENTS = "accents.npz"
_KEPT_FILES = ("README.md",)  # the checkout's placeholder in index/


def resolve_model(settings: Settings, *, build: bool) -> tuple[str, Path | None]:
    """``(model name, folder)`` of the configured encoder. The default is the bundled
    e5-small, named by its build key; its folder is built only when ``build`` is true
    (otherwise ``None`` is returned for it when absent)."""
    if settings.search.model_path is not None:
        return settings.search.model_path.name, settings.search.model_path
    from assistant.search.embedding.e5_model import MODEL_NAME, e5_build_key, ensure_e5_model

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
    return index_mismatches(
        manifest, catalogue_hash=catalogue.content_hash, model_name=model_name
    )


def index_mismatches(
    manifest: IndexManifest, *, catalogue_hash: str | None, model_name: str
) -> list[str]:
    """Why an index with ``manifest`` cannot serve this builder, the everyday texts, the
    model and (when given) the catalogue; ``[]`` when it can."""
    return mismatches(
        manifest,
        builder_version=BUILDER_VERSION,
        catalogue_hash=catalogue_hash,
        everyday_hash=everyday_hash(everyday_texts()),
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
    from assistant.search.embedding.encoder import Encoder

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
        vectors = write_dense(
            scratch, documents, encoder, cache=cache, folded=folded_copies, progress=progress
        )
        lexical = LexicalIndex.build([d.lexical for d in documents])
        lexical.save(scratch / LEXICAL)
        save_documents(documents, scratch / DOCUMENTS)
        everyday = everyday_texts()
        accents = AccentModel.train(
            corpus_texts(procedures), everyday=everyday, everyday_weight=EVERYDAY_WEIGHT
        )
        accents.save(scratch / ACCENTS)
        adapter = train_query_adapter(
            settings, documents, accents, encoder, vectors[: len(documents)], model_name
        )
        np.save(scratch / ADAPTER_FILE, adapter)
        write_manifest(
            scratch,
            builder_version=BUILDER_VERSION,
            catalogue_hash=catalogue.content_hash,
            everyday_hash=everyday_hash(everyday),
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


def train_query_adapter(
    settings: Settings,
    documents: list[IndexedDocument],
    accents: AccentModel,
    encoder: "Encoder",
    passages: np.ndarray,
    model_name: str,
    *,
    seed: int = 0,
) -> np.ndarray:
    """The query adapter of this catalogue (query_adapter.py), trained on questions
    analysed as the default search analyses them (cached per ``seed``)."""
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
    positions = {d.code: position for position, d in enumerate(documents)}
    questions = training_questions(
        titles,
        aliases=vocabulary.aliases.rows if vocabulary.aliases is not None else [],
        gloss=vocabulary.title_terms.gloss,
        written=[
            (language, text, positions[code])
            for code, language, text in everyday_questions()
            if code in positions
        ],
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
        seed=seed,
    )


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

