"""Reply texts rendered by actions, in Vietnamese and English.

Static replies live in ``nlu_data/domain/``; these are filled with data.
"""

from assistant.text import Language

__all__ = ["format_count", "language_of", "text"]

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
    "choose": {
        "vi": "Tôi tìm thấy các thủ tục sau. Anh/chị chọn thủ tục phù hợp nhé:",
        "en": "I found these procedures. Please choose the one that fits:",
    },
    "closest": {
        "vi": "Đây là các thủ tục gần nhất với câu hỏi của anh/chị:",
        "en": "These are the procedures closest to your question:",
    },
    "where_to_ask": {
        "vi": (
            "Để được tư vấn pháp luật cho trường hợp cụ thể, anh/chị có thể hỏi trực tiếp "
            "tại quầy Một cửa ({hours}){hotline} hoặc Trung tâm Trợ giúp pháp lý nhà nước "
            "của tỉnh."
        ),
        "en": (
            "For legal advice on your own case, ask at the one-stop-shop counter "
            "({hours}){hotline} or the province's state legal aid centre."
        ),
    },
    "which_procedure": {
        "vi": "Anh/chị đang hỏi về thủ tục nào ạ? Có phải một trong các thủ tục sau:",
        "en": "Which procedure are you asking about? Is it one of these?",
    },
    "pick_again": {
        "vi": "Anh/chị hỏi về thủ tục nào trong danh sách? Chọn một thủ tục giúp tôi nhé:",
        "en": "Which procedure of the list do you mean? Please pick one:",
    },
    "nothing_found": {
        "vi": (
            "Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp với \"{query}\". Anh/chị thử mô tả "
            "theo cách khác, ví dụ nêu rõ giấy tờ cần làm (\"cấp lại hộ chiếu\", "
            "\"đăng ký khai sinh\")."
        ),
        "en": (
            "Sorry, I could not find a procedure matching \"{query}\". Try describing it "
            "another way, e.g. the paper you need (\"renew a passport\", \"register a birth\")."
        ),
    },
    "human_route": {
        "vi": "Anh/chị cũng có thể hỏi trực tiếp tại quầy Một cửa ({hours}){hotline}.",
        "en": "You can also ask at the one-stop-shop counter ({hours}){hotline}.",
    },
    "hotline": {"vi": " hoặc gọi đường dây nóng {number}", "en": " or call the hotline {number}"},
    "language_switched": {
        "vi": "Vâng, từ giờ tôi sẽ trả lời bằng tiếng Việt. Anh/chị cần giúp gì ạ?",
        "en": "Sure, I will answer in English from now on. How can I help you?",
    },
    "unknown_procedure": {
        "vi": "Tôi không tìm thấy thủ tục mã {code}. Anh/chị mô tả việc cần làm giúp tôi nhé.",
        "en": "I could not find a procedure with code {code}. Please describe what you need.",
    },
    "more_in_next": {"vi": "(còn tiếp)", "en": "(continued)"},
    "look_up_dossier": {"vi": "🔎 Tra cứu hồ sơ", "en": "🔎 Look up a dossier"},
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
