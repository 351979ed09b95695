"""``POST /api/staff/parse``: what the assistant understands of a sentence."""

from typing import Annotated

from fastapi import APIRouter, Depends

from assistant.deps import SearchDep, from_services
from assistant.staff.auth import StaffDep
from assistant.staff.models import ParseIn, ParseOut
from assistant.staff.tester import IntentTesterService

__all__ = ["TesterDep", "router"]

router = APIRouter(prefix="/api/staff", tags=["staff"])


TesterDep = Annotated[IntentTesterService, Depends(from_services("tester"))]


@router.post("/parse", response_model=ParseOut)
async def parse(body: ParseIn, _: StaffDep, __: SearchDep, tester: TesterDep) -> ParseOut:
    """Intent, ranking and entities from Rasa's NLU, the detected language and the top
    five procedures search finds for the same text (503 until search is loaded)."""
    return await tester.parse(body.text)
