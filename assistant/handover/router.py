"""The staff API of handovers (``/api/staff/handovers…``) and the public updates poll
(``GET /api/chat/updates``)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from assistant.deps import from_services
from assistant.dialogue.senders import API_SENDER_PATTERN, api_conversation_id
from assistant.handover.errors import StaffNameRequiredError
from assistant.handover.models import (
    HandoverDetailOut,
    HandoverListOut,
    HandoverOut,
    HandoverStatus,
    StaffActionIn,
    StaffMessageIn,
    TransferIn,
    TurnOut,
    UpdateOut,
    UpdatesOut,
)
from assistant.handover.service import HandoverService
from assistant.handover.store import Handover
from assistant.logs import mask_personal_data
from assistant.staff.auth import StaffDep

__all__ = ["router", "staff_name", "updates_router"]

router = APIRouter(prefix="/api/staff/handovers", tags=["staff", "handover"])
updates_router = APIRouter(tags=["chat"])


HandoverDep = Annotated[HandoverService, Depends(from_services("handover"))]


def staff_name(principal: Any, given: str | None) -> str:
    """Who acts: the signed-in staff member; with a machine credential the ``staff``
    field names the officer (an API token's own name when it names nobody; the shared
    development token names nobody at all)."""
    name = getattr(principal, "name", None)
    kind = getattr(principal, "kind", None)
    if kind == "session" and isinstance(name, str) and name:
        return name[:64]
    if given:
        return given
    if kind == "token" and isinstance(name, str) and name:
        return name[:64]
    raise StaffNameRequiredError()


@router.get("", response_model=HandoverListOut)
async def list_handovers(
    _: StaffDep, handovers: HandoverDep, status: HandoverStatus | None = None
) -> HandoverListOut:
    """Handovers with ``status`` (all when absent): the waiting queue oldest first."""
    return HandoverListOut(items=[_out(h) for h in await handovers.with_status(status)])


@router.get("/{handover_id}", response_model=HandoverDetailOut)
async def get_handover(handover_id: int, _: StaffDep, handovers: HandoverDep) -> HandoverDetailOut:
    handover, turns = await handovers.get(handover_id)
    return HandoverDetailOut(
        **_out(handover).model_dump(exclude={"contact"}), contact=handover.contact,
        close_reason=handover.close_reason, closed_at=handover.closed_at,
        transcript=[TurnOut(who=t.who, at=t.at, text=t.text, staff=t.staff)  # type: ignore[arg-type]
                    for t in turns],
    )


@router.post("/{handover_id}/claim", response_model=HandoverOut)
async def claim(handover_id: int, body: StaffActionIn, principal: StaffDep,
                handovers: HandoverDep) -> HandoverOut:
    """Take a waiting handover (or a left message); a second claim gets 409."""
    return _out(await handovers.claim(handover_id, staff_name(principal, body.staff)))


@router.post("/{handover_id}/messages", response_model=HandoverOut)
async def send_message(handover_id: int, body: StaffMessageIn, principal: StaffDep,
                       handovers: HandoverDep) -> HandoverOut:
    """Answer the citizen on their channel."""
    staff = staff_name(principal, body.staff)
    return _out(await handovers.reply(handover_id, staff, body.text.strip()))


@router.post("/{handover_id}/close", response_model=HandoverOut)
async def close(handover_id: int, body: StaffActionIn, principal: StaffDep,
                handovers: HandoverDep) -> HandoverOut:
    """End the handover; the bot answers again and asks for a rating."""
    return _out(await handovers.close(handover_id, staff_name(principal, body.staff)))


@router.post("/{handover_id}/hand-back", response_model=HandoverOut)
async def hand_back(handover_id: int, body: StaffActionIn, principal: StaffDep,
                    handovers: HandoverDep) -> HandoverOut:
    """Give the conversation back to the bot (no rating asked)."""
    staff = staff_name(principal, body.staff)
    return _out(await handovers.close(handover_id, staff, is_hand_back=True))


@router.post("/{handover_id}/transfer", response_model=HandoverOut)
async def transfer(handover_id: int, body: TransferIn, principal: StaffDep,
                   handovers: HandoverDep) -> HandoverOut:
    """Pass an active handover to a colleague."""
    staff = staff_name(principal, body.staff)
    return _out(await handovers.transfer(handover_id, staff, body.to.strip()))


@updates_router.get("/api/chat/updates", response_model=UpdatesOut, response_model_by_alias=True)
async def chat_updates(
    handovers: HandoverDep,
    sender_id: Annotated[
        str, Query(min_length=1, max_length=120, pattern=API_SENDER_PATTERN)
    ],
) -> UpdatesOut:
    """Messages for this chat not fetched before (staff replies, the bot after a
    handover); an unknown chat gets none. Only web/API conversations can be polled:
    a channel's own ids (``telegram:…``) are refused like on ``/api/chat``."""
    return UpdatesOut(messages=[
        UpdateOut(text=u.text, author=u.author, at=u.at, buttons=u.buttons)  # type: ignore[arg-type]
        for u in await handovers.updates(api_conversation_id(sender_id))
    ])


def _out(handover: Handover) -> HandoverOut:
    return HandoverOut(
        id=handover.id, sender_id=handover.sender_id, channel=handover.channel,
        status=handover.status, language=handover.language,  # type: ignore[arg-type]
        created_at=handover.created_at, claimed_by=handover.claimed_by,
        preview=mask_personal_data(handover.preview),
        contact=mask_personal_data(handover.contact) if handover.contact else None,
    )
