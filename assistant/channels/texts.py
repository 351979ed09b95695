"""What a channel says by itself (not the dialogue): notices about the platform's
features, in Vietnamese and English."""

from assistant.dialogue.models import Language

__all__ = ["channel_text"]

_TEXTS: dict[str, dict[Language, str]] = {
    "unsupported": {
        "vi": (
            "Xin lỗi, hiện tôi chỉ đọc được tin nhắn chữ, chưa xem được hình ảnh, nhãn dán "
            "hay tệp. Anh/chị vui lòng gõ câu hỏi, ví dụ \"làm lại căn cước bị mất\"."
        ),
        "en": (
            "Sorry, I can only read text messages for now, not pictures, stickers or files. "
            "Please type your question, e.g. \"replace a lost ID card\"."
        ),
    },
    "choose_language": {
        "vi": "Chọn ngôn ngữ trả lời / Choose the language of the answers:",
        "en": "Chọn ngôn ngữ trả lời / Choose the language of the answers:",
    },
    "reply_with_number": {
        "vi": "Trả lời 1, 2, 3… để chọn.",
        "en": "Reply 1, 2, 3… to choose.",
    },
    "button_expired": {
        "vi": "Nút này đã hết hạn. Anh/chị vui lòng gõ lại câu hỏi nhé.",
        "en": "This button has expired. Please type your question again.",
    },
    "choose_below": {"vi": "Anh/chị chọn bên dưới:", "en": "Please choose below:"},
    "stopped": {
        "vi": (
            "Đã tắt thông báo: tôi sẽ không nhắn về thay đổi trạng thái hồ sơ nữa. "
            "Muốn nhận lại, anh/chị tra cứu hồ sơ và chọn \"🔔 Nhận thông báo\"."
        ),
        "en": (
            "Notifications are off: I will no longer message you about dossier status "
            "changes. To get them again, look up your dossier and choose \"🔔 Notify me\"."
        ),
    },
    "nothing_to_stop": {
        "vi": "Anh/chị chưa đăng ký nhận thông báo nào, nên không có gì cần tắt.",
        "en": "You are not subscribed to any notifications, so there is nothing to stop.",
    },
}


def channel_text(key: str, language: Language) -> str:
    return _TEXTS[key][language]
