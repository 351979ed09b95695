"""What the citizen reads about a handover, in Vietnamese and English."""

from assistant.text import Language

__all__ = ["CANCEL_PAYLOAD", "text"]

CANCEL_PAYLOAD = "/handover_cancel"

_TEXTS: dict[str, dict[str, str]] = {
    "waiting": {
        "vi": "Tôi đã chuyển cuộc trò chuyện tới cán bộ trực. Anh/chị đang ở vị trí số "
              "{position} trong hàng chờ; cán bộ sẽ trả lời ngay tại đây. Trong lúc chờ, "
              "anh/chị cứ nhắn nội dung cần hỏi.",
        "en": "I have passed the conversation to the officer on duty. You are number "
              "{position} in the queue; an officer will answer here. While you wait, you "
              "can write what you need.",
    },
    "closed_hours": {
        "vi": "Hiện ngoài giờ làm việc ({hours}) nên chưa có cán bộ trực. Anh/chị có thể "
              "để lại lời nhắn: gửi nội dung cần hỏi trong tin nhắn tiếp theo, kèm số điện "
              "thoại hoặc email nếu muốn được liên hệ lại.{hotline}",
        "en": "We are outside office hours ({hours}), so no officer is on duty. You can "
              "leave a message: send what you need in your next message, with a phone "
              "number or e-mail if you would like to be contacted.{hotline}",
    },
    "unclaimed": {
        "vi": "Xin lỗi, hiện chưa có cán bộ nào tiếp nhận được. Anh/chị có thể để lại lời "
              "nhắn: gửi nội dung cần hỏi trong tin nhắn tiếp theo, kèm số điện thoại hoặc "
              "email nếu muốn được liên hệ lại.",
        "en": "Sorry, no officer could take the conversation just now. You can leave a "
              "message: send what you need in your next message, with a phone number or "
              "e-mail if you would like to be contacted.",
    },
    "hotline": {"vi": " Đường dây nóng: {number}.", "en": " Hotline: {number}."},
    "no_message": {"vi": "Không để lại lời nhắn", "en": "No message"},
    "message_kept": {
        "vi": "Đã ghi lại lời nhắn của anh/chị. Cán bộ sẽ trả lời trong giờ làm việc{how}. "
              "Trợ lý ảo vẫn có thể giúp anh/chị tra cứu thủ tục.",
        "en": "Your message is recorded. An officer will answer during office hours{how}. "
              "Meanwhile the assistant can still help you with procedures.",
    },
    "by_contact": {"vi": " qua thông tin liên hệ anh/chị đã để lại",
                   "en": " using the contact you left"},
    "here": {"vi": " tại đây", "en": " here"},
    "cancelled": {
        "vi": "Vâng. Tôi tiếp tục hỗ trợ anh/chị: anh/chị cần làm thủ tục gì?",
        "en": "All right. I am here to help again: which procedure do you need?",
    },
    "claimed": {"vi": "Cán bộ {staff} đã tiếp nhận cuộc trò chuyện.",
                "en": "Officer {staff} has joined the conversation."},
    "transferred": {"vi": "Cuộc trò chuyện đã được chuyển cho cán bộ {staff}.",
                    "en": "The conversation has been passed to officer {staff}."},
    "closed": {
        "vi": "Cán bộ đã kết thúc cuộc trò chuyện. Trợ lý ảo tiếp tục hỗ trợ anh/chị.",
        "en": "The officer has ended the conversation. The assistant is here to help again.",
    },
    "handed_back": {
        "vi": "Cán bộ đã chuyển anh/chị lại cho trợ lý ảo. Anh/chị cứ hỏi tiếp nhé.",
        "en": "The officer has passed you back to the assistant. Ask away.",
    },
    "staff_label": {"vi": "Cán bộ {staff}: ", "en": "Officer {staff}: "},
}


def text(key: str, language: str, **values: str | int) -> str:
    lang: Language = "en" if language == "en" else "vi"
    return _TEXTS[key][lang].format(**values)
