"""The console's words in Vietnamese and English, by key."""

from typing import Any, Literal

__all__ = ["TEXTS", "Language", "translate"]

Language = Literal["vi", "en"]

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("Bảng điều khiển cán bộ", "Staff console"),
    "nav.home": ("Tổng quan", "Overview"),
    "nav.tester": ("Thử câu hỏi", "Intent tester"),
    "nav.conversations": ("Hội thoại", "Conversations"),
    "nav.feedback": ("Đánh giá", "Feedback"),
    "nav.accounts": ("Tài khoản", "Accounts"),
    "nav.tokens": ("Mã truy cập API", "API tokens"),
    "nav.logout": ("Đăng xuất", "Log out"),
    "nav.language": ("English", "Tiếng Việt"),
    "role.admin": ("Quản trị", "Administrator"),
    "role.staff": ("Cán bộ", "Staff"),
    "login.title": ("Đăng nhập", "Log in"),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.logged_out": ("Anh/chị đã đăng xuất.", "You are logged out."),
    "login.csrf": (
        "Phiên biểu mẫu đã hết hạn, vui lòng đăng nhập lại.",
        "The form expired; please log in again.",
    ),
    "home.welcome": ("Xin chào, {name}", "Welcome, {name}"),
    "home.intro": (
        "Thử xem trợ lý hiểu câu hỏi thế nào, đọc lại các hội thoại và quản lý dữ liệu.",
        "Test what the assistant understands, read conversations and keep data current.",
    ),
    "home.procedures": ("Thủ tục trong danh mục", "Procedures in the catalogue"),
    "home.rasa": ("Máy chủ hội thoại (Rasa)", "Dialogue server (Rasa)"),
    "home.search": ("Tìm kiếm thủ tục", "Procedure search"),
    "status.ready": ("sẵn sàng", "ready"),
    "status.down": ("không hoạt động", "not available"),
    "status.loading": ("đang khởi động", "starting"),
    "forbidden.title": ("Không có quyền", "Not allowed"),
    "forbidden.text": (
        "Trang này chỉ dành cho quản trị viên.", "Only administrators may open this page."
    ),
    "accounts.title": ("Tài khoản cán bộ", "Staff accounts"),
    "accounts.role": ("Vai trò", "Role"),
    "accounts.created": ("Tạo lúc", "Created"),
    "accounts.last_login": ("Đăng nhập gần nhất", "Last log-in"),
    "accounts.locked": ("Đang khoá", "Locked"),
    "accounts.unlock": ("Mở khoá", "Unlock"),
    "accounts.add": ("Thêm tài khoản", "Add an account"),
    "accounts.added": ("Đã thêm tài khoản {name}.", "Account {name} added."),
    "tokens.title": ("Mã truy cập API", "API tokens"),
    "tokens.intro": (
        "Cho hệ thống một cửa và công cụ giám sát, gửi trong tiêu đề "
        "Authorization: Bearer …",
        "For the one-stop-shop system and monitoring, sent as Authorization: Bearer …",
    ),
    "tokens.name": ("Tên", "Name"),
    "tokens.prefix": ("Bắt đầu bằng", "Starts with"),
    "tokens.last_used": ("Dùng gần nhất", "Last used"),
    "tokens.status": ("Trạng thái", "Status"),
    "tokens.active": ("đang dùng", "active"),
    "tokens.revoked": ("đã thu hồi", "revoked"),
    "tokens.revoke": ("Thu hồi", "Revoke"),
    "tokens.create": ("Tạo mã mới", "Create a token"),
    "tokens.created": (
        "Mã mới (chỉ hiện một lần, hãy lưu lại ngay):",
        "The new token (shown only once; store it now):",
    ),
    "tokens.none": ("Chưa có mã nào.", "No tokens yet."),
    "common.save": ("Lưu", "Save"),
    "common.none": ("—", "—"),
    "common.error": ("Lỗi", "Error"),
}


def translate(key: str, language: Language, **values: Any) -> str:
    """The text of ``key`` in ``language``; the key itself when it is missing, so a
    forgotten text shows up on the page instead of failing it."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if language == "en" else pair[0]
    return text.format(**values) if values else text
