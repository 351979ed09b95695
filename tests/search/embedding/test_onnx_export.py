import json
import shutil
from pathlib import Path

import pytest

from assistant.search.embedding.e5_weights import ModelBuildError
from assistant.search.embedding.onnx_export import (
    EXPORT_INFO,
    ONNX_DATA,
    ONNX_FILE,
    QUERY_INT8_FILE,
    TOKENIZER,
    ensure_onnx_model,
    onnx_folder,
)


def test_the_export_is_built_once_beside_the_model(e5_model_path: Path) -> None:
    folder = ensure_onnx_model(e5_model_path)
    assert folder == onnx_folder(e5_model_path)
    assert folder.parent == e5_model_path.parent
    assert folder.name.startswith(f"{e5_model_path.name}-onnx-")
    int8_data = f"{QUERY_INT8_FILE}.data"
    for name in (ONNX_FILE, ONNX_DATA, QUERY_INT8_FILE, int8_data, TOKENIZER, EXPORT_INFO):
        assert (folder / name).stat().st_mode & 0o044 == 0o044  # readable by other users
    # Both graphs keep their weights beside them, so sessions map them.
    assert (folder / int8_data).stat().st_size > 100 * (folder / QUERY_INT8_FILE).stat().st_size
    info = json.loads((folder / EXPORT_INFO).read_text(encoding="utf-8"))
    assert info["source"] == e5_model_path.name and info["min_cosine_to_torch"] >= 0.9999
    assert 0.98 <= info["int8_min_cosine_to_torch"] < 1.0
    assert ensure_onnx_model(e5_model_path) == folder  # cached


def test_a_changed_model_folder_gets_another_export(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}", encoding="utf-8")
    before = onnx_folder(model)
    (model / "config.json").write_text('{"changed": true}', encoding="utf-8")
    assert onnx_folder(model) != before


def test_only_mean_pooled_models_are_exported(e5_model_path: Path, tmp_path: Path) -> None:
    model = tmp_path / "cls-model"
    shutil.copytree(e5_model_path, model, ignore=shutil.ignore_patterns("*.safetensors"))
    pooling = model / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text(encoding="utf-8"))
    config |= {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}
    pooling.write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelBuildError, match="mean Pooling"):
        ensure_onnx_model(model)
    assert not onnx_folder(model).exists()
