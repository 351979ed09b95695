from pathlib import Path

import yaml

from assistant.dialogue.training import augment_nlu_file, inputs_hash
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


def test_chat_shorthand_variants_are_generated_for_intent_examples() -> None:
    document = {
        "nlu": [
            {"intent": "ask_documents", "examples": "- hồ sơ cần những giấy tờ gì\n- chào bạn\n"},
            {"intent": "rate", "examples": "- không [hài lòng](rating)\n"},
        ]
    }
    blocks = augment_nlu_file(document)["nlu"]
    documents, rate = (block["examples"].splitlines() for block in blocks)
    assert "- hs can nhung giay to j" in documents
    assert len(documents) == 5  # "chào bạn" has nothing to shorten
    assert rate == ["- không [hài lòng](rating)", "- khong [hai long](rating)"]
