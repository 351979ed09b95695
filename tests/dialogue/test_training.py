from pathlib import Path

import yaml

from assistant.dialogue.title_examples import TITLE_SAMPLE_SIZE, title_examples
from assistant.dialogue.training import augment_nlu_file, inputs_hash, write_training_data
from assistant.search.title_terms import TitleTerms
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


def test_title_examples_frame_a_spread_of_titles_in_both_languages() -> None:
    titles = [
        "Thủ tục đăng ký khai sinh",
        "Cấp lại giấy phép lái xe (cấp tỉnh)",
        "Đăng ký kết hôn theo quy định của Luật Hộ tịch",
        "Nộp hồ sơ cấp giấy phép xây dựng trực tuyến",  # words of detail intents
        "Giải quyết khiếu nại lần đầu",
    ]
    examples = title_examples(titles, TitleTerms.load(), size=10)
    vietnamese = " | ".join(examples["vi"])
    assert "đăng ký khai sinh" in vietnamese and "thủ tục thủ tục" not in vietnamese
    assert "(cấp tỉnh)" not in vietnamese and "Luật Hộ tịch" not in vietnamese
    assert "hồ sơ" not in vietnamese and "khiếu nại" not in vietnamese
    assert len(examples["vi"]) == 3
    assert any("licence" in line for line in examples["en"]), examples["en"]
    assert title_examples(titles, TitleTerms.load(), size=10) == examples  # deterministic


def test_training_data_holds_title_examples_with_unaccented_forms(tmp_path: Path) -> None:
    write_training_data(project_root(), tmp_path / "build")
    generated = tmp_path / "build" / "data" / "nlu" / "generated_from_titles.yml"
    document = yaml.safe_load(generated.read_text(encoding="utf-8"))
    lines = document["nlu"][0]["examples"].splitlines()
    assert document["nlu"][0]["intent"] == "ask_procedure"
    assert len(lines) > 2 * TITLE_SAMPLE_SIZE
    assert any(line.isascii() and "thu tuc" in line for line in lines)


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
