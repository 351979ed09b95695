"""Typed errors of dossier lookups, rendered once by ``assistant.app``."""

from assistant.errors import AssistantError, NotFoundError, ValidationFailedError

__all__ = [
    "DossierError",
    "DossierImportError",
    "DossierNotFoundError",
    "DossierSourceUnavailableError",
    "InvalidDossierCodeError",
    "LookupRateLimitedError",
    "SubscriptionRefusedError",
    "VerificationFailedError",
]


class DossierError(AssistantError):
    code = "dossier_error"


class InvalidDossierCodeError(ValidationFailedError):
    """What was typed cannot be a receipt code (as opposed to: no dossier has it)."""

    code = "invalid_dossier_code"

    def __init__(self, raw: str) -> None:
        super().__init__(
            "Mã hồ sơ không đúng định dạng. Mã số biên nhận có dạng "
            "000.00.15.H22-231004-0012 hoặc H22.45-240105-0003.",
            "That is not a valid receipt code format. Receipt codes look like "
            "000.00.15.H22-231004-0012 or H22.45-240105-0003.",
        )
        self.raw = raw


class DossierNotFoundError(NotFoundError):
    code = "dossier_not_found"

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Không tìm thấy hồ sơ có mã {code}. Anh/chị kiểm tra lại mã trên giấy "
            "tiếp nhận; hồ sơ vừa nộp có thể cần đến một ngày làm việc mới tra cứu được.",
            f"No dossier has the code {code}. Please check the code on your receipt; a "
            "dossier submitted today may take up to one working day to appear.",
        )
        self.dossier_code = code


class DossierSourceUnavailableError(DossierError):
    """The dossier system is slow or down; the user should try again later."""

    status = 503
    code = "dossier_source_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(
            "Hệ thống tra cứu hồ sơ đang tạm thời không phản hồi. "
            "Anh/chị vui lòng thử lại sau ít phút.",
            "The dossier system is not responding right now. Please try again in a few minutes.",
        )
        self.detail = detail


class LookupRateLimitedError(DossierError):
    status = 429
    code = "too_many_lookups"

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(
            f"Anh/chị đã tra cứu quá nhiều lần trong thời gian ngắn. "
            f"Vui lòng thử lại sau khoảng {minutes} phút.",
            f"You have made too many lookups in a short time. "
            f"Please try again in about {minutes} minute{'s' if minutes > 1 else ''}.",
        )
        self.retry_after_seconds = retry_after_seconds


class VerificationFailedError(DossierError):
    """The second factor did not match (or cannot be checked); nothing personal is shown."""

    status = 403
    code = "verification_failed"

    def __init__(self) -> None:
        super().__init__(
            "Không xác minh được: 4 số cuối điện thoại không khớp với thông tin trên hồ sơ.",
            "Could not verify: the last 4 digits of the phone do not match the dossier.",
        )


class SubscriptionRefusedError(DossierError):
    status = 409
    code = "subscription_refused"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)


class DossierImportError(DossierError):
    """The file itself cannot be read (rows with problems are reported, not raised)."""

    status = 422
    code = "dossier_import_failed"

    def __init__(self, detail: str) -> None:
        super().__init__(f"Không đọc được tệp: {detail}", f"Cannot read the file: {detail}")
