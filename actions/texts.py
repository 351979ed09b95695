"""Reply texts rendered by actions, in Vietnamese and English.

Static replies live in ``nlu_data/domain.yml``; these need data from services.
"""

from typing import Literal

__all__ = ["Language", "format_count", "language_of", "text"]

Language = Literal["vi", "en"]

_TEXTS: dict[str, dict[Language, str]] = {
    "greet": {
        "vi": (
            "Xin chào! Tôi là trợ lý ảo của {organisation}. Tôi có thể giúp anh/chị "
            "tìm đúng thủ tục hành chính trong {count} thủ tục, cho biết hồ sơ cần "
            "chuẩn bị, lệ phí, thời gian giải quyết và nơi nộp. Anh/chị cần làm thủ tục gì ạ?"
        ),
        "en": (
            "Hello! I am the virtual assistant of the {organisation}. I can help you "
            "find the right administrative procedure among {count} procedures and tell "
            "you the documents, fees, processing time and where to apply. "
            "What do you need to do?"
        ),
    },
}


def text(key: str, language: Language, **values: object) -> str:
    """The reply ``key`` in ``language`` with ``values`` filled in."""
    return _TEXTS[key][language].format(**values)


def format_count(count: int, language: Language) -> str:
    """Thousands separator as each language writes it: 2.849 in Vietnamese, 2,849 in English."""
    formatted = f"{count:,}"
    return formatted.replace(",", ".") if language == "vi" else formatted


def language_of(value: object) -> Language:
    return "en" if value == "en" else "vi"
