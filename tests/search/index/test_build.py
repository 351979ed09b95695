"""Build/load round trip on 18 real procedures with the real e5 model, staleness, refusal."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.catalogue.service import CatalogueService
from assistant.search.errors import IndexMismatchError, IndexMissingError
from assistant.search.index.build import BUILDER_VERSION, build_index, is_stale, stale_reasons
from assistant.search.index.load import load_index
from assistant.search.index.manifest import MANIFEST, read_manifest
from assistant.search.query.aliases import default_aliases_path
from assistant.settings import Settings
from tests.search.conftest import small_settings


def test_round_trip(small_index_settings: Settings, small_catalogue: CatalogueService) -> None:
    index = load_index(small_index_settings, catalogue=small_catalogue)
    manifest = index.manifest
    assert manifest.builder_version == BUILDER_VERSION
    assert manifest.catalogue_hash == small_catalogue.content_hash
    assert manifest.documents == len(small_catalogue) == len(index.documents)
    assert manifest.dimension == 384
    assert not manifest.has_folded_copies and manifest.vectors == len(small_catalogue)
    assert manifest.lexical_terms > 0 and manifest.accent_syllables > 0
    assert {"faiss-cpu", "bm25s", "numpy"} <= set(manifest.libraries)
    assert set(manifest.files) >= {"dense.faiss", "documents.jsonl.gz", "accents.npz"}
    assert [d.code for d in index.documents] == [p.code for p in small_catalogue.all()]
    vectors = index.dense.reconstruct_n(0, index.dense.ntotal)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    assert not is_stale(small_index_settings, small_catalogue)


def test_a_changed_catalogue_makes_the_index_stale_and_unloadable(
    small_index_settings: Settings, small_catalogue: CatalogueService
) -> None:
    changed = CatalogueService(small_catalogue.all()[:-1])
    assert stale_reasons(small_index_settings, changed) == ["catalogue changed"]
    with pytest.raises(IndexMismatchError, match="catalogue changed"):
        load_index(small_index_settings, catalogue=changed)


def test_changed_aliases_make_the_index_stale(
    small_index_settings: Settings,
    small_catalogue: CatalogueService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The accent model learnt the alias terms' spelling; a new alias needs a new model.
    aliases = tmp_path / "aliases.tsv"
    shutil.copy(default_aliases_path(), aliases)
    with aliases.open("a", encoding="utf-8") as handle:
        handle.write("giấy đi đường\tgiấy thông hành\teveryday wording\n")
    monkeypatch.setattr("assistant.search.index.everyday.default_aliases_path", lambda: aliases)
    assert stale_reasons(small_index_settings, small_catalogue) == [
        "aliases, NLU examples or English word lists changed"
    ]


def test_another_model_or_builder_is_refused(
    small_index_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "index"
    shutil.copytree(small_index_settings.index_dir, folder)
    settings = small_index_settings.model_copy(
        update={"search": small_index_settings.search.model_copy(update={"index_dir": folder})}
    )
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    manifest["builder_version"] = BUILDER_VERSION + 1
    manifest["model_name"] = "some-other-model"
    (folder / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(IndexMismatchError) as raised:
        load_index(settings)
    assert len(raised.value.reasons) == 2
    assert "assistant index build" in raised.value.message_en


def test_a_missing_index_is_reported(tmp_path: Path, e5_model_path: Path) -> None:
    settings = small_settings(tmp_path, e5_model_path)
    assert read_manifest(settings.index_dir) is None
    with pytest.raises(IndexMissingError):
        load_index(settings)


def test_rebuild_replaces_the_folder_and_keeps_its_readme(
    tmp_path: Path, e5_model_path: Path
) -> None:
    settings = small_settings(tmp_path, e5_model_path)
    settings.index_dir.mkdir()
    (settings.index_dir / "README.md").write_text("generated", "utf-8")
    (settings.index_dir / "leftover.bin").write_bytes(b"old")
    few = CatalogueService(CatalogueService.load(settings.search.catalogue_path).all()[:3])
    assert build_index(settings, few, progress=False, folded_copies=True) == settings.index_dir
    names = {p.name for p in settings.index_dir.iterdir()}
    assert "README.md" in names and "leftover.bin" not in names
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index")]
    index = load_index(settings, catalogue=few)
    assert index.manifest.documents == 3
    assert index.manifest.has_folded_copies and index.dense.ntotal == 6


def test_ensure_index_builds_only_when_stale(tmp_path: Path, e5_model_path: Path) -> None:
    from assistant.search.index.build import ensure_index

    settings = small_settings(tmp_path, e5_model_path)
    assert ensure_index(settings, progress=False) == settings.index_dir
    built = (settings.index_dir / MANIFEST).stat().st_mtime_ns
    assert ensure_index(settings, progress=False) == settings.index_dir
    assert (settings.index_dir / MANIFEST).stat().st_mtime_ns == built
