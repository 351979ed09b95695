from pathlib import Path

import yaml

from assistant.runtime.training import augment_nlu_file, inputs_hash
from assistant.settings import project_root


def test_unaccented_variants_are_generated_once() -> None:
    document = {
        "nlu": [
            {"intent": "greet", "examples": "- xin chào\n- xin chao\n- hello\n- chào bạn\n"},
        ]
    }
    examples = augment_nlu_file(document)["nlu"][0]["examples"].splitlines()
    assert examples == ["- xin chào", "- xin chao", "- hello", "- chào bạn", "- chao ban"]


def test_entity_annotations_survive_folding() -> None:
    document = {"nlu": [{"intent": "rate", "examples": "- tôi chấm [5 sao](rating)\n"}]}
    examples = augment_nlu_file(document)["nlu"][0]["examples"].splitlines()
    assert "- toi cham [5 sao](rating)" in examples


def test_hash_is_stable_and_follows_the_inputs(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "nlu_data").mkdir(parents=True)
    (root / "config.yml").write_text("recipe: default.v1\n")
    (root / "nlu_data" / "core.yml").write_text("version: '3.1'\n")
    first = inputs_hash(root)
    assert inputs_hash(root) == first
    (root / "nlu_data" / "core.yml").write_text("version: '3.1'\nintents: [greet]\n")
    assert inputs_hash(root) != first


def test_every_training_file_is_valid_yaml() -> None:
    for path in (project_root() / "nlu_data").rglob("*.yml"):
        assert yaml.safe_load(path.read_text(encoding="utf-8")), path


def test_vietnamese_intent_examples_also_come_in_chat_shorthand() -> None:
    document = {
        "nlu": [
            {"intent": "ask_fee", "examples": "- đăng ký xe máy hết bao nhiêu tiền\n"},
            {"intent": "check", "examples": "- [hồ sơ](topic) của tôi được duyệt chưa\n"},
            {"synonym": "không", "examples": "- không\n"},
        ]
    }
    blocks = augment_nlu_file(document)["nlu"]
    assert "- dk xe may het bn tien" in blocks[0]["examples"].splitlines()
    assert "- [ho so](topic) cua toi dc duyet chua" in blocks[1]["examples"].splitlines()
    assert blocks[2]["examples"].splitlines() == ["- không", "- khong"]
