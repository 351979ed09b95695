"""FastAPI dependencies as ``Annotated`` aliases, so a route's signature shows what it needs.

Everything comes from the app-scoped container that the lifespan puts on
``app.state.services``; nothing here is global.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request

from assistant.client_address import client_address
from assistant.errors import NotReadyError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.catalogue.service import CatalogueService
    from assistant.container import Services
    from assistant.dialogue.client import RasaClient
    from assistant.search import SearchService

__all__ = [
    "CatalogueDep",
    "ClientAddressDep",
    "RasaDep",
    "SearchDep",
    "ServicesDep",
    "SettingsDep",
    "from_services",
]


def get_services(request: Request) -> "Services":
    services: Services = request.app.state.services
    return services


def from_services(name: str) -> Callable[[Request], Any]:
    """A dependency giving the container's ``name`` service (a capability declares its
    own ``Annotated`` alias with the service's type)."""

    def _service(request: Request) -> Any:
        return getattr(get_services(request), name)

    return _service


def _settings(request: Request) -> Settings:
    return get_services(request).settings


def _client_address(request: Request) -> str | None:
    """The caller's address as limits and the audit see it (behind a reverse proxy, list
    it in ``ASSISTANT_SERVER__TRUSTED_PROXIES``)."""
    trusted = get_services(request).settings.server.trusted_proxies
    return client_address(request, trusted_proxies=trusted)


def _catalogue(request: Request) -> "CatalogueService":
    return get_services(request).catalogue


def _search(request: Request) -> "SearchService":
    search = get_services(request).search
    if search is None:
        raise NotReadyError(
            "Chức năng tìm kiếm đang khởi động, vui lòng thử lại sau ít phút.",
            "Search is still starting up; please try again in a few minutes.",
        )
    return search


def _rasa(request: Request) -> "RasaClient":
    return get_services(request).rasa


ServicesDep = Annotated["Services", Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(_settings)]
ClientAddressDep = Annotated[str | None, Depends(_client_address)]
CatalogueDep = Annotated["CatalogueService", Depends(_catalogue)]
SearchDep = Annotated["SearchService", Depends(_search)]
RasaDep = Annotated["RasaClient", Depends(_rasa)]
