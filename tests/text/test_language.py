import pytest

from assistant.text import LanguageGuess, detect_language, guess_language


@pytest.mark.parametrize(
    "text",
    [
        "xin chào",
        "xin chao",
        "lam lai can cuoc bi mat",
        "cho hoi thu tuc dang ky ket hon",
        "tra cuu ho so H22.45-240105-0003",
        "cam on ban",
        "tam biet",
        "dk tam tru online tren vneid",
        "gplx bi mat",
        "dkkd hkd can gi",
    ],
)
def test_vietnamese_with_or_without_diacritics(text: str) -> None:
    assert detect_language(text) == "vi"


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "thank you",
        "how long does it take",
        "I want to renew my passport",
        "check my application status",
        "bye",
        "how to register online",
    ],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "ok", "5", "H22.45-240105-0003", "!!!"])
def test_no_signal_keeps_the_conversation_language(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize("text", ["asdkj qwpeo", "visa", "hello", "gop y", "dạ", "👍", "😀 😀"])
def test_gibberish_emoji_and_one_word_are_not_enough_to_switch(text: str) -> None:
    assert not guess_language(text).is_sure


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("kiem tra ho so", "vi"),
        ("gặp cán bộ", "vi"),
        ("what documents?", "en"),
        ("where is my application", "en"),
        ("passport renewal", "en"),
    ],
)
def test_real_sentences_are_sure(text: str, language: str) -> None:
    assert guess_language(text) == LanguageGuess(language, is_sure=True)  # type: ignore[arg-type]
