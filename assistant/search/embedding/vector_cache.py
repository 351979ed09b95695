"""Passage vectors kept between index builds, keyed by model and passage text.

Encoding is nearly all of a build's time (about 1,000 tokens a second per core for
e5-small on this kind of machine); a catalogue update changes a few procedures, so a
rebuild only encodes the passages it has not seen. Entries are keyed by the text's hash,
so one cache serves every catalogue version and checkout; it grows only by the passages
that changed.
"""

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["encode_with_cache"]

log = logging.getLogger(__name__)


def encode_with_cache(
    texts: Sequence[str],
    encode: Callable[[list[str]], np.ndarray],
    *,
    path: Path,
    dimension: int,
) -> np.ndarray:
    """Vectors of ``texts`` (in order), encoding with ``encode`` only those missing from
    the cache file ``path``, which then also holds the new vectors."""
    keys = [_key(text) for text in texts]
    known = _read(path, dimension)
    missing = sorted(
        {key: text for key, text in zip(keys, texts, strict=True) if key not in known}.items()
    )
    if missing:
        fresh = encode([text for _, text in missing])
        known.update(zip((key for key, _ in missing), fresh, strict=True))
    log.info("passage vectors: %d cached, %d encoded", len(set(keys)) - len(missing), len(missing))
    vectors = np.stack([known[key] for key in keys]).astype(np.float32, copy=False)
    if missing:
        _write(path, known)
    return vectors


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def _read(path: Path, dimension: int) -> dict[str, np.ndarray]:
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"].tolist(), data["vectors"]
    except (OSError, ValueError, KeyError):
        log.warning("ignoring an unreadable vector cache %s", path)
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dimension or len(keys) != len(vectors):
        return {}
    return dict(zip(keys, vectors, strict=True))


def _write(path: Path, entries: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        np.savez(
            handle,
            keys=np.array(list(entries), dtype=np.str_),
            vectors=np.stack(list(entries.values())) if entries else np.zeros((0, 0)),
        )
    temporary.replace(path)
