"""Typed errors of staff access (mapped to HTTP once, in the app)."""

from assistant.errors import AssistantError

__all__ = [
    "AccountExistsError",
    "ForbiddenError",
    "InvalidCredentialsError",
    "InvalidCsrfError",
    "LockedOutError",
    "StaffInputError",
    "StaffTokenError",
    "UnknownTokenError",
]


class StaffTokenError(AssistantError):
    status = 401
    code = "staff_token_required"

    def __init__(self) -> None:
        super().__init__(
            "Cần đăng nhập hoặc mã truy cập của cán bộ (tiêu đề Authorization: Bearer …).",
            "Staff login or an API token is required (Authorization: Bearer … header).",
        )


class ForbiddenError(AssistantError):
    status = 403
    code = "staff_forbidden"

    def __init__(self) -> None:
        super().__init__(
            "Chức năng này chỉ dành cho quản trị viên.",
            "Only administrators may do this.",
        )


class InvalidCsrfError(AssistantError):
    status = 403
    code = "csrf_failed"

    def __init__(self) -> None:
        super().__init__(
            "Biểu mẫu đã hết hạn hoặc không hợp lệ; vui lòng tải lại trang và thử lại.",
            "The form expired or is not valid; reload the page and try again.",
        )


class InvalidCredentialsError(AssistantError):
    status = 401
    code = "invalid_credentials"

    def __init__(self) -> None:
        super().__init__(
            "Tên đăng nhập hoặc mật khẩu không đúng.",
            "Wrong username or password.",
        )


class LockedOutError(AssistantError):
    status = 429
    code = "account_locked"

    def __init__(self, minutes: int) -> None:
        super().__init__(
            f"Tài khoản tạm khoá do nhập sai nhiều lần; thử lại sau {minutes} phút.",
            f"Too many failed attempts: the account is locked for {minutes} more minutes.",
        )


class StaffInputError(AssistantError):
    status = 422
    code = "invalid_input"


class AccountExistsError(AssistantError):
    status = 409
    code = "already_exists"

    def __init__(self, name: str) -> None:
        super().__init__(f"“{name}” đã tồn tại.", f"“{name}” already exists.")


class UnknownTokenError(AssistantError):
    status = 404
    code = "not_found"

    def __init__(self, name: str) -> None:
        super().__init__(
            f"Không có mã truy cập nào tên “{name}”.", f"There is no API token named “{name}”."
        )
