"""``manifest.json`` of an index folder: written last by a build, read first by a load,
compared with the catalogue, the model and this builder to decide whether the index can
serve them."""

import logging
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from assistant.search.models import IndexManifest

__all__ = ["MANIFEST", "mismatches", "read_manifest", "write_manifest"]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
_LIBRARIES = ("faiss-cpu", "bm25s", "numpy", "torch", "sentence-transformers", "transformers")


def read_manifest(folder: Path) -> IndexManifest | None:
    """The manifest of the index in ``folder``, or ``None`` when there is none."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        return IndexManifest.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        log.warning("unreadable search index manifest %s", path)
        return None


def write_manifest(folder: Path, **fields: Any) -> IndexManifest:
    """Write the manifest of the files now in ``folder`` (sizes, library versions, date)."""
    files = {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    manifest = IndexManifest(
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        libraries=_versions(),
        files=files,
        **fields,
    )
    (folder / MANIFEST).write_text(manifest.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return manifest


def mismatches(
    manifest: IndexManifest,
    *,
    builder_version: int,
    catalogue_hash: str | None,
    everyday_hash: str,
    model_name: str,
) -> list[str]:
    """Why ``manifest`` does not fit; ``[]`` when it does (catalogue unchecked if None)."""
    reasons = []
    if manifest.builder_version != builder_version:
        reasons.append(f"builder version {manifest.builder_version} ≠ {builder_version}")
    if catalogue_hash is not None and manifest.catalogue_hash != catalogue_hash:
        reasons.append("catalogue changed")
    if manifest.everyday_hash != everyday_hash:
        reasons.append("aliases, NLU examples or English word lists changed")
    if manifest.model_name != model_name:
        reasons.append(f"model {manifest.model_name} ≠ {model_name}")
    return reasons


def _versions() -> dict[str, str]:
    found = {}
    for package in _LIBRARIES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return found
