"""Language detection and normalisation, property-based."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from assistant.text import detect_language, normalise_text

_VIETNAMESE_WORDS = st.sampled_from(
    ["tôi", "muốn", "làm", "hộ chiếu", "căn cước", "đăng ký", "khai sinh", "giấy phép",
     "lái xe", "thủ tục", "bao nhiêu", "ở đâu", "cần", "giấy tờ", "gì"]
)


@given(st.text(max_size=300))
def test_any_text_gives_a_language_or_no_signal(text: str) -> None:
    assert detect_language(text) in (None, "vi", "en")
    assert detect_language(normalise_text(text)) in (None, "vi", "en")


@given(st.text(max_size=300))
def test_normalisation_is_idempotent_and_clean(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip() and "  " not in once
    assert not any(unicodedata.category(c) == "Cc" for c in once)
    assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in once)


@given(st.lists(_VIETNAMESE_WORDS, min_size=2, max_size=8).map(" ".join))
def test_decomposed_accents_read_like_composed_ones(sentence: str) -> None:
    decomposed = unicodedata.normalize("NFD", sentence)
    assert normalise_text(decomposed) == normalise_text(sentence)
    assert detect_language(normalise_text(decomposed)) == "vi"
