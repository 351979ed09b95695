"""The dossier service as a FastAPI dependency, from the app-scoped container."""

from typing import Annotated

from fastapi import Depends, Request

from assistant.client_address import client_address
from assistant.dossiers.models import Requester
from assistant.dossiers.service import DossierService

__all__ = ["DossiersDep", "requester_of"]


def _dossiers(request: Request) -> DossierService:
    service: DossierService = request.app.state.services.dossiers
    return service


def requester_of(request: Request, *, channel: str, sender_id: str | None) -> Requester:
    """The caller as rate limits and the audit see it (behind a reverse proxy, list it
    in ``ASSISTANT_SERVER__TRUSTED_PROXIES``)."""
    trusted = request.app.state.services.settings.server.trusted_proxies
    client = client_address(request, trusted_proxies=trusted)
    return Requester(channel=channel, sender_id=sender_id, client_ip=client)


DossiersDep = Annotated[DossierService, Depends(_dossiers)]
