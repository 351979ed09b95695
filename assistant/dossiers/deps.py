"""The dossier service as a FastAPI dependency, from the app-scoped container."""

from typing import Annotated

from fastapi import Depends

from assistant.deps import from_services
from assistant.dossiers.models import Requester
from assistant.dossiers.service import DossierService

__all__ = ["DossiersDep", "requester_of"]


def requester_of(client_ip: str | None, *, channel: str, sender_id: str | None) -> Requester:
    """The caller as rate limits and the audit see it (``client_ip`` from
    ``assistant.deps.ClientAddressDep``)."""
    return Requester(channel=channel, sender_id=sender_id, client_ip=client_ip)


DossiersDep = Annotated[DossierService, Depends(from_services("dossiers"))]
