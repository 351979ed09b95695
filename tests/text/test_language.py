import pytest

from assistant.text import detect_language


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
