"""Typed errors. Services raise these; ``assistant.app`` renders them once as
``{"code", "message"}`` in the caller's language."""

from typing import ClassVar

__all__ = ["AssistantError", "NotFoundError", "NotReadyError", "ValidationFailedError"]


class AssistantError(Exception):
    """Base of every error a caller may see. ``code`` is stable and machine-readable."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_vi


class NotFoundError(AssistantError):
    status = 404
    code = "not_found"


class ValidationFailedError(AssistantError):
    status = 422
    code = "invalid_input"


class NotReadyError(AssistantError):
    status = 503
    code = "not_ready"
