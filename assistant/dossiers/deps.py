"""The dossier service as a FastAPI dependency, from the app-scoped container."""

from typing import Annotated

from fastapi import Depends, Request

from assistant.dossiers.models import Requester
from assistant.dossiers.service import DossierService

__all__ = ["DossiersDep", "requester_of"]


def _dossiers(request: Request) -> DossierService:
    service: DossierService = request.app.state.services.dossiers
    return service


def requester_of(request: Request, *, channel: str, sender_id: str | None) -> Requester:
    """The caller as rate limits and the audit see it (the address is the socket's
    peer: behind a proxy, run uvicorn with ``--proxy-headers``)."""
    client = request.client.host if request.client else None
    return Requester(channel=channel, sender_id=sender_id, client_ip=client)


DossiersDep = Annotated[DossierService, Depends(_dossiers)]
