"""The conversation entry point shared by every channel."""

import asyncio
import logging
import uuid
from collections.abc import Callable
from typing import Any, Protocol

import pybreaker

from assistant.conversations.models import RecordedTurn
from assistant.dialogue.client import RasaClient
from assistant.dialogue.errors import RasaUnavailableError
from assistant.dialogue.models import BotMessage, ChatOut, IncomingMessage, Language
from assistant.dialogue.turn_notes import TurnNotes
from assistant.request_context import current_request_id
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


class _Handovers(Protocol):
    async def intercept(self, message: IncomingMessage) -> ChatOut | None: ...


class DialogueService:
    """Normalises a message, forwards it to Rasa with its metadata, returns the replies.

    When Rasa is unreachable, slow or failing the user still gets a clear answer within
    ``turn_deadline`` seconds, never an error. After ``breaker_failures`` failed turns in
    a row Rasa is not called for ``breaker_reset_seconds`` (answers come at once).
    """

    def __init__(
        self,
        rasa: RasaClient,
        *,
        max_chars: int,
        search: "Callable[[str], list[_Hit]] | None" = None,
        turn_deadline: float = 25.0,
        breaker_failures: int = 5,
        breaker_reset_seconds: float = 30.0,
        recorder: Callable[[list[RecordedTurn]], None] | None = None,
    ) -> None:
        self._rasa = rasa
        self._max_chars = max_chars
        self._search = search
        self._turn_deadline = turn_deadline
        # pybreaker is already the dossier adapter's breaker; a cancelled turn (the
        # caller went away) says nothing about Rasa.
        self.breaker = pybreaker.CircuitBreaker(
            fail_max=breaker_failures, reset_timeout=breaker_reset_seconds,
            exclude=[asyncio.CancelledError], name="rasa",
        )
        self._handovers: _Handovers | None = None
        self._recorder = recorder
        # Turns waiting for the recorder, and the task writing them (one at a time).
        self._unrecorded: list[tuple[RecordedTurn, asyncio.Future[None]]] = []
        self._recording: asyncio.Task[None] | None = None
        # Filled by the action endpoint: spares a tracker read per turn.
        self.turn_notes = TurnNotes()

    def route_handovers(self, handovers: _Handovers) -> None:
        """Messages of a conversation handed to a person go to ``handovers``, not Rasa."""
        self._handovers = handovers

    async def handle(self, message: IncomingMessage) -> ChatOut:
        if self._handovers is not None:
            taken = await self._handovers.intercept(message)
            if taken is not None:
                return taken
        # Rasa reads the text as typed. Restoring its diacritics first (the search's
        # accent model) lowered unaccented intent accuracy on the held-out set (.971 →
        # .950): chat phrases restore wrongly ("chao ban nha" → "chào bán nhà").
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
        turn_id = uuid.uuid4().hex
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
            # Comes back to the actions in the tracker: their logs carry the turn's id.
            "request_id": current_request_id() or None,
            # Names this turn's notes from the actions (see ``TurnNotes``).
            "turn_id": turn_id,
        }
        deadline = asyncio.get_running_loop().time() + self._turn_deadline
        try:
            with self.breaker.calling():
                async with asyncio.timeout_at(deadline):
                    replies = await self._rasa.send(message.sender_id, text, metadata=metadata)
        except (RasaUnavailableError, TimeoutError, pybreaker.CircuitBreakerError) as exc:
            detail = getattr(exc, "detail", None) or type(exc).__name__
            log.warning("rasa unavailable (%s): answering in degraded mode", detail)
            out = ChatOut(
                messages=[*notices, BotMessage(text=_DEGRADED[language]),
                          *await self._search_only(text, language)],
                language=language,
                is_degraded=True,
            )
            self.turn_notes.take(message.sender_id, turn_id)
            await self._record(message, text, out, latest={})
            return out
        # The conversation's language may differ from this message's (a kept
        # preference, or "ok" with no signal): report the one Rasa answered in.
        answered, latest = await self._turn_state(message.sender_id, turn_id, deadline)
        if answered in ("vi", "en"):
            language = answered
        out = ChatOut(messages=[*notices, *replies], language=language)
        await self._record(message, text, out, latest=latest)
        return out

    async def _turn_state(
        self, sender_id: str, turn_id: str, deadline: float
    ) -> tuple[Any, dict[str, Any]]:
        """The language slot and the latest message (``intent``) at the end of the turn:
        as the turn's custom actions left them, else read from Rasa's tracker."""
        note = self.turn_notes.take(sender_id, turn_id)
        if note is not None:
            return note.language, {"intent": note.intent}
        state: dict[str, Any] = {}
        try:
            async with asyncio.timeout_at(deadline):
                state = await self._rasa.tracker_state(sender_id)
        except TimeoutError:
            log.warning("rasa tracker read missed the turn deadline")
        return (state.get("slots") or {}).get("language"), state.get("latest_message") or {}

    async def _record(
        self, message: IncomingMessage, text: str, out: ChatOut, *, latest: dict[str, Any]
    ) -> None:
        """Keep the turn for staff (masked by the recorder); never fails the turn."""
        if self._recorder is None:
            return
        intent = latest.get("intent") or {}
        name = intent.get("name") if isinstance(intent, dict) else None
        confidence = intent.get("confidence") if isinstance(intent, dict) else None
        turn = RecordedTurn(
            channel=message.channel, sender_id=message.sender_id, language=out.language,
            user_text=text, intent=name, confidence=confidence,
            is_fallback=name == "nlu_fallback",
            replies=[
                m.text + "".join(f"\n[{b.title}]" for b in m.buttons) for m in out.messages
            ],
        )
        done = asyncio.get_running_loop().create_future()
        self._unrecorded.append((turn, done))
        if self._recording is None or self._recording.done():
            self._recording = asyncio.create_task(self._write_unrecorded())
        # Shielded: a caller that goes away does not cancel the other turns' write.
        await asyncio.shield(done)

    async def _write_unrecorded(self) -> None:
        """Hand the waiting turns to the recorder together, in a thread, until none wait:
        turns that finish while a write runs share the next one (one commit for all of
        them; measured: a commit per turn was 29 % of the gateway's CPU at 16
        conversations)."""
        while self._unrecorded and self._recorder is not None:
            batch, self._unrecorded = self._unrecorded, []
            try:
                await asyncio.to_thread(self._recorder, [turn for turn, _ in batch])
            except Exception:  # the user's answer matters more than the staff's record
                log.exception("could not record %d turn(s) for staff", len(batch))
            for _, done in batch:
                if not done.done():
                    done.set_result(None)

    async def _search_only(self, text: str, language: Language) -> list[BotMessage]:
        """Without Rasa, a need still gets the closest procedures (titles and links);
        the search runs in a thread so other conversations go on meanwhile."""
        if self._search is None or len(text.split()) < 3:
            return []
        try:
            hits = (await asyncio.to_thread(self._search, text))[:3]
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
