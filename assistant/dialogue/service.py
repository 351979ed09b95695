"""The conversation entry point shared by every channel."""

import logging
from collections.abc import Callable
from typing import Any, Protocol

from assistant.dialogue.client import RasaClient
from assistant.dialogue.errors import RasaUnavailableError
from assistant.dialogue.models import BotMessage, ChatOut, IncomingMessage, Language
from assistant.text import guess_language, normalise_text

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


_SEARCH_ONLY: dict[Language, str] = {
    "vi": "Trong lúc chờ, đây là các thủ tục gần nhất với câu hỏi của anh/chị:",
    "en": "Meanwhile, these are the procedures closest to your question:",
}


class _Hit(Protocol):
    title: str
    url: str | None
    level: str | None


class DialogueService:
    """Normalises a message, forwards it to Rasa with its metadata, returns the replies.

    When Rasa is unreachable the user still gets a clear answer, never an error.
    """

    def __init__(
        self,
        rasa: RasaClient,
        *,
        max_chars: int,
        search: "Callable[[str], list[_Hit]] | None" = None,
    ) -> None:
        self._rasa = rasa
        self._max_chars = max_chars
        self._search = search

    async def handle(self, message: IncomingMessage) -> ChatOut:
        text = normalise_text(message.text)
        guess = guess_language(text)
        detected = guess.language
        language: Language = message.language or detected or "vi"
        if not text:
            return _reply(_EMPTY[language], language)
        notices: list[BotMessage] = []
        if len(text) > self._max_chars:
            text = text[: self._max_chars]
            notices.append(BotMessage(text=_TOO_LONG[language].format(limit=self._max_chars)))
        metadata: dict[str, Any] = {
            "channel": message.channel,
            # A language the user picked (widget switch) is a preference; a detected one
            # only applies while the user has none. No signal → the slot is kept.
            "language": message.language or detected,
            "language_is_explicit": message.language is not None,
            # Gibberish, "ok", "visa": not enough to switch a conversation under way.
            "language_is_sure": guess.is_sure,
            "context": message.context,
            "client_ip": message.client_ip,  # per-client limits in actions (dossier lookups)
        }
        try:
            replies = await self._rasa.send(message.sender_id, text, metadata=metadata)
        except RasaUnavailableError as exc:
            log.warning("rasa unavailable (%s): answering in degraded mode", exc.detail)
            return ChatOut(
                messages=[*notices, BotMessage(text=_DEGRADED[language]),
                          *self._search_only(text, language)],
                language=language,
                is_degraded=True,
            )
        # The conversation's language may differ from this message's (a kept
        # preference, or "ok" with no signal): report the one Rasa answered in.
        answered = await self._rasa.slot(message.sender_id, "language")
        if answered in ("vi", "en"):
            language = answered
        return ChatOut(messages=[*notices, *replies], language=language)


    def _search_only(self, text: str, language: Language) -> list[BotMessage]:
        """Without Rasa, a need still gets the closest procedures (titles and links)."""
        if self._search is None or len(text.split()) < 3:
            return []
        try:
            hits = self._search(text)[:3]
        except Exception:
            log.exception("search failed in degraded mode")
            return []
        if not hits:
            return []
        lines = [_SEARCH_ONLY[language]]
        for hit in hits:
            level = f" ({hit.level})" if hit.level else ""
            link = f" – {hit.url}" if hit.url else ""
            lines.append(f"• {hit.title}{level}{link}")
        return [BotMessage(text="\n".join(lines))]


def _reply(text: str, language: Language) -> ChatOut:
    return ChatOut(messages=[BotMessage(text=text)], language=language)
