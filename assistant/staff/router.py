"""``POST /api/staff/parse``: what the assistant understands of a sentence."""

import asyncio

from fastapi import APIRouter

from assistant.deps import RasaDep, SearchDep
from assistant.staff.auth import StaffDep
from assistant.staff.models import ParsedIntent, ParseIn, ParseOut, SearchHitOut
from assistant.text import detect_language, normalise_text

__all__ = ["router"]

router = APIRouter(prefix="/api/staff", tags=["staff"])


@router.post("/parse", response_model=ParseOut)
async def parse(body: ParseIn, _: StaffDep, rasa: RasaDep, search: SearchDep) -> ParseOut:
    """Intent, ranking and entities from Rasa's NLU, the detected language and the top
    five procedures search finds for the same text."""
    text = normalise_text(body.text)
    parsed = await rasa.parse(text)
    intent = parsed.get("intent") or {}
    hits = await asyncio.to_thread(search.search, text, k=5)
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
        search=[
            SearchHitOut(code=h.code, title=h.title, score=h.score, level=h.level) for h in hits
        ],
    )
