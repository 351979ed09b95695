from pathlib import Path

import pytest

from assistant.catalogue.service import CatalogueService
from assistant.catalogue.store import bundled_path
from assistant.search.index.everyday import everyday_hash, everyday_questions, everyday_texts
from assistant.text import has_diacritics


def test_the_accent_model_learns_only_from_texts_written_with_diacritics() -> None:
    # Chat lines typed without diacritics ("dk ket hon can giay to gi") would teach it
    # that "ket hon" stays unaccented.
    texts = everyday_texts()
    assert len(texts) > 1000
    assert all(has_diacritics(text) for text in texts)


def test_a_changed_word_list_makes_the_index_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terms = tmp_path / "title_terms.tsv"
    terms.write_text("vietnamese\tenglish\tuse\nchi trả\tpayment\t\n", encoding="utf-8")
    monkeypatch.setattr("assistant.search.index.everyday.default_terms_path", lambda: terms)
    before = everyday_hash(["làm sổ đỏ"])
    terms.write_text("vietnamese\tenglish\tuse\nchi trả\tpay\t\n", encoding="utf-8")
    assert everyday_hash(["làm sổ đỏ"]) != before


def test_the_written_everyday_questions_name_real_procedures() -> None:
    questions = everyday_questions()
    codes = {p.code for p in CatalogueService.load(bundled_path()).all()}
    assert len(questions) > 2500
    assert {code for code, _, _ in questions} <= codes
    vietnamese = [text for _, language, text in questions if language == "vi"]
    english = [text for _, language, text in questions if language == "en"]
    assert all(has_diacritics(text) for text in vietnamese)
    assert len(english) > 800
