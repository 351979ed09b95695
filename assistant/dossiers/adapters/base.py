"""The one interface every dossier source implements."""

from typing import Protocol

from assistant.dossiers.models import Dossier

__all__ = ["DossierSource"]


class DossierSource(Protocol):
    name: str

    async def fetch(self, code: str) -> Dossier | None:
        """The dossier with the normalised ``code``, None when there is none; raises
        ``DossierSourceUnavailableError`` when the source cannot answer now."""
        ...

    async def aclose(self) -> None: ...
