"""Errors of the feedback capability."""

from assistant.errors import AssistantError, NotReadyError, ValidationFailedError

__all__ = [
    "FeedbackRateLimitedError",
    "FontMissingError",
    "InvalidPeriodError",
    "InvalidQrTargetError",
]


class InvalidPeriodError(ValidationFailedError):
    code = "invalid_period"

    def __init__(self) -> None:
        super().__init__(
            "Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước hoặc bằng ngày kết thúc.",
            "Invalid period: the start date must be on or before the end date.",
        )


class InvalidQrTargetError(ValidationFailedError):
    code = "invalid_qr_target"

    def __init__(self, detail_vi: str, detail_en: str) -> None:
        super().__init__(
            f"Không tạo được mã QR: {detail_vi}", f"Cannot make the QR code: {detail_en}"
        )


class FontMissingError(NotReadyError):
    """No TrueType font with Vietnamese glyphs: the PDF sheet cannot be drawn."""

    code = "font_missing"

    def __init__(self, looked_at: str) -> None:
        super().__init__(
            f"Thiếu phông chữ tiếng Việt để in phiếu QR ({looked_at}); "
            "cài gói fonts-dejavu-core hoặc đặt ASSISTANT_FEEDBACK__FONT_PATH.",
            f"No Vietnamese-capable font for the QR sheet ({looked_at}); install "
            "fonts-dejavu-core or set ASSISTANT_FEEDBACK__FONT_PATH.",
        )



class FeedbackRateLimitedError(AssistantError):
    """Too much feedback from one conversation or address; what was given before is kept."""

    status = 429
    code = "too_much_feedback"

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(
            "Anh/chị đã gửi nhiều góp ý trong thời gian ngắn nên hệ thống tạm chưa nhận "
            "thêm. Các góp ý đã gửi trước đó vẫn được ghi nhận đầy đủ. "
            f"Vui lòng thử lại sau khoảng {minutes} phút.",
            "You have sent a lot of feedback in a short time, so no more can be taken "
            "for now. Everything you sent before has been kept. "
            f"Please try again in about {minutes} minute{'s' if minutes > 1 else ''}.",
        )
        self.retry_after_seconds = retry_after_seconds
