from pathlib import Path

from assistant.search.index.manifest import mismatches, read_manifest, write_manifest

_FIELDS = dict(
    builder_version=1, catalogue_hash="c", everyday_hash="a", model_name="m", model_path="/m",
    dimension=4, has_folded_copies=True, documents=1, vectors=2, lexical_terms=3,
    accent_syllables=5, build_seconds=0.1,
)  # fmt: skip


def test_round_trip_lists_files_and_libraries(tmp_path: Path) -> None:
    (tmp_path / "dense.faiss").write_bytes(b"1234")
    written = write_manifest(tmp_path, **_FIELDS)
    assert read_manifest(tmp_path) == written
    assert written.files == {"dense.faiss": 4}
    assert "numpy" in written.libraries


def test_missing_or_broken_manifest_reads_as_none(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) is None
    (tmp_path / "manifest.json").write_text("{", "utf-8")
    assert read_manifest(tmp_path) is None


def test_mismatches_name_every_difference(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, **_FIELDS)
    same = dict(builder_version=1, catalogue_hash="c", everyday_hash="a", model_name="m")
    assert mismatches(manifest, **same) == []  # type: ignore[arg-type]
    assert mismatches(manifest, **{**same, "catalogue_hash": None}) == []  # type: ignore[arg-type]
    other = dict(builder_version=2, catalogue_hash="x", everyday_hash="y", model_name="z")
    assert len(mismatches(manifest, **other)) == 4  # type: ignore[arg-type]
