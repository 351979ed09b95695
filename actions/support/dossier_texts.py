"""Replies of the dossier-status conversation, in Vietnamese and English."""

from assistant.text import Language

__all__ = ["dossier_text"]

_TEXTS: dict[str, dict[Language, str]] = {
    "bad_format": {
        "vi": (
            "Mã vừa nhập không đúng định dạng mã hồ sơ. Mã số biên nhận in trên giấy tiếp "
            "nhận và hẹn trả kết quả, có dạng H22.45-240105-0003 hoặc "
            "000.00.15.H22-231004-0012 (viết hoa, thường hay thiếu dấu đều được)."
        ),
        "en": (
            "That is not a valid dossier code format. The receipt code is printed on "
            "your receipt and appointment slip and looks like H22.45-240105-0003 or "
            "000.00.15.H22-231004-0012 (any case, separators optional)."
        ),
    },
    "help_after_attempts": {
        "vi": (
            "Tôi vẫn chưa đọc được mã hồ sơ. Mã số biên nhận nằm ở phần đầu giấy tiếp nhận "
            "hồ sơ và hẹn trả kết quả (nộp trực tuyến thì có trong thư/tin nhắn xác nhận). "
            "Nếu không còn giấy biên nhận, anh/chị hỏi tại quầy Một cửa nơi đã nộp hồ sơ."
        ),
        "en": (
            "I still could not read a dossier code. The receipt code is at the top of your "
            "receipt and appointment slip (for online applications, in the confirmation "
            "e-mail or message). Without the receipt, please ask at the one-stop-shop "
            "counter where you applied."
        ),
    },
    "not_found": {
        "vi": (
            "Không tìm thấy hồ sơ có mã {code}. Anh/chị kiểm tra lại mã trên giấy biên nhận; "
            "hồ sơ vừa nộp có thể cần đến một ngày làm việc mới tra cứu được."
        ),
        "en": (
            "No dossier has the code {code}. Please check the code on your receipt; a "
            "dossier submitted today may take up to one working day to appear."
        ),
    },
    "unavailable": {
        "vi": (
            "Hệ thống tra cứu hồ sơ đang tạm thời không phản hồi. "
            "Anh/chị vui lòng thử lại sau ít phút."
        ),
        "en": "The dossier system is not responding right now. Please try again in a few minutes.",
    },
    "rate_limited": {
        "vi": (
            "Anh/chị đã tra cứu quá nhiều lần trong thời gian ngắn. "
            "Vui lòng thử lại sau khoảng {minutes} phút."
        ),
        "en": (
            "You have made too many lookups in a short time. "
            "Please try again in about {minutes} minute(s)."
        ),
    },
    "header": {"vi": "📁 Hồ sơ {code}", "en": "📁 Dossier {code}"},
    "demo": {"vi": " — DỮ LIỆU MẪU (demo)", "en": " — DEMO DATA"},
    "procedure": {"vi": "Thủ tục: {value}", "en": "Procedure: {value}"},
    "agency": {"vi": "Cơ quan tiếp nhận: {value}", "en": "Receiving agency: {value}"},
    "status": {"vi": "Trạng thái: {value}", "en": "Status: {value}"},
    "dates": {
        "vi": "Ngày tiếp nhận: {received} · Ngày hẹn trả: {due}",
        "en": "Received: {received} · Due: {due}",
    },
    "received": {"vi": "Ngày tiếp nhận: {received}", "en": "Received: {received}"},
    "overdue": {"vi": "⚠️ Trễ hạn {days} ngày", "en": "⚠️ Overdue by {days} day(s)"},
    "late": {
        "vi": "Kết quả có trễ hạn {days} ngày", "en": "The result came {days} day(s) late",
    },
    "on_time": {"vi": "Trong hạn", "en": "On time"},
    "supplement": {"vi": "📝 Cần bổ sung: {value}", "en": "📝 To supplement: {value}"},
    "result_ready": {"vi": "Ngày có kết quả: {value}", "en": "Result ready on: {value}"},
    "applicant": {"vi": "Người nộp: {value}", "en": "Applicant: {value}"},
    "history": {"vi": "Quá trình xử lý:", "en": "History:"},
    "offer": {
        "vi": "Anh/chị có muốn nhận thông báo khi hồ sơ thay đổi trạng thái không?",
        "en": "Would you like to be notified when the status changes?",
    },
    "more": {
        "vi": "Muốn xem tên người nộp và quá trình xử lý, chọn \"Xem thêm\" để xác minh.",
        "en": "To see the applicant's name and the history, choose \"More details\" to verify.",
    },
    "button_subscribe": {"vi": "🔔 Nhận thông báo", "en": "🔔 Notify me"},
    "button_more": {"vi": "🔐 Xem thêm", "en": "🔐 More details"},
    "button_other": {"vi": "🔎 Tra mã khác", "en": "🔎 Another code"},
    "button_human": {"vi": "🙋 Gặp nhân viên", "en": "🙋 Talk to a person"},
    "no_dossier_yet": {
        "vi": "Anh/chị hãy tra cứu một hồ sơ trước (gửi mã số biên nhận cho tôi).",
        "en": "Please look up a dossier first (send me its receipt code).",
    },
    "subscribed": {
        "vi": "Đã đăng ký. Tôi sẽ nhắn cho anh/chị {where} khi hồ sơ {code} thay đổi trạng thái.",
        "en": "Done. I will message you {where} when dossier {code} changes status.",
    },
    "already_subscribed": {
        "vi": "Anh/chị đã đăng ký nhận thông báo cho hồ sơ {code} rồi.",
        "en": "You are already getting notifications for dossier {code}.",
    },
    "where_push": {"vi": "tại đây", "en": "here"},
    "where_widget": {
        "vi": "trong khung chat này (khi trang đang mở)",
        "en": "in this chat window (while the page is open)",
    },
    "invalid_last4": {
        "vi": "Anh/chị nhập đúng 4 chữ số cuối của số điện thoại đã khai trong hồ sơ nhé.",
        "en": "Please type exactly the last 4 digits of the phone number on the dossier.",
    },
    "verification_failed": {
        "vi": (
            "Không xác minh được: 4 số cuối điện thoại không khớp với hồ sơ. Vì an toàn, "
            "tôi chỉ hiển thị thông tin chung của hồ sơ."
        ),
        "en": (
            "Could not verify: the last 4 digits do not match the dossier. For safety I "
            "only show the dossier's general information."
        ),
    },
    "verified": {"vi": "✅ Đã xác minh.", "en": "✅ Verified."},
}


def dossier_text(key: str, language: Language, **values: object) -> str:
    return _TEXTS[key][language].format(**values)
