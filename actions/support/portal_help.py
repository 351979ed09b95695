"""Short help with the online portal: which part of it a question is about (login,
payment, digital signature, upload, tracking) and the answer for it, in both languages.

The topic is read from the words of the question; a question that names none gets the
general answer. Links and phone numbers come from settings.
"""

import re
from typing import Literal

from assistant.text import Language, fold_diacritics

__all__ = ["PortalTopic", "portal_answer", "portal_topic"]

PortalTopic = Literal["login", "payment", "signature", "upload", "tracking", "general"]

# Unaccented word stems, checked in this order: a signature before a login ("sign the
# application" / "sign in"), a payment before a login ("my bank account").
_TOPIC_WORDS: list[tuple[PortalTopic, str]] = [
    ("signature", r"ky so|chu ky|chung thu|token|sim pki|digital(ly)? sign|signature"
                  r"|certificate expired|sign (my|the|an) "),
    ("payment", r"thanh toan|tru tien|chuyen khoan|nop tien|bien lai|hoan tien"
                r"|\bpay|payment|paid|money|bank|refund|receipt"),
    ("login", r"dang nhap|tai khoan|mat khau|\bmk\b|\btk\b|vneid|otp|ma xac thuc"
              r"|log ?in|sign ?in|account|password|one.time code"),
    ("upload", r"tai len|dinh kem|file|tep|scan|dung luong|upload|attach"),
    ("tracking", r"tra cuu|theo doi|da nop|ket qua dien tu|luu nhap|\btrack|submitted"
                 r"|status|draft|download|result"),
]
_PATTERNS = [(topic, re.compile(words)) for topic, words in _TOPIC_WORDS]

_ANSWERS: dict[PortalTopic, dict[Language, str]] = {
    "login": {
        "vi": (
            "Cổng Dịch vụ công đăng nhập bằng tài khoản định danh điện tử VNeID (mức 2): "
            "chọn “Đăng nhập”, rồi quét mã QR bằng ứng dụng VNeID hoặc nhập số định danh "
            "cá nhân và mật khẩu VNeID. Quên mật khẩu thì đặt lại ngay trong ứng dụng "
            "VNeID; chưa có tài khoản mức 2 thì đăng ký tại công an cấp xã nơi cư trú."
        ),
        "en": (
            "The public service portal signs you in with your VNeID electronic "
            "identification account (level 2): choose “Đăng nhập” (Log in), then scan the "
            "QR code with the VNeID app or enter your personal ID number and VNeID "
            "password. A forgotten password is reset in the VNeID app; a level 2 account "
            "is registered at the commune police where you live."
        ),
    },
    "payment": {
        "vi": (
            "Nếu tài khoản đã bị trừ tiền mà hồ sơ vẫn báo chưa thanh toán, anh/chị đừng "
            "thanh toán lại: giữ mã giao dịch hoặc biên lai của ngân hàng và báo cho tổng "
            "đài hỗ trợ của Cổng hoặc cơ quan tiếp nhận hồ sơ để đối soát; giao dịch không "
            "thành công sẽ được hoàn tiền."
        ),
        "en": (
            "If the money has left your account but the application still shows as "
            "unpaid, do not pay again: keep the bank's transaction code or receipt and "
            "report it to the portal's support line or the receiving office so they can "
            "reconcile it; a failed transaction is refunded."
        ),
    },
    "signature": {
        "vi": (
            "Để ký số hồ sơ trực tuyến, anh/chị cần chứng thư số còn hạn (USB token, SIM "
            "ký số hoặc ký số từ xa) và công cụ ký số mà Cổng hướng dẫn cài đặt. Nếu chữ "
            "ký không được nhận, hãy kiểm tra hạn chứng thư, cài lại công cụ ký số, rồi "
            "liên hệ nhà cung cấp chữ ký số."
        ),
        "en": (
            "To sign an application online you need a valid digital certificate (USB "
            "token, signing SIM or remote signing) and the signing tool the portal asks "
            "you to install. If the signature is not accepted, check that the certificate "
            "has not expired, reinstall the signing tool and contact your signature "
            "provider."
        ),
    },
    "upload": {
        "vi": (
            "Khi tải giấy tờ lên bị lỗi: dùng tệp PDF hoặc ảnh JPG/PNG, giảm dung lượng "
            "tệp (quét ở độ phân giải thấp hơn), đặt tên tệp không dấu, rồi thử lại hoặc "
            "đổi trình duyệt."
        ),
        "en": (
            "If uploading a document fails: use PDF or JPG/PNG files, make them smaller "
            "(scan at a lower resolution), give them names without accents, then try again "
            "or use another browser."
        ),
    },
    "tracking": {
        "vi": (
            "Hồ sơ đã nộp trực tuyến được xem trong tài khoản của anh/chị trên Cổng (mục "
            "quản lý hồ sơ), kể cả kết quả điện tử khi có. Nếu có mã biên nhận, tôi cũng "
            "có thể tra giúp ngay tại đây."
        ),
        "en": (
            "Applications submitted online are listed in your account on the portal (the "
            "dossier management section), with the electronic result once it is ready. If "
            "you have the receipt code, I can also look it up for you here."
        ),
    },
    "general": {
        "vi": "Hướng dẫn sử dụng Cổng Dịch vụ công có tại trang hỗ trợ của Cổng.",
        "en": "The public service portal's user guides are on its help page.",
    },
}
_CONTACTS: dict[str, dict[Language, str]] = {
    "portal": {"vi": "🔗 Cổng Dịch vụ công: {url}", "en": "🔗 Public service portal: {url}"},
    "help": {"vi": " – trang hỗ trợ: {url}", "en": " – help page: {url}"},
    "hotline": {
        "vi": "☎️ Tổng đài hỗ trợ của Cổng: {number}", "en": "☎️ Portal support line: {number}",
    },
}


def portal_topic(question: str) -> PortalTopic:
    """The part of the portal ``question`` is about ("general" when it names none)."""
    folded = fold_diacritics(question)
    return next((topic for topic, pattern in _PATTERNS if pattern.search(folded)), "general")


def portal_answer(
    topic: PortalTopic, language: Language, *, portal_url: str, help_url: str, hotline: str
) -> str:
    """The answer for ``topic`` followed by the portal's links and support line."""
    links = _CONTACTS["portal"][language].format(url=portal_url)
    if help_url and help_url.rstrip("/") != portal_url.rstrip("/"):
        links += _CONTACTS["help"][language].format(url=help_url)
    lines = [_ANSWERS[topic][language], links]
    if hotline:
        lines.append(_CONTACTS["hotline"][language].format(number=hotline))
    return "\n".join(lines)
