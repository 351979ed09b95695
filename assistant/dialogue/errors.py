"""Errors of the dialogue capability."""

from assistant.errors import AssistantError

__all__ = ["RasaUnavailableError"]


class RasaUnavailableError(AssistantError):
    """Rasa did not answer in time or answered with an error."""

    status = 503
    code = "dialogue_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(
            "Trợ lý hội thoại tạm thời gián đoạn, vui lòng thử lại sau ít phút.",
            "The conversation service is temporarily unavailable; please try again shortly.",
        )
        self.detail = detail
