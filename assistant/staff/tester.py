"""The intent tester: what the running model makes of a message, the reply the
assistant would give to it, and the procedures search finds for it."""

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from assistant.dialogue.client import RasaClient
from assistant.dialogue.errors import RasaUnavailableError
from assistant.search import SearchHit, SearchHitOut
from assistant.staff.models import ParsedIntent, ParseOut
from assistant.text import detect_language, normalise_text

__all__ = ["MAX_LINES", "IntentTesterService", "TesterRow"]

MAX_LINES = 50  # one pasted batch; a labelled set belongs on the regression page
_PARALLEL = 4  # messages in flight at once: keeps Rasa responsive for citizens


class TesterRow(BaseModel):
    parsed: ParseOut
    reply: list[str]  # the assistant's messages, or empty when Rasa did not answer
    is_low_confidence: bool
    error: str | None = None


class IntentTesterService:
    def __init__(
        self,
        rasa: RasaClient,
        *,
        search: Callable[[str, int], list[SearchHit]] | None,
        low_confidence: float,
    ) -> None:
        self._rasa = rasa
        self._search = search
        self.low_confidence = low_confidence

    async def parse(self, text: str) -> ParseOut:
        """Intent, ranking and entities from Rasa's NLU, the detected language and the
        top five procedures search finds for the same text."""
        text = normalise_text(text)
        parsed = await self._rasa.parse(text)
        intent = parsed.get("intent") or {}
        hits = await asyncio.to_thread(self._search, text, 5) if self._search else []
        return ParseOut(
            text=text,
            intent=ParsedIntent(name=intent.get("name"), confidence=intent.get("confidence", 0.0)),
            intent_ranking=[
                ParsedIntent(name=r.get("name"), confidence=r.get("confidence", 0.0))
                for r in parsed.get("intent_ranking") or []
            ],
            entities=[
                {k: e.get(k) for k in ("entity", "value", "start", "end", "extractor")}
                for e in parsed.get("entities") or []
            ],
            language=detect_language(text),
            search=[SearchHitOut.of(h) for h in hits],
        )

    async def test_lines(self, lines: list[str]) -> list[TesterRow]:
        """Each non-empty line (at most ``MAX_LINES``) parsed and answered in a fresh
        conversation of its own, so one line's context never colours another's."""
        texts = [line.strip() for line in lines if line.strip()][:MAX_LINES]
        gate = asyncio.Semaphore(_PARALLEL)

        async def one(text: str) -> TesterRow:
            async with gate:
                return await self._test(text)

        return list(await asyncio.gather(*(one(text) for text in texts)))

    async def _test(self, text: str) -> TesterRow:
        parsed = await self.parse(text)
        sender = f"staff-tester-{uuid.uuid4().hex[:12]}"
        metadata: dict[str, Any] = {"channel": "staff-tester", "language": parsed.language,
                    "language_is_explicit": False, "context": {}, "client_ip": None}
        try:
            replies = await self._rasa.send(sender, parsed.text, metadata=metadata)
        except RasaUnavailableError as exc:
            return TesterRow(parsed=parsed, reply=[], is_low_confidence=True,
                             error=exc.detail)
        reply = [
            message.text + "".join(f"\n[{b.title}]" for b in message.buttons)
            for message in replies
        ]
        is_low = parsed.intent.confidence < self.low_confidence or parsed.intent.name in (
            None, "nlu_fallback")
        return TesterRow(parsed=parsed, reply=reply, is_low_confidence=is_low)
