"""The conversation entry point shared by every channel."""

import logging
from typing import Any

from assistant.dialogue.client import RasaClient
from assistant.dialogue.errors import RasaUnavailableError
from assistant.dialogue.models import BotMessage, ChatOut, IncomingMessage, Language
from assistant.text import detect_language, normalise_text

__all__ = ["DialogueService"]

log = logging.getLogger(__name__)

_EMPTY: dict[Language, str] = {
    "vi": "Anh/chị chưa nhập nội dung. Hãy cho tôi biết thủ tục anh/chị cần làm nhé.",
    "en": "Your message was empty. Tell me which procedure you need help with.",
}
_TOO_LONG: dict[Language, str] = {
    "vi": (
        "Tin nhắn dài quá {limit} ký tự nên tôi chỉ đọc phần đầu. "
        "Anh/chị có thể tóm tắt ngắn gọn điều cần hỏi không?"
    ),
    "en": (
        "Your message is longer than {limit} characters, so I only read the beginning. "
        "Could you ask in a shorter message?"
    ),
}
_DEGRADED: dict[Language, str] = {
    "vi": (
        "Xin lỗi, trợ lý đang hoạt động hạn chế tạm thời nên chưa trả lời hội thoại được. "
        "Anh/chị vui lòng thử lại sau ít phút."
    ),
    "en": (
        "Sorry, the assistant is temporarily limited and cannot hold a conversation "
        "right now. Please try again in a few minutes."
    ),
}


class DialogueService:
    """Normalises a message, forwards it to Rasa with its metadata, returns the replies.

    When Rasa is unreachable the user still gets a clear answer, never an error.
    """

    def __init__(self, rasa: RasaClient, *, max_chars: int) -> None:
        self._rasa = rasa
        self._max_chars = max_chars

    async def handle(self, message: IncomingMessage) -> ChatOut:
        text = normalise_text(message.text)
        detected = detect_language(text)
        language: Language = message.language or detected or "vi"
        if not text:
            return _reply(_EMPTY[language], language)
        notices: list[BotMessage] = []
        if len(text) > self._max_chars:
            text = text[: self._max_chars]
            notices.append(BotMessage(text=_TOO_LONG[language].format(limit=self._max_chars)))
        metadata: dict[str, Any] = {
            "channel": message.channel,
            # Only a language the user chose or that the text shows overrides the slot.
            "language": message.language or detected,
            "context": message.context,
        }
        try:
            replies = await self._rasa.send(message.sender_id, text, metadata=metadata)
        except RasaUnavailableError as exc:
            log.warning("rasa unavailable (%s): answering in degraded mode", exc.detail)
            return ChatOut(
                messages=[*notices, BotMessage(text=_DEGRADED[language])],
                language=language,
                is_degraded=True,
            )
        if message.language is None and detected is None:
            # "ok", "5", a dossier code: the conversation kept its language; report that one.
            kept = await self._rasa.slot(message.sender_id, "language")
            language = "en" if kept == "en" else "vi"
        return ChatOut(messages=[*notices, *replies], language=language)


def _reply(text: str, language: Language) -> ChatOut:
    return ChatOut(messages=[BotMessage(text=text)], language=language)
