"""The public dossier API: ``GET /api/dossiers/{code}`` (same privacy rules and limits
as the conversation), the widget's notification poll and its way to stop them."""

from typing import Annotated

from fastapi import APIRouter, Header, Query

from assistant.deps import ClientAddressDep
from assistant.dialogue.senders import API_SENDER_PATTERN, api_conversation_id
from assistant.dossiers.deps import DossiersDep, requester_of
from assistant.dossiers.models import (
    DossierPublicOut,
    DossierVerifiedOut,
    NotificationOut,
    UnsubscribeOut,
)

__all__ = ["router"]

router = APIRouter(prefix="/api/dossiers", tags=["dossiers"])

_SENDER = API_SENDER_PATTERN  # no ":": channel ids are refused


@router.get("/notifications", response_model=list[NotificationOut])
async def take_notifications(
    dossiers: DossiersDep,
    sender_id: Annotated[str, Query(min_length=1, max_length=120, pattern=_SENDER)],
) -> list[NotificationOut]:
    """Status changes of the dossiers this widget conversation follows, each returned
    once (the widget polls while it is open)."""
    return await dossiers.take_notifications(api_conversation_id(sender_id))


@router.delete("/subscriptions", response_model=UnsubscribeOut)
async def unsubscribe(
    dossiers: DossiersDep,
    sender_id: Annotated[str, Query(min_length=1, max_length=120, pattern=_SENDER)],
    code: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
) -> UnsubscribeOut:
    """Stop the status-change notifications of this widget conversation: for ``code``
    only, or for every dossier it follows. Telegram and Zalo chats are not touched
    (they send ``/stop`` themselves). 422 ``invalid_dossier_code`` for a malformed code."""
    return UnsubscribeOut(removed=await dossiers.unsubscribe(
        api_conversation_id(sender_id), raw_code=code
    ))


@router.get("/{code}", response_model=DossierVerifiedOut | DossierPublicOut)
async def get_dossier(
    code: str,
    client: ClientAddressDep,
    dossiers: DossiersDep,
    sender_id: Annotated[
        str | None, Query(min_length=1, max_length=120, pattern=_SENDER)
    ] = None,
    phone_last4: Annotated[
        str | None, Header(alias="X-Phone-Last4", pattern=r"^\d{4}$")
    ] = None,
) -> DossierPublicOut | DossierVerifiedOut:
    """A dossier's status from its receipt code (any common spelling). With the header
    ``X-Phone-Last4`` (last 4 digits of the phone on file) the applicant's masked name
    and the full history are added. 422 ``invalid_dossier_code`` for a malformed code,
    404 ``dossier_not_found``, 403 ``verification_failed``, 429 ``too_many_lookups``,
    503 ``dossier_source_unavailable``."""
    requester = requester_of(
        client, channel="api", sender_id=sender_id and api_conversation_id(sender_id)
    )
    return await dossiers.lookup(code[:100], requester, phone_last4=phone_last4)
