import unicodedata

from assistant.text import normalise_text


def test_composes_and_folds_whitespace() -> None:
    raw = unicodedata.normalize("NFD", "  làm   lại\tcăn cước \n")
    assert normalise_text(raw) == "làm lại căn cước"


def test_drops_control_and_zero_width_characters() -> None:
    assert normalise_text("xin\u200bchào\x00 bạn\ufeff") == "xin chào bạn"


def test_truncates_when_asked() -> None:
    assert normalise_text("a" * 50, max_chars=10) == "a" * 10
