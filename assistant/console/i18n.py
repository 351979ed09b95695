"""The console's words in Vietnamese and English, by key."""

from typing import Any, Literal

__all__ = ["TEXTS", "Language", "translate"]

Language = Literal["vi", "en"]

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("Bảng điều khiển cán bộ", "Staff console"),
    "nav.home": ("Tổng quan", "Overview"),
    "nav.tester": ("Thử câu hỏi", "Intent tester"),
    "nav.conversations": ("Hội thoại", "Conversations"),
    "nav.unanswered": ("Câu chưa trả lời được", "Unanswered questions"),
    "nav.regression": ("Kiểm tra hồi quy", "Regression run"),
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
    "tester.messages": (
        "Câu hỏi (mỗi dòng một câu, tối đa {max} dòng)",
        "Messages (one per line, at most {max})",
    ),
    "tester.placeholder": (
        "làm hộ chiếu cần giấy tờ gì\ncap lai giay khai sinh\nhow do I register a marriage",
        "làm hộ chiếu cần giấy tờ gì\ncap lai giay khai sinh\nhow do I register a marriage",
    ),
    "tester.run": ("Thử", "Test"),
    "tester.threshold": (
        "Tô vàng: độ tin cậy dưới {value}", "Highlighted: confidence below {value}"
    ),
    "tester.summary": (
        "{total} câu, {low} câu độ tin cậy thấp.", "{total} messages, {low} with low confidence."
    ),
    "tester.message": ("Câu hỏi · ngôn ngữ", "Message · language"),
    "tester.intent": ("Ý định (độ tin cậy)", "Intent (confidence)"),
    "tester.entities": ("Thực thể", "Entities"),
    "tester.reply": ("Trợ lý sẽ trả lời", "The assistant would reply"),
    "tester.procedures": ("Thủ tục tìm được (điểm)", "Procedures found (score)"),
    "tester.low": ("độ tin cậy thấp", "low confidence"),
    "conv.masked": (
        "Số điện thoại, số giấy tờ, email và họ tên đã được che trước khi lưu.",
        "Phone numbers, ID numbers, e-mails and names are masked before they are stored.",
    ),
    "conv.q": ("Có chứa", "Containing"),
    "conv.channel": ("Kênh", "Channel"),
    "conv.language": ("Ngôn ngữ", "Language"),
    "conv.intent": ("Ý định", "Intent"),
    "conv.since": ("Từ ngày", "From"),
    "conv.until": ("Đến ngày", "To"),
    "conv.fallback": ("Kết thúc", "Ending"),
    "conv.fallback_yes": ("trợ lý không hiểu", "the assistant did not understand"),
    "conv.fallback_tag": ("không hiểu", "not understood"),
    "conv.rated": ("Đánh giá", "Rated"),
    "conv.unhelpful": ("không hữu ích", "unhelpful"),
    "conv.helpful": ("hữu ích", "helpful"),
    "conv.all": ("tất cả", "all"),
    "conv.filter": ("Lọc", "Filter"),
    "conv.csv": ("Tải CSV", "Export CSV"),
    "conv.total": ("{total} hội thoại", "{total} conversations"),
    "conv.last_at": ("Tin nhắn cuối", "Last message"),
    "conv.turns": ("Lượt hỏi", "Questions"),
    "conv.first": ("Câu hỏi đầu tiên", "First question"),
    "conv.last_intent": ("Ý định cuối", "Last intent"),
    "conv.previous": ("Trang trước", "Previous"),
    "conv.next": ("Trang sau", "Next"),
    "conv.page": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "conv.one": ("Hội thoại số {id}", "Conversation {id}"),
    "conv.who_user": ("Người dân", "Citizen"),
    "conv.who_bot": ("Trợ lý", "Assistant"),
    "channel.api": ("Web", "Web"),
    "channel.telegram": ("Telegram", "Telegram"),
    "channel.zalo": ("Zalo", "Zalo"),
    "unanswered.intro": (
        "Câu hỏi trợ lý không hiểu hoặc bị đánh giá không hữu ích trong {days} ngày qua, "
        "gộp theo cách diễn đạt. Thêm câu làm ví dụ huấn luyện rồi huấn luyện lại.",
        "Questions the assistant did not understand or that were rated unhelpful in the "
        "last {days} days, grouped by wording. Add one as a training example, then retrain.",
    ),
    "unanswered.count": ("Số lần", "Times"),
    "unanswered.questions": ("Câu hỏi", "Questions"),
    "unanswered.teach": ("Dạy trợ lý", "Teach the assistant"),
    "unanswered.example": ("Câu ví dụ", "Example"),
    "unanswered.add": ("Thêm ví dụ", "Add example"),
    "unanswered.fallback": ("không hiểu", "not understood"),
    "unanswered.unhelpful": ("không hữu ích", "unhelpful"),
    "unanswered.none": ("Chưa có câu nào.", "Nothing yet."),
    "unanswered.added": (
        "Đã thêm ví dụ cho ý định {intent}; mô hình cần huấn luyện lại.",
        "Example added to {intent}; the model needs retraining.",
    ),
    "unanswered.known": ("Ví dụ này đã có cho {intent}.", "{intent} already has this example."),
    "unanswered.stale": (
        "Dữ liệu huấn luyện đã thay đổi: mô hình đang chạy chưa học các ví dụ mới.",
        "The training data changed: the running model has not learnt the new examples.",
    ),
    "training.title": ("Huấn luyện lại", "Retraining"),
    "training.start": ("Huấn luyện lại", "Retrain"),
    "training.idle": ("Chưa chạy.", "Not started."),
    "training.running": ("Đang huấn luyện…", "Training…"),
    "training.done": ("Xong: mô hình mới đang chạy.", "Done: the new model is running."),
    "training.failed": ("Huấn luyện thất bại.", "Training failed."),
    "training.elapsed": ("{seconds} giây", "{seconds} s"),
    "regression.intro": (
        "Chạy bộ câu hỏi có nhãn (ý định và tìm kiếm thủ tục) với mô hình đang chạy; "
        "so sánh với lần chạy trước.",
        "Runs the labelled sets (intents and procedure search) against the running model "
        "and compares with the previous run.",
    ),
    "regression.start": ("Chạy kiểm tra", "Start a run"),
    "regression.running": ("Đang chạy…", "Running…"),
    "regression.failed": ("Lần chạy thất bại:", "The run failed:"),
    "regression.run": ("Lần chạy số {id}", "Run {id}"),
    "regression.compared": ("so với lần {id}", "compared with run {id}"),
    "regression.form": ("Dạng câu", "Language form"),
    "regression.nlu": ("Ý định đúng", "Intent accuracy"),
    "regression.r5": ("Tìm thấy trong 5 kết quả đầu", "Found in top 5 (R@5)"),
    "regression.diff": (
        "{new} lỗi mới, {fixed} lỗi đã hết so với lần trước.",
        "{new} new failures, {fixed} fixed since the previous run.",
    ),
    "regression.failures": ("Câu sai ({n})", "Failures ({n})"),
    "regression.expected": ("Mong đợi", "Expected"),
    "regression.got": ("Kết quả", "Got"),
    "regression.new": ("mới", "new"),
    "form.vi": ("Tiếng Việt có dấu", "Vietnamese with diacritics"),
    "form.vi_plain": ("Tiếng Việt không dấu", "Vietnamese without diacritics"),
    "form.en": ("Tiếng Anh", "English"),
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
