import unicodedata

from assistant.text import normalise_text


def test_composes_and_folds_whitespace() -> None:
    raw = unicodedata.normalize("NFD", "  làm   lại\tcăn cước \n")
    assert normalise_text(raw) == "làm lại căn cước"


def test_drops_control_and_zero_width_characters() -> None:
    assert normalise_text("xin\u200bchào\x00 bạn\ufeff") == "xin chào bạn"


def test_truncates_when_asked() -> None:
    assert normalise_text("a" * 50, max_chars=10) == "a" * 10


def test_drops_bidi_embeddings_and_isolates() -> None:
    # "Trojan source": the bytes read "exe.fdp", the screen shows "pdf.exe".
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert normalise_text(f"hồ sơ{controls} H22\u202e.fdp") == "hồ sơ H22 .fdp"
